"""The demo data: Hamburg's clusters and networks, invented organisations, one login per role.

The demo is loaded once for this module (outside the per-test transactions) and removed afterwards.
"""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.test import override_settings

from crosscluster.accounts.models import AuditLogEntry, User
from crosscluster.directory.demo import DEMO_PASSWORD, loader
from crosscluster.directory.demo.generator import generate
from crosscluster.directory.demo.places import DISTRICTS
from crosscluster.directory.models import Cluster, IndustryCode, Membership, Organisation, Person, Topic

MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HAMBURG_CLUSTERS = {
    "Hamburg Aviation",
    "Maritimes Cluster Norddeutschland",
    "Logistik-Initiative Hamburg",
    "Life Science Nord",
    "Gesundheitswirtschaft Hamburg",
    "nextMedia.Hamburg",
    "Hamburg Kreativ Gesellschaft",
    "Erneuerbare Energien Hamburg",
}
HAMBURG_NETWORKS = {"Hamburg@Work", "foodactive", "Finanzplatz Hamburg", "Hamburg Cruise Net"}


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=MD5):
        last = AuditLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        call_command("load_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        loader.remove()
        AuditLogEntry.objects.filter(pk__gt=last).delete()  # every entry the demo wrote


@pytest.fixture
def demo(demo_data, db):
    return None


def active_cluster_count():
    return Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE))


def test_demo_has_hamburgs_eight_clusters_and_four_networks(demo):
    clusters = Cluster.objects.filter(is_demo=True)
    assert set(clusters.filter(kind=Cluster.Kind.CLUSTER).values_list("name", flat=True)) == HAMBURG_CLUSTERS
    assert set(clusters.filter(kind=Cluster.Kind.NETWORK).values_list("name", flat=True)) == HAMBURG_NETWORKS
    for cluster in clusters:
        assert cluster.short_name and cluster.website.startswith("https://")
        assert 3 <= cluster.description_de.count(". ") + 1 <= 6, cluster.name
        assert 3 <= cluster.description_en.count(". ") + 1 <= 6, cluster.name
        assert cluster.description_de != cluster.description_en
        assert cluster.topics.exists()


def test_demo_topics_form_a_hierarchy_with_cross_cluster_themes(demo):
    themes = Topic.objects.filter(is_cross_cluster=True, parent=None)
    assert set(themes.values_list("name_en", flat=True)) == {
        "Drones and urban air mobility",
        "Hydrogen",
        "Digitalisation",
        "Resilience",
        "Societal engagement",
        "Skilled workers",
    }
    for theme in themes:
        assert 2 <= theme.children.count() <= 4
        assert theme.name_de and theme.description_de and theme.description_en
    assert Topic.objects.filter(slug="artificial-intelligence", parent__slug="digitalisation").exists()
    assert Topic.objects.filter(slug="staff-partnership", parent__slug="skilled-workers").exists()
    assert Topic.objects.filter(is_cross_cluster=False, slug__in=["aviation", "logistics", "finance"]).count() == 3


def test_demo_organisations_are_invented_and_flagged(demo):
    organisations = Organisation.objects.all()
    assert organisations.count() >= 280
    assert not organisations.filter(is_demo=False).exists()
    for organisation in organisations:
        assert "Demo-Daten" in organisation.description_de, organisation.name
        assert "Demo data" in organisation.description_en, organisation.name
        assert organisation.website.endswith((".example", ".example.org")), organisation.website
        assert organisation.email.split("@")[1] in organisation.website
        assert organisation.size_class and organisation.legal_form and organisation.founded
        assert organisation.search_document
    assert not Person.objects.filter(is_demo=False).exists()
    assert organisations.filter(legal_form=Organisation.LegalForm.UNIVERSITY).exists()
    assert organisations.filter(legal_form=Organisation.LegalForm.EV).exists()


def test_demo_organisations_are_mostly_small(demo):
    sizes = dict(Organisation.objects.order_by().values_list("size_class").annotate(n=Count("pk")))
    assert sizes["micro"] + sizes["small"] > sizes["medium"] > sizes["large"] > 0


def test_demo_addresses_lie_in_real_hamburg_districts(demo):
    for organisation in Organisation.objects.all():
        _borough, postcodes, lat, lon, _streets = DISTRICTS[organisation.district]
        assert organisation.postcode in postcodes, organisation.name
        assert abs(float(organisation.latitude) - lat) < 0.01
        assert abs(float(organisation.longitude) - lon) < 0.01


def test_demo_industry_codes_are_valid_wz_classes(demo):
    linked = IndustryCode.objects.filter(organisations__isnull=False).distinct()
    assert linked.exists()
    assert set(linked.values_list("level", flat=True)) <= {4, 5}
    assert not Organisation.objects.filter(industries__isnull=True).exists()
    codes_in_data = {code for spec in generate() for code in spec.industry_codes}
    assert codes_in_data == set(linked.values_list("code", flat=True))


def test_demo_every_organisation_has_an_active_membership(demo):
    assert not Organisation.objects.annotate(active=active_cluster_count()).filter(active=0).exists()


def test_demo_organisations_belong_to_several_clusters(demo):
    total = Organisation.objects.count()
    several = Organisation.objects.annotate(active=active_cluster_count()).filter(active__gte=2).count()
    assert 0.15 * total <= several <= 0.4 * total
    statuses = set(Membership.objects.values_list("status", flat=True))
    assert {"active", "requested", "invited", "ended"} <= statuses
    roles = set(Membership.objects.values_list("role", flat=True))
    assert {"member", "founding_member", "board", "partner"} <= roles
    years = Membership.objects.exclude(since=None).values_list("since__year", flat=True)
    assert min(years) >= 2005 and max(years) <= 2025


def test_demo_people_with_and_without_consent(demo):
    people = Person.objects.all()
    assert people.count() >= Organisation.objects.count()
    listed = people.filter(listing_consent=True).count()
    assert 0.6 < listed / people.count() < 0.8
    assert not people.filter(listing_consent=True, consent_given=None).exists()
    assert not people.filter(listing_consent=False).exclude(consent_given=None).exists()
    for person in people[:50]:
        assert person.email.split("@")[1] in person.organisation.website


def test_demo_profile_page_hides_people_without_consent(demo, client):
    organisation = (
        Organisation.objects.filter(people__listing_consent=True)
        .filter(people__listing_consent=False)
        .distinct()
        .first()
    )
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    for person in organisation.people.all():
        assert (person.last_name in response.text) == person.listing_consent, person


def test_demo_users_have_one_role_each(demo):
    coordinator = User.objects.get(email=loader.COORDINATOR.email)
    assert coordinator.is_coordinator and coordinator.is_staff and coordinator.is_superuser

    manager = User.objects.get(email=loader.MANAGER.email)
    assert list(manager.managed_clusters.values_list("name", flat=True)) == ["Hamburg Aviation"]
    assert not manager.is_coordinator and not manager.represented_organisations.exists()

    representative = User.objects.get(email=loader.REPRESENTATIVE.email)
    (organisation,) = representative.represented_organisations.all()
    active = set(organisation.memberships.active().values_list("cluster__name", flat=True))
    assert "Hamburg Aviation" in active and len(active) >= 2
    assert representative.person.organisation == organisation
    assert representative.get_full_name() == f"{representative.person.first_name} {representative.person.last_name}"

    individual = User.objects.get(email=loader.INDIVIDUAL.email)
    assert not individual.is_coordinator and not individual.is_staff
    assert not individual.managed_clusters.exists() and not individual.represented_organisations.exists()

    for email in (coordinator.email, manager.email, representative.email, individual.email):
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)


def test_demo_coordinator_can_open_the_admin(demo, client):
    client.force_login(User.objects.get(email=loader.COORDINATOR.email))
    assert client.get("/admin/directory/organisation/").status_code == 200


def test_demo_search_finds_organisations_by_theme(demo, client):
    response = client.get("/organisations/", {"q": "Wasserstoff"})
    assert response.status_code == 200
    assert "Elbflug Avionik GmbH" in response.text


def test_load_demo_twice_creates_nothing_new(demo):
    before = [Model.objects.count() for Model in (Cluster, Topic, Organisation, Membership, Person, User)]
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert [Model.objects.count() for Model in (Cluster, Topic, Organisation, Membership, Person, User)] == before


def test_load_demo_is_deterministic(demo, settings):
    settings.PASSWORD_HASHERS = MD5
    first = list(Organisation.objects.order_by("slug").values_list("slug", "name", "employees", "district"))
    assert [spec.name for spec in generate()] == [spec.name for spec in generate()]
    out = io.StringIO()
    call_command("load_demo", reset=True, stdout=out)
    assert "Loaded demo data" in out.getvalue()
    second = list(Organisation.objects.order_by("slug").values_list("slug", "name", "employees", "district"))
    assert second == first


def test_load_demo_refuses_in_production(demo, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo", reset=True, stdout=io.StringIO())
    assert Organisation.objects.filter(is_demo=True).count() >= 280


def test_load_demo_in_production_with_force_still_loads_only_once(demo, settings):
    settings.PRODUCTION = True
    out = io.StringIO()
    call_command("load_demo", force=True, stdout=out)
    assert "already loaded" in out.getvalue()


def test_cli_demo_prints_the_demo_logins(demo, capsys, monkeypatch):
    from crosscluster import cli

    monkeypatch.setenv("CROSSCLUSTER_ENV", "development")  # the command sets it for the demo; keep it local
    cli.main(["demo", "--no-serve"])
    out = capsys.readouterr().out
    for user in loader.DEMO_USERS:
        assert f"{user.role}" in out and user.email in out
    assert DEMO_PASSWORD in out
