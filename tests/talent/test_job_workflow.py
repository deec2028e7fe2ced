"""End to end through the web pages: an employer posts a job with ESCO skills, sees a matching candidate with the
explanation, the candidate applies, and the employer moves the application along the pipeline (e-mails in the
applicant's language)."""

import pytest
from django.core import mail

from crosscluster.talent.models import Application, JobPosting

from .conftest import ARC_WELDING, MIG_WELDING, PLANS_2D, TIG_WELDING, WELDER, WELDING_EQUIPMENT
from .factories import ApplicationFactory, JobPostingFactory, WorkerProfileFactory

pytestmark = pytest.mark.django_db


def job_form(**overrides):
    data = {
        "organisation": "",
        "title_de": "Schweißer (m/w/d) für den Schiffbau",
        "title_en": "Welder for shipbuilding",
        "description_de": "Wir suchen Verstärkung für unsere Werft in Hamburg.",
        "contract_type": "permanent",
        "working_time": "full_time",
        "remote_share": "0",
        "salary_min": "42000",
        "salary_max": "52000",
        "salary_period": "year",
        "occupation": "",
        "occupation_uri": WELDER,
        # one skill chosen from the suggestions (URI), one typed (exact label), one optional
        "skills-label": [
            "apply arc welding techniques",
            "perform tungsten inert gas welding",
            "interpret 2D plans",
            "",
        ],
        "skills-uri": [ARC_WELDING, "", "", ""],
        "skills-level": ["required", "required", "optional", "required"],
        "place": "",
        "status": "published",
    }
    data.update(overrides)
    return data


def test_employer_posts_job_with_esco_skills_and_sees_matching_candidate_with_explanation(
    client_for, organisation, individual
):
    candidate = WorkerProfileFactory(
        user=individual,
        headline_de="Schweißerin mit 8 Jahren Erfahrung",
        skills=[(ARC_WELDING, 4), (MIG_WELDING, 5), (WELDING_EQUIPMENT, 4)],
    )
    WorkerProfileFactory(headline_de="Bäcker", skills=[], consent=True)
    client = client_for("representative")

    response = client.post("/talent/jobs/new/", job_form(organisation=organisation.slug))

    job = JobPosting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/talent/jobs/{job.pk}/"
    assert job.status == "published" and job.organisation == organisation
    assert job.occupation_uri == WELDER
    assert {(s.uri, s.essential) for s in job.skills.all()} == {
        (ARC_WELDING, True),
        (TIG_WELDING, True),
        (PLANS_2D, False),
    }
    # no place typed: the organisation's city, located from the list of known places
    assert job.place == "Hamburg" and float(job.latitude) == pytest.approx(53.5511)

    page = client.get(f"/talent/jobs/{job.pk}/").content.decode()
    matches = page.split('id="candidates-h"')[1]
    assert candidate.display_name in matches
    assert "Bäcker" not in matches  # shares nothing with the job
    assert "Shared skills:" in matches and "apply arc welding techniques" in matches
    assert "Missing essential skills:" in matches and "perform tungsten inert gas welding" in matches
    assert "km" in matches.split("Distance:")[1][:80]


def test_candidate_applies_and_employer_moves_the_application_through_the_pipeline(
    client_for, client, organisation, representative, individual
):
    individual.language = "de"
    individual.save()
    job = JobPostingFactory(organisation=organisation, title_de="Schweißer", title_en="Welder")
    WorkerProfileFactory(user=individual, skills=[(ARC_WELDING, 3)])

    client.force_login(individual)
    response = client.post(
        f"/talent/jobs/{job.pk}/apply/", {"message": "Ich habe Erfahrung im Schiffbau.", "share_profile": "on"}
    )
    application = Application.objects.get()
    assert response.status_code == 302 and application.applicant == individual and application.share_profile
    assert application.status == "received"
    mine = client.get("/talent/applications/").content.decode()
    assert "Welder" in mine and "Received" in mine

    client.force_login(representative)
    pipeline = client.get(f"/talent/jobs/{job.pk}/applications/").content.decode()
    assert individual.get_full_name() in pipeline
    detail = client.get(f"/talent/applications/{application.pk}/").content.decode()
    assert "Ich habe Erfahrung im Schiffbau." in detail and "apply arc welding techniques" in detail

    mail.outbox.clear()
    for status in ("in_review", "interview", "offer", "hired"):
        with_message = {
            "status": status,
            "message": "Bitte bringen Sie Zeugnisse mit." if status == "interview" else "",
        }
        response = client.post(f"/talent/applications/{application.pk}/status/", with_message)
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.status == status
    assert len(mail.outbox) == 0  # sent only after the commit; see test_status_mail_*

    client.post(f"/talent/applications/{application.pk}/note/", {"note": "Sehr gutes Gespräch."})
    application.refresh_from_db()
    assert application.note == "Sehr gutes Gespräch."

    client.force_login(individual)
    assert "Sehr gutes Gespräch." not in client.get(f"/talent/applications/{application.pk}/").content.decode()


def test_status_mail_goes_to_the_applicant_in_their_language(
    client_for, organisation, individual, django_capture_on_commit_callbacks
):
    individual.language = "de"
    individual.save()
    job = JobPostingFactory(organisation=organisation, title_de="Schweißer", title_en="Welder")
    application = ApplicationFactory(job=job, applicant=individual)
    client = client_for("representative")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/talent/applications/{application.pk}/status/",
            {"status": "interview", "message": "Bitte bringen Sie Zeugnisse mit."},
        )

    message = mail.outbox[-1]
    assert message.to == [individual.email]
    assert "Vorstellungsgespräch" in message.subject
    assert "Bitte bringen Sie Zeugnisse mit." in message.body
    assert f"/talent/applications/{application.pk}/" in message.body


def test_pipeline_refuses_steps_it_does_not_have(client_for, organisation, individual):
    job = JobPostingFactory(organisation=organisation)
    application = ApplicationFactory(job=job, applicant=individual, status="rejected")
    client = client_for("representative")

    response = client.post(f"/talent/applications/{application.pk}/status/", {"status": "hired"}, follow=True)

    application.refresh_from_db()
    assert application.status == "rejected"
    assert "Select a valid choice" in response.content.decode()


def test_applicant_withdraws_and_cannot_apply_twice(client, organisation, individual):
    job = JobPostingFactory(organisation=organisation)
    client.force_login(individual)
    client.post(f"/talent/jobs/{job.pk}/apply/", {"message": ""})
    application = Application.objects.get()

    again = client.post(f"/talent/jobs/{job.pk}/apply/", {"message": "Noch einmal"}, follow=True)
    assert Application.objects.count() == 1
    assert "already applied" in again.content.decode()

    client.post(f"/talent/applications/{application.pk}/withdraw/")
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_closed_job_leaves_the_board_and_takes_no_applications(client_for, client, organisation, individual):
    job = JobPostingFactory(organisation=organisation, title_en="Welder")
    client_for("representative").post(f"/talent/jobs/{job.pk}/status/", {"status": "closed"})
    job.refresh_from_db()
    assert job.status == "closed"

    client.force_login(individual)
    assert "Welder" not in client.get("/talent/").content.decode()
    assert client.get(f"/talent/jobs/{job.pk}/").status_code == 404
    assert client.post(f"/talent/jobs/{job.pk}/apply/", {"message": "x"}).status_code == 404
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("contract_type", "label"), [("apprenticeship", "Apprenticeship"), ("internship", "Internship")]
)
def test_apprenticeship_or_internship_without_salary_with_remote_share_hours_and_start(
    client_for, organisation, contract_type, label
):
    client = client_for("representative")
    start = "2031-08-01"

    response = client.post(
        "/talent/jobs/new/",
        job_form(
            organisation=organisation.slug,
            title_en=f"{label} in welding",
            contract_type=contract_type,
            working_time="part_time",
            weekly_hours="20",
            remote_share="40",
            start_date=start,
            salary_min="",
            salary_max="",
            **{"skills-label": [""], "skills-uri": [""], "skills-level": ["required"]},
        ),
    )

    job = JobPosting.objects.get()
    assert response.status_code == 302
    assert (job.contract_type, job.working_time, job.weekly_hours, job.remote_share) == (
        contract_type, "part_time", 20, 40
    )  # fmt: skip
    assert job.start_date.isoformat() == start and job.salary_min is None and job.salary_max is None
    page = client.get(f"/talent/jobs/{job.pk}/").content.decode()
    facts = page.split('class="facts"')[1].split("</dl>")[0]
    assert f"{label}, Part-time (20 hours a week)" in facts
    assert "<dt>Start</dt><dd>Aug. 1, 2031</dd>" in facts and "40 % remote" in facts
    assert "Salary" not in facts  # optional: no salary given, none shown

    board = client.get(f"/talent/?contract_type={contract_type}").content.decode()
    assert f"{label} in welding" in board and "40 % remote" in board
    other = "internship" if contract_type == "apprenticeship" else "apprenticeship"
    assert f"{label} in welding" not in client.get(f"/talent/?contract_type={other}").content.decode()
