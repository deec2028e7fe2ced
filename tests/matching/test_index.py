"""Updates, filters and bad input."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscluster.matching import Document, Index, MatchingInputError, SkillRef

from .conftest import build, doc, ids


def test_upsert_is_matchable_immediately_and_replaces(welder_skills):
    index = build(doc("a", title={"de": "Bäcker"}), doc("b", title={"de": "Konditor"}))
    index.upsert(doc("new", title={"de": "Schweißer"}, skills=welder_skills[:2]))
    assert ids(index.search(doc(None, title="Schweißer"), k=1)) == ["new"]
    assert index.stats["delta_rows"] == 1
    index.upsert(doc("new", title={"de": "Maler"}))
    assert len(index) == 3
    hits = index.search(doc(None, title="Schweißer"), weights={"text": 1})
    assert all(m.explanation.components["text"].score == 0 for m in hits)
    assert ids(index.search(doc(None, title="Maler"), k=1)) == ["new"]


def test_remove_is_visible_immediately():
    index = build(doc("a", title="Schweißer"), doc("b", title="Schweißer"))
    assert index.remove("a") is True
    assert index.remove("a") is False
    assert ids(index.search(doc(None, title="Schweißer"))) == ["b"]
    assert "a" not in index and len(index) == 1


def test_upserts_into_an_empty_index_and_compaction():
    index = Index()
    assert index.search(doc(None, title="x")) == []
    for i in range(30):
        index.upsert(doc(f"d{i}", title={"de": f"Schweißer Nummer{i}"}))
    index.remove("d3")
    before = [(m.id, round(m.score, 9)) for m in index.search(doc(None, title={"de": "Nummer7 Schweißer"}), k=30)]
    index.compact()
    assert index.stats == {"documents": 29, "rows": 29, "delta_rows": 0, "terms": index.stats["terms"]}
    after = [(m.id, round(m.score, 9)) for m in index.search(doc(None, title={"de": "Nummer7 Schweißer"}), k=30)]
    assert [i for i, _ in after] == [i for i, _ in before]
    assert after[0][0] == "d7" and "d3" not in dict(after)


TITLES = ["Schweißer Hamburg", "Bäcker", "Logistik Hafen", "Schweißtechnik", "welder steel", "Maler"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.sampled_from(["upsert", "remove"]), st.integers(0, 7), st.sampled_from(TITLES), st.integers(0, 5)),
        min_size=1,
        max_size=25,
    ),
    st.sampled_from(TITLES),
)
def test_incremental_updates_rank_like_a_fresh_build(welder_skills, operations, query_title):
    index = build(*(doc(f"d{i}", title=TITLES[i % len(TITLES)], skills=welder_skills[i : i + 2]) for i in range(6)))
    live = {f"d{i}": (TITLES[i % len(TITLES)], i) for i in range(6)}
    for action, number, title, skill in operations:
        if action == "upsert":
            index.upsert(doc(f"d{number}", title=title, skills=welder_skills[skill : skill + 2]))
            live[f"d{number}"] = (title, skill)
        else:
            assert index.remove(f"d{number}") == (f"d{number}" in live)
            live.pop(f"d{number}", None)
    query = doc(None, title=query_title, skills=welder_skills[:3])
    index.compact()
    fresh = build(*(doc(i, title=t, skills=welder_skills[s : s + 2]) for i, (t, s) in live.items()))
    got = [(m.id, round(m.score, 9)) for m in index.search(query, k=10)]
    want = [(m.id, round(m.score, 9)) for m in fresh.search(query, k=10)]
    assert sorted(got, key=lambda x: (-x[1], x[0])) == sorted(want, key=lambda x: (-x[1], x[0]))


def test_filters_and_exclusions_are_respected():
    index = build(
        doc("full", attributes={"contract_type": "full_time", "languages": ["de", "en"]}),
        doc("part", attributes={"contract_type": "part_time", "languages": ["de"]}),
        doc("job", kind="job", attributes={"contract_type": "full_time"}),
    )
    query = doc(None, title="x")
    assert ids(index.search(query, filters={"contract_type": "full_time"}, kinds=["candidate"])) == ["full"]
    assert set(ids(index.search(query, filters={"languages": "de"}))) == {"full", "part"}
    assert ids(index.search(query, filters={"languages": "en"})) == ["full"]
    assert set(ids(index.search(query, filters={"contract_type": ["full_time", "part_time"]}))) == {
        "full",
        "part",
        "job",
    }
    assert ids(index.search(query, exclude={"contract_type": "full_time"})) == ["part"]
    assert index.search(query, filters={"no_such_attribute": 1}) == []
    assert ids(index.search(doc("full", title="x"), kinds=["candidate"])) == ["part"]  # never the query itself


def test_filter_values_keep_booleans_numbers_and_text_apart():
    index = build(
        doc("true", attributes={"flag": True}),
        doc("one", attributes={"flag": 1}),
        doc("text", attributes={"flag": "1"}),
    )
    query = doc(None, title="x")
    assert ids(index.search(query, filters={"flag": True})) == ["true"]
    assert ids(index.search(query, filters={"flag": 1.0})) == ["one"]
    assert ids(index.search(query, filters={"flag": "1"})) == ["text"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"skills": ["http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"]},
            r"skills\[0\]: unknown ESCO skill",
        ),
        ({"skills": ["welding"]}, r"skills\[0\]: unknown ESCO skill 'welding'"),
        ({"skills": [{"uri": "x", "levle": 2}]}, r"skills\[0\]: expected keys"),
        ({"occupation": "baker"}, r"occupation: unknown ESCO occupation 'baker'"),
        ({"lat": 123.0, "lon": 10.0}, r"lat: must be between -90 and 90"),
        ({"lat": 53.0, "lon": float("nan")}, r"lon: must be between"),
        ({"lat": 53.0}, r"lat/lon: give both"),
        ({"lat": "53", "lon": 10}, r"lat: must be a number"),
        ({"radius_km": -5}, r"radius_km"),
        ({"remote": 2}, r"remote: must be between 0 and 1"),
        ({"available_from": "2025-13-01"}, r"available_from: not a date"),
        ({"available_from": date(2025, 5, 1), "available_to": date(2025, 4, 1)}, r"available_to: is before"),
        ({"title": {"fr": "soudeur"}}, r"title: language must be 'de' or 'en'"),
        ({"attributes": {"kind": "x"}}, r"attributes: 'kind' is not allowed"),
        ({"attributes": {"tags": [{"a": 1}]}}, r"attributes\['tags'\]: values must be"),
    ],
)
def test_bad_documents_raise_value_error_naming_the_field(fields, message):
    with pytest.raises(ValueError, match=message) as raised:
        Index.build([Document(id="bad-1", **fields)])
    assert isinstance(raised.value, MatchingInputError)
    assert "document 'bad-1'" in str(raised.value)


def test_bad_skill_level_names_the_field(welder_skills):
    with pytest.raises(ValueError, match=r"document 'x': skills\[1\].level: must be between 1 and 5, not 9"):
        Index.build([Document(id="x", skills=[welder_skills[0], SkillRef(welder_skills[1], level=9)])])


def test_bad_search_arguments_raise_value_error():
    index = build(doc("a", title="x"), doc("b", title="y"))
    query = doc(None, title="x")
    with pytest.raises(ValueError, match=r"weights: unknown component 'txt'"):
        index.search(query, weights={"txt": 1})
    with pytest.raises(ValueError, match=r"weights\['text'\]: must be a number ≥ 0"):
        index.search(query, weights={"text": -1})
    with pytest.raises(ValueError, match="k: must be a whole number"):
        index.search(query, k=0)
    with pytest.raises(ValueError, match="requirements"):
        index.search(query, requirements="both")
    with pytest.raises(ValueError, match=r"query: lat: must be between"):
        index.search(Document(lat=100, lon=0))
    with pytest.raises(ValueError, match="id: appears twice"):
        Index.build([doc("a"), doc("a")])
    with pytest.raises(ValueError, match="document: id: a document needs an id"):
        index.upsert(Document(title="no id"))
    assert len(index) == 2  # failed updates leave the index as it was
