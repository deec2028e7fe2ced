"""New good matches are e-mailed by a background task, once per pair (a table remembers): a published job to the
candidates it fits, a profile made visible to the employers whose jobs it fits, a staff post to the organisations
whose posts it fits. Nothing goes to people without consent or for weak matches."""

import pytest
from django.core import mail

from crosscluster.talent import matching
from crosscluster.talent.models import MatchNotification
from crosscluster.talent.services import exchange as exchange_services
from crosscluster.talent.services import jobs as job_services
from crosscluster.talent.services import profiles as profile_services

from .conftest import ARC_WELDING, BAKE, MIG_WELDING, TIG_WELDING, WELDER, WELDING_EQUIPMENT
from .factories import JobPostingFactory, StaffPostFactory, WorkerProfileFactory

pytestmark = pytest.mark.django_db

WELDING = [ARC_WELDING, TIG_WELDING, MIG_WELDING, WELDING_EQUIPMENT]


def job_data(**extra):
    return {"title_de": "Schweißer (m/w/d)", "occupation_uri": WELDER, "status": "published"} | extra


def test_published_job_is_mailed_to_fitting_candidates_once(
    representative, organisation, django_capture_on_commit_callbacks
):
    fit = WorkerProfileFactory(skills=[(uri, 4) for uri in WELDING], headline_de="Schweißerin")
    WorkerProfileFactory(skills=[(BAKE, 5)], headline_de="Bäcker")  # shares nothing
    WorkerProfileFactory(skills=[(uri, 4) for uri in WELDING], consent=False)  # would fit, but no consent
    skills = [{"uri": uri} for uri in WELDING]

    with django_capture_on_commit_callbacks(execute=True):
        job = job_services.create_job(
            acting_user=representative, organisation=organisation, data=job_data(), skills=skills
        )

    assert [m.to for m in mail.outbox] == [[fit.user.email]]
    assert job.title_de in mail.outbox[0].subject or job.title_en in mail.outbox[0].subject
    assert f"/talent/jobs/{job.pk}/" in mail.outbox[0].body
    assert MatchNotification.objects.filter(kind="job_candidate", source_id=job.pk, target_id=fit.pk).exists()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # changed and published again: the pair was told
        job_services.update_job(job, acting_user=representative, data={"description_de": "Neu"}, skills=skills)
        job_services.set_job_status(job, acting_user=representative, status="closed")
        job_services.set_job_status(job, acting_user=representative, status="published")
    assert mail.outbox == []


def test_profile_made_visible_is_mailed_to_employers_of_fitting_jobs(
    individual, representative, organisation, django_capture_on_commit_callbacks
):
    JobPostingFactory(organisation=organisation, skills=[(uri, True) for uri in WELDING])
    JobPostingFactory(organisation=organisation, skills=[(BAKE, True)])
    profile = WorkerProfileFactory(user=individual, consent=False, skills=[(uri, 4) for uri in WELDING])

    with django_capture_on_commit_callbacks(execute=True):
        profile_services.set_consent(profile, acting_user=individual, consent=True)

    assert [m.to for m in mail.outbox] == [[representative.email]]
    assert f"/talent/candidates/{profile.pk}/" in mail.outbox[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        profile_services.set_consent(profile, acting_user=individual, consent=False)
        profile_services.set_consent(profile, acting_user=individual, consent=True)
    assert mail.outbox == []


def test_published_staff_request_is_mailed_to_the_offering_organisation(
    representative, other_rep, organisation, other_organisation, django_capture_on_commit_callbacks
):
    offer = StaffPostFactory(organisation=other_organisation, kind="offer", skills=[(uri, 4) for uri in WELDING])
    StaffPostFactory(organisation=other_organisation, kind="offer", skills=[(BAKE, 4)])
    data = {
        "kind": "request",
        "title_de": "Schweißer gesucht",
        "period_from": offer.period_from,
        "period_to": offer.period_to,
        "head_count": 1,
        "status": "published",
    }

    with django_capture_on_commit_callbacks(execute=True):
        request = exchange_services.create_staff_post(
            acting_user=representative, organisation=organisation, data=data, skills=[{"uri": ARC_WELDING, "level": 3}]
        )

    assert [m.to for m in mail.outbox] == [[other_rep.email]]
    assert f"/talent/exchange/{request.pk}/" in mail.outbox[0].body
    assert MatchNotification.objects.filter(kind="staff", source_id=request.pk, target_id=offer.pk).exists()


def test_weak_matches_are_listed_but_not_mailed(representative, organisation, django_capture_on_commit_callbacks):
    weak = WorkerProfileFactory(skills=[(WELDING_EQUIPMENT, 2)])  # one of the job's four skills
    skills = [{"uri": uri} for uri in WELDING]

    with django_capture_on_commit_callbacks(execute=True):
        job = job_services.create_job(
            acting_user=representative, organisation=organisation, data=job_data(), skills=skills
        )

    listed = matching.candidates_for_job(job)
    assert [p for p, _m in listed] == [weak] and listed[0][1].score < matching.NOTIFY_MIN_SCORE
    assert mail.outbox == []
