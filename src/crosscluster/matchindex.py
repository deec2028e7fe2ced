"""Django glue for the matching engine: one live :class:`crosscluster.matching.Index` per process and model.

The engine (``crosscluster.matching``) knows nothing of the database. A :class:`LiveIndex` fills an index from
a model's live rows on first use and, before every search, upserts the rows saved since it last looked (one
query on the model's ``updated`` column), so an edit in any application process is matchable on the next
search everywhere, without a rebuild. Rows that stopped being live (closed, withdrawn, consent revoked) are
removed the same way. Rows deleted outright cannot announce themselves; every match is loaded from the
database before it is shown, and a match whose row is gone (or no longer live) is dropped from the index then,
so nothing deleted is ever shown.

Usage (the marketplace and talent apps)::

    OFFERS = LiveIndex("marketplace-offers", model=Post, live=lambda qs: qs.published(), document=post_document)
    pairs = OFFERS.matches(request_document, "request_to_offers", k=20, visible=Post.objects.visible_to(user))
    for post, match in pairs:  # post: the model instance; match.to_dict(): score and explanation for the UI
        ...
"""

import datetime
import threading
from collections.abc import Callable, Iterable

from django.db.models import Model, QuerySet
from django.utils import timezone

from crosscluster.matching import Document, Index, Match, match

# Rows saved up to this long before the last look are looked at again: a transaction that committed late
# (its ``updated`` time is when it saved, not when it committed) is not missed.
CLOCK_SLACK = datetime.timedelta(seconds=60)


class LiveIndex:
    def __init__(
        self,
        name: str,
        *,
        model: type[Model],
        live: Callable[[QuerySet], QuerySet],
        document: Callable[[Model], Document],
        updated_field: str = "updated",
        related: Iterable[str] = (),
        **index_options,
    ):
        self.name = name
        self.model = model
        self.live = live
        self.document = document
        self.updated_field = updated_field
        self.related = tuple(related)  # prefetch_related lookups that ``document`` reads
        self.index_options = index_options
        self._index: Index | None = None
        self._seen: datetime.datetime | None = None
        self._lock = threading.Lock()

    def _rows(self, queryset: QuerySet) -> QuerySet:
        return queryset.prefetch_related(*self.related) if self.related else queryset

    @property
    def index(self) -> Index:
        self.sync()
        return self._index

    def sync(self) -> None:
        """Build the index on first use; afterwards take in the rows saved since the last look."""
        with self._lock:
            if self._index is None:
                started = timezone.now()
                rows = self._rows(self.live(self.model.objects.all()))
                self._index = Index.build((self.document(row) for row in rows.iterator(chunk_size=2000)),
                                          **self.index_options)  # fmt: skip
                self._seen = started
                return
            since = self._seen - CLOCK_SLACK
            now = timezone.now()
            changed = self.model.objects.filter(**{f"{self.updated_field}__gte": since})
            live_ids = set(self.live(changed).values_list("pk", flat=True))
            for row in self._rows(changed.filter(pk__in=live_ids)):
                self._index.upsert(self.document(row))
            for pk in changed.exclude(pk__in=live_ids).values_list("pk", flat=True):
                self._index.remove(pk)
            self._seen = now

    def refresh(self, obj: Model) -> None:
        """Take one saved row in at once (in this process), e.g. right after the user saved it."""
        with self._lock:
            if self._index is None:
                return  # the first search builds the index from the database anyway
            if self.live(self.model.objects.filter(pk=obj.pk)).exists():
                self._index.upsert(self.document(self._rows(self.model.objects.filter(pk=obj.pk)).get()))
            else:
                self._index.remove(obj.pk)

    def forget(self, pk) -> None:
        with self._lock:
            if self._index is not None:
                self._index.remove(pk)

    def reset(self) -> None:
        """Throw the index away; the next search builds it afresh (tests, after bulk imports)."""
        with self._lock:
            self._index, self._seen = None, None

    def matches(
        self,
        query: Document,
        direction: str,
        *,
        k: int = 20,
        visible: QuerySet | None = None,
        min_score: float = 0.0,
        **options,
    ) -> list[tuple[Model, Match]]:
        """The ``k`` best live rows for ``query`` as (row, match), best first, limited to ``visible`` rows
        and to scores above ``min_score`` (a score of 0 shares nothing with the query).

        Rows that are gone or no longer live leave the index here; rows the viewer may not see are skipped
        (the search widens until ``k`` visible rows are found or the index has no more).
        """
        index = self.index
        wanted = k
        while True:
            found = match(index, query, direction, k=wanted, **options)
            exhausted = len(found) < wanted or wanted >= len(index)
            found = [m for m in found if m.score > min_score]
            ids = [m.id for m in found]
            live = self.live(self.model.objects.filter(pk__in=ids))
            by_id = (self.live(visible.filter(pk__in=ids)) if visible is not None else live).in_bulk()
            existing = set(live.values_list("pk", flat=True)) if visible is not None else set(by_id)
            for m in found:
                if m.id not in existing:
                    self.forget(m.id)
            result = [(by_id[m.id], m) for m in found if m.id in by_id]
            if len(result) >= k or exhausted or len(found) < wanted:
                return result[:k]
            wanted *= 4
