"""Poll results: counted in the database, kept in the cache for at most ``max_age`` seconds per poll.

The presenter screen asks every half second and the participants' live results every few seconds; however many
ask, each process counts a poll at most every ``RESULTS_MAX_AGE`` seconds (with ``REDIS_URL`` the processes
share one entry). Counting is one grouped query over the poll's ballots (they are at most one per
participant) plus the number of confirmed participants. The age bound, not a version bumped on every vote,
decides when to count again: with the in-process cache a vote handled by one process could not tell the others,
and a counter row bumped by every vote would make all voters queue for it.
"""

import hashlib
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count

from . import selectors, wordcloud
from .models import Poll, Vote

RESULTS_MAX_AGE = 0.3  # seconds; settings.POLLS_RESULTS_MAX_AGE overrides it
_CACHE_SECONDS = 60


@dataclass(frozen=True)
class Counts:
    """What a poll's results consist of, independent of the language they are shown in."""

    poll_id: int
    kind: str
    voters: int  # ballots cast (one per participant)
    participants: int  # confirmed registrations of the event
    options: dict[int, int] = field(default_factory=dict)  # option id -> ballots marking it
    ratings: dict[int, int] = field(default_factory=dict)  # scale value -> ballots
    words: tuple[tuple[str, int], ...] = ()  # most frequent words of the answers
    computed_at: float = 0.0

    @property
    def rating_mean(self) -> float | None:
        total = sum(self.ratings.values())
        return sum(v * n for v, n in self.ratings.items()) / total if total else None

    @property
    def participation(self) -> float | None:
        return self.voters / self.participants if self.participants else None

    @property
    def digest(self) -> str:
        """Changes when anything shown changes; the screens skip redrawing while it stays the same."""
        content = repr(
            (self.voters, self.participants, sorted(self.options.items()), sorted(self.ratings.items()), self.words)
        )
        return hashlib.blake2s(content.encode(), digest_size=8).hexdigest()


def count(poll: Poll) -> Counts:
    """Count now, from the database."""
    votes = Vote.objects.filter(poll_id=poll.pk).order_by()
    options: dict[int, int] = {}
    ratings: dict[int, int] = {}
    words: tuple = ()
    if poll.is_choice:
        voters = 0
        for choices, n in votes.values_list("choices").annotate(n=Count("pk")):
            voters += n
            for option_id in choices or ():
                options[option_id] = options.get(option_id, 0) + n
    elif poll.kind == Poll.Kind.RATING:
        ratings = dict(votes.values_list("rating").annotate(n=Count("pk")))
        voters = sum(ratings.values())
    else:
        answers = list(votes.values_list("text", flat=True))
        voters = len(answers)
        words = tuple(wordcloud.word_frequencies(answers))
    return Counts(
        poll_id=poll.pk,
        kind=poll.kind,
        voters=voters,
        participants=selectors.confirmed_count(poll.event_id),
        options=options,
        ratings=ratings,
        words=words,
        computed_at=time.time(),
    )


def poll_counts(poll: Poll, *, max_age: float | None = None) -> Counts:
    """The poll's results, counted at most ``max_age`` seconds ago."""
    if max_age is None:
        max_age = getattr(settings, "POLLS_RESULTS_MAX_AGE", RESULTS_MAX_AGE)
    key = f"polls:results:{poll.pk}"
    cached = cache.get(key)
    if cached is not None and cached.kind == poll.kind and time.time() - cached.computed_at < max_age:
        return cached
    counts = count(poll)
    cache.set(key, counts, _CACHE_SECONDS)
    return counts


@dataclass
class OptionRow:
    label: str
    count: int
    share: float | None


def option_rows(poll: Poll, counts: Counts) -> list[OptionRow]:
    """One row per option, in the poll's order (shares of the voters; multiple choice may add up to over 100 %)."""
    rows = []
    for option in selectors.poll_options(poll):
        n = counts.options.get(option.pk, 0)
        rows.append(OptionRow(option.label, n, n / counts.voters if counts.voters else None))
    return rows


def rating_rows(poll: Poll, counts: Counts) -> list[OptionRow]:
    rows = []
    for value in poll.scale_values():
        n = counts.ratings.get(value, 0)
        rows.append(OptionRow(str(value), n, n / counts.voters if counts.voters else None))
    return rows
