"""Read-side queries shared by views, exports and the API, so every list filters the same way."""

import logging
import threading
import time
from functools import lru_cache
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections, transaction
from django.db.models import Count, F, Prefetch, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from django.utils.translation import get_language

from . import search
from .listing import ListingIndex
from .models import Cluster, IndustryCode, Membership, Organisation, Person, Topic

logger = logging.getLogger(__name__)

# The filter sidebar's options change only when clusters, topics, industry codes or organisations'
# districts change. They are cached per language under a version that those saves bump. With the
# per-process local-memory cache another process only notices after FILTER_OPTIONS_SECONDS; with
# Redis the version is shared and the change shows on the next request.
FILTER_OPTIONS_SECONDS = 300
_FILTER_OPTIONS_VERSION = "directory:filter-options:version"


def organisation_list(params) -> "tuple[object, dict]":
    """Organisations matching the directory filters in ``params`` (a QueryDict or dict)."""
    qs = Organisation.objects.all()
    applied = {}
    if q := (params.get("q") or "").strip():
        qs = qs.search(q)
        applied["q"] = q
    # Relation filters are subqueries on the link tables, not joins: a join needs DISTINCT over
    # whole organisation rows, which on PostgreSQL with 50,000 organisations doubles the time of
    # every count and page (docs/benchmarks.md).
    if cluster := params.get("cluster"):
        members = Membership.objects.filter(cluster__slug=cluster, status=Membership.Status.ACTIVE)
        qs = qs.filter(pk__in=members.values("organisation_id"))
        applied["cluster"] = cluster
    if industry := params.get("industry"):
        links = Organisation.industries.through.objects.filter(industrycode_id__in=industry_codes_under(industry))
        qs = qs.filter(pk__in=links.values("organisation_id"))
        applied["industry"] = industry
    if size := params.get("size"):
        qs = qs.filter(size_class=size)
        applied["size"] = size
    if topic := params.get("topic"):
        if topic_ids := topics_below().get(topic):
            links = Organisation.topics.through.objects.filter(topic_id__in=topic_ids)
            qs = qs.filter(pk__in=links.values("organisation_id"))
        else:
            qs = qs.none()
        applied["topic"] = topic
    if district := params.get("district"):
        qs = qs.filter(district=district)
        applied["district"] = district
    if not q:
        qs = qs.order_by(*LIST_ORDER)
    return qs, applied


# The list order without a search; the id settles equal names, so a page never repeats or skips a row.
LIST_ORDER = ("name", "pk")
LIST_FILTERS = ("cluster", "industry", "size", "topic", "district")


# The directory list (filters and searches) comes from a ListingIndex (listing.py) that each process keeps,
# built when an application server's worker starts (wsgi.py). The listing version is bumped by saves, deletions
# and link changes of organisations, memberships, clusters and topics, at once and again when their transaction
# commits. A request that sees a new version starts a rebuild in a background thread (two seconds at 50,000
# organisations) and is answered from SQL (organisation_list) until the new index is there. A change that
# bypasses signals (QuerySet.update(), SQL by hand) or, with the per-process local-memory cache (no REDIS_URL),
# a change made in another process shows within LISTING_SECONDS: an index that old is rebuilt in the background
# while requests keep using it. With Redis (production) a version change reaches every process at once.
LISTING_SECONDS = 300
REFRESH_IN_BACKGROUND = True
_LISTING_VERSION = "directory:listing:version"
_listing = {"index": None, "version": None, "built": 0.0, "refreshing": False}
_listing_lock = threading.Lock()


def _listing_version() -> int:
    version = cache.get(_LISTING_VERSION)
    if version is None:
        cache.add(_LISTING_VERSION, time.time_ns(), None)
        version = cache.get(_LISTING_VERSION)
    return version


def _build_listing() -> ListingIndex:
    with transaction.atomic():  # one snapshot for the order and the links on PostgreSQL (read committed)
        return _read_listing()


def _read_listing() -> ListingIndex:
    pk = Organisation._meta.pk.attname
    order = list(Organisation.objects.order_by(*LIST_ORDER).values_list(pk, "name", "size_class", "district"))
    industry_links = Organisation.industries.through.objects.values_list("industrycode_id", "organisation_id")
    topic_links = Organisation.topics.through.objects.values_list("topic_id", "organisation_id")
    members = Membership.objects.filter(status=Membership.Status.ACTIVE).values_list("cluster__slug", "organisation_id")
    documents = Organisation.objects.order_by().values_list(pk, "search_document")
    return ListingIndex(
        [row[0] for row in order],
        {
            "size": [(size, pk) for pk, _name, size, _district in order],
            "district": [(district, pk) for pk, _name, _size, district in order],
            "industry": industry_links.order_by().iterator(chunk_size=10000),
            "topic": topic_links.order_by().iterator(chunk_size=10000),
            "cluster": members.order_by().iterator(chunk_size=10000),
        },
        names=[name for _pk, name, _size, _district in order],
        documents=documents.iterator(chunk_size=5000),
    )


def _keep(index: ListingIndex, version) -> ListingIndex:
    """Make ``index`` this process's, tagged with the version it was built for (hold ``_listing_lock``)."""
    _listing.update(index=index, version=version, built=time.monotonic())
    return index


def _refresh_listing_in_background(version):
    try:
        index = _build_listing()  # outside the lock: requests keep using the current index meanwhile
        with _listing_lock:  # a newer version meanwhile makes the next request start another rebuild
            _keep(index, version)
    except Exception:  # the next request tries again; the current index stays in use meanwhile
        logger.exception("rebuilding the directory listing index failed")
    finally:
        _listing["refreshing"] = False
        connections.close_all()  # this thread's own database connection


def listing_index() -> ListingIndex | None:
    """This process's ListingIndex, or None while it is being built for a new listing version (answer from SQL
    meanwhile). One older than LISTING_SECONDS is still used while a thread rebuilds it."""
    version = _listing_version()
    with _listing_lock:
        index = _listing["index"]
        current = index is not None and _listing["version"] == version
        if current and time.monotonic() - _listing["built"] <= LISTING_SECONDS:
            return index
        if not REFRESH_IN_BACKGROUND:
            return _keep(_build_listing(), version)
        if not _listing["refreshing"]:
            _listing["refreshing"] = True
            _start_refresh(version)
        return index if current else None


def forget_listing_index():
    """Drop this process's ListingIndex (tests: each starts with an empty database)."""
    with _listing_lock:
        _listing.update(index=None, version=None, built=0.0, refreshing=False)


def _start_refresh(version):
    threading.Thread(target=_refresh_listing_in_background, args=(version,), daemon=True).start()


def warm_listing_index():
    """Build this process's ListingIndex now (an application server's worker before its first request)."""
    try:
        version = _listing_version()
        index = _build_listing()
        with _listing_lock:
            _keep(index, version)
    except Exception:  # no database yet, not migrated: the first request builds it
        logger.warning("the directory listing index could not be built at start", exc_info=True)
    finally:
        connections.close_all()


def forget_listing(**kwargs):
    """Bump the listing version now (this transaction's own requests) and when the transaction commits."""

    def bump():
        cache.set(_LISTING_VERSION, time.time_ns(), None)

    bump()
    transaction.on_commit(bump)


class IndexedResults:
    """A list's matches as the Paginator needs them: ``count()`` and slices of result rows.

    ``groups`` are bit sets of the ListingIndex shown one after the other (a search's rank groups).
    """

    def __init__(self, index: ListingIndex, groups: list[int]):
        self.index, self.groups = index, groups

    def count(self) -> int:
        return sum(self.index.count(bits) for bits in self.groups)

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("IndexedResults supports slices only")
        start = key.start or 0
        stop = self.count() if key.stop is None else key.stop
        ids = self.index.page_of_groups(self.groups, start, max(stop - start, 0))
        if not ids:
            return []
        rows = {row["pk"]: row for row in result_values(Organisation.objects.filter(pk__in=ids).order_by())}
        return [rows[pk] for pk in ids if pk in rows]  # one deleted since the index was built is left out


def indexed_organisation_list(params) -> "tuple[IndexedResults, dict] | None":
    """``organisation_list(params)`` from the ListingIndex: the same rows in the same order and the same count.

    None while the index is being built for a new listing version: ``organisation_list`` answers then.
    """
    index = listing_index()
    if index is None:
        return None
    bits, applied = index.everyone, {}
    q = (params.get("q") or "").strip()
    if q:
        applied["q"] = q
    for name in LIST_FILTERS:
        if not (value := params.get(name)):
            continue
        applied[name] = value
        if name == "industry":
            bits &= index.matching(name, industry_codes_under(value))
        elif name == "topic":
            bits &= index.matching(name, topics_below().get(value, ()))
        else:
            bits &= index.matching(name, [value])
    if q and (terms := search.query_terms(q)):
        for forms in terms:  # every query word, in any of its forms (search.py)
            word = 0
            for pattern in search.needed_patterns(forms):
                word |= index.having_word(pattern.lstrip(" "), inside=not pattern.startswith(" "))
            bits &= word
        # Ranked as search.filter_by_query: the name equal to the query, starting with its first word (folded),
        # containing it, then the rest; each group in list order.
        return IndexedResults(index, index.ranked(bits, q, search.fold(search.words(q)[0]))), applied
    return IndexedResults(index, [bits]), applied


for _model in (Organisation, Membership, Cluster, Topic):
    post_save.connect(forget_listing, sender=_model, dispatch_uid=f"listing-save-{_model.__name__}")
    post_delete.connect(forget_listing, sender=_model, dispatch_uid=f"listing-delete-{_model.__name__}")
for _through in (Organisation.industries.through, Organisation.topics.through):
    m2m_changed.connect(forget_listing, sender=_through, dispatch_uid=f"listing-links-{_through.__name__}")


@lru_cache(maxsize=1)
def _industry_codes_below() -> dict:
    """Every code and section letter → the codes at or below it. WZ 2008 is reference data that only a
    migration changes (and a migration means a restart), so each process builds this once."""
    rows = list(IndustryCode.objects.values_list("code", "section", "parent_id"))
    parent = {code: parent_id for code, _section, parent_id in rows}
    below: dict[str, list[str]] = {}
    for code, section, _parent_id in rows:
        node = code
        while node is not None:
            below.setdefault(node, []).append(code)
            node = parent.get(node)
        if section and section != code:
            below.setdefault(section, []).append(code)
    return {key: sorted(set(codes)) for key, codes in below.items()}


def industry_codes_under(value: str) -> list[str]:
    """The code and every code below it ("33" → "33.1", "33.12", ...); a section letter gives all its codes.

    Listing them lets the database read the link table by its code index instead of joining every link
    to its code (40 ms at 50,000 organisations, docs/benchmarks.md).
    """
    return _industry_codes_below().get(value, [])


# What a result row on the list page shows; descriptions and search documents stay in the database.
RESULT_FIELDS = ("pk", "slug", "name", "is_demo", "district", "city", "size_class")


def result_values(qs):
    """The list page's rows as plain values of the shown columns; ``result_rows`` completes a page of them."""
    return qs.values(*RESULT_FIELDS)


def _url_prefix(name: str) -> str:
    """The address of URL ``name`` for any slug, without the slug: rows append theirs instead of reversing each."""
    return reverse(name, kwargs={"slug": "slug"}).removesuffix("slug/")


def _translated(column: str) -> str:
    """SQL for a translated column in the current language with modeltranslation's fallback (then German, then
    English; an empty text counts as missing)."""
    languages = [code for code, _name in settings.LANGUAGES]
    current = get_language() if get_language() in languages else settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    order = [current] + [code for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"] if code != current]
    return "COALESCE(" + ", ".join(f"NULLIF({column}_{code}, '')" for code in order) + ", '')"


def _rows(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def result_rows(values) -> list:
    """A page of ``result_values`` as rows with profile address, size label, first two industries and cluster tags.

    Plain values in two more queries instead of organisation, industry code, membership and cluster instances:
    building ~200 model instances and reversing a URL per row was a third of the list page's time. The two
    queries are written in SQL: they are the same for every page but the ids, and building them through the ORM
    (with modeltranslation's fallback per row) cost more CPU than everything else on a search page but the
    template (docs/benchmarks.md). ``tests/test_directory_views.py`` checks them against the ORM.
    """
    values = list(values)
    ids = [row["pk"] for row in values]
    industries = {pk: [] for pk in ids}
    tags = {pk: [] for pk in ids}
    if ids:
        marks = ", ".join(["%s"] * len(ids))
        links, codes = Organisation.industries.through._meta.db_table, IndustryCode._meta.db_table
        sql = (
            f"SELECT l.organisation_id, c.code, {_translated('c.title')} FROM {links} l "  # noqa: S608 (names)
            f"JOIN {codes} c ON c.code = l.industrycode_id WHERE l.organisation_id IN ({marks}) ORDER BY c.code"
        )
        for organisation_id, code, title in _rows(sql, ids):
            if len(industries[organisation_id]) < 2:
                industries[organisation_id].append((code, title))
        memberships, clusters = Membership._meta.db_table, Cluster._meta.db_table
        sql = (
            f"SELECT m.organisation_id, k.short_name, k.name FROM {memberships} m "  # noqa: S608 (names)
            f"JOIN {clusters} k ON k.id = m.cluster_id WHERE m.organisation_id IN ({marks}) AND m.status = %s "
            "ORDER BY k.name, k.id"
        )
        for organisation_id, short_name, name in _rows(sql, [*ids, Membership.Status.ACTIVE]):
            tags[organisation_id].append(short_name or name)
    sizes = {value: str(label) for value, label in Organisation.SizeClass.choices}
    url = _url_prefix("directory:organisation")
    return [
        SimpleNamespace(
            **row,
            url=f"{url}{row['slug']}/",
            size_label=sizes.get(row["size_class"], row["size_class"]),
            industries=industries[row["pk"]],
            cluster_tags=tags[row["pk"]],
        )
        for row in values
    ]


def with_list_relations(qs):
    active = Membership.objects.filter(status=Membership.Status.ACTIVE).select_related("cluster")
    return qs.prefetch_related(
        Prefetch("memberships", queryset=active, to_attr="active_memberships"), "industries", "topics"
    )


def clusters_with_counts():
    return Cluster.objects.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE))
    ).prefetch_related("topics")


# The home page and the cluster overview show how many members each cluster has and how many organisations
# there are. Counting 200,000 memberships takes about 0.1 s, on the most visited page; the figures are kept for
# at most FIGURES_SECONDS and counted afresh as soon as a membership, organisation or cluster changes (a save,
# a deletion or a bulk import bumps the version; a change that bypasses them shows within the minute).
FIGURES_SECONDS = 60
_FIGURES_VERSION = "directory:figures:version"


def directory_figures() -> dict:
    """``{"members": {cluster id: active members}, "organisations": count}``, cached (see above)."""
    key = f"directory:figures:{cache.get(_FIGURES_VERSION, 0)}"
    figures = cache.get(key)
    if figures is None:
        active = Membership.objects.filter(status=Membership.Status.ACTIVE).order_by()
        figures = {
            "members": dict(active.values_list("cluster_id").annotate(n=Count("pk"))),
            "organisations": Organisation.objects.count(),
        }
        cache.set(key, figures, FIGURES_SECONDS)
    return figures


def clusters_with_cached_counts(figures: dict | None = None):
    """All clusters and networks by name with ``member_count`` from ``directory_figures`` (for their cards)."""
    members = (figures or directory_figures())["members"]
    clusters = list(Cluster.objects.order_by("name"))
    for cluster in clusters:
        cluster.member_count = members.get(cluster.pk, 0)
    return clusters


def forget_figures(**kwargs):
    cache.set(_FIGURES_VERSION, time.time_ns(), None)


for _model in (Membership, Organisation, Cluster):
    post_save.connect(forget_figures, sender=_model, dispatch_uid=f"figures-save-{_model.__name__}")
    post_delete.connect(forget_figures, sender=_model, dispatch_uid=f"figures-delete-{_model.__name__}")


def listed_people(organisation) -> list:
    """The people an organisation's public profile shows, as plain rows (name, position, email, phone)."""
    rows = Person.objects.listed().filter(organisation=organisation)
    rows = rows.values_list("title", "first_name", "last_name", "position", "email", "phone")
    return [
        SimpleNamespace(name=" ".join(part for part in names if part), position=position, email=email, phone=phone)
        for *names, position, email, phone in rows
    ]


def clean_params(querydict, *, max_length=200) -> dict:
    """Single request values without NUL bytes, of bounded length: nothing typed into a URL reaches the DB raw."""
    return {key: querydict.get(key, "").replace("\x00", "")[:max_length] for key in querydict}


def _options_version() -> int:
    version = cache.get(_FILTER_OPTIONS_VERSION)
    if version is None:
        version = time.time_ns()
        cache.add(_FILTER_OPTIONS_VERSION, version, None)
    return version


def topics_below() -> dict:
    """Each topic's slug → its id and the ids of all topics below it; cached with the filter options."""
    key = f"directory:topics-below:{_options_version()}"
    below = cache.get(key)
    if below is None:
        rows = list(Topic.objects.values_list("pk", "slug", "parent_id"))
        children: dict = {}
        for pk, _slug, parent_id in rows:
            children.setdefault(parent_id, []).append(pk)
        below = {}
        for pk, slug, _parent_id in rows:
            ids, frontier = {pk}, [pk]
            while frontier:  # a parent loop someone made in the admin ends here too
                frontier = [child for node in frontier for child in children.get(node, ()) if child not in ids]
                ids.update(frontier)
            below[slug] = tuple(sorted(ids))
        cache.set(key, below, FILTER_OPTIONS_SECONDS)
    return below


def cached_filter_options(*, markup=None) -> dict:
    """``filter_options()`` for the current language from the cache, computed at most once per version.

    With ``markup`` (a function of the options) its result is cached with them under ``"markup"``.
    """
    version = _options_version()
    key = f"directory:filter-options:{version}:{get_language()}:{'markup' if markup else 'plain'}"
    options = cache.get(key)
    if options is None:
        options = filter_options()
        if markup:
            options["markup"] = markup(options)
        cache.set(key, options, FILTER_OPTIONS_SECONDS)
    return options


def forget_filter_options(**kwargs):
    cache.set(_FILTER_OPTIONS_VERSION, time.time_ns(), None)


for _model in (Cluster, Topic, IndustryCode, Organisation):
    post_save.connect(forget_filter_options, sender=_model, dispatch_uid=f"filter-options-save-{_model.__name__}")
    post_delete.connect(forget_filter_options, sender=_model, dispatch_uid=f"filter-options-delete-{_model.__name__}")


def filter_options() -> dict:
    """What the organisation directory's filter sidebar offers, as plain values, in a fixed number of queries.

    Clusters are (slug, name); industry sections are ((code, title), [(code, title), ...]); topic groups
    are ((slug, name), [(slug, name, indented label), ...]); sizes are (value, label); districts are names.
    """
    sections = {}
    for code in IndustryCode.objects.filter(level__in=(1, 2)).order_by("section", "level", "code"):
        if code.level == 1:
            sections[code.section] = (code, [])
        elif code.section in sections:
            sections[code.section][1].append(code)
    districts = (
        Organisation.objects.exclude(district="").order_by("district").values_list("district", flat=True).distinct()
    )
    return {
        "clusters": list(Cluster.objects.order_by("kind", "name").values_list("slug", "name")),
        "industry_sections": [
            ((section.code, section.title), [(d.code, d.title) for d in divisions])
            for section, divisions in sections.values()
        ],
        "sizes": [(value, str(label)) for value, label in Organisation.SizeClass.choices],
        "topic_groups": [
            ((root.slug, root.name), [(topic.slug, topic.name, "– " * depth + topic.name) for topic, depth in members])
            for root, members in topic_groups(Topic.objects.order_by("name"))
        ],
        "districts": list(districts),
    }


def topic_groups(topics):
    """Topics as (top-level topic, [it and everything below it]) for grouped checkboxes and selects."""
    topics = list(topics)
    children = {}
    for topic in topics:
        children.setdefault(topic.parent_id, []).append(topic)

    def below(topic, depth):
        for child in children.get(topic.pk, []):
            yield child, depth
            yield from below(child, depth + 1)

    return [(root, [(root, 0), *below(root, 1)]) for root in children.get(None, [])]


def topic_tree():
    """Top-level topics, each with ``subtopics`` (recursively), from one query."""
    topics = list(Topic.objects.order_by("name"))
    by_parent = {}
    for topic in topics:
        by_parent.setdefault(topic.parent_id, []).append(topic)
    for topic in topics:
        topic.subtopics = by_parent.get(topic.pk, [])
    return by_parent.get(None, [])


def cluster_members(cluster, params):
    """Active members of a cluster, searchable like the directory, with their membership in this cluster."""
    qs, applied = organisation_list({"q": params.get("q", ""), "cluster": cluster.slug})
    membership = Membership.objects.filter(cluster=cluster, status=Membership.Status.ACTIVE)
    qs = qs.prefetch_related(Prefetch("memberships", queryset=membership, to_attr="cluster_memberships"))
    return qs, applied


class MemberRows:
    """A cluster's active members for its public page, as a paginator's object list of plain rows.

    The count runs on the membership table's ``(cluster, status)`` index alone; a page walks the
    ``(cluster, status, organisation_name)`` index and loads only the shown columns (one row per organisation:
    it has at most one live membership per cluster),
    with the profile address and role label added, so no model instances are built. Without a search
    (``cluster_id`` given) a page is one plain SQL query: building the ORM query was a third of the cluster page's
    time; ``tests/test_directory_views.py`` holds it to the ORM's answer.
    """

    ordered = True

    def __init__(self, memberships, *, known_count: int | None = None, cluster_id: int | None = None):
        self.memberships = memberships
        self.known_count = known_count
        self.cluster_id = cluster_id

    def count(self) -> int:
        if self.known_count is not None:
            return self.known_count
        return self.memberships.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if self.cluster_id is not None and isinstance(index, slice) and index.step is None and index.stop is not None:
            rows = self._plain_rows(index.start or 0, index.stop)
        else:
            rows = self.memberships.order_by("organisation_name", "organisation_id").values(
                "role",
                "since",
                slug=F("organisation__slug"),
                name=F("organisation__name"),
                district=F("organisation__district"),
            )[index]
        roles = {value: str(label) for value, label in Membership.Role.choices}  # translated once, not per row
        url = _url_prefix("directory:organisation")
        return [
            SimpleNamespace(**row, url=f"{url}{row['slug']}/", role_label=roles.get(row["role"], row["role"]))
            for row in rows
        ]

    def _plain_rows(self, start: int, stop: int) -> list[dict]:
        memberships, organisations = Membership._meta.db_table, Organisation._meta.db_table
        sql = (
            f"SELECT m.role, m.since, o.slug, o.name, o.district FROM {memberships} m "  # noqa: S608 (names)
            f"JOIN {organisations} o ON o.id = m.organisation_id WHERE m.cluster_id = %s AND m.status = %s "
            "ORDER BY m.organisation_name, m.organisation_id LIMIT %s OFFSET %s"
        )
        rows = _rows(sql, [self.cluster_id, Membership.Status.ACTIVE, max(stop - start, 0), start])
        return [dict(zip(MEMBER_FIELDS, row, strict=True)) for row in rows]


MEMBER_FIELDS = ("role", "since", "slug", "name", "district")


def cluster_member_rows(cluster, params) -> "tuple[MemberRows, dict]":
    """Active members of a cluster for its public page (see ``MemberRows``), searchable like the directory."""
    memberships = Membership.objects.filter(cluster=cluster, status=Membership.Status.ACTIVE)
    applied = {}
    if q := (params.get("q") or "").strip():
        matching, applied = organisation_list({"q": q})
        memberships = memberships.filter(organisation_id__in=matching.values("pk"))
        return MemberRows(memberships), applied
    # All members: their number is among the cached directory figures (recounted after every change).
    count = directory_figures()["members"].get(cluster.pk, 0)
    return MemberRows(memberships, known_count=count, cluster_id=cluster.pk), applied


def cluster_pipeline(cluster):
    """Join requests and invitations of a cluster that await an answer."""
    live = Membership.objects.filter(cluster=cluster).select_related("organisation").order_by("organisation__name")
    return {
        "requests": live.filter(status=Membership.Status.REQUESTED),
        "invitations": live.filter(status=Membership.Status.INVITED),
    }


def invite_candidates(cluster, query: str, *, limit=20):
    """Organisations matching ``query`` that have no live membership in ``cluster`` yet."""
    if not query.strip():
        return Organisation.objects.none()
    taken = Membership.objects.filter(cluster=cluster, status__in=Membership.LIVE_STATUSES).values("organisation_id")
    ids = list(Organisation.objects.search(query).exclude(pk__in=taken).values_list("pk", flat=True)[:limit])
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def organisation_memberships(organisation):
    """An organisation's memberships by status: active ones are public, the others only for its editors."""
    qs = organisation.memberships.select_related("cluster").order_by("cluster__name")
    return {
        "active": [m for m in qs if m.status == Membership.Status.ACTIVE],
        "invited": [m for m in qs if m.status == Membership.Status.INVITED],
        "requested": [m for m in qs if m.status == Membership.Status.REQUESTED],
    }


def profile_relations(organisation) -> dict:
    """What an organisation's public profile lists besides the organisation itself, as plain rows in three SQL
    queries: its industries (code, title), topics (name, url) and active memberships (cluster name and url, role
    label, since). Model instances with modeltranslation's descriptors and an URL reversed per link were most of
    a profile page's time (docs/benchmarks.md); ``tests/test_directory_views.py`` holds these to the ORM."""
    pk = organisation.pk
    links, codes = Organisation.industries.through._meta.db_table, IndustryCode._meta.db_table
    industries = [
        SimpleNamespace(code=code, title=title)
        for code, title in _rows(
            f"SELECT c.code, {_translated('c.title')} FROM {links} l JOIN {codes} c ON c.code = l.industrycode_id "  # noqa: S608 (names)
            "WHERE l.organisation_id = %s ORDER BY c.code",
            [pk],
        )
    ]
    memberships, clusters = Membership._meta.db_table, Cluster._meta.db_table
    cluster_url = _url_prefix("directory:cluster")
    roles = dict(Membership.Role.choices)
    membership_rows = _rows(
        f"SELECT k.slug, k.name, m.role, m.since FROM {memberships} m JOIN {clusters} k ON k.id = m.cluster_id "  # noqa: S608 (names)
        "WHERE m.organisation_id = %s AND m.status = %s ORDER BY k.name, k.id",
        [pk, Membership.Status.ACTIVE],
    )
    return {
        "industries": industries,
        "topics": _topic_rows(Organisation.topics.through._meta.db_table, "organisation_id", pk),
        "memberships": [
            SimpleNamespace(
                cluster_name=name,
                cluster_url=f"{cluster_url}{slug}/",
                role=role,
                role_label=str(roles.get(role, role)),
                since=since,
            )
            for slug, name, role, since in membership_rows
        ],
    }


def _topic_rows(links: str, owner_column: str, owner_id: int) -> list:
    topics = Topic._meta.db_table
    url = _url_prefix("directory:topic")
    rows = _rows(
        f"SELECT t.slug, {_translated('t.name')} AS shown FROM {links} l JOIN {topics} t ON t.id = l.topic_id "  # noqa: S608 (names)
        f"WHERE l.{owner_column} = %s ORDER BY shown, t.id",
        [owner_id],
    )
    return [SimpleNamespace(name=name, url=f"{url}{slug}/") for slug, name in rows]


def cluster_relations(cluster) -> dict:
    """A cluster page's topics (name, url) and managers (``full_name``, by last name) as plain rows, like
    ``profile_relations``."""
    from django.contrib.auth import get_user_model

    links, users = Cluster.managers.through._meta.db_table, get_user_model()._meta.db_table
    managers = _rows(
        f"SELECT u.first_name, u.last_name FROM {links} l JOIN {users} u ON u.id = l.user_id "  # noqa: S608 (names)
        "WHERE l.cluster_id = %s ORDER BY u.last_name, u.first_name, u.id",
        [cluster.pk],
    )
    return {
        "topics": _topic_rows(Cluster.topics.through._meta.db_table, "cluster_id", cluster.pk),
        "managers": [SimpleNamespace(full_name=f"{first} {last}".strip()) for first, last in managers],
    }


def topic_members(topic):
    """Clusters and organisations with ``topic`` or one of its sub-topics."""
    ids = topic.descendant_ids()
    return (
        Cluster.objects.filter(topics__in=ids).distinct().order_by("name"),
        Organisation.objects.filter(topics__in=ids).distinct().order_by("name"),
    )
