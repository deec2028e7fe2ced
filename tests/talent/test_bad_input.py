"""Bad input on every talent form and endpoint: a clear message naming the field (in German too), nothing
half-saved, never a 500."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from crosscluster.talent.models import Application, JobPosting, StaffAgreement, StaffPost, WorkerProfile

from .conftest import ARC_WELDING, TIG_WELDING
from .factories import (
    ApplicationFactory,
    JobPostingFactory,
    StaffAgreementFactory,
    StaffPostFactory,
    WorkerProfileFactory,
)

pytestmark = pytest.mark.django_db

UNKNOWN_SKILL = "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"


def job_form(**overrides):
    data = {
        "organisation": "elbe-drohnen",
        "title_de": "Mechatroniker",
        "contract_type": "permanent",
        "working_time": "full_time",
        "remote_share": "0",
        "salary_period": "year",
        "status": "published",
    }
    data.update(overrides)
    return data


def errors_of(response):
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title_de": "", "title_en": ""}, "title_de", "Enter a title in German or English."),
        ({"salary_min": "60000", "salary_max": "50000"}, "salary_max", "cannot be lower than the lowest"),
        ({"remote_share": "150"}, "remote_share", "less than or equal to 100"),
        ({"weekly_hours": "0"}, "weekly_hours", "greater than or equal to 1"),
        ({"start_date": "31.02.2030"}, "start_date", "Enter a valid date."),
        ({"contract_type": "slavery"}, "contract_type", "Select a valid choice"),
        ({"place": "Atlantis"}, "place", "“Atlantis” is not in our list of places"),
        ({"latitude": "53.5"}, "latitude", "Give both latitude and longitude, or neither."),
        ({"latitude": "123", "longitude": "9.9"}, "latitude", "less than or equal to 90"),
        ({"occupation": "Zauberer", "occupation_uri": ""}, "occupation", "“Zauberer” is not an ESCO occupation"),
        ({"occupation_uri": "http://data.europa.eu/esco/occupation/nope"}, "occupation", "is not an ESCO occupation"),
        ({"skills-label": ["welding magic"], "skills-uri": [""], "skills-level": ["required"]}, "skills",
         "Row 1: “welding magic” is not an ESCO skill"),
        ({"skills-label": ["x"], "skills-uri": [UNKNOWN_SKILL], "skills-level": ["required"]}, "skills",
         "is not an ESCO skill"),
        ({"skills-label": ["", ""], "skills-uri": [ARC_WELDING, ARC_WELDING], "skills-level": ["required", "optional"]},
         "skills", "Row 2: “apply arc welding techniques” is already in row 1."),
        ({"skills-label": [""], "skills-uri": [ARC_WELDING], "skills-level": ["maybe"]}, "skills",
         "choose “required” or “optional”"),
        ({"organisation": "no-such-organisation"}, "organisation", "Select a valid choice"),
    ],
)  # fmt: skip
def test_job_form_refuses_bad_input_naming_the_field(client_for, organisation, overrides, field, message):
    response = client_for("representative").post("/talent/jobs/new/", job_form(**overrides))

    errors = errors_of(response)
    assert field in errors, errors
    assert any(message in e for e in errors[field]), errors[field]
    assert not JobPosting.objects.exists()


def test_job_form_speaks_german_to_german_users(client_for, organisation):
    client = client_for("representative")
    client.cookies["django_language"] = "de"
    response = client.post("/talent/jobs/new/", job_form(salary_min="60000", salary_max="50000", place="Atlantis"))

    page = response.content.decode()
    assert "kann nicht niedriger als das niedrigste" in page
    assert "steht nicht in unserer Liste der Orte" in page


def test_coordinator_typing_an_unknown_organisation_gets_a_clear_message(client_for, organisation):
    response = client_for("coordinator").post("/talent/jobs/new/", job_form(organisation="nirgendwo"))

    assert "There is no organisation with the address “nirgendwo”." in errors_of(response)["organisation"]
    assert not JobPosting.objects.exists()


def test_job_edit_with_bad_input_changes_nothing(client_for, organisation):
    job = JobPostingFactory(organisation=organisation, title_de="Alt", skills=[(ARC_WELDING, True)])

    response = client_for("representative").post(
        f"/talent/jobs/{job.pk}/edit/",
        job_form(
            title_de="Neu",
            salary_min="9",
            salary_max="1",
            **{"skills-label": ["nope"], "skills-uri": [""], "skills-level": ["required"]},
        ),
    )

    errors = errors_of(response)
    assert {"salary_max", "skills"} <= set(errors)
    job.refresh_from_db()
    assert job.title_de == "Alt" and [s.uri for s in job.skills.all()] == [ARC_WELDING]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"headline_de": "", "headline_en": ""}, "headline_de", "Enter a headline in German or English."),
        ({"available_from": "2030-05-01", "available_to": "2030-04-01"}, "available_to",
         "“Available until” cannot be before “available from”."),
        ({"years_experience": "-1"}, "years_experience", "greater than or equal to 0"),
        ({"commute_km": "5000"}, "commute_km", "less than or equal to 1000"),
        ({"languages-language": ["xx"], "languages-level": ["B2"]}, "languages", "Language 1: choose a language"),
        ({"languages-language": ["de", "de"], "languages-level": ["B2", "C1"]}, "languages",
         "Language 2 is listed twice."),
        ({"skills-label": ["", ""], "skills-uri": [ARC_WELDING, ""], "skills-level": ["9", "3"]}, "skills",
         "Row 1: choose a level from 1 to 5."),
        ({"place": "Mordor"}, "place", "“Mordor” is not in our list of places"),
    ],
)  # fmt: skip
def test_profile_form_refuses_bad_input_naming_the_field(client, individual, overrides, field, message):
    client.force_login(individual)
    data = {"headline_de": "Fachkraft", "years_experience": "3"} | overrides

    response = client.post("/talent/profile/edit/", data)

    errors = errors_of(response)
    assert any(message in e for e in errors[field]), errors
    assert not WorkerProfile.objects.exists()


def staff_form(**overrides):
    start = timezone.localdate() + timedelta(days=5)
    data = {
        "organisation": "elbe-drohnen",
        "kind": "offer",
        "title_de": "Monteure",
        "head_count": "2",
        "period_from": start.isoformat(),
        "period_to": (start + timedelta(days=30)).isoformat(),
        "status": "published",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"period_to": "2020-01-01"}, "period_to", "The period cannot end before it begins."),
        ({"period_from": ""}, "period_from", "This field is required."),
        ({"head_count": "0"}, "head_count", "greater than or equal to 1"),
        ({"kind": "lend"}, "kind", "Select a valid choice"),
        ({"radius_km": "0"}, "radius_km", "greater than or equal to 1"),
    ],
)
def test_staff_post_form_refuses_bad_input(client_for, organisation, overrides, field, message):
    response = client_for("representative").post("/talent/exchange/new/", staff_form(**overrides))

    errors = errors_of(response)
    assert any(message in e for e in errors[field]), errors
    assert not StaffPost.objects.exists()


def test_agreement_proposal_refuses_bad_terms_and_saves_nothing(client_for, organisation, other_organisation):
    offer = StaffPostFactory(organisation=other_organisation, head_count=2)
    client = client_for("representative")
    data = {
        "organisation": organisation.pk,
        "legal_model": "secondment",
        "period_from": (offer.period_to + timedelta(days=1)).isoformat(),
        "period_to": offer.period_from.isoformat(),
        "head_count": "3",
        "tasks": "",
        "region": "",
    }

    response = client.post(f"/talent/exchange/{offer.pk}/propose/", data)

    errors = errors_of(response)
    assert {"legal_model", "tasks", "region"} <= set(errors)
    data.update(legal_model="side_job", tasks="Montage", region="Hamburg")
    errors = errors_of(client.post(f"/talent/exchange/{offer.pk}/propose/", data))
    assert "The period cannot end before it begins." in errors["period_to"]
    assert any("between 1 and 2" in e for e in errors["head_count"])
    assert not StaffAgreement.objects.exists()


def test_staff_post_edit_with_bad_input_changes_nothing(client_for, organisation):
    post = StaffPostFactory(organisation=organisation, title_de="Alt", head_count=2, skills=[(ARC_WELDING, 3)])
    before = (post.period_from, post.period_to)
    form = staff_form(title_de="Neu", head_count="0", period_to="2020-01-01", **{
        "skills-label": ["apply arc welding techniques", "no such skill at all"],
        "skills-uri": ["", ""],
        "skills-level": ["3", "9"],
    })  # fmt: skip
    del form["organisation"], form["kind"]

    errors = errors_of(client_for("representative").post(f"/talent/exchange/{post.pk}/edit/", form))

    assert {"head_count", "period_to", "skills"} <= set(errors)
    post.refresh_from_db()
    assert (post.title_de, post.head_count, (post.period_from, post.period_to)) == ("Alt", 2, before)
    assert [s.uri for s in post.skills.all()] == [ARC_WELDING]


def test_unknown_staff_post_status_is_refused_with_a_message(client_for, organisation):
    post = StaffPostFactory(organisation=organisation)

    response = client_for("representative").post(f"/talent/exchange/{post.pk}/status/", {"status": "lent"}, follow=True)

    assert response.status_code == 200 and "cannot become" in response.content.decode()
    post.refresh_from_db()
    assert post.status == "published"


def test_too_long_note_on_an_application_is_refused(client_for, organisation, individual):
    application = ApplicationFactory(job=JobPostingFactory(organisation=organisation), applicant=individual)

    response = client_for("representative").post(
        f"/talent/applications/{application.pk}/note/", {"note": "x" * 5001}, follow=True
    )

    assert response.status_code == 200 and "at most 5000 characters" in response.content.decode()
    application.refresh_from_db()
    assert application.note == ""


def test_cancelling_with_a_too_long_reason_is_refused_and_the_agreement_stands(
    client_for, organisation, other_organisation
):
    agreement = StaffAgreementFactory(lender=other_organisation, borrower=organisation)

    response = client_for("representative").post(
        f"/talent/agreements/{agreement.pk}/cancel/", {"reason": "x" * 5001}, follow=True
    )

    assert response.status_code == 200 and "At most 5000 characters" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == "proposed" and agreement.cancel_reason == ""


def test_unknown_checklist_items_are_refused_with_a_message(client_for, organisation, other_organisation):
    agreement = StaffAgreementFactory(lender=other_organisation, borrower=organisation, checklist_done=["consent"])

    response = client_for("representative").post(
        f"/talent/agreements/{agreement.pk}/checklist/", {"done": ["consent", "agency_permit"]}, follow=True
    )

    assert response.status_code == 200 and "Unknown checklist items." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.checklist_done == ["consent"]


def test_application_with_too_long_letter_is_refused(client, individual, organisation):
    job = JobPostingFactory(organisation=organisation)
    client.force_login(individual)

    response = client.post(f"/talent/jobs/{job.pk}/apply/", {"message": "x" * 5001})

    assert "at most 5000 characters" in str(errors_of(response)["message"])
    assert not Application.objects.exists()


def test_unknown_pipeline_status_is_refused_with_a_message(client_for, organisation, individual):
    application = ApplicationFactory(job=JobPostingFactory(organisation=organisation), applicant=individual)

    response = client_for("representative").post(
        f"/talent/applications/{application.pk}/status/", {"status": "promoted"}, follow=True
    )

    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "received"


def test_unknown_job_status_is_refused_with_a_message(client_for, organisation):
    job = JobPostingFactory(organisation=organisation)

    response = client_for("representative").post(f"/talent/jobs/{job.pk}/status/", {"status": "archived"}, follow=True)

    assert "cannot become" in response.content.decode()
    job.refresh_from_db()
    assert job.status == "published"


def test_consent_with_unknown_choice_changes_nothing(client, individual):
    profile = WorkerProfileFactory(user=individual)
    client.force_login(individual)

    response = client.post("/talent/profile/consent/", {"consent": "maybe"}, follow=True)

    assert "Unknown choice." in response.content.decode()
    profile.refresh_from_db()
    assert profile.consent


# --- API ---------------------------------------------------------------------------------------------------------


def api(client, method, path, data):
    response = getattr(client, method)(path, data=json.dumps(data), content_type="application/json")
    assert response.status_code == 400, (response.status_code, response.content[:300])
    return response.json()


def test_api_job_with_unknown_skill_salary_order_and_place_is_refused(client_for, organisation):
    client = client_for("representative")

    errors = api(
        client,
        "post",
        "/api/v1/jobs/",
        {
            "organisation": "elbe-drohnen",
            "title_de": "Mechatroniker",
            "salary_min": 5,
            "salary_max": 1,
            "place": "Atlantis",
            "skills": [{"uri": ARC_WELDING}, {"uri": UNKNOWN_SKILL}, {"uri": ARC_WELDING}],
        },
    )

    assert f"Skill 2: “{UNKNOWN_SKILL}” is not an ESCO skill." in errors["skills"]
    assert any("already listed as skill 1" in e for e in errors["skills"])
    assert "salary_max" in errors and "place" in errors
    assert not JobPosting.objects.exists()


def test_api_job_with_wrong_types_answers_400_naming_fields(client_for, organisation):
    errors = api(
        client_for("representative"),
        "post",
        "/api/v1/jobs/",
        {"organisation": "elbe-drohnen", "remote_share": "lots", "start_date": "tomorrow", "skills": "welding"},
    )

    assert {"remote_share", "start_date", "skills"} <= set(errors)


def test_api_job_for_unknown_organisation_answers_400(client_for, organisation):
    errors = api(client_for("coordinator"), "post", "/api/v1/jobs/", {"organisation": "nowhere", "title_de": "x"})
    assert errors == {"organisation": ["There is no organisation with the address “nowhere”."]}


def test_api_job_list_refuses_unknown_filter_values(client):
    response = client.get("/api/v1/jobs/?contract_type=slavery")
    assert response.status_code == 400 and "contract_type" in response.json()


def test_api_profile_refuses_bad_period_languages_and_levels(client, individual):
    client.force_login(individual)

    errors = api(
        client,
        "put",
        "/api/v1/profile/",
        {
            "headline_de": "Fachkraft",
            "available_from": "2030-05-01",
            "available_to": "2030-01-01",
            "skills": [{"uri": TIG_WELDING, "level": 7}],
            "languages": [{"language": "klingon", "level": "C2"}],
        },
    )

    assert "skills" in errors and "languages" in errors
    assert not WorkerProfile.objects.exists()
    errors = api(
        client,
        "put",
        "/api/v1/profile/",
        {"headline_de": "Fachkraft", "available_from": "2030-05-01", "available_to": "2030-01-01"},
    )
    assert errors == {"available_to": ["“Available until” cannot be before “available from”."]}
    assert not WorkerProfile.objects.exists()


def test_api_staff_post_refuses_missing_fields_and_period_order(client_for, organisation):
    client = client_for("representative")

    assert set(api(client, "post", "/api/v1/staff-posts/", {"title_de": "x"})) == {
        "organisation",
        "kind",
        "period_from",
        "period_to",
    }
    errors = api(
        client,
        "post",
        "/api/v1/staff-posts/",
        {
            "organisation": "elbe-drohnen",
            "kind": "offer",
            "title_de": "x",
            "period_from": "2030-05-01",
            "period_to": "2030-01-01",
        },
    )
    assert errors == {"period_to": ["The period cannot end before it begins."]}
    assert not StaffPost.objects.exists()


def test_api_staff_post_patch_with_bad_input_changes_nothing(client_for, organisation):
    post = StaffPostFactory(organisation=organisation, title_de="Alt", head_count=2, skills=[(ARC_WELDING, 3)])
    client = client_for("representative")
    path = f"/api/v1/staff-posts/{post.pk}/"

    assert set(api(client, "patch", path, {"title_de": "Neu", "head_count": 0})) == {"head_count"}
    assert set(api(client, "patch", path, {"title_de": "Neu", "skills": [{"uri": UNKNOWN_SKILL, "level": 3}]})) == {
        "skills"
    }
    assert set(api(client, "patch", path, {"title_de": "Neu", "period_to": "2020-01-01"})) == {"period_to"}

    post.refresh_from_db()
    assert (post.title_de, post.head_count) == ("Alt", 2)
    assert [s.uri for s in post.skills.all()] == [ARC_WELDING]


def test_api_apply_for_unknown_job_answers_400(client, individual):
    client.force_login(individual)
    assert api(client, "post", "/api/v1/applications/", {"job": 999999}) == {
        "job": ["There is no job posting with this id."]
    }


def test_esco_autocomplete_refuses_bad_parameters_with_json(client):
    for query, field in (("kind=planet&q=a", "kind"), ("q=a&lang=fr", "lang"), ("q=a&limit=500", "limit")):
        response = client.get(f"/talent/esco/autocomplete/?{query}")
        assert response.status_code == 400 and response.json()["error"].startswith(field), query


def test_nul_bytes_and_huge_input_never_cause_a_500(client, individual, organisation):
    client.force_login(individual)
    job = JobPostingFactory(organisation=organisation, skills=[(ARC_WELDING, True)])
    for path in (
        "/talent/?q=%00x",
        "/talent/esco/autocomplete/?kind=skill&q=" + "a" * 5000,
        "/talent/esco/autocomplete/?kind=skill&q=%00weld",
        "/talent/exchange/?q=%00",
    ):
        assert client.get(path).status_code < 500, path
    response = client.post("/talent/profile/edit/", {"headline_de": "a\x00b", "skills-label": ["\x00"]})
    assert response.status_code == 200 and not WorkerProfile.objects.exists()
    response = client.post(f"/talent/jobs/{job.pk}/apply/", {"message": "\x00"})
    assert response.status_code == 200 and not Application.objects.exists()
