"""Read-side queries for the event pages, the API and the exports, so every list means the same thing."""

from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import groupby

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from crosscluster.directory.models import Cluster

from .models import AgendaItem, Event, Registration, Session

WHEN_CHOICES = ("upcoming", "past")


def event_list(user, params) -> "tuple[object, dict]":
    """Events the user may see, filtered by ``params`` (``when``, ``cluster``, ``format``, ``q``)."""
    qs = Event.objects.visible_to(user)
    applied = {}
    when = params.get("when") if params.get("when") in WHEN_CHOICES else "upcoming"
    applied["when"] = when
    now = timezone.now()
    qs = qs.upcoming(now).order_by("start", "pk") if when == "upcoming" else qs.past(now).order_by("-start", "-pk")
    if cluster := params.get("cluster"):
        qs = qs.filter(pk__in=Event.clusters.through.objects.filter(cluster__slug=cluster).values("event_id"))
        applied["cluster"] = cluster
    if (fmt := params.get("format")) in Event.Format.values:
        qs = qs.filter(format=fmt)
        applied["format"] = fmt
    if q := (params.get("q") or "").strip():
        qs = qs.filter(
            Q(title_de__icontains=q)
            | Q(title_en__icontains=q)
            | Q(description_de__icontains=q)
            | Q(description_en__icontains=q)
            | Q(venue__icontains=q)
        )
        applied["q"] = q
    return qs, applied


def with_list_relations(qs):
    """What a list row shows: organising clusters and how many seats are taken."""
    return (
        qs.select_related("visible_cluster")
        .prefetch_related(
            Prefetch("clusters", queryset=Cluster.objects.order_by("name").only("pk", "slug", "name", "short_name"))
        )
        .annotate(confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)))
    )


def organiser_clusters():
    """Clusters that organise at least one event, for the list filter."""
    return Cluster.objects.filter(organised_events__isnull=False).distinct().order_by("name").only("slug", "name")


def sessions_of(event: Event):
    """The programme with everything a session card shows, and how many participants chose each session."""
    return (
        event.sessions.select_related("track", "room")
        .prefetch_related("speakers")
        .annotate(chosen=Count("agenda_items"))
        .order_by("start", "track__position", "track__name", "pk")
    )


@dataclass
class Slot:
    start: datetime
    end: datetime | None  # None when the parallel sessions end at different times
    sessions: list = field(default_factory=list)


@dataclass
class Day:
    date: date
    slots: list[Slot] = field(default_factory=list)


def programme_days(sessions) -> list[Day]:
    """Sessions grouped by local day, then by start time: sessions that start together run in parallel."""
    days = []
    for day, in_day in groupby(sessions, key=lambda s: timezone.localtime(s.start).date()):
        slots = []
        for start, together in groupby(in_day, key=lambda s: s.start):
            together = list(together)
            ends = {s.end for s in together}
            slots.append(Slot(start=start, end=ends.pop() if len(ends) == 1 else None, sessions=together))
        days.append(Day(date=day, slots=slots))
    return days


def registration_of(user, event: Event):
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def agenda_session_ids(registration) -> set[int]:
    if registration is None or not registration.is_confirmed:
        return set()
    return set(registration.agenda_items.values_list("session_id", flat=True))


def agenda_sessions(registration):
    """The sessions a participant chose, with how many chose each (as on the programme)."""
    chosen = Session.objects.filter(agenda_items__registration=registration).values("pk")
    return (
        Session.objects.filter(pk__in=chosen)
        .select_related("track", "room")
        .prefetch_related("speakers")
        .annotate(chosen=Count("agenda_items"))
        .order_by("start", "pk")
    )


def waiting_position(registration) -> int | None:
    if registration is None or not registration.is_waitlisted:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=Registration.Status.WAITLISTED).filter(
        Q(queued_at__lt=registration.queued_at) | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def checkin_list(event: Event, query: str = ""):
    """Confirmed participants for the check-in desk, searchable by name, e-mail and organisation."""
    qs = event.registrations.confirmed().select_related("user", "organisation")
    for word in query.split()[:5]:
        qs = qs.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__email__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return qs.order_by("user__last_name", "user__first_name", "user__email")


def registrations_for_export(event: Event):
    return event.registrations.select_related("user", "organisation").order_by("status", "created", "pk")


def my_registrations(user):
    """The user's live registrations, upcoming first, with the event's clusters for the list."""
    return Registration.objects.live().filter(user=user).select_related("event").order_by("event__start", "pk")


def personal_feed_content(user):
    """Confirmed places and chosen sessions of one user, for the personal calendar feed."""
    registrations = list(Registration.objects.confirmed().filter(user=user).select_related("event"))
    sessions = (
        Session.objects.filter(
            agenda_items__in=AgendaItem.objects.filter(registration__in=[r.pk for r in registrations])
        )
        .select_related("event", "room")
        .order_by("start")
    )
    return registrations, list(sessions)
