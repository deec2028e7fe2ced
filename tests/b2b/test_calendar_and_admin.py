"""Meeting calendars (download and secret-address feed), the OpenAPI schema and the Django admin pages."""

import pytest
import yaml
from django.test import Client
from icalendar import Calendar

from crosscluster.b2b.models import Meeting, MeetingRequest
from crosscluster.events.registrations import calendar_feed_for, regenerate_calendar_feed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(event, slots, person):
    anna, ben, cara = person("Anna"), person("Ben", organisation_name="Brandt Bau"), person("Cara")
    shown = MeetingRequest.objects.create(event=event, sender=ben, recipient=anna, status="accepted", message="Hi!")
    hidden = MeetingRequest.objects.create(event=event, sender=anna, recipient=cara, status="accepted")
    Meeting.objects.create(request=shown, event=event, slot=slots[1], table="T2", published=True)
    Meeting.objects.create(request=hidden, event=event, slot=slots[2], table="T1", published=False)
    return anna, shown


def events_of(content):
    return list(Calendar.from_ical(content).walk("VEVENT"))


def test_agenda_download_holds_the_published_meetings_only(meetings, slots):
    anna, shown = meetings
    client = Client()
    client.force_login(anna.registration.user)
    response = client.get("/matchmaking/summit/agenda.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    (entry,) = events_of(response.content)
    assert str(entry["SUMMARY"]) == "Meeting: Ben Example (Brandt Bau) · Summit"
    assert str(entry["LOCATION"]) == "Table 2" and "Hi!" in str(entry["DESCRIPTION"])
    assert entry.decoded("DTSTART") == slots[1].start and str(entry["UID"]).startswith(f"b2b-meeting-{shown.pk}@")


def test_meeting_feed_follows_the_events_secret_address(meetings):
    anna, _shown = meetings
    user = anna.registration.user
    token = calendar_feed_for(user).token
    assert len(events_of(Client().get(f"/matchmaking/calendar/{token}.ics").content)) == 1
    regenerate_calendar_feed(acting_user=user)
    assert Client().get(f"/matchmaking/calendar/{token}.ics").status_code == 404
    user.is_active = False
    user.save()
    assert Client().get(f"/matchmaking/calendar/{calendar_feed_for(user).token}.ics").status_code == 404


def test_schema_lists_the_matchmaking_endpoints(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    assert {
        "/api/v1/meeting-requests/",
        "/api/v1/meeting-requests/{id}/accept/",
        "/api/v1/meeting-requests/{id}/decline/",
        "/api/v1/meeting-requests/{id}/withdraw/",
        "/api/v1/meetings/",
        "/api/v1/schedule-runs/",
        "/api/v1/schedule-runs/{id}/",
    } <= set(schema["paths"])


def test_admin_pages_of_matchmaking_open_for_staff(meetings):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    for model in ("matchmaking", "participationtype", "slot", "profile", "meetingrequest", "meeting", "schedulerun"):
        assert client.get(f"/admin/b2b/{model}/").status_code == 200, model
    meeting = Meeting.objects.first()
    assert client.get(f"/admin/b2b/meeting/{meeting.pk}/change/").status_code == 200
    assert client.get("/admin/b2b/meetingrequest/add/").status_code == 403
