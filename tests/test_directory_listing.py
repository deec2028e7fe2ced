"""Filtered directory lists from the per-process ListingIndex: the same rows, order and counts as the SQL query,
and every kind of change to the directory shows on the next request."""

import random
import threading

import pytest
from django.core.paginator import Paginator
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscluster.directory import selectors
from crosscluster.directory.listing import ListingIndex
from crosscluster.directory.models import IndustryCode, Membership, Organisation
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


def test_every_filter_combination_lists_the_same_rows_in_the_same_order_as_sql(directory):
    for params in _combinations(directory):
        for number in (1, 2, 3, 9, "x"):
            assert _index_page(params, number) == _sql_page(params, number), (params, number)


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
def test_an_old_index_is_rebuilt_in_the_background_while_requests_keep_using_it(monkeypatch):
    org = OrganisationFactory(name="Alpha", district="Altona")
    assert _listed({"district": "Harburg"}) == []
    Organisation.objects.filter(pk=org.pk).update(district="Harburg")  # committed, no signal
    monkeypatch.setattr(selectors, "LISTING_SECONDS", 0)
    before = threading.enumerate()
    assert _listed({"district": "Harburg"}) == []  # answered at once from the old index ...
    for thread in set(threading.enumerate()) - set(before):
        thread.join(timeout=30)  # ... while a thread rebuilds it
    monkeypatch.setattr(selectors, "LISTING_SECONDS", 60)
    assert _listed({"district": "Harburg"}) == ["Alpha"]
    assert not selectors._listing["refreshing"]


def test_a_change_bumps_the_version_again_when_its_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        OrganisationFactory(name="Alpha")
        seen = selectors._listing_version()
    assert callbacks
    for callback in callbacks:  # what another process sees once the change is visible to it
        callback()
    assert selectors._listing_version() != seen
