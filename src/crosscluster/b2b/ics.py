"""iCalendar files of a participant's meetings (the download on the agenda page and the secret-address feed).

Written like the events' files (``crosscluster.events.ics``): Berlin time with its VTIMEZONE, stable UIDs per
meeting request, so a re-imported file updates the entries; a moved meeting keeps its UID.
"""

from urllib.parse import urlparse

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from crosscluster.events.ics import BERLIN, PRODID


def _host() -> str:
    return urlparse(settings.SITE_URL).hostname or "crosscluster.invalid"


def _organisation(profile):
    return profile.organisation_name or (profile.organisation.name if profile.organisation_id else "")


def meeting_component(row) -> VEvent:
    meeting, partner = row.meeting, row.partner
    organisation = _organisation(partner)
    who = f"{partner.display_name} ({organisation})" if organisation else partner.display_name
    lines = [_("Meeting with %(who)s") % {"who": who}]
    if row.message:
        lines.append(row.message)
    if row.video_link:
        lines.append(_("Video link: %(link)s") % {"link": row.video_link})
    url = settings.SITE_URL.rstrip("/") + reverse("b2b:agenda", kwargs={"slug": meeting.event.slug})
    lines.append(url)
    return VEvent.new(
        uid=f"b2b-meeting-{meeting.request_id}@{_host()}",
        summary=_("Meeting: %(who)s") % {"who": who} + f" · {meeting.event.title}",
        start=meeting.slot.start.astimezone(BERLIN),
        end=meeting.slot.end.astimezone(BERLIN),
        location=row.place,
        description="\n\n".join(lines),
        url=url,
        stamp=timezone.now(),
        last_modified=meeting.updated,
    )


def meetings_calendar(rows, *, name: str) -> bytes:
    calendar = Calendar.new(prodid=PRODID, name=name, method="PUBLISH")
    for row in rows:
        calendar.add_component(meeting_component(row))
    calendar.add_missing_timezones()
    return calendar.to_ical()
