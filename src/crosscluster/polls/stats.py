"""Poll participation for the event statistics (``events.stats.register_metric``, see ``apps.py``)."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from crosscluster.events.models import Registration

from .models import Poll, Vote

PARTICIPATION_LABEL = _("Poll participation (confirmed participants who voted in at least one poll)")


def participation_counts(event) -> tuple[int, int]:
    """``(voters, confirmed)``: confirmed participants who voted at least once, and all confirmed participants."""
    voted = Vote.objects.filter(registration=OuterRef("pk"), poll__event_id=event.pk)
    counts = (
        Registration.objects.confirmed()
        .filter(event=event)
        .aggregate(confirmed=Count("pk"), voters=Count("pk", filter=Q(Exists(voted))))
    )
    return counts["voters"], counts["confirmed"]


def participation(event) -> str | None:
    """ "12 / 40 (30 %)", or None (shown as not recorded) while the event has had no poll open."""
    if not Poll.objects.filter(event=event).announced().exists():
        return None
    voters, confirmed = participation_counts(event)
    if not confirmed:
        return "0 / 0"
    return f"{voters} / {confirmed} ({round(100 * voters / confirmed)} %)"
