"""iCalendar: the event's feed, the personal feed at a secret address (renewable), Berlin times, video links."""

import pytest
from icalendar import Calendar

from crosscluster.events import registrations
from crosscluster.events.models import CalendarFeed
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def summaries(calendar):
    return sorted(str(v["SUMMARY"]) for v in calendar.walk("VEVENT"))


def test_event_feed_has_the_event_and_its_programme_in_berlin_time(client, event):
    event.video_link = "https://meet.example.org/secret-room"
    event.save()
    calendar = parse(client.get("/events/summit/calendar.ics", HTTP_ACCEPT_LANGUAGE="en"))

    assert summaries(calendar) == [
        "Drones · Summit",
        "Hydrogen · Summit",
        "Opening keynote · Summit",
        "Summit",
    ]
    main = next(v for v in calendar.walk("VEVENT") if v["SUMMARY"] == "Summit")
    assert main["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert main.decoded("DTSTART") == event.start
    assert str(main["UID"]).startswith(f"event-{event.pk}@")
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert b"secret-room" not in client.get("/events/summit/calendar.ics").content


def test_event_feed_follows_visibility(client, cluster):
    EventFactory(slug="members-only", visibility="members")
    assert client.get("/events/members-only/calendar.ics").status_code == 404


def test_cancelled_event_is_marked_cancelled_in_calendars(client, event):
    event.status = "cancelled"
    event.save()
    main = next(v for v in parse(client.get("/events/summit/calendar.ics")).walk("VEVENT") if "·" not in v["SUMMARY"])
    assert main["STATUS"] == "CANCELLED"


@pytest.fixture
def feed_owner(event, other_event, individual, session_named):
    individual.language = "en"
    individual.save()
    event.video_link = "https://meet.example.org/summit"
    event.save()
    registrations.register(acting_user=individual, event=event)
    registrations.add_to_agenda(acting_user=individual, session=session_named("Drones"))
    other_event.capacity = 0
    other_event.save()
    registrations.register(acting_user=individual, event=other_event)  # waiting list: not in the feed
    return individual


def test_personal_feed_has_confirmed_events_and_chosen_sessions_with_video_links(client, feed_owner):
    feed = registrations.calendar_feed_for(feed_owner)
    calendar = parse(client.get(f"/events/calendar/{feed.token}.ics"))
    assert summaries(calendar) == ["Drones · Summit", "Summit"]
    assert all("https://meet.example.org/summit" in v["DESCRIPTION"] for v in calendar.walk("VEVENT"))


def test_personal_feed_is_in_the_owners_language(client, feed_owner):
    feed_owner.language = "de"
    feed_owner.save()
    feed = registrations.calendar_feed_for(feed_owner)
    calendar = parse(client.get(f"/events/calendar/{feed.token}.ics", HTTP_ACCEPT_LANGUAGE="en"))
    assert "Gipfel" in summaries(calendar)


def test_personal_feed_renewal_retires_the_old_address(client, feed_owner):
    old = registrations.calendar_feed_for(feed_owner).token
    client.force_login(feed_owner)
    response = client.post("/events/my/calendar/renew/")
    assert response.status_code == 302
    new = CalendarFeed.objects.get(user=feed_owner).token
    assert new != old
    assert client.get(f"/events/calendar/{old}.ics").status_code == 404
    assert client.get(f"/events/calendar/{new}.ics").status_code == 200


@pytest.mark.parametrize("token", ["not-a-token", "x" * 500, "%00"])
def test_personal_feed_with_unknown_token_is_not_found(client, db, token):
    assert client.get(f"/events/calendar/{token}.ics").status_code in (400, 404)


def test_personal_feed_of_deactivated_user_is_not_found(client, feed_owner):
    feed = registrations.calendar_feed_for(feed_owner)
    feed_owner.is_active = False
    feed_owner.save()
    assert client.get(f"/events/calendar/{feed.token}.ics").status_code == 404


def test_my_events_page_shows_the_feed_address(client, feed_owner):
    client.force_login(feed_owner)
    html = client.get("/events/my/").content.decode()
    feed = CalendarFeed.objects.get(user=feed_owner)
    assert f"http://testserver/events/calendar/{feed.token}.ics" in html
    assert "Summit" in html and "Biotech Day" in html  # the waiting list counts as a live registration
