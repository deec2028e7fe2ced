"""Bad input gets a clear message that says what and where, in the pages and in the API; never a crash."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from crosscluster.b2b import services, services_schedule
from crosscluster.b2b.models import Matchmaking, Meeting, MeetingRequest, ParticipationType, Profile, Slot
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def organiser(manager):
    return client_of(manager)


@pytest.fixture
def anna(person):
    return person("Anna")


@pytest.fixture
def ben(person):
    return person("Ben")


def test_profile_form_names_the_field_in_error(event, slots, anna, cluster):
    foreign = ParticipationType.objects.create(event=EventFactory(clusters=[cluster]), name_en="Elsewhere")
    ParticipationType.objects.create(event=event, name_en="Buyer")
    client = client_of(anna.registration.user)
    page = text(
        client.post(
            "/matchmaking/summit/profile/",
            {"organisation_name": "X", "participation_type": foreign.pk, "offer": "o" * 2001, "max_meetings": "-1"},
        )
    )
    assert "Please correct the errors below." in page
    assert "Select a valid choice" in page  # the type of another event
    assert "at most 2000 characters" in page
    assert "greater than or equal to 0" in page
    assert Profile.objects.get(pk=anna.pk).offer == ""


def test_blocking_a_slot_with_a_meeting_is_refused_on_the_form(event, slots, anna, ben):
    request = MeetingRequest.objects.create(event=event, sender=anna, recipient=ben, status="accepted")
    Meeting.objects.create(request=request, event=event, slot=slots[1], table="T1")
    page = text(
        client_of(anna.registration.user).post(
            "/matchmaking/summit/profile/", {"organisation_name": "X", "unavailable": [slots[1].pk]}
        )
    )
    assert "You have a meeting in the slot" in page
    assert not anna.unavailable.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"breaks": "lunch"}, "“lunch” is not a break like 12:00-13:00."),
        ({"breaks": "13:00-12:00"}, "The break “13:00-12:00” ends before it begins."),
        ({"breaks": "25:00-26:00"}, "“25:00-26:00” is not a time of day."),
        ({"day": "2001-01-01"}, "Choose a day of the event."),
        ({"last_end": "09:00"}, "The last slot must end after the first one begins."),
        ({"first_start": "08:00"}, "Slots must lie within the event"),
        ({"first_start": "10:10"}, "The slot would overlap the slot"),
        ({"minutes": "0"}, "greater than or equal to 5"),
        ({"tables": "-3"}, "greater than or equal to 0"),
        ({"first_start": "16:50", "last_end": "17:00"}, "No slot fits between these times."),
    ],
)
def test_slot_generator_refuses_bad_input_with_a_message(event, slots, organiser, data, message):
    form = {
        "day": event.start.date().isoformat(),
        "first_start": "13:00",
        "last_end": "14:00",
        "minutes": "20",
        "tables": "4",
        "breaks": "",
    } | data
    response = organiser.post("/matchmaking/summit/manage/slots/", form)
    assert response.status_code == 200
    assert message in text(response)
    assert Slot.objects.filter(event=event).count() == 4


def test_slot_generator_skips_breaks(event, organiser):
    form = {
        "day": event.start.date().isoformat(),
        "first_start": "10:00",
        "last_end": "12:00",
        "minutes": "20",
        "tables": "4",
        "breaks": "10:40-11:00; 11:20–11:30",
    }
    assert organiser.post("/matchmaking/summit/manage/slots/", form).status_code == 302
    starts = [s.start.astimezone(event.start.tzinfo).strftime("%H:%M") for s in Slot.objects.filter(event=event)]
    assert starts == ["10:00", "10:20", "11:00", "11:30"]


def test_slot_changes_that_would_strand_meetings_are_refused(event, slots, anna, ben, organiser):
    request = MeetingRequest.objects.create(event=event, sender=anna, recipient=ben, status="accepted")
    Meeting.objects.create(request=request, event=event, slot=slots[0], table="T2")
    start = slots[0].start.astimezone(event.start.tzinfo)
    form = {
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": slots[0].end.astimezone(event.start.tzinfo).strftime("%Y-%m-%dT%H:%M"),
        "tables": "1",
    }
    page = text(organiser.post(f"/matchmaking/summit/manage/slots/{slots[0].pk}/", form))
    assert "Table 2 is in use in this slot" in page
    page = text(organiser.post(f"/matchmaking/summit/manage/slots/{slots[0].pk}/delete/", follow=True))
    assert "1 meetings take place in this slot; move or remove them first." in page
    assert Slot.objects.filter(pk=slots[0].pk, tables=2).exists()


def test_settings_refuse_time_limits_out_of_range_and_bad_links(event, organiser):
    for limit, message in (("1", "greater than or equal to 2"), ("100000", "less than or equal to 600")):
        page = text(organiser.post("/matchmaking/summit/manage/", {"mode": "organiser", "time_limit": limit}))
        assert message in page
    page = text(
        organiser.post("/matchmaking/summit/manage/", {"mode": "organiser", "time_limit": "5", "video_link": "x y"})
    )
    assert "Enter a valid URL." in page
    page = text(organiser.post("/matchmaking/summit/manage/", {"mode": "sideways", "time_limit": "5"}))
    assert "Select a valid choice" in page
    assert Matchmaking.objects.get(event=event).time_limit == 5


def test_participation_type_in_use_cannot_be_deleted(event, organiser, person):
    kind = ParticipationType.objects.create(event=event, name_en="Buyer")
    person("Anna", participation_type=kind)
    page = text(organiser.post(f"/matchmaking/summit/manage/types/{kind.pk}/delete/", follow=True))
    assert "1 participants have chosen this type; it cannot be deleted." in page
    assert text(organiser.post("/matchmaking/summit/manage/types/", {"position": "0"})).count(
        "Give the type a name, in German or English."
    )


def test_requests_refused_with_reasons(event, anna, ben):
    user = anna.registration.user
    with pytest.raises(ValidationError, match="to yourself"):
        services.send_request(event, acting_user=user, recipient=anna)
    services.send_request(event, acting_user=user, recipient=ben)
    for sender, recipient in ((anna, ben), (ben, anna)):
        with pytest.raises(ValidationError, match="already an open or accepted request between you two"):
            services.send_request(event, acting_user=sender.registration.user, recipient=recipient)
    with pytest.raises(ValidationError, match="Choose how much"):
        services.send_request(event, acting_user=ben.registration.user, recipient=anna, interest="desperately")
    request = MeetingRequest.objects.get()
    services.decline_request(request, acting_user=ben.registration.user)
    with pytest.raises(ValidationError, match="already been answered"):
        services.accept_request(request, acting_user=ben.registration.user)
    services.send_request(event, acting_user=user, recipient=ben)  # asking again after a decline is fine


def test_request_form_checks_interest_and_message_length(event, anna, ben):
    page = text(
        client_of(anna.registration.user).post(
            f"/matchmaking/summit/participants/{ben.pk}/", {"interest": "x", "message": "m" * 1001}
        )
    )
    assert "Select a valid choice" in page and "at most 1000 characters" in page
    assert not MeetingRequest.objects.exists()


def test_participant_list_survives_odd_parameters(event, anna, ben):
    client = client_of(anna.registration.user)
    for query in ("?type=abc", "?topic=no-such-topic", "?page=999", "?q=" + "x" * 500, "?organisation=%25"):
        response = client.get("/matchmaking/summit/participants/" + query)
        assert response.status_code == 200, query
    assert client.get("/matchmaking/summit/participants/?q=a%00b").status_code in (200, 400)
    assert client.get("/matchmaking/summit/participants/999999/").status_code == 404


def test_publishing_and_scheduling_explain_what_is_missing(event, organiser, anna, ben, manager):
    page = text(organiser.post("/matchmaking/summit/manage/schedule/run/", follow=True))
    assert "Add meeting slots first." in page
    Slot.objects.create(event=event, start=event.start.replace(hour=10), end=event.start.replace(hour=11), tables=1)
    page = text(organiser.post("/matchmaking/summit/manage/schedule/run/", follow=True))
    assert "There are no accepted requests to schedule yet." in page
    page = text(organiser.post("/matchmaking/summit/manage/schedule/publish/", {"state": "final"}, follow=True))
    assert "There are no meetings to publish yet; schedule them first." in page
    page = text(organiser.post("/matchmaking/summit/manage/schedule/publish/", {"state": "draft"}, follow=True))
    assert "Choose whether to publish the preliminary or the final agenda." in page
    assert organiser.post("/matchmaking/summit/manage/meetings/999/", {"action": "free"}).status_code == 404
    with pytest.raises(ValidationError):
        services_schedule.publish_agendas(event, acting_user=manager, state="whenever")


def test_profile_needs_a_confirmed_place(event, cluster):
    waiting = RegistrationFactory(event=event, status="waitlisted", confirmed_at=None)
    response = client_of(waiting.user).get("/matchmaking/summit/profile/")
    assert response.status_code == 302 and response["Location"] == "/events/summit/"


# --- API -----------------------------------------------------------------------------------------------------------


def api(client, method, path, data=None):
    kwargs = {"data": json.dumps(data), "content_type": "application/json"} if data is not None else {}
    response = getattr(client, method)(path, **kwargs)
    return response.status_code, response.json() if response.content else None


def test_api_refuses_bad_requests_naming_the_field(event, slots, anna, ben, cluster):
    client = client_of(anna.registration.user)
    status, body = api(client, "post", "/api/v1/meeting-requests/", {})
    assert status == 400 and set(body) == {"event", "recipient"}
    status, body = api(client, "post", "/api/v1/meeting-requests/", {"event": "summit", "recipient": 999999})
    assert status == 400 and "No participant with this id" in body["recipient"][0]
    status, _body = api(client, "post", "/api/v1/meeting-requests/", {"event": "nowhere", "recipient": ben.pk})
    assert status == 404
    status, body = api(
        client, "post", "/api/v1/meeting-requests/", {"event": "summit", "recipient": ben.pk, "interest": "maybe"}
    )
    assert status == 400 and "interest" in body
    status, body = api(client, "post", "/api/v1/meeting-requests/", {"event": "summit", "recipient": anna.pk})
    assert status == 400 and "yourself" in json.dumps(body)
    status, body = api(client, "get", "/api/v1/meeting-requests/?direction=sideways")
    assert status == 400 and "direction" in body

    status, body = api(client, "post", "/api/v1/meeting-requests/", {"event": "summit", "recipient": ben.pk})
    assert status == 201 and body["direction"] == "sent" and body["weight"] == 1.0
    Matchmaking.objects.filter(event=event).update(mode="participants")
    other_slot = Slot.objects.create(
        event=EventFactory(clusters=[cluster]), start=event.start, end=event.start.replace(hour=10), tables=1
    )
    bob = client_of(ben.registration.user)
    status, body = api(bob, "post", f"/api/v1/meeting-requests/{body['id']}/accept/", {"slot": other_slot.pk})
    assert status == 400 and "No slot with this id" in body["slot"][0]
    status, body = api(bob, "post", f"/api/v1/meeting-requests/{body and MeetingRequest.objects.get().pk}/accept/", {})
    assert status == 400 and body["slot"] == ["Choose a slot for the meeting."]
    status, body = api(
        bob, "post", f"/api/v1/meeting-requests/{MeetingRequest.objects.get().pk}/accept/", {"slot": slots[2].pk}
    )
    assert status == 200 and body["status"] == "accepted"
    assert body["meeting"]["slot"]["id"] == slots[2].pk and body["meeting"]["table"] == "T1"


def test_api_agenda_lists_published_meetings_with_partner_place_and_video_link(event, slots, person, manager):
    remote = ParticipationType.objects.create(event=event, name_en="Remote", virtual=True)
    anna, ben = person("Anna"), person("Ben", participation_type=remote)
    request = MeetingRequest.objects.create(event=event, sender=anna, recipient=ben, status="accepted", message="Hi")
    meeting = Meeting.objects.create(request=request, event=event, slot=slots[0], table=f"booth:p{ben.pk}")
    client = client_of(anna.registration.user)
    assert api(client, "get", "/api/v1/meetings/")[1]["count"] == 0  # not published yet
    Meeting.objects.filter(pk=meeting.pk).update(published=True)
    Matchmaking.objects.filter(event=event).update(video_link="https://video.example.org/room")
    status, body = api(client, "get", "/api/v1/meetings/?event=summit")
    row = body["results"][0]
    assert row["partner"]["name"] == "Ben Example" and row["place"] == "Video call (Ben Example)"
    assert row["video_link"] == "https://video.example.org/room" and row["message"] == "Hi"
    assert api(client_of(manager), "get", "/api/v1/meetings/")[1]["count"] == 0


def test_nothing_is_asked_or_answered_once_the_event_is_over(event, anna, ben):
    from datetime import timedelta

    from django.utils import timezone

    request = MeetingRequest.objects.create(event=event, sender=anna, recipient=ben)
    type(event).objects.filter(pk=event.pk).update(
        start=timezone.now() - timedelta(days=2), end=timezone.now() - timedelta(days=1)
    )
    event.refresh_from_db()
    request.refresh_from_db()
    with pytest.raises(ValidationError, match="The event is over."):
        services.send_request(event, acting_user=ben.registration.user, recipient=anna)
    with pytest.raises(ValidationError, match="The event is over."):
        services.accept_request(request, acting_user=ben.registration.user)
