"""Factories for the talent area (rows written directly; tests of the rules go through the services)."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from crosscluster.matching.esco import taxonomy
from crosscluster.talent.models import (
    Application,
    JobPosting,
    JobSkill,
    ProfileLanguage,
    ProfileSkill,
    StaffAgreement,
    StaffPost,
    StaffPostSkill,
    WorkerProfile,
)
from tests.factories import OrganisationFactory, UserFactory


def _label(uri):
    return taxonomy().skill(uri).label_en


class JobPostingFactory(factory.django.DjangoModelFactory):
    """A published permanent full-time job in Hamburg; ``skills=[(uri, essential), ...]``."""

    class Meta:
        model = JobPosting
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Stelle {n}")
    title_de = factory.SelfAttribute("title")
    title_en = factory.Sequence(lambda n: f"Job {n}")
    description_de = "Eine Stelle."
    description_en = "A job."
    place = "Hamburg"
    latitude = Decimal("53.55110")
    longitude = Decimal("9.99370")
    status = JobPosting.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):
        if create and extracted:
            JobSkill.objects.bulk_create(
                JobSkill(job=obj, uri=uri, label=_label(uri), essential=essential) for uri, essential in extracted
            )


class WorkerProfileFactory(factory.django.DjangoModelFactory):
    """A consenting profile in Hamburg-Altona with a 30 km commute; ``skills=[(uri, level), ...]``."""

    class Meta:
        model = WorkerProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    headline = factory.Sequence(lambda n: f"Fachkraft {n}")
    headline_de = factory.SelfAttribute("headline")
    headline_en = factory.Sequence(lambda n: f"Skilled worker {n}")
    place = "Hamburg-Altona"
    latitude = Decimal("53.55000")
    longitude = Decimal("9.93500")
    commute_km = 30
    years_experience = 5
    consent = True
    consent_given = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):
        if create and extracted:
            ProfileSkill.objects.bulk_create(
                ProfileSkill(profile=obj, uri=uri, label=_label(uri), level=level) for uri, level in extracted
            )

    @factory.post_generation
    def languages(obj, create, extracted, **kwargs):
        if create and extracted:
            ProfileLanguage.objects.bulk_create(
                ProfileLanguage(profile=obj, language=code, level=level) for code, level in extracted
            )


class StaffPostFactory(factory.django.DjangoModelFactory):
    """A published staff offer of two people for the next two months, in Hamburg; ``skills=[(uri, level)]``."""

    class Meta:
        model = StaffPost
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    kind = StaffPost.Kind.OFFER
    title = factory.Sequence(lambda n: f"Personal {n}")
    title_de = factory.SelfAttribute("title")
    title_en = factory.Sequence(lambda n: f"Staff {n}")
    description_de = "Erfahrene Fachkräfte."
    head_count = 2
    period_from = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    period_to = factory.LazyAttribute(lambda p: p.period_from + timedelta(days=60))
    place = "Hamburg"
    latitude = Decimal("53.55110")
    longitude = Decimal("9.99370")
    radius_km = 30
    status = StaffPost.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):
        if create and extracted:
            StaffPostSkill.objects.bulk_create(
                StaffPostSkill(post=obj, uri=uri, label=_label(uri), level=level) for uri, level in extracted
            )


class StaffAgreementFactory(factory.django.DjangoModelFactory):
    """A proposed agreement (the lender proposed and accepted) for a side job, next month, one person."""

    class Meta:
        model = StaffAgreement

    lender = factory.SubFactory(OrganisationFactory)
    borrower = factory.SubFactory(OrganisationFactory)
    legal_model = StaffAgreement.LegalModel.SIDE_JOB
    period_from = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    period_to = factory.LazyAttribute(lambda a: a.period_from + timedelta(days=30))
    head_count = 1
    tasks = "Schweißarbeiten an Rohrleitungen"
    region = "Hamburg"
    proposed_by_side = StaffAgreement.Side.LENDER
    lender_accepted_at = factory.LazyFunction(timezone.now)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    job = factory.SubFactory(JobPostingFactory)
    applicant = factory.SubFactory(UserFactory)
    message = "Ich bewerbe mich."
