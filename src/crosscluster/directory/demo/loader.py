"""Write the demo data into the database in one transaction, and remove it again."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import ProtectedError

from crosscluster.accounts import audit
from crosscluster.b2b import demo as b2b_demo
from crosscluster.directory.models import Cluster, IndustryCode, Membership, Organisation, Person, Topic
from crosscluster.events import demo as events_demo
from crosscluster.marketplace import demo as marketplace_demo
from crosscluster.talent import demo as talent_demo

from . import DEMO_PASSWORD
from .clusters import CLUSTERS
from .generator import SHOWCASE_SLUG, generate
from .topics import CROSS_CLUSTER_THEMES, INDUSTRY_TOPICS

MANAGED_CLUSTER_SLUG = "hamburg-aviation"


@dataclass(frozen=True)
class DemoUser:
    role: str
    email: str
    first_name: str
    last_name: str


DEMO_USERS = [
    DemoUser("Platform coordinator", "koordination@demo.crosscluster.invalid", "Katrin", "Vogt"),
    DemoUser("Cluster manager (Hamburg Aviation)", "clustermanagement@demo.crosscluster.invalid", "Jonas", "Petersen"),
    DemoUser("Member representative (Elbflug Avionik GmbH)", "mitglied@demo.crosscluster.invalid", "", ""),
    DemoUser("Individual", "teilnahme@demo.crosscluster.invalid", "Mira", "Hansen"),
]
COORDINATOR, MANAGER, REPRESENTATIVE, INDIVIDUAL = DEMO_USERS


def is_loaded() -> bool:
    return Organisation.objects.filter(is_demo=True).exists()


def _topic_entries():
    """(slug, parent slug, is_cross_cluster, name_de, name_en, description_de, description_en), parents first."""
    for themes, cross in ((CROSS_CLUSTER_THEMES, True), (INDUSTRY_TOPICS, False)):
        for slug, name_de, name_en, desc_de, desc_en, children in themes:
            yield slug, None, cross, name_de, name_en, desc_de, desc_en
            for child_slug, child_de, child_en, child_desc_de, child_desc_en in children:
                yield child_slug, slug, cross, child_de, child_en, child_desc_de, child_desc_en


def _load_topics() -> dict[str, Topic]:
    """Reuse topics that already exist by slug; create the others."""
    topics = {t.slug: t for t in Topic.objects.all()}
    for slug, parent, cross, name_de, name_en, desc_de, desc_en in _topic_entries():
        if slug in topics:
            continue
        topics[slug] = Topic.objects.create(
            slug=slug,
            name_de=name_de,
            name_en=name_en,
            description_de=desc_de,
            description_en=desc_en,
            parent=topics[parent] if parent else None,
            is_cross_cluster=cross,
        )
    return topics


def _load_clusters(topics) -> dict[str, Cluster]:
    """Reuse clusters that already exist by slug (a real installation may have them); create the others."""
    clusters = {c.slug: c for c in Cluster.objects.filter(slug__in=[c["slug"] for c in CLUSTERS])}
    for data in CLUSTERS:
        if data["slug"] in clusters:
            continue
        cluster = Cluster.objects.create(
            slug=data["slug"],
            name=data["name"],
            short_name=data["short_name"],
            kind=data["kind"],
            website=data["website"],
            founded=data["founded"],
            city="Hamburg",
            description_de=data["description_de"],
            description_en=data["description_en"],
            is_demo=True,
        )
        cluster.topics.set([topics[slug] for slug in data["topics"]])
        clusters[cluster.slug] = cluster
    return clusters


def _load_users(person_for_representative) -> dict[str, object]:
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)  # hashing once keeps the load fast
    users = {}
    for demo_user in DEMO_USERS:
        first, last = demo_user.first_name, demo_user.last_name
        if demo_user is REPRESENTATIVE:
            first, last = person_for_representative.first_name, person_for_representative.last_name
        user, _created = User.objects.get_or_create(
            email=demo_user.email,
            defaults={"first_name": first, "last_name": last, "password": password, "language": "de"},
        )
        users[demo_user.email] = user
    coordinator = users[COORDINATOR.email]
    coordinator.is_coordinator = coordinator.is_staff = coordinator.is_superuser = True
    coordinator.save(update_fields=["is_coordinator", "is_staff", "is_superuser"])
    return users


@transaction.atomic
def load() -> dict[str, int]:
    """Load the demo data; returns what was created. The caller checks ``is_loaded()`` first."""
    topic_count = Topic.objects.count()
    cluster_count = Cluster.objects.count()
    topics = _load_topics()
    clusters = _load_clusters(topics)
    valid_codes = set(IndustryCode.objects.filter(level__in=(4, 5)).values_list("code", flat=True))
    specs = generate()

    organisations = []
    for spec in specs:
        organisation = Organisation(
            slug=spec.slug,
            name=spec.name,
            legal_form=spec.legal_form,
            employees=spec.employees,
            founded=spec.founded,
            street=spec.street,
            postcode=spec.postcode,
            city="Hamburg",
            district=spec.district,
            latitude=spec.latitude,
            longitude=spec.longitude,
            website=spec.website,
            email=spec.email,
            description_de=spec.description_de,
            description_en=spec.description_en,
            is_demo=True,
        )
        organisation.save()  # save() keeps size_class and search_document; 300 saves take well under a second
        organisations.append(organisation)

    industry_links, topic_links, memberships, people = [], [], [], []
    IndustryLink = Organisation.industries.through
    TopicLink = Organisation.topics.through
    for spec, organisation in zip(specs, organisations, strict=True):
        industry_links += [
            IndustryLink(organisation_id=organisation.pk, industrycode_id=code)
            for code in spec.industry_codes
            if code in valid_codes
        ]
        topic_links += [TopicLink(organisation_id=organisation.pk, topic_id=topics[slug].pk) for slug in spec.topics]
        memberships += [
            Membership(
                organisation=organisation,
                cluster=clusters[m.cluster],
                role=m.role,
                status=m.status,
                since=m.since,
                until=m.until,
                message=m.message,
            )
            for m in spec.memberships
        ]
        people += [
            Person(
                first_name=p.first_name,
                last_name=p.last_name,
                title=p.title,
                position=p.position,
                organisation=organisation,
                email=p.email,
                listing_consent=p.listing_consent,
                consent_given=p.consent_given,
                is_demo=True,
            )
            for p in spec.people
        ]
    IndustryLink.objects.bulk_create(industry_links)
    TopicLink.objects.bulk_create(topic_links)
    Membership.objects.bulk_create(memberships)
    Person.objects.bulk_create(people)

    showcase = next(o for o in organisations if o.slug == SHOWCASE_SLUG)
    representative_person = Person.objects.filter(organisation=showcase).order_by("pk").first()
    users = _load_users(representative_person)
    clusters[MANAGED_CLUSTER_SLUG].managers.add(users[MANAGER.email])
    showcase.representatives.add(users[REPRESENTATIVE.email])
    representative_person.user = users[REPRESENTATIVE.email]
    representative_person.save(update_fields=["user"])

    created = {
        "topics": Topic.objects.count() - topic_count,
        "clusters": Cluster.objects.count() - cluster_count,
        "organisations": len(organisations),
        "memberships": len(memberships),
        "people": len(people),
        "users": len(users),
    }
    created["events"] = events_demo.load()
    created["talent"] = talent_demo.load()
    created["matchmaking_meetings"] = b2b_demo.load()
    created["marketplace_posts"] = marketplace_demo.load()
    audit.log("demo.loaded", actor=None, **created)
    return created


@transaction.atomic
def remove() -> None:
    """Delete the demo data: demo organisations, people, clusters and users, and unused demo topics."""
    events_demo.remove()
    talent_demo.remove()
    Person.objects.filter(is_demo=True).delete()
    Organisation.objects.filter(is_demo=True).delete()
    Cluster.objects.filter(is_demo=True).delete()
    get_user_model().objects.filter(email__in=[u.email for u in DEMO_USERS]).delete()
    entries = list(_topic_entries())
    for slug, *_rest in reversed(entries):  # children before parents
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None or topic.organisations.exists() or topic.clusters.exists() or topic.people.exists():
            continue
        try:
            topic.delete()
        except ProtectedError:  # a topic someone else created hangs below it
            continue
