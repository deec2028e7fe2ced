"""Meeting figures on the events statistics page (``crosscluster.events.stats.register_metric``).

Both figures come from one query per event, made once per statistics page. An event without open matchmaking
has nothing recorded (None), so the page shows the figures as not recorded.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .models import Matchmaking


def meeting_figures(event) -> dict | None:
    """``{"published": n, "held": n}`` for an event with open matchmaking, else None. Held: a published meeting
    whose two participants both checked in at the event."""
    cached = getattr(event, "_b2b_meeting_figures", False)
    if cached is not False:
        return cached
    meetings = "event__b2b_meetings"
    published = Q(**{f"{meetings}__published": True})
    row = (
        Matchmaking.objects.filter(event_id=event.pk, enabled=True)
        .annotate(
            published=Count(meetings, filter=published, distinct=True),
            held=Count(
                meetings,
                filter=published
                & Q(**{f"{meetings}__request__sender__registration__checked_in_at__isnull": False})
                & Q(**{f"{meetings}__request__recipient__registration__checked_in_at__isnull": False}),
                distinct=True,
            ),
        )
        .values("published", "held")
        .first()
    )
    event._b2b_meeting_figures = row
    return row


def published_meetings(event):
    figures = meeting_figures(event)
    return None if figures is None else figures["published"]


def meetings_held(event):
    figures = meeting_figures(event)
    return None if figures is None else figures["held"]


def register():
    from crosscluster.events import stats

    stats.register_metric("meetings_scheduled", _("One-to-one meetings scheduled (published)"), published_meetings)
    stats.register_metric("meetings_held", _("One-to-one meetings held (both participants checked in)"), meetings_held)
