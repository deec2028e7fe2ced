"""Who may open and submit which poll page and API endpoint: URL × method × role → status.

Roles: anonymous, ``individual`` (logged in, not registered), ``representative`` (confirmed participant of the
summit), ``manager`` (manages Hamburg Aviation, which organises the summit), ``coordinator``.

Pages: anonymous users go to the login page (302); an event a role may not see answers 404 (a draft poll too,
for those who may not manage it); a role that sees the event but may not do this answers 403. A permitted
POST redirects (302). API: anonymous 401; invisible 404; not a participant 403; a refused vote 400.

The world: ``summit`` with an open poll (results after closing), a closed poll (results after closing), an open
poll with live results and a draft; ``biotech-day`` (public, Life Science Nord: not the manager's) with an open
poll; ``members-day`` (members only, Life Science Nord: the individual may not see it) with an open poll.
"""

import json

import pytest
from django.db import transaction
from django.test import Client

from tests.conftest import ROLES
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def expect(anonymous, individual, representative, manager, coordinator):
    return dict(zip(ROLES, (anonymous, individual, representative, manager, coordinator), strict=True))


PARTICIPANTS = expect(302, 403, 200, 200, 200)  # organisers may look at the participants' page
VOTERS = expect(302, 403, 302, 403, 403)
ORGANISERS = expect(302, 403, 403, 200, 200)
ORGANISERS_POST = expect(302, 403, 403, 302, 302)
COORDINATOR_ONLY = expect(302, 403, 403, 403, 200)
RESULTS_SHOWN = expect(302, 403, 200, 200, 200)
RESULTS_HIDDEN = expect(302, 403, 403, 200, 200)
DRAFT = expect(302, 404, 404, 200, 200)
LOGIN_405 = expect(302, 405, 405, 405, 405)


@pytest.fixture
def world(users, cluster, other_cluster, representative, make_poll):
    summit = EventFactory(slug="summit", title_en="Summit", clusters=[cluster])
    biotech = EventFactory(slug="biotech-day", clusters=[other_cluster])
    members = EventFactory(slug="members-day", visibility="members", clusters=[other_cluster])
    RegistrationFactory(event=summit, user=representative)
    polls = {
        "open": make_poll(summit, results_visibility="after_close"),
        "closed": make_poll(summit, state="closed", results_visibility="after_close"),
        "live": make_poll(summit, "rating", results_visibility="live"),
        "draft": make_poll(summit, state="draft"),
        "biotech": make_poll(biotech),
        "members": make_poll(members),
    }
    world = {name: poll.pk for name, poll in polls.items()}
    world["option"] = polls["open"].options.first().pk
    world["closed_option"] = polls["closed"].options.first().pk
    world["draft_option"] = polls["draft"].options.first().pk
    return world


def url(template):
    return lambda w: template.format(**w)


def body(data):
    return lambda w: {k: (v.format(**w) if isinstance(v, str) else v) for k, v in data.items()}


def poll_form(world):
    return {
        "question_de": "Neue Frage",
        "kind": "single",
        "options_de": "Ja\nNein",
        "scale_max": "5",
        "text_max_length": "80",
        "results_visibility": "after_close",
    }


# (name, method, url, body, expected statuses by role)
PAGES = [
    ("vote-page", "get", url("/events/summit/polls/"), None, PARTICIPANTS),
    ("vote-page", "post", url("/events/summit/polls/"), None, LOGIN_405),
    ("vote-page-members", "get", url("/events/members-day/polls/"), None, expect(302, 404, 403, 403, 200)),
    ("vote-page-unknown", "get", url("/events/nothing-here/polls/"), None, expect(302, 404, 404, 404, 404)),
    ("live", "get", url("/events/summit/polls/live/"), None, PARTICIPANTS),
    ("vote", "get", url("/events/summit/polls/{open}/vote/"), None, LOGIN_405),
    ("vote", "post", url("/events/summit/polls/{open}/vote/"), body({"choices": "{option}"}), VOTERS),
    (
        "vote-closed",
        "post",
        url("/events/summit/polls/{closed}/vote/"),
        body({"choices": "{closed_option}"}),
        VOTERS,  # redirected back with the message that it has closed
    ),
    (
        "vote-draft",
        "post",
        url("/events/summit/polls/{draft}/vote/"),
        body({"choices": "{draft_option}"}),
        expect(302, 404, 404, 403, 403),
    ),
    (
        "vote-wrong-event",
        "post",
        url("/events/summit/polls/{biotech}/vote/"),
        body({"choices": "1"}),
        expect(302, 404, 404, 404, 404),
    ),
    (
        "vote-members",
        "post",
        url("/events/members-day/polls/{members}/vote/"),
        body({"choices": "1"}),
        expect(302, 404, 403, 403, 403),
    ),
    ("results-open", "get", url("/events/summit/polls/{open}/results/"), None, RESULTS_HIDDEN),
    ("results-closed", "get", url("/events/summit/polls/{closed}/results/"), None, RESULTS_SHOWN),
    ("results-live", "get", url("/events/summit/polls/{live}/results/"), None, RESULTS_SHOWN),
    ("results-draft", "get", url("/events/summit/polls/{draft}/results/"), None, DRAFT),
    ("results-live-fragment", "get", url("/events/summit/polls/{live}/results/live/"), None, RESULTS_SHOWN),
    ("results-open-fragment", "get", url("/events/summit/polls/{open}/results/live/"), None, RESULTS_HIDDEN),
    ("manage", "get", url("/events/summit/polls/manage/"), None, ORGANISERS),
    ("manage-other", "get", url("/events/biotech-day/polls/manage/"), None, COORDINATOR_ONLY),
    ("manage-members", "get", url("/events/members-day/polls/manage/"), None, expect(302, 404, 403, 403, 200)),
    ("create", "get", url("/events/summit/polls/manage/new/"), None, ORGANISERS),
    ("create", "post", url("/events/summit/polls/manage/new/"), poll_form, ORGANISERS_POST),
    ("create-other", "post", url("/events/biotech-day/polls/manage/new/"), poll_form, expect(302, 403, 403, 403, 302)),
    ("edit", "get", url("/events/summit/polls/manage/{open}/edit/"), None, ORGANISERS),
    ("edit", "post", url("/events/summit/polls/manage/{draft}/edit/"), poll_form, ORGANISERS_POST),
    (
        "edit-wrong-event",
        "get",
        url("/events/summit/polls/manage/{biotech}/edit/"),
        None,
        expect(302, 403, 403, 404, 404),
    ),
    ("delete", "get", url("/events/summit/polls/manage/{open}/delete/"), None, ORGANISERS),
    ("delete", "post", url("/events/summit/polls/manage/{open}/delete/"), None, ORGANISERS_POST),
    ("state", "get", url("/events/summit/polls/manage/{open}/state/"), None, LOGIN_405),
    ("state", "post", url("/events/summit/polls/manage/{open}/state/"), body({"action": "close"}), ORGANISERS_POST),
    (
        "state-other",
        "post",
        url("/events/biotech-day/polls/manage/{biotech}/state/"),
        body({"action": "close"}),
        expect(302, 403, 403, 403, 302),
    ),  # fmt: skip
    ("present", "get", url("/events/summit/polls/{open}/present/"), None, ORGANISERS),
    ("present-draft", "get", url("/events/summit/polls/{draft}/present/"), None, ORGANISERS),
    ("present-live", "get", url("/events/summit/polls/{open}/present/live/"), None, ORGANISERS),
    ("present-other", "get", url("/events/biotech-day/polls/{biotech}/present/"), None, COORDINATOR_ONLY),
    ("export", "get", url("/events/summit/polls/{open}/results.csv"), None, ORGANISERS),
    ("export-other", "get", url("/events/biotech-day/polls/{biotech}/results.csv"), None, COORDINATOR_ONLY),
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
def test_poll_page_answers_each_role_with_status(world, users, method, make_url, data, expected):
    target = make_url(world)
    payload = data(world) if data else {}
    statuses = answers(users, lambda c: c.get(target) if method == "get" else c.post(target, payload))
    assert statuses == expected


API_LIST = "/api/v1/events/summit/polls/"
PARTICIPANTS_API = expect(401, 403, 200, 200, 200)
ORGANISERS_API = expect(401, 403, 403, 200, 200)
ALL_405 = expect(405, 405, 405, 405, 405)

# (name, method, path, body, expected statuses by role)
API = [
    ("list", "get", url(API_LIST), None, PARTICIPANTS_API),
    ("list", "post", url(API_LIST), {"question": "x"}, ALL_405),
    ("list-members", "get", url("/api/v1/events/members-day/polls/"), None, expect(404, 404, 403, 403, 200)),
    ("list-unknown", "get", url("/api/v1/events/nothing-here/polls/"), None, expect(404, 404, 404, 404, 404)),
    ("detail", "get", url(API_LIST + "{open}/"), None, PARTICIPANTS_API),
    ("detail", "delete", url(API_LIST + "{open}/"), None, ALL_405),
    ("detail-draft", "get", url(API_LIST + "{draft}/"), None, expect(401, 403, 404, 200, 200)),
    ("detail-wrong-event", "get", url(API_LIST + "{biotech}/"), None, expect(401, 403, 404, 404, 404)),
    ("vote", "get", url(API_LIST + "{open}/vote/"), None, ALL_405),
    ("vote", "post", url(API_LIST + "{open}/vote/"), {"choices": ["{option}"]}, expect(401, 403, 200, 403, 403)),
    (
        "vote-closed",
        "post",
        url(API_LIST + "{closed}/vote/"),
        {"choices": ["{closed_option}"]},
        expect(401, 403, 400, 403, 403),
    ),
    (
        "vote-draft",
        "post",
        url(API_LIST + "{draft}/vote/"),
        {"choices": ["{draft_option}"]},
        expect(401, 403, 404, 403, 403),
    ),  # fmt: skip
    ("vote-invalid", "post", url(API_LIST + "{open}/vote/"), {"choices": []}, expect(401, 403, 400, 403, 403)),
    ("results-open", "get", url(API_LIST + "{open}/results/"), None, ORGANISERS_API),
    ("results-closed", "get", url(API_LIST + "{closed}/results/"), None, PARTICIPANTS_API),
    ("results-live", "get", url(API_LIST + "{live}/results/"), None, PARTICIPANTS_API),
    ("results-draft", "get", url(API_LIST + "{draft}/results/"), None, expect(401, 403, 404, 200, 200)),
    ("results", "post", url(API_LIST + "{closed}/results/"), None, ALL_405),
]


def _fill(value, world):
    if isinstance(value, str):
        filled = value.format(**world)
        return int(filled) if filled.isdigit() else filled
    if isinstance(value, list):
        return [_fill(v, world) for v in value]
    return value


@pytest.mark.parametrize(
    ("method", "make_url", "data", "expected"), [a[1:] for a in API], ids=[f"{a[0]}-{a[1]}" for a in API]
)
def test_polls_api_answers_each_role_with_status(world, users, method, make_url, data, expected):
    path = make_url(world)
    kwargs = {}
    if data is not None:
        kwargs = {"data": json.dumps({k: _fill(v, world) for k, v in data.items()}), "content_type": "application/json"}
    assert answers(users, lambda c: getattr(c, method)(path, **kwargs)) == expected


def test_poll_post_without_csrf_token_is_refused(world, representative):
    client = Client(enforce_csrf_checks=True)
    client.force_login(representative)
    response = client.post(f"/events/summit/polls/{world['open']}/vote/", {"choices": world["option"]})
    assert response.status_code == 403
