"""Skilled-worker profiles: creating one, consent (no consent → invisible to employers and their matches; revoking
hides at once), the export (JSON and CSV) and the hard delete."""

import csv
import io
import json

import pytest

from crosscluster.accounts.models import AuditLogEntry
from crosscluster.talent import matching
from crosscluster.talent.models import MatchNotification, ProfileLanguage, ProfileSkill, WorkerProfile
from crosscluster.talent.services import profiles as profile_services

from .conftest import ARC_WELDING, MIG_WELDING, TIG_WELDING, WELDER
from .factories import ApplicationFactory, JobPostingFactory, WorkerProfileFactory

pytestmark = pytest.mark.django_db


def profile_form(**overrides):
    data = {
        "headline_de": "Schweißerin im Schiffbau",
        "headline_en": "Welder in shipbuilding",
        "about_de": "Zehn Jahre Erfahrung mit WIG und MAG.",
        "years_experience": "10",
        "occupation": "Schweißerin",  # typed, found by its German label
        "occupation_uri": "",
        "skills-label": ["", "perform tungsten inert gas welding", ""],
        "skills-uri": [ARC_WELDING, "", ""],
        "skills-level": ["4", "5", "3"],
        "languages-language": ["de", "en", ""],
        "languages-level": ["native", "B2", "B2"],
        "available_from": "2030-01-01",
        "available_to": "",
        "place": "Harburg",
        "commute_km": "25",
    }
    data.update(overrides)
    return data


@pytest.fixture
def welder_job(organisation):
    return JobPostingFactory(
        organisation=organisation, title_de="Schweißer", skills=[(ARC_WELDING, True), (TIG_WELDING, True)]
    )


def test_person_creates_profile_with_skills_languages_and_place(client, individual):
    client.force_login(individual)

    response = client.post("/talent/profile/edit/", profile_form())

    assert response.status_code == 302
    profile = WorkerProfile.objects.get(user=individual)
    assert profile.occupation_uri == WELDER
    assert [(s.uri, s.level) for s in profile.skills.order_by("pk")] == [(ARC_WELDING, 4), (TIG_WELDING, 5)]
    assert [(row.language, row.level) for row in profile.languages.order_by("pk")] == [("de", "native"), ("en", "B2")]
    assert profile.place == "Hamburg-Harburg" and profile.latitude is not None
    assert not profile.consent  # visible to employers only when the person says so
    page = client.get("/talent/profile/").content.decode()
    assert "Welder in shipbuilding" in page and "perform tungsten inert gas welding" in page


def test_profile_without_consent_is_invisible_to_employers_and_their_matches(
    client_for, individual, welder_job, coordinator
):
    profile = WorkerProfileFactory(user=individual, consent=False, skills=[(ARC_WELDING, 4), (TIG_WELDING, 4)])

    for role in ("representative", "coordinator", "manager"):
        client = client_for(role)
        assert client.get(f"/talent/candidates/{profile.pk}/").status_code == 404, role
    job_page = client_for("representative").get(f"/talent/jobs/{welder_job.pk}/").content.decode()
    assert profile.display_name not in job_page
    assert matching.candidates_for_job(welder_job) == []
    # the person still sees their own profile and the jobs that fit it
    own = client_for("individual")
    assert own.get(f"/talent/candidates/{profile.pk}/").status_code == 200
    assert "Schweißer" in own.get("/talent/profile/", HTTP_ACCEPT_LANGUAGE="de").content.decode()


def test_consenting_profile_is_found_and_revoking_hides_it_at_once(client, individual, representative, welder_job):
    profile = WorkerProfileFactory(user=individual, consent=False, skills=[(ARC_WELDING, 4), (TIG_WELDING, 4)])
    client.force_login(individual)
    client.post("/talent/profile/consent/", {"consent": "1"})
    profile.refresh_from_db()
    assert profile.consent and profile.consent_given is not None

    client.force_login(representative)
    assert profile.display_name in client.get(f"/talent/jobs/{welder_job.pk}/").content.decode()
    assert client.get(f"/talent/candidates/{profile.pk}/").status_code == 200
    assert profile.pk in matching.PROFILES.index  # the index holds it now

    client.force_login(individual)
    client.post("/talent/profile/consent/", {"consent": "0"})
    profile.refresh_from_db()
    assert not profile.consent and profile.consent_revoked is not None

    client.force_login(representative)
    assert profile.display_name not in client.get(f"/talent/jobs/{welder_job.pk}/").content.decode()
    assert client.get(f"/talent/candidates/{profile.pk}/").status_code == 404
    assert profile.pk not in matching.PROFILES.index


def test_revoked_consent_is_not_shown_even_by_an_index_that_has_not_looked_yet(individual, welder_job):
    """Another process's index still holds the profile; the rows are checked against the database before showing."""
    profile = WorkerProfileFactory(user=individual, skills=[(ARC_WELDING, 4)])
    assert [p for p, _m in matching.candidates_for_job(welder_job)] == [profile]
    WorkerProfile.objects.filter(pk=profile.pk).update(consent=False)  # as if saved elsewhere, no ``updated`` bump

    assert matching.candidates_for_job(welder_job) == []


def test_export_json_holds_the_profile_its_skills_languages_and_applications(client, individual, welder_job):
    profile = WorkerProfileFactory(
        user=individual,
        headline_de="Schweißerin",
        skills=[(ARC_WELDING, 4)],
        languages=[("de", "native"), ("pl", "C1")],
    )
    ApplicationFactory(job=welder_job, applicant=individual, message="Sehr geehrte Damen und Herren")
    client.force_login(individual)

    response = client.get("/talent/profile/export.json")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="crosscluster-profile-')
    data = json.loads(response.content)
    assert data["person"]["email"] == individual.email
    assert data["profile"]["headline_de"] == "Schweißerin"
    assert data["profile"]["visible_to_employers"] is True
    assert data["skills"] == [{"uri": ARC_WELDING, "label": "apply arc welding techniques", "level": 4}]
    assert data["languages"] == [{"language": "de", "level": "native"}, {"language": "pl", "level": "C1"}]
    assert [(a["job"], a["cover_letter"]) for a in data["applications"]] == [
        (welder_job.title, "Sehr geehrte Damen und Herren")
    ]
    assert profile.pk  # the export changes nothing


def test_export_csv_has_one_value_per_row_and_defuses_formulas(client, individual):
    WorkerProfileFactory(user=individual, headline_de="=HYPERLINK(1)", skills=[(MIG_WELDING, 5)])
    client.force_login(individual)

    response = client.get("/talent/profile/export.csv")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["section", "field", "value", "detail"]
    assert ["profile", "headline_de", "'=HYPERLINK(1)", ""] in rows
    assert ["skill", MIG_WELDING, "perform metal inert gas welding", "5"] in rows
    assert ["person", "email", individual.email, ""] in rows


def test_export_and_delete_without_profile_answer_404(client, individual):
    client.force_login(individual)
    for path in ("/talent/profile/export.json", "/talent/profile/export.csv", "/talent/profile/delete/"):
        assert client.get(path).status_code == 404, path


def test_delete_needs_confirmation_and_then_removes_everything(client, individual, welder_job):
    profile = WorkerProfileFactory(user=individual, skills=[(ARC_WELDING, 4)], languages=[("de", "native")])
    MatchNotification.objects.create(kind="job_candidate", source_id=welder_job.pk, target_id=profile.pk)
    application = ApplicationFactory(job=welder_job, applicant=individual, share_profile=True)
    client.force_login(individual)

    refused = client.post("/talent/profile/delete/", {})
    assert refused.status_code == 200 and "Tick the box" in refused.content.decode()
    assert WorkerProfile.objects.filter(pk=profile.pk).exists()

    response = client.post("/talent/profile/delete/", {"confirm": "on"})

    assert response.status_code == 302
    assert not WorkerProfile.objects.filter(pk=profile.pk).exists()
    assert not ProfileSkill.objects.filter(profile_id=profile.pk).exists()
    assert not ProfileLanguage.objects.filter(profile_id=profile.pk).exists()
    assert not MatchNotification.objects.filter(target_id=profile.pk).exists()
    assert matching.candidates_for_job(welder_job) == []
    application.refresh_from_db()  # the application stays with the employer
    entry = AuditLogEntry.objects.get(action="talent.profile_deleted")
    assert entry.data == {"profile": profile.pk} and "Schweiß" not in entry.object_repr


def test_profile_service_refuses_another_users_profile(individual, representative):
    profile = WorkerProfileFactory(user=individual)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        profile_services.set_consent(profile, acting_user=representative, consent=False)
    with pytest.raises(PermissionDenied):
        profile_services.delete_profile(profile, acting_user=representative)
    assert WorkerProfile.objects.get(pk=profile.pk).consent
