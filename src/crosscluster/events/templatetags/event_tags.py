"""Dates and times of events as people read them, in the site's time zone (Europe/Berlin) and language."""

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def when(obj) -> str:
    """``Tue, 12 May 2026, 09:00–17:30`` or, across days, ``12 May 2026, 09:00 – 13 May 2026, 17:00``."""
    start, end = timezone.localtime(obj.start), timezone.localtime(obj.end)
    day = formats.date_format(start, "DATE_FORMAT")
    if start.date() == end.date():
        return _("%(day)s, %(start)s–%(end)s") % {
            "day": day,
            "start": formats.time_format(start, "H:i"),
            "end": formats.time_format(end, "H:i"),
        }
    return "{} – {}".format(
        formats.date_format(start, "DATE_FORMAT") + ", " + formats.time_format(start, "H:i"),
        formats.date_format(end, "DATE_FORMAT") + ", " + formats.time_format(end, "H:i"),
    )


@register.filter
def hour_range(obj) -> str:
    return "{}–{}".format(
        formats.time_format(timezone.localtime(obj.start), "H:i"),
        formats.time_format(timezone.localtime(obj.end), "H:i"),
    )


@register.filter
def percent(value) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


@register.filter
def has(collection, item) -> bool:
    """``agenda_ids|has:session.pk``: membership test usable in ``{% include ... with %}``."""
    return collection is not None and item in collection


@register.simple_tag
def organiser_links(event):
    """The organisers' navigation entries that other apps add (``events.extensions``)."""
    from crosscluster.events import extensions

    return extensions.organiser_links(event)
