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
