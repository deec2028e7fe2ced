"""Who may open and submit which matchmaking page and API endpoint: URL × method × role → status.

Pages: anonymous users are sent to the login page (302). An event a role may not see answers 404, and so does
matchmaking that is switched off, except for the organisers. Participant pages send a confirmed participant
without a profile to the profile form (302); others who may not take part get 403. Organiser pages answer 403
to everyone but the event's organisers. A permitted POST redirects (302).
API: anonymous 401; requests and runs outside the user's reach 404; refused writes 400/403.

The world: ``summit`` (public, Hamburg Aviation, managed by ``manager``; matchmaking open, organisers
schedule). ``representative`` takes part with a profile; ``individual`` is registered without a profile. Ben
asked the representative (pending), the representative asked Cara (pending), the representative and Dan meet
(accepted, scheduled, published). ``biotech-day`` (Life Science Nord, nobody's) has open matchmaking too;
``closed`` (Hamburg Aviation) has matchmaking switched off; ``draft`` is a draft with matchmaking.
"""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client

from crosscluster.b2b.models import Matchmaking, Meeting, MeetingRequest, ParticipationType, Profile, ScheduleRun, Slot
from crosscluster.events.models import Event
from crosscluster.events.registrations import calendar_feed_for
from tests.conftest import ROLES
from tests.factories import EventFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def expect(anonymous, individual, representative, manager, coordinator):
    return dict(zip(ROLES, (anonymous, individual, representative, manager, coordinator), strict=True))


ALL_302 = expect(302, 302, 302, 302, 302)
ALL_405 = expect(405, 405, 405, 405, 405)
LOGIN_405 = expect(302, 405, 405, 405, 405)
LOGGED_IN = expect(302, 200, 200, 200, 200)
ORGANISERS = expect(302, 403, 403, 200, 200)
ORGANISERS_POST = expect(302, 403, 403, 302, 302)
COORDINATOR_ONLY = expect(302, 403, 403, 403, 200)
BROWSE = expect(302, 302, 200, 200, 200)  # the individual is sent to the profile form first
PARTICIPANT = expect(302, 302, 200, 403, 403)
PARTICIPANT_POST = expect(302, 302, 302, 403, 403)


@pytest.fixture
def world(users, cluster, other_cluster, representative, individual):
    summit = EventFactory(slug="summit", title_en="Summit", clusters=[cluster])
    Matchmaking.objects.create(event=summit, enabled=True, time_limit=5)
    slot = Slot.objects.create(
        event=summit, start=summit.start.replace(hour=10), end=summit.start.replace(hour=10, minute=20), tables=3
    )
    buyer = ParticipationType.objects.create(event=summit, name_en="Buyer", name_de="Einkauf")

    def joined(user, event=summit):
        registration = RegistrationFactory(event=event, user=user)
        return Profile.objects.create(registration=registration, event=event, organisation_name="X GmbH")

    rep = joined(representative)
    RegistrationFactory(event=summit, user=individual)
    ben, cara, dan, eva = (joined(UserFactory(first_name=n, language="en")) for n in ("Ben", "Cara", "Dan", "Eva"))
    incoming = MeetingRequest.objects.create(event=summit, sender=ben, recipient=rep, message="Hello")
    outgoing = MeetingRequest.objects.create(event=summit, sender=rep, recipient=cara)
    agreed = MeetingRequest.objects.create(event=summit, sender=rep, recipient=dan, status="accepted")
    meeting = Meeting.objects.create(request=agreed, event=summit, slot=slot, table="T1", published=True)
    others = MeetingRequest.objects.create(event=summit, sender=ben, recipient=cara, status="accepted")
    run = ScheduleRun.objects.create(event=summit, time_limit=5, status="done", score=1, bound=1, idle_slots=0)

    biotech = EventFactory(slug="biotech-day", clusters=[other_cluster])
    Matchmaking.objects.create(event=biotech, enabled=True)
    closed = EventFactory(slug="closed", clusters=[cluster])
    Matchmaking.objects.create(event=closed, enabled=False)
    draft = EventFactory(slug="draft", clusters=[cluster], status=Event.Status.DRAFT)
    Matchmaking.objects.create(event=draft, enabled=True)
    return {
        "summit": summit,
        "slot": slot,
        "type": buyer,
        "rep": rep,
        "eva": eva,
        "ben": ben,
        "incoming": incoming,
        "outgoing": outgoing,
        "agreed": agreed,
        "others": others,
        "meeting": meeting,
        "run": run,
        "other_run": ScheduleRun.objects.create(event=biotech, time_limit=5),
        "token": calendar_feed_for(representative).token,
    }


def url(template):
    return lambda w: template.format(**{k: getattr(v, "pk", v) for k, v in w.items()})


def body(data):
    return lambda w: data


def profile_form(w):
    return {"organisation_name": "Elbe Drohnen GmbH", "participation_type": w["type"].pk, "offer": "Drones"}


def slot_form(w):
    start = w["summit"].start.replace(hour=15)
    return {
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start + timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M"),
        "tables": "4",
    }


def generator_form(w):
    return {
        "day": w["summit"].start.date().isoformat(),
        "first_start": "13:00",
        "last_end": "14:00",
        "minutes": "20",
        "tables": "5",
        "breaks": "",
    }


M = "/matchmaking"
# (name, method, url, body, expected statuses by role)
PAGES = [
    ("overview", "get", url(f"{M}/"), None, LOGGED_IN),
    ("overview", "post", url(f"{M}/"), None, LOGIN_405),
    ("home", "get", url(f"{M}/summit/"), None, LOGGED_IN),
    ("home-closed", "get", url(f"{M}/closed/"), None, expect(302, 404, 404, 200, 200)),
    ("home-draft", "get", url(f"{M}/draft/"), None, expect(302, 404, 404, 200, 200)),
    ("home-unknown", "get", url(f"{M}/no-such-event/"), None, expect(302, 404, 404, 404, 404)),
    ("profile", "get", url(f"{M}/summit/profile/"), None, expect(302, 200, 200, 302, 302)),
    ("profile", "post", url(f"{M}/summit/profile/"), profile_form, ALL_302),
    ("profile-closed", "get", url(f"{M}/closed/profile/"), None, expect(302, 404, 404, 302, 302)),
    ("leave", "get", url(f"{M}/summit/profile/leave/"), None, LOGIN_405),
    ("leave", "post", url(f"{M}/summit/profile/leave/"), None, ALL_302),
    ("participants", "get", url(f"{M}/summit/participants/"), None, BROWSE),
    ("participants", "post", url(f"{M}/summit/participants/"), None, LOGIN_405),
    ("participants-other-event", "get", url(f"{M}/biotech-day/participants/"), None, expect(302, 403, 403, 403, 200)),
    ("participant", "get", url(f"{M}/summit/participants/{{eva}}/"), None, BROWSE),
    (
        "participant-request",
        "post",
        url(f"{M}/summit/participants/{{eva}}/"),
        body({"interest": "must", "message": "Hi"}),
        expect(302, 302, 302, 403, 403),
    ),
    (
        "participant-wrong-event",
        "get",
        url(f"{M}/biotech-day/participants/{{eva}}/"),
        None,
        expect(302, 403, 403, 403, 404),
    ),
    ("requests", "get", url(f"{M}/summit/requests/"), None, PARTICIPANT),
    ("accept", "get", url(f"{M}/summit/requests/{{incoming}}/accept/"), None, PARTICIPANT),
    ("accept", "post", url(f"{M}/summit/requests/{{incoming}}/accept/"), None, PARTICIPANT_POST),
    (
        "accept-own-request",
        "get",
        url(f"{M}/summit/requests/{{outgoing}}/accept/"),
        None,
        expect(302, 302, 403, 403, 403),
    ),
    ("accept-others", "get", url(f"{M}/summit/requests/{{others}}/accept/"), None, expect(302, 302, 404, 403, 403)),
    ("decline", "get", url(f"{M}/summit/requests/{{incoming}}/decline/"), None, LOGIN_405),
    ("decline", "post", url(f"{M}/summit/requests/{{incoming}}/decline/"), None, PARTICIPANT_POST),
    ("withdraw", "post", url(f"{M}/summit/requests/{{outgoing}}/withdraw/"), None, PARTICIPANT_POST),
    (
        "withdraw-received",
        "post",
        url(f"{M}/summit/requests/{{incoming}}/withdraw/"),
        None,
        expect(302, 302, 403, 403, 403),
    ),
    ("agenda", "get", url(f"{M}/summit/agenda/"), None, PARTICIPANT),
    ("agenda-ics", "get", url(f"{M}/summit/agenda.ics"), None, expect(302, 403, 200, 403, 403)),
    ("feed", "get", url(f"{M}/calendar/{{token}}.ics"), None, expect(200, 200, 200, 200, 200)),
    ("feed-unknown", "get", url(f"{M}/calendar/nope.ics"), None, expect(404, 404, 404, 404, 404)),
    ("settings", "get", url(f"{M}/summit/manage/"), None, ORGANISERS),
    (
        "settings",
        "post",
        url(f"{M}/summit/manage/"),
        body({"enabled": "on", "mode": "organiser", "time_limit": "10"}),
        ORGANISERS_POST,
    ),
    ("settings-other", "get", url(f"{M}/biotech-day/manage/"), None, COORDINATOR_ONLY),
    ("settings-closed", "get", url(f"{M}/closed/manage/"), None, expect(302, 404, 404, 200, 200)),
    ("types", "get", url(f"{M}/summit/manage/types/"), None, ORGANISERS),
    (
        "types",
        "post",
        url(f"{M}/summit/manage/types/"),
        body({"name_de": "Anbieter", "position": "1"}),
        ORGANISERS_POST,
    ),
    ("type-edit", "get", url(f"{M}/summit/manage/types/{{type}}/"), None, ORGANISERS),
    (
        "type-edit",
        "post",
        url(f"{M}/summit/manage/types/{{type}}/"),
        body({"name_en": "Buyers", "position": "0"}),
        ORGANISERS_POST,
    ),
    (
        "type-edit-other-event",
        "get",
        url(f"{M}/biotech-day/manage/types/{{type}}/"),
        None,
        expect(302, 403, 403, 403, 404),
    ),
    ("type-delete", "get", url(f"{M}/summit/manage/types/{{type}}/delete/"), None, LOGIN_405),
    ("type-delete", "post", url(f"{M}/summit/manage/types/{{type}}/delete/"), None, ORGANISERS_POST),
    ("slots", "get", url(f"{M}/summit/manage/slots/"), None, ORGANISERS),
    ("slots", "post", url(f"{M}/summit/manage/slots/"), generator_form, ORGANISERS_POST),
    ("slot-create", "get", url(f"{M}/summit/manage/slots/new/"), None, ORGANISERS),
    ("slot-create", "post", url(f"{M}/summit/manage/slots/new/"), slot_form, ORGANISERS_POST),
    ("slot-edit", "get", url(f"{M}/summit/manage/slots/{{slot}}/"), None, ORGANISERS),
    ("slot-delete", "post", url(f"{M}/summit/manage/slots/{{slot}}/delete/"), None, ORGANISERS_POST),
    ("manage-participants", "get", url(f"{M}/summit/manage/participants/"), None, ORGANISERS),
    ("manage-participant", "get", url(f"{M}/summit/manage/participants/{{rep}}/"), None, ORGANISERS),
    (
        "manage-participant",
        "post",
        url(f"{M}/summit/manage/participants/{{eva}}/"),
        body({"own_table": "on", "booth": "Stand 4"}),
        ORGANISERS_POST,
    ),
    ("schedule", "get", url(f"{M}/summit/manage/schedule/"), None, ORGANISERS),
    ("schedule-other", "get", url(f"{M}/biotech-day/manage/schedule/"), None, COORDINATOR_ONLY),
    ("run-start", "get", url(f"{M}/summit/manage/schedule/run/"), None, LOGIN_405),
    ("run-start", "post", url(f"{M}/summit/manage/schedule/run/"), None, ORGANISERS_POST),
    ("run-status", "get", url(f"{M}/summit/manage/schedule/runs/{{run}}/"), None, ORGANISERS),
    (
        "run-status-other",
        "get",
        url(f"{M}/summit/manage/schedule/runs/{{other_run}}/"),
        None,
        expect(302, 403, 403, 404, 404),
    ),
    ("move", "get", url(f"{M}/summit/manage/schedule/move/?request={{agreed}}"), None, ORGANISERS),
    (
        "move",
        "post",
        url(f"{M}/summit/manage/schedule/move/"),
        lambda w: {"request": w["agreed"].pk, "cell": f"{w['slot'].pk}|T2"},
        ORGANISERS_POST,
    ),
    ("cells", "get", url(f"{M}/summit/manage/schedule/cells/{{agreed}}/"), None, ORGANISERS),
    ("publish", "post", url(f"{M}/summit/manage/schedule/publish/"), body({"state": "final"}), ORGANISERS_POST),
    ("reminders", "post", url(f"{M}/summit/manage/schedule/reminders/"), None, ORGANISERS_POST),
    (
        "meeting-action",
        "post",
        url(f"{M}/summit/manage/meetings/{{meeting}}/"),
        body({"action": "free"}),
        ORGANISERS_POST,
    ),
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
            if (
                role == "anonymous"
                and response.status_code == 302
                and "/calendar/" not in str(response.get("Location"))
            ):
                assert response["Location"].startswith("/accounts/login/?next="), response["Location"]
            transaction.set_rollback(True)
    return statuses


@pytest.mark.parametrize(
    ("method", "make_url", "data", "expected"), [p[1:] for p in PAGES], ids=[f"{p[0]}-{p[1]}" for p in PAGES]
)
def test_matchmaking_page_answers_each_role_with_status(world, users, method, make_url, data, expected):
    target = make_url(world)
    payload = data(world) if data else {}
    statuses = answers(users, lambda c: c.get(target) if method == "get" else c.post(target, payload))
    assert statuses == expected


# (name, method, path, body, expected statuses by role)
API = [
    ("requests", "get", url("/api/v1/meeting-requests/"), None, expect(401, 200, 200, 200, 200)),
    ("request", "get", url("/api/v1/meeting-requests/{incoming}/"), None, expect(401, 404, 200, 404, 404)),
    ("request-others", "get", url("/api/v1/meeting-requests/{others}/"), None, expect(401, 404, 404, 404, 404)),
    (
        "request-create",
        "post",
        url("/api/v1/meeting-requests/"),
        lambda w: {"event": "summit", "recipient": w["eva"].pk, "interest": "must"},
        expect(401, 400, 201, 403, 403),  # the individual may take part but has no profile yet
    ),
    ("request-delete", "delete", url("/api/v1/meeting-requests/{incoming}/"), None, expect(401, 405, 405, 405, 405)),
    ("accept", "post", url("/api/v1/meeting-requests/{incoming}/accept/"), {}, expect(401, 404, 200, 404, 404)),
    ("accept-own", "post", url("/api/v1/meeting-requests/{outgoing}/accept/"), {}, expect(401, 404, 403, 404, 404)),
    ("decline", "post", url("/api/v1/meeting-requests/{incoming}/decline/"), None, expect(401, 404, 200, 404, 404)),
    ("withdraw", "post", url("/api/v1/meeting-requests/{outgoing}/withdraw/"), None, expect(401, 404, 200, 404, 404)),
    ("meetings", "get", url("/api/v1/meetings/"), None, expect(401, 200, 200, 200, 200)),
    ("meeting", "get", url("/api/v1/meetings/{meeting}/"), None, expect(401, 404, 200, 404, 404)),
    ("meeting-post", "post", url("/api/v1/meetings/"), {}, expect(401, 405, 405, 405, 405)),
    ("runs", "get", url("/api/v1/schedule-runs/"), None, expect(401, 200, 200, 200, 200)),
    ("run", "get", url("/api/v1/schedule-runs/{run}/"), None, expect(401, 404, 404, 200, 200)),
    ("run-other", "get", url("/api/v1/schedule-runs/{other_run}/"), None, expect(401, 404, 404, 404, 200)),
    ("run-create", "post", url("/api/v1/schedule-runs/"), {"event": "summit"}, expect(401, 403, 403, 201, 201)),
    (
        "run-create-other",
        "post",
        url("/api/v1/schedule-runs/"),
        {"event": "biotech-day"},
        expect(401, 403, 403, 403, 400),
    ),
]


@pytest.mark.parametrize(
    ("method", "make_url", "data", "expected"), [a[1:] for a in API], ids=[f"{a[0]}-{a[1]}" for a in API]
)
def test_matchmaking_api_answers_each_role_with_status(world, users, method, make_url, data, expected):
    path = make_url(world)
    payload = data(world) if callable(data) else data
    kwargs = {"data": json.dumps(payload), "content_type": "application/json"} if payload is not None else {}
    assert answers(users, lambda c: getattr(c, method)(path, **kwargs)) == expected


def test_matchmaking_post_without_csrf_token_is_refused(world, representative):
    client = Client(enforce_csrf_checks=True)
    client.force_login(representative)
    assert client.post(f"/matchmaking/summit/requests/{world['incoming'].pk}/decline/").status_code == 403
    assert MeetingRequest.objects.get(pk=world["incoming"].pk).status == "pending"
