from collections import Counter
from datetime import datetime
from statistics import mean, median

import pytest

from crosscluster.matchmaking import generate, load_instance


@pytest.fixture(scope="module")
def data():
    return generate(1000, 16, seed=3)


def test_generate_is_deterministic_per_seed(data):
    assert generate(1000, 16, seed=3) == data
    assert generate(1000, 16, seed=4) != data


def test_generate_is_a_valid_instance(data):
    loaded = load_instance(data)
    assert loaded.n_participants == 1000
    assert loaded.n_slots == 16


def test_generate_default_tables_about_a_sixth(data):
    assert {s["tables"] for s in data["slots"]} == {167}
    assert {s["tables"] for s in generate(400, 6, seed=1, tables=50)["slots"]} == {50}


def test_generate_requests_per_participant(data):
    involved = Counter()
    for r in data["requests"]:
        involved[r["a"]] += 1
        involved[r["b"]] += 1
    assert 8 <= 2 * len(data["requests"]) / len(data["participants"]) <= 10
    assert all(r["a"] != r["b"] for r in data["requests"])
    assert len({frozenset((r["a"], r["b"])) for r in data["requests"]}) == len(data["requests"])


def test_generate_popularity_is_skewed(data):
    asked = Counter(r["b"] for r in data["requests"])
    counts = [asked.get(p["id"], 0) for p in data["participants"]]
    top = sorted(counts, reverse=True)[:10]
    assert min(top) >= 4 * max(1, median(counts))
    assert max(counts) > len(data["slots"])  # some participants are asked more often than they have slots


def test_generate_booths_limits_and_time_away(data):
    people = data["participants"]
    assert sum(p.get("own_table", False) for p in people) == 100
    limited = [p for p in people if "max_meetings" in p]
    assert 0.10 <= len(limited) / len(people) <= 0.20
    assert all(4 <= p["max_meetings"] <= 8 for p in limited)
    away = [p for p in people if len(p["available"]) < 16]
    assert 0.15 <= len(away) / len(people) <= 0.25


def test_generate_interest_levels(data):
    weights = Counter(r["weight"] for r in data["requests"])
    assert set(weights) == {1.0, 3.0}
    assert 0.25 <= weights[3.0] / len(data["requests"]) <= 0.35
    assert mean(r["weight"] for r in data["requests"]) > 1.0


def test_generate_twenty_minute_slots_with_a_lunch_break(data):
    starts = [datetime.fromisoformat(s["start"]) for s in data["slots"]]
    ends = [datetime.fromisoformat(s["end"]) for s in data["slots"]]
    assert all((e - s).total_seconds() == 20 * 60 for s, e in zip(starts, ends, strict=True))
    pauses = [(b - a).total_seconds() / 60 for a, b in zip(ends, starts[1:], strict=False)]
    assert sorted(pauses) == [0] * 14 + [60]


@pytest.mark.parametrize(("participants", "slots", "tables"), [(1, 4, None), (10, 0, None), (10, 4, -1)])
def test_generate_rejects_impossible_sizes(participants, slots, tables):
    with pytest.raises(ValueError):
        generate(participants, slots, tables=tables)
