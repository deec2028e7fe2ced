"""The talent API end to end: post a job, find candidates with explanations, apply, withdraw; the current user's
profile (create, change, matches, delete); staff posts and their matches; the schema lists every endpoint."""

import json

import pytest
import yaml

from crosscluster.talent.models import Application, JobPosting, WorkerProfile

from .conftest import ARC_WELDING, PYTHON, TIG_WELDING, WELDER, WELDING_EQUIPMENT
from .factories import JobPostingFactory, StaffPostFactory, WorkerProfileFactory

pytestmark = pytest.mark.django_db


def send(client, method, path, data=None):
    kwargs = {"data": json.dumps(data), "content_type": "application/json"} if data is not None else {}
    return getattr(client, method)(path, **kwargs)


def test_job_posted_through_the_api_finds_candidates_and_takes_applications(client_for, client, individual):
    WorkerProfileFactory(user=individual, skills=[(ARC_WELDING, 4), (TIG_WELDING, 5)], headline_de="Schweißerin")
    employer = client_for("representative")

    response = send(
        employer,
        "post",
        "/api/v1/jobs/",
        {
            "organisation": "elbe-drohnen",
            "title_de": "Schweißer (m/w/d)",
            "title_en": "Welder",
            "occupation": WELDER,
            "skills": [{"uri": ARC_WELDING}, {"uri": TIG_WELDING}, {"uri": WELDING_EQUIPMENT, "essential": False}],
            "contract_type": "fixed_term",
            "salary_min": 40000,
            "salary_max": 48000,
            "status": "published",
        },
    )

    assert response.status_code == 201, response.content
    job = response.json()
    assert job["organisation"] == "elbe-drohnen" and job["status"] == "published"
    assert job["occupation"]["uri"] == WELDER
    assert [(s["uri"], s["essential"]) for s in job["skills"]] == [
        (ARC_WELDING, True),
        (TIG_WELDING, True),
        (WELDING_EQUIPMENT, False),
    ]
    assert job["place"] == "Hamburg" and job["latitude"] is not None

    listed = client.get("/api/v1/jobs/?contract_type=fixed_term").json()
    assert [j["id"] for j in listed["results"]] == [job["id"]]

    candidates = employer.get(f"/api/v1/jobs/{job['id']}/candidates/").json()
    assert [c["name"] for c in candidates] == [individual.get_full_name()]
    why = candidates[0]["match"]
    assert {s["uri"] for s in why["shared_skills"]} == {ARC_WELDING, TIG_WELDING}
    assert why["distance_km"] is not None and 0 < why["score"] <= 1

    client.force_login(individual)
    applied = send(
        client, "post", "/api/v1/applications/", {"job": job["id"], "message": "Gern!", "share_profile": True}
    )
    assert applied.status_code == 201 and applied.json()["status"] == "received"
    mine = client.get("/api/v1/applications/").json()["results"]
    assert [(a["job"], a["job_title"]) for a in mine] == [(job["id"], "Welder")]
    withdrawn = send(client, "post", f"/api/v1/applications/{mine[0]['id']}/withdraw/")
    assert withdrawn.json()["status"] == "withdrawn"
    assert Application.objects.get().status == "withdrawn"


def test_job_patch_through_the_api_replaces_skills_and_keeps_the_rest(client_for, organisation):
    job = JobPostingFactory(organisation=organisation, title_de="Alt", skills=[(ARC_WELDING, True)])

    response = send(
        client_for("representative"),
        "patch",
        f"/api/v1/jobs/{job.pk}/",
        {"skills": [{"uri": PYTHON}], "remote_share": 50},
    )

    assert response.status_code == 200, response.content
    job.refresh_from_db()
    assert job.title_de == "Alt" and job.remote_share == 50
    assert [s.uri for s in job.skills.all()] == [PYTHON]


def test_profile_api_create_change_match_and_delete(client, individual, organisation):
    JobPostingFactory(organisation=organisation, title_en="Job 1", skills=[(ARC_WELDING, True)])
    client.force_login(individual)

    created = send(
        client,
        "put",
        "/api/v1/profile/",
        {
            "headline_de": "Schweißerin",
            "skills": [{"uri": ARC_WELDING, "level": 4}],
            "languages": [{"language": "de", "level": "native"}],
            "place": "Altona",
            "commute_km": 20,
        },
    )
    assert created.status_code == 201, created.content
    assert created.json()["consent"] is False and created.json()["place"] == "Hamburg-Altona"

    changed = send(client, "patch", "/api/v1/profile/", {"consent": True, "relocate": True})
    assert changed.status_code == 200
    profile = changed.json()
    assert profile["consent"] and profile["relocate"] and profile["consent_given"]
    assert profile["skills"] == [{"uri": ARC_WELDING, "label": "apply arc welding techniques", "level": 4}]

    matches = client.get("/api/v1/profile/matches/").json()
    assert [m["title"] for m in matches] == ["Job 1"] and matches[0]["match"]["shared_skills"]  # English title

    assert send(client, "delete", "/api/v1/profile/").status_code == 204
    assert not WorkerProfile.objects.exists()
    assert client.get("/api/v1/profile/").status_code == 404


def test_staff_posts_api_creates_lists_and_matches(client_for, organisation, other_organisation):
    offer = StaffPostFactory(
        organisation=other_organisation, kind="offer", title_en="Welders", skills=[(ARC_WELDING, 4)]
    )
    client = client_for("representative")

    created = send(
        client,
        "post",
        "/api/v1/staff-posts/",
        {
            "organisation": "elbe-drohnen",
            "kind": "request",
            "title_de": "Schweißer gesucht",
            "period_from": offer.period_from.isoformat(),
            "period_to": offer.period_to.isoformat(),
            "skills": [{"uri": ARC_WELDING, "level": 3}],
            "status": "published",
        },
    )
    assert created.status_code == 201, created.content
    request = created.json()

    listed = client.get("/api/v1/staff-posts/?kind=offer").json()["results"]
    assert [p["id"] for p in listed] == [offer.pk]
    matches = client.get(f"/api/v1/staff-posts/{request['id']}/matches/").json()
    assert [m["post"] for m in matches] == [offer.pk]
    assert matches[0]["match"]["overlap_fraction"] == 1.0


def test_job_api_never_lists_drafts_on_the_board(client, organisation):
    JobPostingFactory(organisation=organisation, status=JobPosting.Status.DRAFT, published_at=None)
    assert client.get("/api/v1/jobs/").json()["count"] == 0


def test_schema_lists_the_talent_endpoints(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    assert {
        "/api/v1/jobs/",
        "/api/v1/jobs/{id}/",
        "/api/v1/jobs/{id}/candidates/",
        "/api/v1/applications/",
        "/api/v1/applications/{id}/withdraw/",
        "/api/v1/profile/",
        "/api/v1/profile/matches/",
        "/api/v1/staff-posts/",
        "/api/v1/staff-posts/{id}/matches/",
    } <= set(schema["paths"])
