"""Who may open and submit which talent page and API endpoint: URL × method × role → status.

Pages: anonymous users are sent to the login page (302) wherever an account is needed; what a role may not see
answers 404, what it may only read 403; a permitted POST redirects (302).
API: anonymous answers 401 where an account is needed; invisible objects 404; refused writes 403.

The world: ``organisation`` (Elbe Drohnen, member of Hamburg Aviation; ``representative`` represents it,
``manager`` manages the cluster) posts ``job`` (published) and ``draft`` and the staff request ``own_request``;
``other_organisation`` (Alster Biotech, Life Science Nord, nobody's) posts ``other_job``, ``other_offer`` and the
draft ``other_draft_post``. ``individual`` has a consenting profile and applied for ``job``; ``visible`` is a
stranger's consenting profile, ``hidden`` one without consent. ``agreement``: Alster Biotech lends to Elbe
Drohnen (proposed by the lender); ``outside``: between Alster Biotech and an organisation of no managed cluster.
"""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from crosscluster.talent import urls as talent_urls
from crosscluster.talent.models import JobPosting, StaffPost
from tests.conftest import ROLES
from tests.factories import MembershipFactory, OrganisationFactory
from tests.marketplace.test_permissions import api_methods

from .conftest import ARC_WELDING, TIG_WELDING
from .factories import (
    ApplicationFactory,
    JobPostingFactory,
    StaffAgreementFactory,
    StaffPostFactory,
    WorkerProfileFactory,
)

pytestmark = pytest.mark.django_db


def expect(anonymous, individual, representative, manager, coordinator):
    return dict(zip(ROLES, (anonymous, individual, representative, manager, coordinator), strict=True))


ALL_200 = expect(200, 200, 200, 200, 200)
ALL_302 = expect(302, 302, 302, 302, 302)
ALL_405 = expect(405, 405, 405, 405, 405)
LOGIN_405 = expect(302, 405, 405, 405, 405)
LOGGED_IN = expect(302, 200, 200, 200, 200)
EMPLOYERS = expect(302, 403, 200, 403, 200)  # pages of the representative's own organisation
EMPLOYERS_POST = expect(302, 403, 302, 403, 302)
COORDINATOR_ONLY = expect(302, 403, 403, 403, 200)
EXCHANGE = expect(302, 403, 200, 200, 200)
OWN_PROFILE_ONLY = expect(302, 200, 404, 404, 404)
EXCHANGE_OWN_POST = expect(302, 404, 302, 403, 302)  # a staff post of the representative's organisation


@pytest.fixture
def world(users, organisation, other_organisation, individual, other_cluster):
    job = JobPostingFactory(organisation=organisation, skills=[(ARC_WELDING, True)])
    outsider_org = OrganisationFactory(name="Fremd GmbH")
    MembershipFactory(organisation=outsider_org, cluster=other_cluster)
    world = {
        "job": job,
        "draft": JobPostingFactory(organisation=organisation, status=JobPosting.Status.DRAFT, published_at=None),
        "other_job": JobPostingFactory(organisation=other_organisation),
        "application": ApplicationFactory(job=job, applicant=individual),
        "own_profile": WorkerProfileFactory(user=individual, skills=[(ARC_WELDING, 4)]),
        "visible": WorkerProfileFactory(skills=[(TIG_WELDING, 3)]),
        "hidden": WorkerProfileFactory(consent=False, consent_given=None),
        "own_request": StaffPostFactory(organisation=organisation, kind="request", skills=[(ARC_WELDING, 3)]),
        "other_offer": StaffPostFactory(organisation=other_organisation, kind="offer", skills=[(ARC_WELDING, 4)]),
        "other_draft_post": StaffPostFactory(organisation=other_organisation, status=StaffPost.Status.DRAFT),
        "agreement": StaffAgreementFactory(lender=other_organisation, borrower=organisation),
        "outside": StaffAgreementFactory(lender=other_organisation, borrower=outsider_org),
    }
    return world


def url(template):
    return lambda w: template.format(**{k: getattr(v, "pk", v) for k, v in w.items()})


def body(data):
    return lambda w: data


def job_form(w):
    return {
        "organisation": "elbe-drohnen",
        "title_de": "Mechatroniker",
        "contract_type": "permanent",
        "working_time": "full_time",
        "remote_share": "0",
        "salary_period": "year",
        "status": "published",
    }


def profile_form(w):
    return {"headline_de": "Fachkraft", "years_experience": "3"}


def staff_form(w):
    start = timezone.localdate() + timedelta(days=5)
    return {
        "organisation": "elbe-drohnen",
        "kind": "offer",
        "title_de": "Zwei Monteure",
        "head_count": "2",
        "period_from": start.isoformat(),
        "period_to": (start + timedelta(days=30)).isoformat(),
        "status": "published",
    }


def staff_edit_form(w):
    form = staff_form(w)
    del form["organisation"], form["kind"]
    return form | {"title_de": "Geändert"}


def proposal(w):
    offer = w["other_offer"]
    return {
        "organisation": w["own_request"].organisation_id,
        "legal_model": "side_job",
        "period_from": offer.period_from.isoformat(),
        "period_to": offer.period_to.isoformat(),
        "head_count": "1",
        "tasks": "Montage",
        "region": "Hamburg",
    }


# (name, method, url, body, expected statuses by role)
PAGES = [
    ("job-board", "get", url("/talent/"), None, ALL_200),
    ("job-board", "post", url("/talent/"), None, ALL_405),
    ("job-create", "get", url("/talent/jobs/new/"), None, EMPLOYERS),
    ("job-create", "post", url("/talent/jobs/new/"), job_form, EMPLOYERS_POST),
    ("my-jobs", "get", url("/talent/jobs/mine/"), None, EMPLOYERS),
    ("my-jobs", "post", url("/talent/jobs/mine/"), None, LOGIN_405),
    ("job", "get", url("/talent/jobs/{job}/"), None, ALL_200),
    ("job", "post", url("/talent/jobs/{job}/"), None, ALL_405),
    ("job-draft", "get", url("/talent/jobs/{draft}/"), None, expect(404, 404, 200, 404, 200)),
    ("job-other", "get", url("/talent/jobs/{other_job}/"), None, ALL_200),
    ("job-edit", "get", url("/talent/jobs/{job}/edit/"), None, EMPLOYERS),
    ("job-edit", "post", url("/talent/jobs/{job}/edit/"), job_form, EMPLOYERS_POST),
    ("job-edit-other", "get", url("/talent/jobs/{other_job}/edit/"), None, COORDINATOR_ONLY),
    ("job-edit-draft", "get", url("/talent/jobs/{draft}/edit/"), None, expect(302, 404, 200, 404, 200)),
    ("job-status", "get", url("/talent/jobs/{job}/status/"), None, LOGIN_405),
    ("job-status", "post", url("/talent/jobs/{job}/status/"), body({"status": "closed"}), EMPLOYERS_POST),
    (
        "job-status-other",
        "post",
        url("/talent/jobs/{other_job}/status/"),
        body({"status": "closed"}),
        expect(302, 403, 403, 403, 302),
    ),
    ("apply", "get", url("/talent/jobs/{job}/apply/"), None, expect(302, 302, 200, 200, 200)),
    ("apply", "post", url("/talent/jobs/{other_job}/apply/"), body({"message": "Hallo"}), ALL_302),
    ("apply-draft", "get", url("/talent/jobs/{draft}/apply/"), None, expect(302, 404, 302, 404, 302)),
    ("pipeline", "get", url("/talent/jobs/{job}/applications/"), None, EMPLOYERS),
    ("pipeline", "post", url("/talent/jobs/{job}/applications/"), None, LOGIN_405),
    ("pipeline-other", "get", url("/talent/jobs/{other_job}/applications/"), None, COORDINATOR_ONLY),
    ("my-applications", "get", url("/talent/applications/"), None, LOGGED_IN),
    ("my-applications", "post", url("/talent/applications/"), None, LOGIN_405),
    ("application", "get", url("/talent/applications/{application}/"), None, expect(302, 200, 200, 404, 200)),
    ("application", "post", url("/talent/applications/{application}/"), None, LOGIN_405),
    ("application-note", "get", url("/talent/applications/{application}/note/"), None, LOGIN_405),
    ("application-withdraw", "get", url("/talent/applications/{application}/withdraw/"), None, LOGIN_405),
    ("application-status", "get", url("/talent/applications/{application}/status/"), None, LOGIN_405),
    (
        "application-status",
        "post",
        url("/talent/applications/{application}/status/"),
        body({"status": "in_review"}),
        expect(302, 403, 302, 404, 302),
    ),
    (
        "application-note",
        "post",
        url("/talent/applications/{application}/note/"),
        body({"note": "gut"}),
        expect(302, 403, 302, 404, 302),
    ),
    (
        "application-withdraw",
        "post",
        url("/talent/applications/{application}/withdraw/"),
        None,
        expect(302, 302, 403, 404, 403),
    ),
    ("my-profile", "get", url("/talent/profile/"), None, LOGGED_IN),
    ("my-profile", "post", url("/talent/profile/"), None, LOGIN_405),
    ("profile-edit", "get", url("/talent/profile/edit/"), None, LOGGED_IN),
    ("profile-edit", "post", url("/talent/profile/edit/"), profile_form, expect(302, 302, 302, 302, 302)),
    ("profile-consent", "get", url("/talent/profile/consent/"), None, LOGIN_405),
    (
        "profile-consent",
        "post",
        url("/talent/profile/consent/"),
        body({"consent": "0"}),
        expect(302, 302, 404, 404, 404),
    ),
    ("profile-json", "get", url("/talent/profile/export.json"), None, OWN_PROFILE_ONLY),
    ("profile-csv", "get", url("/talent/profile/export.csv"), None, OWN_PROFILE_ONLY),
    ("profile-json", "post", url("/talent/profile/export.json"), None, LOGIN_405),
    ("profile-csv", "post", url("/talent/profile/export.csv"), None, LOGIN_405),
    ("profile-delete", "get", url("/talent/profile/delete/"), None, OWN_PROFILE_ONLY),
    (
        "profile-delete",
        "post",
        url("/talent/profile/delete/"),
        body({"confirm": "on"}),
        expect(302, 302, 404, 404, 404),
    ),
    ("candidate-consenting", "get", url("/talent/candidates/{visible}/"), None, expect(302, 404, 200, 404, 200)),
    ("candidate-hidden", "get", url("/talent/candidates/{hidden}/"), None, expect(302, 404, 404, 404, 404)),
    ("candidate-own", "get", url("/talent/candidates/{own_profile}/"), None, expect(302, 200, 200, 404, 200)),
    ("candidate", "post", url("/talent/candidates/{visible}/"), None, LOGIN_405),
    ("exchange", "get", url("/talent/exchange/"), None, EXCHANGE),
    ("exchange", "post", url("/talent/exchange/"), None, LOGIN_405),
    ("staff-create", "get", url("/talent/exchange/new/"), None, EMPLOYERS),
    ("staff-create", "post", url("/talent/exchange/new/"), staff_form, EMPLOYERS_POST),
    ("staff-post", "get", url("/talent/exchange/{other_offer}/"), None, expect(302, 404, 200, 200, 200)),
    ("staff-post", "post", url("/talent/exchange/{other_offer}/"), None, LOGIN_405),
    ("staff-draft-other", "get", url("/talent/exchange/{other_draft_post}/"), None, expect(302, 404, 404, 404, 200)),
    ("staff-edit-own", "get", url("/talent/exchange/{own_request}/edit/"), None, expect(302, 404, 200, 403, 200)),
    ("staff-edit-other", "get", url("/talent/exchange/{other_offer}/edit/"), None, expect(302, 404, 403, 403, 200)),
    ("staff-edit-own", "post", url("/talent/exchange/{own_request}/edit/"), staff_edit_form, EXCHANGE_OWN_POST),
    (
        "staff-edit-other",
        "post",
        url("/talent/exchange/{other_offer}/edit/"),
        staff_edit_form,
        expect(302, 404, 403, 403, 302),
    ),
    ("staff-status", "get", url("/talent/exchange/{own_request}/status/"), None, LOGIN_405),
    (
        "staff-status",
        "post",
        url("/talent/exchange/{own_request}/status/"),
        body({"status": "closed"}),
        expect(302, 404, 302, 403, 302),
    ),
    ("propose", "get", url("/talent/exchange/{other_offer}/propose/"), None, expect(302, 404, 200, 403, 403)),
    ("propose", "post", url("/talent/exchange/{other_offer}/propose/"), proposal, expect(302, 404, 302, 403, 403)),
    ("propose-own", "get", url("/talent/exchange/{own_request}/propose/"), None, expect(302, 404, 403, 403, 403)),
    ("dashboard", "get", url("/talent/exchange/dashboard/"), None, expect(302, 403, 403, 200, 200)),
    ("dashboard", "post", url("/talent/exchange/dashboard/"), None, LOGIN_405),
    ("agreements", "get", url("/talent/agreements/"), None, EXCHANGE),
    ("agreements", "post", url("/talent/agreements/"), None, LOGIN_405),
    ("agreement", "get", url("/talent/agreements/{agreement}/"), None, expect(302, 404, 200, 200, 200)),
    ("agreement-outside", "get", url("/talent/agreements/{outside}/"), None, expect(302, 404, 404, 404, 200)),
    ("agreement", "post", url("/talent/agreements/{agreement}/"), None, LOGIN_405),
    ("agreement-checklist", "get", url("/talent/agreements/{agreement}/checklist/"), None, LOGIN_405),
    ("agreement-activate", "get", url("/talent/agreements/{agreement}/activate/"), None, LOGIN_405),
    ("agreement-complete", "get", url("/talent/agreements/{agreement}/complete/"), None, LOGIN_405),
    ("agreement-cancel", "get", url("/talent/agreements/{agreement}/cancel/"), None, LOGIN_405),
    ("agreement-accept", "get", url("/talent/agreements/{agreement}/accept/"), None, LOGIN_405),
    ("agreement-accept", "post", url("/talent/agreements/{agreement}/accept/"), None, expect(302, 404, 302, 403, 403)),
    (
        "agreement-cancel",
        "post",
        url("/talent/agreements/{agreement}/cancel/"),
        body({"reason": "x"}),
        expect(302, 404, 302, 403, 403),
    ),
    (
        "agreement-activate",
        "post",
        url("/talent/agreements/{agreement}/activate/"),
        None,
        expect(302, 404, 302, 403, 403),
    ),
    (
        "agreement-complete",
        "post",
        url("/talent/agreements/{outside}/complete/"),
        None,
        expect(302, 404, 404, 404, 403),
    ),
    (
        "agreement-checklist",
        "post",
        url("/talent/agreements/{agreement}/checklist/"),
        body({"done": ["consent"]}),
        expect(302, 404, 302, 403, 403),
    ),
    (
        "agreement-unknown-action",
        "post",
        url("/talent/agreements/{agreement}/approve/"),
        None,
        expect(404, 404, 404, 404, 404),
    ),
    ("esco-autocomplete", "get", url("/talent/esco/autocomplete/?kind=skill&q=weld"), None, ALL_200),
    ("esco-autocomplete", "post", url("/talent/esco/autocomplete/"), None, ALL_405),
]


def answers(users, request):
    """The status each role gets for ``request(client)``; each role's request is rolled back afterwards."""
    statuses = {}
    for role in ROLES:
        with transaction.atomic():
            client = Client()
            if users[role] is not None:
                client.force_login(users[role])
            response = request(client)
            statuses[role] = response.status_code
            if role == "anonymous" and response.status_code == 302:
                assert response["Location"].startswith("/accounts/login/?next="), response["Location"]
            transaction.set_rollback(True)
    return statuses


@pytest.mark.parametrize(
    ("method", "make_url", "data", "expected"), [p[1:] for p in PAGES], ids=[f"{p[0]}-{p[1]}" for p in PAGES]
)
def test_talent_page_answers_each_role_with_status(world, users, method, make_url, data, expected):
    target = make_url(world)
    payload = data(world) if data else {}
    statuses = answers(users, lambda c: c.get(target) if method == "get" else c.post(target, payload))
    assert statuses == expected


def staff_api_body(w):
    form = staff_form(w)
    return form | {"head_count": 2, "skills": [{"uri": ARC_WELDING, "level": 4}]}


API = [
    ("jobs", "get", url("/api/v1/jobs/"), None, ALL_200),
    (
        "jobs",
        "post",
        url("/api/v1/jobs/"),
        body({"organisation": "elbe-drohnen", "title_de": "Neu"}),
        expect(401, 403, 201, 403, 201),
    ),
    ("job", "get", url("/api/v1/jobs/{job}/"), None, ALL_200),
    ("job-draft", "get", url("/api/v1/jobs/{draft}/"), None, expect(404, 404, 200, 404, 200)),
    ("job", "patch", url("/api/v1/jobs/{job}/"), body({"remote_share": 20}), expect(401, 403, 200, 403, 200)),
    ("job", "put", url("/api/v1/jobs/{job}/"), body({"remote_share": 20}), expect(401, 403, 200, 403, 200)),
    (
        "job-other",
        "patch",
        url("/api/v1/jobs/{other_job}/"),
        body({"remote_share": 20}),
        expect(401, 403, 403, 403, 200),
    ),
    ("job", "delete", url("/api/v1/jobs/{job}/"), None, ALL_405),
    ("job-candidates", "get", url("/api/v1/jobs/{job}/candidates/"), None, expect(401, 403, 200, 403, 200)),
    ("applications", "get", url("/api/v1/applications/"), None, expect(401, 200, 200, 200, 200)),
    (
        "applications",
        "post",
        url("/api/v1/applications/"),
        lambda w: {"job": w["other_job"].pk},
        expect(401, 201, 201, 201, 201),
    ),
    (
        "applications-again",
        "post",
        url("/api/v1/applications/"),
        lambda w: {"job": w["job"].pk},
        expect(401, 400, 201, 201, 201),
    ),
    (
        "applications-draft",
        "post",
        url("/api/v1/applications/"),
        lambda w: {"job": w["draft"].pk},
        expect(401, 400, 400, 400, 400),
    ),
    ("application", "get", url("/api/v1/applications/{application}/"), None, expect(401, 200, 404, 404, 404)),
    ("application", "delete", url("/api/v1/applications/{application}/"), None, expect(401, 405, 405, 405, 405)),
    (
        "application-withdraw",
        "post",
        url("/api/v1/applications/{application}/withdraw/"),
        None,
        expect(401, 200, 404, 404, 404),
    ),
    ("profile", "get", url("/api/v1/profile/"), None, expect(401, 200, 404, 404, 404)),
    ("profile", "put", url("/api/v1/profile/"), body({"headline_de": "Fachkraft"}), expect(401, 200, 201, 201, 201)),
    ("profile", "patch", url("/api/v1/profile/"), body({"relocate": True}), expect(401, 200, 400, 400, 400)),
    ("profile", "delete", url("/api/v1/profile/"), None, expect(401, 204, 404, 404, 404)),
    ("profile", "post", url("/api/v1/profile/"), body({}), expect(401, 405, 405, 405, 405)),
    ("profile-matches", "get", url("/api/v1/profile/matches/"), None, expect(401, 200, 404, 404, 404)),
    ("staff-posts", "get", url("/api/v1/staff-posts/"), None, expect(401, 403, 200, 200, 200)),
    ("staff-posts", "post", url("/api/v1/staff-posts/"), staff_api_body, expect(401, 403, 201, 403, 201)),
    ("staff-post", "get", url("/api/v1/staff-posts/{other_offer}/"), None, expect(401, 404, 200, 200, 200)),
    ("staff-post-draft", "get", url("/api/v1/staff-posts/{other_draft_post}/"), None, expect(401, 404, 404, 404, 200)),
    (
        "staff-post-own",
        "patch",
        url("/api/v1/staff-posts/{own_request}/"),
        body({"head_count": 3}),
        expect(401, 404, 200, 403, 200),
    ),
    (
        "staff-post-own",
        "put",
        url("/api/v1/staff-posts/{own_request}/"),
        body({"head_count": 3}),
        expect(401, 404, 200, 403, 200),
    ),
    (
        "staff-post-other",
        "patch",
        url("/api/v1/staff-posts/{other_offer}/"),
        body({"head_count": 3}),
        expect(401, 404, 403, 403, 200),
    ),
    (
        "staff-post-matches",
        "get",
        url("/api/v1/staff-posts/{other_offer}/matches/"),
        None,
        expect(401, 404, 200, 200, 200),
    ),
]


@pytest.mark.parametrize(
    ("method", "make_url", "data", "expected"), [a[1:] for a in API], ids=[f"{a[0]}-{a[1]}" for a in API]
)
def test_talent_api_answers_each_role_with_status(world, users, method, make_url, data, expected):
    target = make_url(world)
    kwargs = {"data": json.dumps(data(world)), "content_type": "application/json"} if data is not None else {}
    assert answers(users, lambda c: getattr(c, method)(target, **kwargs)) == expected


def test_talent_post_without_csrf_token_is_refused(world, individual):
    client = Client(enforce_csrf_checks=True)
    client.force_login(individual)
    assert client.post("/talent/profile/consent/", {"consent": "0"}).status_code == 403
    world["own_profile"].refresh_from_db()
    assert world["own_profile"].consent


def test_matrix_covers_every_page_and_endpoint_with_each_method(world):
    """A new page or endpoint without rows in the tables above fails here: GET and POST of every page (of each
    agreement step), and every method the API offers."""

    def route(path):
        match = resolve(path.split("?")[0])
        return ":".join(filter(None, (match.url_name, match.kwargs.get("action"))))

    covered = set()
    for _name, method, make_url, _data, _expected in PAGES:
        try:
            covered.add((route(make_url(world)), method))
        except Exception:  # the row of an unknown agreement step: it does not resolve, as intended
            assert "approve" in make_url(world)
    names = [p.name for p in talent_urls.urlpatterns if p.name != "agreement_action"]
    names += [f"agreement_action:{step}" for step in ("accept", "activate", "complete", "cancel")]
    assert {(name, method) for name in names for method in ("get", "post")} - covered == set()

    covered = {(resolve(make_url(world)).url_name, method) for _n, method, make_url, _d, _e in API}
    assert (api_methods("job") | api_methods("application") | api_methods("staff-post") | api_methods("talent-")) - (
        covered
    ) == set()
