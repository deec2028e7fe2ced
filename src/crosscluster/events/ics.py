"""iCalendar files: the event feed, a participant's personal feed and the attachment of the confirmation mail.

Times are written in Europe/Berlin with the VTIMEZONE definition included, so calendar programs anywhere show
the right local time. UIDs are stable (event and session ids), and SEQUENCE follows the event's changes, so a
re-imported file updates the entries instead of duplicating them. Video links go only into the files of
confirmed participants.
"""

from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

BERLIN = ZoneInfo("Europe/Berlin")
PRODID = "-//CrossCluster//Events//EN"


def _host() -> str:
    return urlparse(settings.SITE_URL).hostname or "crosscluster.invalid"


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _location(event) -> str:
    if event.format == event.Format.VIRTUAL:
        return _("Online")
    place = ", ".join(p for p in (event.venue, event.address) if p)
    if event.format == event.Format.HYBRID:
        return _("%(place)s and online") % {"place": place} if place else _("Online")
    return place


def _description(text: str, url: str, video_link: str = "") -> str:
    parts = [text.strip()] if text and text.strip() else []
    if video_link:
        parts.append(_("Video link: %(link)s") % {"link": video_link})
    parts.append(url)
    return "\n\n".join(parts)


def _calendar(name: str) -> Calendar:
    calendar = Calendar.new(prodid=PRODID, name=name, method="PUBLISH")
    return calendar


def _finish(calendar: Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_component(event, *, video_link: bool = False) -> VEvent:
    url = _url(event.get_absolute_url())
    component = VEvent.new(
        uid=f"event-{event.pk}@{_host()}",
        summary=event.title,
        start=event.start.astimezone(BERLIN),
        end=event.end.astimezone(BERLIN),
        location=_location(event) or None,
        description=_description(event.description, url, event.video_link if video_link else ""),
        url=url,
        sequence=event.sequence,
        stamp=timezone.now(),
        last_modified=event.updated,
    )
    component.add("status", "CANCELLED" if event.status == event.Status.CANCELLED else "CONFIRMED")
    return component


def session_component(session, event, *, video_link: bool = False) -> VEvent:
    url = _url(event.get_absolute_url()) + f"#session-{session.pk}"
    where = [str(x) for x in (session.room, _location(event)) if x]
    link = (session.video_link or event.video_link) if video_link else ""
    component = VEvent.new(
        uid=f"session-{session.pk}@{_host()}",
        summary=f"{session.title} · {event.title}",
        start=session.start.astimezone(BERLIN),
        end=session.end.astimezone(BERLIN),
        location=", ".join(where) or None,
        description=_description(session.description, url, link),
        url=url,
        sequence=event.sequence,
        stamp=timezone.now(),
    )
    component.add("categories", [session.get_kind_display()])
    if event.status == event.Status.CANCELLED:
        component.add("status", "CANCELLED")
    return component


def event_calendar(event, sessions) -> bytes:
    """The public feed of one event: the event and every session of its programme, without video links."""
    calendar = _calendar(event.title)
    calendar.add_component(event_component(event))
    for session in sessions:
        calendar.add_component(session_component(session, event))
    return _finish(calendar)


def registration_calendar(registration) -> bytes:
    """The attachment of the confirmation mail: the event, with its video link for the confirmed participant."""
    event = registration.event
    calendar = _calendar(event.title)
    calendar.add_component(event_component(event, video_link=registration.is_confirmed))
    return _finish(calendar)


def personal_calendar(registrations, agenda_sessions) -> bytes:
    """One participant's events (confirmed places) and the sessions they chose, with video links."""
    calendar = _calendar(_("My events (CrossCluster)"))
    for registration in registrations:
        calendar.add_component(event_component(registration.event, video_link=True))
    for session in agenda_sessions:
        calendar.add_component(session_component(session, session.event, video_link=True))
    return _finish(calendar)
