"""Read-side queries for the poll pages, the API and the exports.

Two small caches keep the phones' frequent requests cheap; both are keyed or bounded so that each process's own
cache (the in-process default) never shows anything older than the stated age:

- a poll's options, keyed by the poll's ``updated`` time (every change to a poll saves the poll row);
- an event's "polls version" (how many polls and when one last changed), at most ``VERSION_MAX_AGE`` old; the
  participants' page asks for it every few seconds and fetches the list again only when it changed;
- an opened poll as a vote needs it, at most ``SNAPSHOT_MAX_AGE`` old (``poll_for_vote``).
"""

import time

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch

from crosscluster.events.models import Event, Registration

from .models import Poll, PollOption, Vote

VERSION_MAX_AGE = 1.0  # seconds
SNAPSHOT_MAX_AGE = 2.0  # seconds
_CACHE_SECONDS = 300


def poll_options(poll: Poll) -> list[PollOption]:
    """The poll's options in order (unsaved copies built from the cache: read-only)."""
    if not poll.is_choice:
        return []
    prefetched = getattr(poll, "_prefetched_objects_cache", {}).get("options")
    if prefetched is not None:
        return list(prefetched)
    key = f"polls:options:{poll.pk}:{poll.updated.timestamp()}"
    rows = cache.get(key)
    if rows is None:
        rows = list(poll.options.order_by("position", "pk").values_list("pk", "position", "label_de", "label_en"))
        cache.set(key, rows, _CACHE_SECONDS)
    return [PollOption(pk=pk, poll_id=poll.pk, position=pos, label_de=de, label_en=en) for pk, pos, de, en in rows]


def event_polls_version(event_id: int) -> str:
    """Changes whenever a poll of the event is created, changed, opened, closed or deleted."""
    key = f"polls:event-version:{event_id}"
    cached = cache.get(key)
    now = time.time()
    if cached is not None and now - cached[0] < VERSION_MAX_AGE:
        return cached[1]
    summary = Poll.objects.filter(event_id=event_id).aggregate(n=Count("pk"), last=Max("updated"))
    version = f"{summary['n']}-{summary['last'].timestamp() if summary['last'] else 0:.6f}"
    cache.set(key, (now, version), _CACHE_SECONDS)
    return version


def participant_registration(user, slug: str) -> Registration | None:
    """The user's confirmed registration for the announced event ``slug``, with the event: one query, and the
    proof that the user may see the event (participants see the events they take part in)."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.confirmed()
        .filter(user=user, event__slug=slug, event__status__in=(Event.Status.PUBLISHED, Event.Status.CANCELLED))
        .select_related("event")
        .first()
    )


def _with_options(qs):
    return qs.select_related("session").prefetch_related(
        Prefetch("options", queryset=PollOption.objects.order_by("position", "pk"))
    )


def participant_polls(event: Event) -> tuple[list[Poll], list[Poll]]:
    """The open polls (to vote in) and the closed ones whose results participants may see."""
    polls = list(_with_options(Poll.objects.of_event(event).announced()).order_by("position", "pk"))
    open_polls = [p for p in polls if p.is_open]
    closed_with_results = [p for p in polls if p.is_closed and p.results_public]
    return open_polls, closed_with_results


def my_votes(registration_id: int | None, polls) -> dict[int, Vote]:
    if registration_id is None or not polls:
        return {}
    votes = Vote.objects.filter(registration_id=registration_id, poll__in=[p.pk for p in polls])
    return {v.poll_id: v for v in votes}


def poll_for_vote(slug: str, pk: int) -> Poll | None:
    """The poll ``pk`` of the event ``slug`` (with the event, the session and the options) as a vote needs it.

    Once a poll has been opened its type and options are fixed, so a copy at most ``SNAPSHOT_MAX_AGE`` old serves
    to check a ballot and to draw the answer; its state may be that old too, so it decides nothing: the vote's
    own statement checks the state in the database (``voting.py``). The copy is kept in this process and in the
    shared cache, so a room full of phones costs each worker one cache read every two seconds rather than one per
    vote. Drafts are always read afresh.
    """
    key = f"polls:snapshot:{pk}"
    now = time.time()
    cached = _local.get(key)
    if cached is None or now - cached[0] >= SNAPSHOT_MAX_AGE:
        cached = cache.get(key)
        if cached is not None and now - cached[0] < SNAPSHOT_MAX_AGE:
            _remember(key, cached)
        else:
            options = Prefetch("options", queryset=PollOption.objects.order_by("position", "pk"))
            poll = Poll.objects.filter(pk=pk).select_related("event", "session").prefetch_related(options).first()
            cached = (now, poll)
            if poll is not None and poll.opened_at is not None:
                cache.set(key, cached, _CACHE_SECONDS)
                _remember(key, cached)
    poll = cached[1]
    if poll is None or poll.event.slug != slug:
        return None
    return poll


_local: dict[str, tuple[float, Poll]] = {}


def forget_snapshots() -> None:
    """Drop this process's copies (the shared cache keeps its own until they are too old)."""
    _local.clear()


def _remember(key: str, value) -> None:
    if len(_local) > 1000:  # polls of long-past events: start afresh rather than grow
        _local.clear()
    _local[key] = value


def confirmed_registration_id(user, event_id: int) -> int | None:
    """The user's confirmed registration for the event, or None."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event_id=event_id, user_id=user.pk, status=Registration.Status.CONFIRMED)
        .values_list("pk", flat=True)
        .first()
    )


def polls_for_organisers(event: Event):
    """Every poll of the event with how many have voted, for the control view."""
    return (
        Poll.objects.of_event(event)
        .select_related("session")
        .annotate(voters=Count("votes"))
        .order_by("position", "pk")
    )


def confirmed_count(event_id: int) -> int:
    return Registration.objects.confirmed().filter(event_id=event_id).count()
