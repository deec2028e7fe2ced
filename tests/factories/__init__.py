from datetime import timedelta

import factory
from django.utils import timezone

from crosscluster.accounts.models import User
from crosscluster.directory.models import Cluster, Membership, Organisation, Person, Topic

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Thema {n}")
    name_de = factory.SelfAttribute("name")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    slug = factory.Sequence(lambda n: f"cluster-{n}")
    name = factory.Sequence(lambda n: f"Cluster {n}")
    kind = Cluster.Kind.CLUSTER
    description_de = "Ein Innovationscluster."
    description_en = "An innovation cluster."


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n} GmbH")
    legal_form = "GmbH"
    employees = 42
    city = "Hamburg"
    district = "Altona"
    description_de = "Ein Mitgliedsunternehmen."
    description_en = "A member company."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    cluster = factory.SubFactory(ClusterFactory)
    status = Membership.Status.ACTIVE
    since = factory.LazyFunction(lambda: timezone.localdate().replace(year=2020))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    position = "Geschäftsführung"
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    listing_consent = True


# --- events ------------------------------------------------------------------------------------------------------


def _in_days(days, hour=9):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    """A published public event in two weeks, 09:00–17:00 Berlin time, open for registration."""

    class Meta:
        model = "events.Event"
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"event-{n}")
    title = factory.Sequence(lambda n: f"Veranstaltung {n}")
    title_de = factory.SelfAttribute("title")
    title_en = factory.Sequence(lambda n: f"Event {n}")
    description_de = "Eine Veranstaltung."
    description_en = "An event."
    format = "in_person"
    venue = "Hamburg Messe"
    start = factory.LazyFunction(lambda: _in_days(14))
    end = factory.LazyAttribute(lambda e: e.start.replace(hour=17))
    visibility = "public"
    status = "published"

    @factory.post_generation
    def clusters(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.clusters.set(extracted)


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Speaker"

    event = factory.SubFactory(EventFactory)
    name = factory.Faker("name", locale="de_DE")
    affiliation = "Hamburg Aviation"


class SessionFactory(factory.django.DjangoModelFactory):
    """A one-hour breakout session at the start of its event."""

    class Meta:
        model = "events.Session"

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Sitzung {n}")
    title_de = factory.SelfAttribute("title")
    title_en = factory.Sequence(lambda n: f"Session {n}")
    kind = "breakout"
    start = factory.LazyAttribute(lambda s: s.event.start)
    end = factory.LazyAttribute(lambda s: s.start + timedelta(hours=1))


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed place, written directly (tests of the registration rules go through the services)."""

    class Meta:
        model = "events.Registration"

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = "confirmed"
    confirmed_at = factory.LazyFunction(timezone.now)
