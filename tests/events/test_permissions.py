"""Who may open and submit which event page and API endpoint: URL × method × role → status.

Pages: anonymous users are sent to the login page (302) wherever an account is needed; an event a role may not
see answers 404, one it may only read answers 403. A permitted POST redirects (302).
API: anonymous writes answer 401; invisible events 404; refused registrations 400.

The world: ``summit`` (public, Hamburg Aviation, managed by ``manager``; the representative is registered),
``biotech-day`` (public, Life Science Nord, nobody's), ``members-day`` (members only, Life Science Nord),
``aviation-only`` (members of Hamburg Aviation only), ``draft`` (a draft of Hamburg Aviation),
``past`` (over, Hamburg Aviation; the individual took part).
"""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from crosscluster.events.models import Event
from tests.conftest import ROLES
from tests.factories import EventFactory, RegistrationFactory, SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def expect(anonymous, individual, representative, manager, coordinator):
    return dict(zip(ROLES, (anonymous, individual, representative, manager, coordinator), strict=True))


ALL_200 = expect(200, 200, 200, 200, 200)
ALL_302 = expect(302, 302, 302, 302, 302)
ALL_404 = expect(404, 404, 404, 404, 404)
ALL_405 = expect(405, 405, 405, 405, 405)
LOGIN_405 = expect(302, 405, 405, 405, 405)
ORGANISERS = expect(302, 403, 403, 200, 200)  # pages of the manager's event
ORGANISERS_POST = expect(302, 403, 403, 302, 302)
COORDINATOR_ONLY = expect(302, 403, 403, 403, 200)  # pages of another cluster's public event
MEMBERS = expect(404, 404, 200, 200, 200)


@pytest.fixture
def world(users, cluster, other_cluster, representative, individual):
    summit = EventFactory(slug="summit", title_en="Summit", clusters=[cluster], capacity=10)
    biotech = EventFactory(slug="biotech-day", clusters=[other_cluster])
    now = timezone.now()
    past = EventFactory(slug="past", clusters=[cluster], start=now - timedelta(days=2), end=now - timedelta(days=1))
    world = {
        "summit": summit,
        "biotech": biotech,
        "members": EventFactory(slug="members-day", visibility="members", clusters=[other_cluster]),
        "aviation_only": EventFactory(
            slug="aviation-only", visibility="cluster", visible_cluster=cluster, clusters=[cluster]
        ),
        "draft": EventFactory(slug="draft", status=Event.Status.DRAFT, clusters=[cluster]),
        "past": past,
        "session": SessionFactory(event=summit, title_en="Drones"),
        "other_session": SessionFactory(event=biotech),
        "speaker": SpeakerFactory(event=summit),
        "registration": RegistrationFactory(event=summit, user=representative),
    }
    RegistrationFactory(event=past, user=individual)
    return world


def event_form(world):
    start = timezone.localtime(world["summit"].start)
    return {
        "title_de": "Neu",
        "title_en": "New",
        "format": "in_person",
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "visibility": "public",
        "status": "published",
        "clusters": [world["summit"].clusters.get().pk],
        "waitlist_enabled": "on",
        "capacity": "20",
    }


def session_form(world):
    start = timezone.localtime(world["summit"].start)
    return {
        "title_de": "Werkstatt",
        "kind": "breakout",
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    }


def url(template):
    return lambda w: template.format(**{k: getattr(v, "pk", v) for k, v in w.items()})


def body(data):
    return lambda w: data


# (name, method, url, body, expected statuses by role)
PAGES = [
    ("list", "get", url("/events/"), None, ALL_200),
    ("list", "post", url("/events/"), None, ALL_405),
    ("list-past", "get", url("/events/?when=past"), None, ALL_200),
    ("create", "get", url("/events/new/"), None, expect(302, 403, 403, 200, 200)),
    ("create", "post", url("/events/new/"), event_form, expect(302, 403, 403, 302, 302)),
    ("my-events", "get", url("/events/my/"), None, expect(302, 200, 200, 200, 200)),
    ("my-events", "post", url("/events/my/"), None, LOGIN_405),
    ("feed-renew", "get", url("/events/my/calendar/renew/"), None, LOGIN_405),
    ("feed-renew", "post", url("/events/my/calendar/renew/"), None, ALL_302),
    ("detail-public", "get", url("/events/summit/"), None, ALL_200),
    ("detail-public", "post", url("/events/summit/"), None, ALL_405),
    ("detail-members", "get", url("/events/members-day/"), None, MEMBERS),
    ("detail-one-cluster", "get", url("/events/aviation-only/"), None, MEMBERS),
    ("detail-draft", "get", url("/events/draft/"), None, expect(404, 404, 404, 200, 200)),
    ("detail-unknown", "get", url("/events/no-such-event/"), None, ALL_404),
    ("feed-public", "get", url("/events/summit/calendar.ics"), None, ALL_200),
    ("feed-members", "get", url("/events/members-day/calendar.ics"), None, MEMBERS),
    ("register", "get", url("/events/summit/register/"), None, LOGIN_405),
    ("register", "post", url("/events/summit/register/"), None, ALL_302),
    ("register-members", "post", url("/events/members-day/register/"), None, expect(302, 404, 302, 302, 302)),
    ("register-draft", "post", url("/events/draft/register/"), None, expect(302, 404, 404, 302, 302)),
    ("cancel-registration", "get", url("/events/summit/cancel-registration/"), None, LOGIN_405),
    ("cancel-registration", "post", url("/events/summit/cancel-registration/"), None, expect(302, 404, 302, 404, 404)),
    ("agenda", "get", url("/events/summit/agenda/"), None, expect(302, 302, 200, 302, 302)),
    ("agenda-toggle", "get", url("/events/summit/sessions/{session}/agenda/"), None, LOGIN_405),
    ("agenda-toggle", "post", url("/events/summit/sessions/{session}/agenda/"), body({"action": "add"}), ALL_302),
    (
        "agenda-toggle-other-event",
        "post",
        url("/events/summit/sessions/{other_session}/agenda/"),
        body({"action": "add"}),
        expect(302, 404, 404, 404, 404),
    ),
    ("feedback", "get", url("/events/past/feedback/"), None, expect(302, 200, 403, 403, 403)),
    (
        "feedback",
        "post",
        url("/events/past/feedback/"),
        body({"rating": "4", "most_useful": "talks"}),
        expect(302, 302, 403, 403, 403),
    ),
    ("edit", "get", url("/events/summit/edit/"), None, ORGANISERS),
    ("edit", "post", url("/events/summit/edit/"), event_form, ORGANISERS_POST),
    ("edit-other", "get", url("/events/biotech-day/edit/"), None, COORDINATOR_ONLY),
    ("edit-draft", "get", url("/events/draft/edit/"), None, expect(302, 404, 404, 200, 200)),
    ("session-create", "get", url("/events/summit/sessions/new/"), None, ORGANISERS),
    ("session-create", "post", url("/events/summit/sessions/new/"), session_form, ORGANISERS_POST),
    ("session-edit", "get", url("/events/summit/sessions/{session}/edit/"), None, ORGANISERS),
    ("session-edit", "post", url("/events/summit/sessions/{session}/edit/"), session_form, ORGANISERS_POST),
    (
        "session-edit-wrong-event",
        "get",
        url("/events/biotech-day/sessions/{session}/edit/"),
        None,
        expect(302, 403, 403, 403, 404),
    ),
    ("session-delete", "get", url("/events/summit/sessions/{session}/delete/"), None, ORGANISERS),
    ("session-delete", "post", url("/events/summit/sessions/{session}/delete/"), None, ORGANISERS_POST),
    ("speakers", "get", url("/events/summit/speakers/"), None, ORGANISERS),
    ("speakers", "post", url("/events/summit/speakers/"), body({"name": "Dr. Lena Brandt"}), ORGANISERS_POST),
    ("speakers-other", "get", url("/events/biotech-day/speakers/"), None, COORDINATOR_ONLY),
    ("speaker-edit", "get", url("/events/summit/speakers/{speaker}/edit/"), None, ORGANISERS),
    ("speaker-edit", "post", url("/events/summit/speakers/{speaker}/edit/"), body({"name": "X"}), ORGANISERS_POST),
    ("speaker-delete", "get", url("/events/summit/speakers/{speaker}/delete/"), None, ORGANISERS),
    ("speaker-delete", "post", url("/events/summit/speakers/{speaker}/delete/"), None, ORGANISERS_POST),
    ("checkin", "get", url("/events/summit/check-in/"), None, ORGANISERS),
    ("checkin", "post", url("/events/summit/check-in/"), None, LOGIN_405),
    ("checkin-other", "get", url("/events/biotech-day/check-in/"), None, COORDINATOR_ONLY),
    ("checkin-members", "get", url("/events/members-day/check-in/"), None, expect(302, 404, 403, 403, 200)),
    ("checkin-action", "get", url("/events/summit/check-in/{registration}/"), None, LOGIN_405),
    (
        "checkin-action",
        "post",
        url("/events/summit/check-in/{registration}/"),
        body({"action": "check_in"}),
        ORGANISERS_POST,
    ),
    ("statistics", "get", url("/events/summit/statistics/"), None, ORGANISERS),
    ("statistics-other", "get", url("/events/biotech-day/statistics/"), None, COORDINATOR_ONLY),
    ("feedback-results", "get", url("/events/past/feedback/results/"), None, ORGANISERS),
    ("feedback-results-other", "get", url("/events/biotech-day/feedback/results/"), None, COORDINATOR_ONLY),
    ("export", "get", url("/events/summit/registrations.csv"), None, ORGANISERS),
    ("export-other", "get", url("/events/biotech-day/registrations.csv"), None, COORDINATOR_ONLY),
]


def answers(world, users, request):
    """The status each role gets for ``request(client)``; each role's request is rolled back afterwards, so a
    POST by one role (deleting a session, registering) does not change what the next role finds."""
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
def test_event_page_answers_each_role_with_status(world, users, method, make_url, data, expected):
    target = make_url(world)
    payload = data(world) if data else {}
    statuses = answers(world, users, lambda c: c.get(target) if method == "get" else c.post(target, payload))
    assert statuses == expected


# (name, method, path, body, expected statuses by role)
API = [
    ("list", "get", "/api/v1/events/", None, ALL_200),
    ("list", "post", "/api/v1/events/", {"title": "x"}, ALL_405),
    ("detail-public", "get", "/api/v1/events/summit/", None, ALL_200),
    ("detail-public", "delete", "/api/v1/events/summit/", None, ALL_405),
    ("detail-public", "patch", "/api/v1/events/summit/", {"capacity": 1}, ALL_405),
    ("detail-members", "get", "/api/v1/events/members-day/", None, MEMBERS),
    ("detail-one-cluster", "get", "/api/v1/events/aviation-only/", None, MEMBERS),
    ("detail-draft", "get", "/api/v1/events/draft/", None, expect(404, 404, 404, 200, 200)),
    ("register", "get", "/api/v1/events/summit/register/", None, ALL_405),
    ("register", "post", "/api/v1/events/summit/register/", None, expect(401, 201, 400, 201, 201)),
    ("register-members", "post", "/api/v1/events/members-day/register/", None, expect(401, 404, 201, 201, 201)),
    ("register-draft", "post", "/api/v1/events/draft/register/", None, expect(401, 404, 404, 400, 400)),
    ("register-past", "post", "/api/v1/events/past/register/", None, expect(401, 400, 400, 400, 400)),
    (
        "cancel-registration",
        "post",
        "/api/v1/events/summit/cancel-registration/",
        None,
        expect(401, 404, 200, 404, 404),
    ),
]


@pytest.mark.parametrize(
    ("method", "path", "data", "expected"), [a[1:] for a in API], ids=[f"{a[0]}-{a[1]}" for a in API]
)
def test_events_api_answers_each_role_with_status(world, users, method, path, data, expected):
    kwargs = {"data": json.dumps(data), "content_type": "application/json"} if data is not None else {}
    assert answers(world, users, lambda c: getattr(c, method)(path, **kwargs)) == expected


def test_event_post_without_csrf_token_is_refused(world, individual):
    client = Client(enforce_csrf_checks=True)
    client.force_login(individual)
    assert client.post("/events/summit/register/").status_code == 403
    assert not world["summit"].registrations.filter(user=individual).exists()
