"""Figures for an event's organisers: registrations, attendance, no-shows, session demand, feedback.

Later parts of the events domain add their own figures without changing this module: live polls register a
provider for ``poll_participation``, matchmaking one for ``meetings_held`` (``register_metric``). Until they do,
those figures are shown as 0 and marked as not yet recorded.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Event, Feedback, Registration, Session


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    value: int | float | str  # str: a figure already written out, e.g. poll participation "12 / 40 (30 %)"
    recorded: bool = True  # False: a placeholder until the part of the platform that records it exists


# key -> (label, provider(event) -> number); providers registered later replace the placeholders.
_METRICS: dict[str, tuple[object, Callable[[Event], int | float] | None]] = {
    "poll_participation": (_("Poll participation (votes cast)"), None),
    "meetings_held": (_("One-to-one meetings held"), None),
}


def register_metric(key: str, label, provider: Callable[[Event], int | float | str | None]) -> None:
    """Add or replace a figure shown on every event's statistics page (called from an app's ``ready()``)."""
    _METRICS[key] = (label, provider)


def extra_metrics(event: Event) -> list[Metric]:
    metrics = []
    for key, (label, provider) in _METRICS.items():
        value = None if provider is None else provider(event)  # a provider answers None: nothing recorded here
        if value is None:
            metrics.append(Metric(key, str(label), 0, recorded=False))
        else:
            metrics.append(Metric(key, str(label), value))
    return metrics


@dataclass
class EventStatistics:
    event: Event
    confirmed: int = 0
    waitlisted: int = 0
    cancelled: int = 0
    checked_in: int = 0
    no_shows: int | None = None  # known only once the event is over
    attendance_rate: float | None = None
    per_day: list[tuple[date, int]] = field(default_factory=list)
    sessions: list[tuple[Session, int]] = field(default_factory=list)
    feedback_count: int = 0
    rating_average: float | None = None
    ratings: list[tuple[int, int]] = field(default_factory=list)
    most_useful: list[tuple[str, int]] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)

    @property
    def registered(self):
        """Everyone who holds a seat or waits for one."""
        return self.confirmed + self.waitlisted


def _per_day(event: Event) -> list[tuple[date, int]]:
    """New registrations per day (local dates), from the first registration to the last, gaps as zeros."""
    days = Counter(
        timezone.localtime(created).date() for created in event.registrations.values_list("created", flat=True)
    )
    if not days:
        return []
    first, last = min(days), max(days)
    span = min((last - first).days, 366)
    return [(first + timedelta(d), days.get(first + timedelta(d), 0)) for d in range(span + 1)]


def event_statistics(event: Event) -> EventStatistics:
    counts = event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
        checked_in=Count("pk", filter=Q(status=Registration.Status.CONFIRMED, checked_in_at__isnull=False)),
    )
    stats = EventStatistics(event=event, **counts)
    if event.end < timezone.now():
        stats.no_shows = stats.confirmed - stats.checked_in
        stats.attendance_rate = stats.checked_in / stats.confirmed if stats.confirmed else None
    stats.per_day = _per_day(event)
    sessions = event.sessions.annotate(chosen=Count("agenda_items")).order_by("start", "pk")
    stats.sessions = [(s, s.chosen) for s in sessions]
    feedback = Feedback.objects.filter(registration__event=event)
    summary = feedback.aggregate(n=Count("pk"), average=Avg("rating"))
    stats.feedback_count, stats.rating_average = summary["n"], summary["average"]
    by_rating = dict(feedback.order_by().values_list("rating").annotate(n=Count("pk")))
    stats.ratings = [(r, by_rating.get(r, 0)) for r in range(1, 6)]
    by_part = dict(feedback.order_by().values_list("most_useful").annotate(n=Count("pk")))
    stats.most_useful = [(label, by_part.get(value, 0)) for value, label in Feedback.MostUseful.choices]
    stats.metrics = extra_metrics(event)
    return stats
