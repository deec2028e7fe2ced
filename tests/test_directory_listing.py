"""Filtered directory lists from the per-process ListingIndex: the same rows, order and counts as the SQL query,
and every kind of change to the directory shows on the next request."""

import random
import threading

import pytest
from django.core.paginator import Paginator
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscluster.directory import listing, selectors
from crosscluster.directory.listing import ListingIndex
from crosscluster.directory.models import IndustryCode, Membership, Organisation
from crosscluster.directory.views import ORGANISATIONS_PER_PAGE
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory, TopicFactory

# --- the index on its own ------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    size=st.integers(min_value=0, max_value=9000),
    seed=st.integers(min_value=0, max_value=10**6),
    offset=st.integers(min_value=0, max_value=9000),
    limit=st.integers(min_value=0, max_value=60),
)
def test_a_page_is_the_matching_ids_from_the_offset_in_list_order(size, seed, offset, limit):
    rng = random.Random(seed)
    order = rng.sample(range(1, 10 * size + 2), size)
    density = rng.choice([0.001, 0.05, 0.5, 1.0])
    tagged = [pk for pk in order if rng.random() < density]
    other = [pk for pk in order if rng.random() < 0.5]
    index = ListingIndex(order, {"colour": [("red", pk) for pk in tagged] + [("blue", pk) for pk in other]})
    red, blue = index.matching("colour", ["red"]), index.matching("colour", ["blue"])
    tagged_set, other_set = set(tagged), set(other)
    both = [pk for pk in order if pk in tagged_set and pk in other_set]
    assert index.count(red) == len(tagged)
    assert index.page(red, offset, limit) == tagged[offset : offset + limit]  # the chunked skip crosses 4096 bits
    assert index.count(red & blue) == len(both)
    assert index.page(red & blue, offset, limit) == both[offset : offset + limit]
    either = [pk for pk in order if pk in tagged_set or pk in other_set]
    assert index.page(index.matching("colour", ["red", "blue"]), 0, 25) == either[:25]


def test_unknown_values_and_facets_match_nothing_and_stray_links_are_ignored():
    index = ListingIndex([3, 1, 2], {"size": [("small", 1), ("small", 99)], "topic": []})
    assert index.page(index.everyone, 0, 10) == [3, 1, 2]
    assert index.page(index.matching("size", ["small"]), 0, 10) == [1]
    assert index.matching("size", ["huge"]) == 0
    assert index.matching("nothing", ["x"]) == 0
    assert index.page(0, 0, 10) == []


def _letterwise_upper(text):
    """PostgreSQL's UPPER(): one letter stays one letter ("ß" stays, where Python writes "SS")."""
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in text)


@pytest.mark.parametrize("few", [0, 10**9])  # names scanned all at once, or looked at match by match
def test_rank_groups_are_equal_name_then_start_then_inside_then_the_rest(monkeypatch, few):
    monkeypatch.setattr(listing, "_FEW", few)
    rng = random.Random(3)
    parts = ["Nord", "nord", "Straße", "Elbe", "GmbH", "Süd", "NORDEN", "Ab"]
    names = sorted(" ".join(rng.sample(parts, rng.randint(1, 3))) for _ in range(3000))
    index = ListingIndex(range(len(names)), {}, names=names)
    matches = [i for i in range(len(names)) if rng.random() < 0.7]
    bits = sum(1 << i for i in matches)
    for query, first in [("Nord", "nord"), ("nord gmbh", "nord"), ("Straße", "strasse"), ("STRAßE", "straße"),
                         ("x", "x"), ("Ab", "ab")]:  # fmt: skip
        expected = [[], [], [], []]
        q, f = _letterwise_upper(query), _letterwise_upper(first)
        for i in matches:
            name = _letterwise_upper(names[i])
            expected[0 if name == q else 1 if name.startswith(f) else 2 if f in name else 3].append(i)
        assert [listing.positions_of(group) for group in index.ranked(bits, query, first)] == expected, query


# --- the same answers as SQL -----------------------------------------------------------------------------------


@pytest.fixture
def directory(db):
    """Sixty organisations with repeated and umlaut names, memberships of every status, topics with a hierarchy,
    industry codes on several levels, sizes and districts."""
    rng = random.Random(5)
    clusters = [ClusterFactory() for _ in range(3)]
    parent = TopicFactory()
    topics = [parent, TopicFactory(parent=parent), TopicFactory()]
    codes = list(IndustryCode.objects.filter(code__in=["30", "30.30", "30.3", "62.01", "C", "71.12"]))
    names = ["Alster AG", "alster ag", "Ähre GmbH", "Zeppelin", "Nord", "Nord", "Östlich", "elbe"]
    sizes = [value for value, _label in Organisation.SizeClass.choices] + [""]
    organisations = []
    for i in range(60):
        org = OrganisationFactory(
            name=rng.choice(names) if i % 3 else f"Firma {i}",
            description_de=rng.choice(["Ein Mitgliedsunternehmen.", "Nord und Süd", "Firma am Hafen", ""]),
            size_class=rng.choice(sizes),
            district=rng.choice(["Altona", "Harburg", "", "Bergedorf"]),
        )
        org.topics.set(rng.sample(topics, rng.randint(0, 2)))
        org.industries.set([c.code for c in rng.sample(codes, rng.randint(0, 2)) if c.code != "C"])
        for cluster in rng.sample(clusters, rng.randint(0, 2)):
            MembershipFactory(organisation=org, cluster=cluster, status=rng.choice(list(Membership.Status)))
        organisations.append(org)
    return {"clusters": clusters, "topics": topics, "organisations": organisations}


def _sql_page(params, number):
    qs, applied = selectors.organisation_list(params)
    page = Paginator(selectors.result_values(qs), 7).get_page(number)
    return page.paginator.count, [row["pk"] for row in page.object_list], applied


def _index_page(params, number):
    results, applied = selectors.indexed_organisation_list(params)
    page = Paginator(results, 7).get_page(number)
    return page.paginator.count, [row["pk"] for row in page.object_list], applied


def _combinations(directory):
    rng = random.Random(9)
    values = {
        "cluster": [c.slug for c in directory["clusters"]] + ["no-such-cluster"],
        "industry": ["C", "30", "30.3", "30.30", "62", "J", "71.12", "99.99", "Q"],
        "size": [value for value, _label in Organisation.SizeClass.choices] + ["enormous"],
        "topic": [t.slug for t in directory["topics"]] + ["no-such-topic"],
        "district": ["Altona", "Harburg", "Bergedorf", "Nowhere"],
    }
    yield {}
    for name in values:
        for value in values[name]:
            yield {name: value}
    for _ in range(80):
        chosen = rng.sample(sorted(values), rng.randint(2, 4))
        yield {name: rng.choice(values[name]) for name in chosen}
    # Searches: whole and partial words, umlaut spellings, name matches of every rank, stems, short forms,
    # several words, no hit, no word at all; alone and with filters.
    searches = ["alster", "Alster AG", "ALSTER ag", "nord", "Nord", "firma 1", "Firma", "ster", "ahre", "Ähre",
                "aehre", "gmbh", "mitglied", "Mitgliedsunternehmen", "member companies", "ab", "el", "nord firma",
                "zeppelin ahre", "östlich", "ostlich", "zzzz", "!!!", "  elbe  ", "Organisation"]  # fmt: skip
    for q in searches:
        yield {"q": q}
        chosen = rng.sample(sorted(values), rng.randint(1, 2))
        yield {"q": q, **{name: rng.choice(values[name]) for name in chosen}}


def test_every_filter_and_search_lists_the_same_rows_in_the_same_order_as_sql(directory):
    searches_with_hits = 0
    for params in _combinations(directory):
        for number in (1, 2, 3, 9, "x"):
            assert _index_page(params, number) == _sql_page(params, number), (params, number)
        searches_with_hits += bool("q" in params and _sql_page(params, 1)[0])
    assert searches_with_hits >= 25  # the comparison is not one of empty pages


def test_the_directory_page_shows_the_index_rows(client, directory):
    cluster = directory["clusters"][0]
    count, ids, _applied = _sql_page({"cluster": cluster.slug}, 1)
    html = client.get("/organisations/", {"cluster": cluster.slug}).content.decode()
    shown = [org.slug for org in Organisation.objects.filter(pk__in=ids)]
    assert all(f"/organisations/{slug}/" in html for slug in shown)
    assert f"{count}" in html


# --- freshness -------------------------------------------------------------------------------------------------


def _listed(params=None):
    results, _applied = selectors.indexed_organisation_list(params or {})
    return [row["name"] for row in results[0 : results.count()]]


def test_saves_deletions_and_link_changes_show_on_the_next_request(db, cluster):
    topic = TopicFactory()
    org = OrganisationFactory(name="Alpha")
    assert _listed() == ["Alpha"]
    beta = OrganisationFactory(name="Beta")
    assert _listed() == ["Alpha", "Beta"]
    org.name = "Zulu"
    org.save()
    assert _listed() == ["Beta", "Zulu"]
    beta.topics.add(topic)
    assert _listed({"topic": topic.slug}) == ["Beta"]
    beta.topics.remove(topic)
    assert _listed({"topic": topic.slug}) == []
    beta.industries.add("30.30")
    assert _listed({"industry": "C"}) == ["Beta"]
    membership = MembershipFactory(organisation=org, cluster=cluster, status=Membership.Status.REQUESTED)
    assert _listed({"cluster": cluster.slug}) == []
    membership.status = Membership.Status.ACTIVE
    membership.save()
    assert _listed({"cluster": cluster.slug}) == ["Zulu"]
    Membership.objects.bulk_create([Membership(organisation=beta, cluster=cluster, status=Membership.Status.ACTIVE)])
    assert _listed({"cluster": cluster.slug}) == ["Beta", "Zulu"]
    cluster.slug = "renamed"
    cluster.save()
    assert _listed({"cluster": "renamed"}) == ["Beta", "Zulu"]
    org.delete()
    assert _listed() == ["Beta"]


def test_a_change_that_bypasses_signals_shows_after_listing_seconds(db, monkeypatch):
    monkeypatch.setattr(selectors, "REFRESH_IN_BACKGROUND", False)
    org = OrganisationFactory(name="Alpha", district="Altona")
    assert _listed({"district": "Harburg"}) == []
    Organisation.objects.filter(pk=org.pk).update(district="Harburg")  # no signal
    assert _listed({"district": "Harburg"}) == []  # this process's index is younger than LISTING_SECONDS
    monkeypatch.setattr(selectors, "LISTING_SECONDS", 0)
    assert _listed({"district": "Harburg"}) == ["Alpha"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_index_is_rebuilt_in_the_background_while_requests_use_the_old_one_or_sql(monkeypatch):
    monkeypatch.setattr(selectors, "REFRESH_IN_BACKGROUND", True)
    selectors.warm_listing_index()  # as a worker does when it starts
    org = OrganisationFactory(name="Alpha", district="Altona")  # committed: bumps the version
    assert selectors.indexed_organisation_list({}) is None  # a new version: SQL answers while a thread builds
    _join_new_threads()
    assert _listed() == ["Alpha"]

    Organisation.objects.filter(pk=org.pk).update(district="Harburg")  # committed, no signal
    monkeypatch.setattr(selectors, "LISTING_SECONDS", 0)
    before = set(threading.enumerate())
    assert _listed({"district": "Harburg"}) == []  # an old index: still used at once ...
    _join_new_threads(before)  # ... while a thread rebuilds it
    monkeypatch.setattr(selectors, "LISTING_SECONDS", 300)
    assert _listed({"district": "Harburg"}) == ["Alpha"]
    assert not selectors._listing["refreshing"]


def _join_new_threads(before=frozenset()):
    for thread in set(threading.enumerate()) - set(before) - {threading.current_thread()}:
        if thread.name.startswith("Thread-") and thread.daemon:
            thread.join(timeout=30)


def test_while_the_index_is_rebuilt_the_page_is_answered_from_sql(client, directory, monkeypatch):
    started = []
    monkeypatch.setattr(selectors, "REFRESH_IN_BACKGROUND", True)
    monkeypatch.setattr(selectors, "_start_refresh", started.append)  # the thread never finishes here
    cluster = directory["clusters"][0]
    OrganisationFactory(name="Aaa Neu", district="Altona")  # bumps the listing version
    for params in ({"cluster": cluster.slug}, {"q": "nord", "district": "Altona"}, {"district": "Altona"}):
        qs, _applied = selectors.organisation_list(params)
        expected = list(qs.values_list("slug", flat=True)[:ORGANISATIONS_PER_PAGE])
        assert expected
        assert _slugs_in(client.get("/organisations/", params).content.decode()) == expected
    assert len(started) == 1  # one rebuild at a time


def _slugs_in(html):
    import re

    return re.findall(r'<h3><a href="/(?:en/|de/)?organisations/([^/"]+)/"', html)


def test_a_change_bumps_the_version_again_when_its_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        OrganisationFactory(name="Alpha")
        seen = selectors._listing_version()
    assert callbacks
    for callback in callbacks:  # what another process sees once the change is visible to it
        callback()
    assert selectors._listing_version() != seen
