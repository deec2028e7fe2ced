"""The event pages and API as users meet them: what they show, and how they answer bad input (never a 500)."""

from datetime import timedelta

import pytest
import yaml
from django.utils import timezone

from crosscluster.events import registrations
from crosscluster.events.models import Event, Session
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def event_form(event, **overrides):
    data = {
        "title_de": "Gipfel",
        "title_en": "Summit",
        "format": "in_person",
        "start": local(event.start),
        "end": local(event.end),
        "visibility": "public",
        "status": "published",
        "clusters": [c.pk for c in event.clusters.all()],
        "waitlist_enabled": "on",
        "capacity": "10",
    }
    return {**data, **overrides}


def test_event_list_shows_upcoming_events_with_places(client, event, other_event):
    RegistrationFactory(event=event)
    html = client.get("/events/").content.decode()
    assert "Summit" in html and "Biotech Day" in html
    assert "1 of 10 places taken" in html


def test_event_list_filters_by_cluster_format_time_and_words(client, event, other_event):
    now = timezone.now()
    EventFactory(slug="old", title_en="Old Fair", start=now - timedelta(days=3), end=now - timedelta(days=2))
    EventFactory(slug="web", title_en="Webinar", format="virtual")

    def titles(**params):
        html = client.get("/events/", params, HTTP_HX_REQUEST="true").content.decode()
        return [t for t in ("Summit", "Biotech Day", "Old Fair", "Webinar") if t in html]

    assert titles() == ["Summit", "Biotech Day", "Webinar"]
    assert titles(cluster="hamburg-aviation") == ["Summit"]
    assert titles(format="virtual") == ["Webinar"]
    assert titles(when="past") == ["Old Fair"]
    assert titles(q="biotech") == ["Biotech Day"]


@pytest.mark.parametrize(
    "params",
    [
        {"when": "tomorrow"},
        {"format": "hologram"},
        {"page": "abc"},
        {"page": "999"},
        {"q": "a\x00b"},
        {"q": "x" * 5000},
    ],
)
def test_event_list_survives_odd_parameters(client, event, params):
    assert client.get("/events/", params).status_code == 200


def test_event_list_is_german_by_default(client, event):
    client.cookies["django_language"] = "de"
    html = client.get("/events/").content.decode()
    assert "Veranstaltungen" in html and "Gipfel" in html


def test_programme_groups_parallel_sessions_and_shows_seats(client, event):
    html = client.get("/events/summit/").content.decode()
    keynote, drones, hydrogen = (html.index(t) for t in ("Opening keynote", "Drones", "Hydrogen"))
    assert keynote < drones < hydrogen
    assert "0 of 2 seats taken" in html
    assert "Log in to register" in html


def test_video_link_only_for_confirmed_participants_and_organisers(client_for, event, representative, individual):
    event.format = "virtual"
    event.video_link = "https://meet.example.org/secret-room"
    event.save()
    RegistrationFactory(event=event, user=representative)
    RegistrationFactory(event=event, user=individual, status="waitlisted", confirmed_at=None)
    for role, shown in [("individual", False), ("representative", True), ("manager", True)]:
        html = client_for(role).get("/events/summit/").content.decode()
        assert ("secret-room" in html) is shown, role
    api = client_for("individual").get("/api/v1/events/summit/").json()
    assert api["video_link"] is None


def test_event_page_leads_participants_to_voting_and_matchmaking_and_organisers_to_managing_them(
    client_for, event, representative, individual
):
    from crosscluster.b2b.models import Matchmaking

    RegistrationFactory(event=event, user=representative)
    RegistrationFactory(event=event, user=individual, status="waitlisted", confirmed_at=None)
    voting = '<a href="/events/summit/polls/">Live voting</a>'
    matchmaking = '<a href="/matchmaking/summit/">B2B matchmaking</a>'

    participant = client_for("representative").get("/events/summit/").content.decode()
    assert voting in participant and matchmaking not in participant  # matchmaking is off until organisers opt in
    Matchmaking.objects.create(event=event, enabled=True)
    participant = client_for("representative").get("/events/summit/").content.decode()
    assert voting in participant and matchmaking in participant
    waiting = client_for("individual").get("/events/summit/").content.decode()
    assert voting not in waiting and matchmaking not in waiting

    organiser = client_for("manager").get("/events/summit/").content.decode()
    assert '<a href="/events/summit/polls/manage/">Live polls</a>' in organiser
    assert '<a href="/matchmaking/summit/manage/">Matchmaking</a>' in organiser
    polls_page = client_for("manager").get("/events/summit/polls/manage/").content.decode()
    assert '<a href="/events/summit/polls/manage/" aria-current="page">Live polls</a>' in polls_page
    assert '<a href="/events/summit/check-in/"' in polls_page  # the whole organisers' navigation


def test_register_from_the_event_page(client_for, event, mailoutbox, django_capture_on_commit_callbacks):
    client = client_for("individual")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/events/summit/register/", follow=True)
    html = response.content.decode()
    assert "You are registered for Summit. We have sent you a confirmation by e-mail." in html
    assert "Cancel my registration" in html
    assert len(mailoutbox) == 1


def test_full_event_offers_the_waiting_list(client_for, event, make_users):
    event.capacity = 1
    event.save()
    registrations.register(acting_user=make_users(1)[0], event=event)
    client = client_for("individual")
    assert "Join the waiting list" in client.get("/events/summit/").content.decode()
    html = client.post("/events/summit/register/", follow=True).content.decode()
    assert "you are on the waiting list" in html
    assert "You are on the waiting list (position 1)." in html


def test_register_when_closed_explains_why(client_for, event):
    event.registration_closes = timezone.now() - timedelta(hours=1)
    event.save()
    html = client_for("individual").post("/events/summit/register/", follow=True).content.decode()
    assert "Registration for this event has closed." in html
    assert not event.registrations.exists()


def test_agenda_button_swaps_the_session_card(client_for, event, representative, session_named):
    registrations.register(acting_user=representative, event=event)
    client = client_for("representative")
    drones, hydrogen = session_named("Drones"), session_named("Hydrogen")
    card = client.post(
        f"/events/summit/sessions/{drones.pk}/agenda/", {"action": "add"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert card.lstrip().startswith(f'<li class="session in-agenda" id="session-{drones.pk}">')
    assert "1 of 2 seats taken" in card and "Remove from my agenda" in card

    clash = client.post(
        f"/events/summit/sessions/{hydrogen.pk}/agenda/", {"action": "add"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'role="alert">“Hydrogen” overlaps with “Drones”' in clash


def test_agenda_page_lists_the_chosen_sessions(client_for, event, representative, session_named):
    registrations.register(acting_user=representative, event=event)
    registrations.add_to_agenda(acting_user=representative, session=session_named("Drones"))
    html = client_for("representative").get("/events/summit/agenda/").content.decode()
    assert "Drones" in html and "Hydrogen" not in html and "Opening keynote" not in html


def test_agenda_toggle_with_unknown_action_is_a_clear_400(client_for, event, session_named):
    response = client_for("representative").post(
        f"/events/summit/sessions/{session_named('Drones').pk}/agenda/", {"action": "explode"}
    )
    assert response.status_code == 400 and response.content == b"Unknown action."


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title_de", "", "This field is required."),
        ("start", "31.02.2026 25:00", "Enter a valid date/time."),
        ("end", "gestern", "Enter a valid date/time."),
        ("capacity", "-3", "Ensure this value is greater than or equal to 0."),
        ("video_link", "javascript:alert(1)", "Enter a valid URL."),
        ("format", "hologram", "Select a valid choice."),
        ("visible_cluster", "999999", "Select a valid choice."),
        ("clusters", "abc", "“abc” is not a valid value."),
        ("title_de", "x" * 201, "Ensure this value has at most 200 characters"),
    ],
)
def test_event_form_explains_bad_input_and_saves_nothing(client_for, event, field, value, message):
    response = client_for("manager").post("/events/summit/edit/", event_form(event, **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    event.refresh_from_db()
    assert event.title_de == "Gipfel" and event.capacity == 10


def test_event_form_explains_rule_violations(client_for, event):
    client = client_for("manager")
    html = client.post("/events/summit/edit/", event_form(event, end=local(event.start - timedelta(hours=1)))).content
    assert "The event must end after it begins." in html.decode()
    html = client.post("/events/summit/edit/", event_form(event, visibility="cluster")).content.decode()
    assert "Choose the cluster whose members may see this event." in html
    html = client.post("/events/summit/edit/", event_form(event, clusters=[])).content.decode()
    assert "Choose at least one cluster you manage as an organiser." in html


def test_event_form_refuses_a_time_that_does_not_exist_in_berlin(client_for, event):
    # 02:30 on the last Sunday of March 2027 is skipped when the clocks go forward.
    response = client_for("manager").post("/events/summit/edit/", event_form(event, start="2027-03-28T02:30"))
    assert response.status_code == 200
    assert "couldn’t be interpreted in time zone Europe/Berlin" in response.content.decode()


def test_event_form_reads_times_as_berlin_time(client_for, event):
    response = client_for("manager").post(
        "/events/summit/edit/", event_form(event, start="2027-07-01T09:00", end="2027-07-01T17:00")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.start.isoformat() == "2027-07-01T07:00:00+00:00"  # CEST is UTC+2


def test_create_event_from_the_form(client_for, event, cluster):
    response = client_for("manager").post("/events/new/", event_form(event, title_de="Neues Treffen"))
    created = Event.objects.get(slug="neues-treffen")
    assert response["Location"] == "/events/neues-treffen/"
    assert list(created.clusters.all()) == [cluster]


def test_session_form_explains_bad_input_and_saves_nothing(client_for, event):
    before = event.sessions.count()
    data = {"title_de": "", "kind": "party", "start": "soon", "end": local(event.end + timedelta(hours=2))}
    html = client_for("manager").post("/events/summit/sessions/new/", data).content.decode()
    assert "This field is required." in html
    assert "Select a valid choice. party is not one of the available choices." in html
    assert "Enter a valid date/time." in html
    data = {
        "title_de": "Spät",
        "kind": "panel",
        "start": local(event.end),
        "end": local(event.end + timedelta(hours=1)),
    }
    html = client_for("manager").post("/events/summit/sessions/new/", data).content.decode()
    assert "The session must lie within the event" in html
    assert Session.objects.filter(event=event).count() == before


def test_session_form_creates_tracks_rooms_and_speakers(client_for, event):
    from tests.factories import SpeakerFactory

    speaker = SpeakerFactory(event=event, name="Dr. Lena Brandt")
    data = {
        "title_de": "Werkstatt",
        "title_en": "Workshop",
        "kind": "breakout",
        "start": local(event.start + timedelta(hours=3)),
        "end": local(event.start + timedelta(hours=4)),
        "track_name": "Luftfahrt",
        "room_name": "Saal 1",
        "speakers": [speaker.pk],
        "capacity": "30",
    }
    assert client_for("manager").post("/events/summit/sessions/new/", data).status_code == 302
    session = event.sessions.get(title_de="Werkstatt")
    assert (session.track.name, session.room.name, list(session.speakers.all())) == ("Luftfahrt", "Saal 1", [speaker])
    assert "Dr. Lena Brandt" in client_for("manager").get("/events/summit/").content.decode()


def test_speaker_form_explains_bad_input(client_for, event):
    html = client_for("manager").post("/events/summit/speakers/", {"name": "", "bio_de": "x" * 3000}).content
    assert b"This field is required." in html and b"Ensure this value has at most 2000 characters" in html
    assert not event.speakers.exists()


def test_statistics_and_feedback_results_pages_render_for_an_empty_event(client_for, event):
    client = client_for("manager")
    assert "No participant has answered" not in client.get("/events/summit/feedback/results/").content.decode()
    assert client.get("/events/summit/statistics/").status_code == 200


# --- API ----------------------------------------------------------------------------------------------------------


def test_api_event_detail_has_the_programme_and_my_registration(client_for, event, representative):
    registrations.register(acting_user=representative, event=event)
    data = client_for("representative").get("/api/v1/events/summit/").json()
    assert data["organisers"] == ["hamburg-aviation"]
    assert data["confirmed"] == 1 and data["registration"] == "open"
    assert [s["title"] for s in data["sessions"]] == ["Opening keynote", "Drones", "Hydrogen"]
    assert data["sessions"][1]["capacity"] == 2 and data["sessions"][1]["seats_taken"] == 0
    assert data["my_registration"]["status"] == "confirmed"
    assert data["start"].endswith(("+01:00", "+02:00"))


def test_api_list_filters_and_refuses_unknown_values(client, event, other_event):
    assert [e["slug"] for e in client.get("/api/v1/events/?cluster=life-science-nord").json()["results"]] == [
        "biotech-day"
    ]
    assert [e["slug"] for e in client.get("/api/v1/events/?attendance_mode=in_person&q=bio").json()["results"]] == [
        "biotech-day"
    ]
    response = client.get("/api/v1/events/?when=tomorrow&attendance_mode=hologram")
    assert response.status_code == 400
    assert set(response.json()) == {"when", "attendance_mode"}


def test_api_register_waitlists_when_full_and_cancel_promotes(client_for, event, make_users):
    event.capacity = 1
    event.save()
    holder = make_users(1)[0]
    registrations.register(acting_user=holder, event=event)
    client = client_for("individual")
    response = client.post("/api/v1/events/summit/register/")
    assert response.status_code == 201 and response.json()["status"] == "waitlisted"
    again = client.post("/api/v1/events/summit/register/")
    assert again.status_code == 400
    assert again.json() == {"non_field_errors": ["You are already on the waiting list for this event."]}
    client.force_login(holder)
    assert client.post("/api/v1/events/summit/cancel-registration/").json()["status"] == "cancelled"
    assert event.registrations.get(user__email="individual@example.org").status == "confirmed"


def test_api_schema_documents_the_event_endpoints(client, db):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    paths = schema["paths"]
    assert {"/api/v1/events/", "/api/v1/events/{slug}/", "/api/v1/events/{slug}/register/"} <= set(paths)
    assert "/api/v1/events/{slug}/cancel-registration/" in paths
    names = {p["name"] for p in paths["/api/v1/events/"]["get"]["parameters"]}
    assert {"when", "cluster", "attendance_mode", "q", "page"} <= names
    detail = schema["components"]["schemas"]["EventDetail"]["properties"]
    assert {"sessions", "video_link", "my_registration"} <= set(detail)


def test_event_form_refuses_an_absurd_capacity(client_for, event):
    response = client_for("manager").post("/events/summit/edit/", event_form(event, capacity="99999999999"))
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 100000." in response.content.decode()


@pytest.mark.parametrize("model", ["event", "session", "speaker", "registration", "feedback"])
def test_admin_pages_for_events_open(client, event, model):
    from tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    registration = RegistrationFactory(event=event)
    assert client.get(f"/admin/events/{model}/").status_code == 200
    if model in ("event", "session", "speaker"):
        assert client.get(f"/admin/events/{model}/add/").status_code == 200
    assert client.get(f"/admin/events/event/{event.pk}/change/").status_code == 200
    assert client.get(f"/admin/events/registration/{registration.pk}/change/").status_code == 200


def test_participants_cannot_cancel_once_the_event_has_begun(client_for, individual):
    now = timezone.now()
    EventFactory(slug="running", start=now - timedelta(hours=1), end=now + timedelta(hours=3))
    RegistrationFactory(event=Event.objects.get(slug="running"), user=individual)
    html = client_for("individual").get("/events/running/").content.decode()
    assert "You are registered." in html and "Cancel my registration" not in html
