import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscluster.matchmaking import InstanceError, check, generate, greedy, load_instance, solve
from crosscluster.matchmaking.search import Search
from crosscluster.matchmaking.state import Schedule
from crosscluster.matchmaking.verify import assign_tables
from tests.matchmaking.helpers import brute_force_optimum, instance
from tests.matchmaking.strategies import instances

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(instances(max_people=10, max_slots=4, max_requests=24), st.integers(0, 3))
def test_solve_and_greedy_give_valid_schedules(data, seed):
    result = solve(data, time_limit=2, seed=seed)
    assert check(data, result) == []
    assert result.score <= result.bound + 1e-9
    baseline = greedy(data)
    assert check(data, baseline) == []
    assert baseline.score <= result.score + 1e-9


@SETTINGS
@given(instances(max_people=5, max_slots=3, max_requests=6))
def test_solve_finds_the_optimum_of_tiny_instances(data):
    best = brute_force_optimum(data)
    result = solve(data, time_limit=5)
    assert result.score == pytest.approx(best)
    assert result.bound >= best - 1e-9
    assert result.optimal


@SETTINGS
@given(instances(max_people=5, max_slots=3, max_requests=6))
def test_relaxation_bound_is_never_below_the_optimum(data):
    best = brute_force_optimum(data)
    result = solve(data, time_limit=0.5, exact=False)
    assert check(data, result) == []
    assert result.score <= best + 1e-9
    assert result.bound >= best - 1e-9


@SETTINGS
@given(instances(max_people=8, max_slots=4, max_requests=16, min_requests=1), st.randoms(use_true_random=False))
def test_solve_keeps_fixed_meetings(data, rnd):
    start = [m.as_dict() for m in greedy(data).meetings]
    fixed = [m for m in start if rnd.random() < 0.5]
    result = solve(data, time_limit=2, fixed=fixed)
    assert check(data, result) == []
    meetings = [m.as_dict() for m in result.meetings]
    for meeting in fixed:
        assert meeting in meetings
    # the bound is for schedules that keep the fixed meetings, so it cannot exceed the free optimum's bound
    assert result.score <= result.bound + 1e-9


@SETTINGS
@given(instances(max_people=5, max_slots=3, max_requests=6, min_requests=1), st.randoms(use_true_random=False))
def test_solve_with_fixed_meetings_is_optimal_among_schedules_keeping_them(data, rnd):
    start = [m.as_dict() for m in greedy(data).meetings]
    fixed = [m for m in start if rnd.random() < 0.5]
    result = solve(data, time_limit=5, fixed=fixed)
    best = brute_force_optimum(data, fixed={m["request"]: m["slot"] for m in fixed})
    assert result.score == pytest.approx(best)
    assert result.bound >= best - 1e-9


def test_solve_fixed_meetings_breaking_a_rule_are_an_error():
    data = instance(
        [("s1", 1)],
        [("a", None, None, False), ("b", None, None, False), ("c", None, None, False)],
        [("x", "a", "b", 1.0), ("y", "a", "c", 1.0)],
    )
    fixed = [{"request": "x", "slot": "s1", "table": "T1"}, {"request": "y", "slot": "s1", "table": "T2"}]
    with pytest.raises(InstanceError) as caught:
        solve(data, fixed=fixed)
    assert any("rule 3" in e for e in caught.value.errors)
    assert any("rule 6" in e for e in caught.value.errors)


def test_solve_generated_instance_proves_the_optimum_and_beats_greedy():
    data = generate(200, 12, seed=5, tables=25)
    result = solve(data, time_limit=20)
    baseline = greedy(data)
    assert check(data, result) == []
    assert result.optimal
    assert result.score > baseline.score
    assert result.idle_slots < baseline.idle_slots


def test_solve_same_seed_same_schedule():
    data = generate(150, 10, seed=2)
    first = solve(data, time_limit=20, seed=7)
    second = solve(data, time_limit=20, seed=7)
    assert first.optimal
    assert first.meetings == second.meetings


def test_solve_reports_progress():
    calls = []
    solve(generate(120, 8, seed=1), time_limit=10, progress=lambda f, m: calls.append((f, m)))
    fractions = [f for f, _ in calls]
    assert len(calls) >= 3
    assert all(0.0 <= f <= 1.0 for f in fractions)
    assert fractions == sorted(fractions)
    assert calls[-1] == (1.0, "done")


def test_solve_empty_and_degenerate_instances():
    assert solve(instance([("s1", 0)], [("a", None, None, False), ("b", None, None, False)], [])).meetings == []
    no_tables = instance(
        [("s1", 0), ("s2", 0)],
        [("a", None, None, False), ("b", None, None, True), ("c", None, None, False)],
        [("x", "a", "b", 1.0), ("y", "a", "c", 5.0)],
    )
    result = solve(no_tables, time_limit=2)
    assert [(m.request, m.table) for m in result.meetings] == [("x", "booth:b")]
    assert result.bound == 1.0


# -- the moves of the local search, on hand-made schedules -------------------------------------------------

TWO_SLOTS = instance(
    [("s1", 2), ("s2", 2)],
    [("A", None, None, False), ("B", None, None, False), ("C", None, None, False), ("D", None, None, False)],
    [("ab", "A", "B", 1.0), ("ac", "A", "C", 1.0), ("bd", "B", "D", 1.0)],
)


def _schedule(data, placed):
    loaded = load_instance(data)
    schedule = Schedule(loaded)
    for request, slot in placed.items():
        schedule.place(loaded.request_index[request], loaded.slot_index[slot])
    return loaded, schedule


def _meetings(loaded, schedule):
    return {loaded.requests[r].id: loaded.slots[t].id for r, t in enumerate(schedule.slot_of) if t >= 0}


def test_kempe_chain_frees_a_slot_for_both():
    # A meets C in s1, B meets D in s2: A is free only in s2, B only in s1. Moving B-D to s1 frees s2.
    loaded, schedule = _schedule(TWO_SLOTS, {"ac": "s1", "bd": "s2"})
    search = Search(schedule, random.Random(0))
    assert not search.try_direct(loaded.request_index["ab"])
    assert search.try_kempe(loaded.request_index["ab"])
    assert len(_meetings(loaded, schedule)) == 3
    assert check(loaded, assign_tables(loaded, schedule.slot_of)) == []


def test_kempe_chain_refuses_a_slot_without_availability():
    data = instance(
        [("s1", 2), ("s2", 2)],
        [("A", None, None, False), ("B", None, None, False), ("C", ["s1"], None, False), ("D", ["s2"], None, False)],
        [("ab", "A", "B", 1.0), ("ac", "A", "C", 1.0), ("bd", "B", "D", 1.0)],
    )
    loaded, schedule = _schedule(data, {"ac": "s1", "bd": "s2"})
    search = Search(schedule, random.Random(0))
    assert not search.try_kempe(loaded.request_index["ab"])
    assert _meetings(loaded, schedule) == {"ac": "s1", "bd": "s2"}


def test_ejection_swaps_a_light_meeting_for_a_heavy_one():
    data = instance(
        [("s1", 1)],
        [("A", None, None, False), ("B", None, None, False), ("C", None, None, False)],
        [("light", "A", "B", 1.0), ("heavy", "A", "C", 3.0)],
    )
    loaded, schedule = _schedule(data, {"light": "s1"})
    search = Search(schedule, random.Random(0))
    assert search.insert(loaded.request_index["heavy"]) == pytest.approx(2.0)
    assert _meetings(loaded, schedule) == {"heavy": "s1"}
    # and never the other way round
    assert search.insert(loaded.request_index["light"]) == 0.0
    assert _meetings(loaded, schedule) == {"heavy": "s1"}


def test_rollback_restores_the_schedule():
    loaded, schedule = _schedule(TWO_SLOTS, {"ac": "s1", "bd": "s2"})
    state = (list(schedule.slot_of), [list(o) for o in schedule.occ], list(schedule.free), list(schedule.used))
    schedule.begin()
    schedule.remove(loaded.request_index["ac"])
    schedule.place(loaded.request_index["ab"], 0)
    schedule.remove(loaded.request_index["bd"])
    schedule.place(loaded.request_index["ac"], 1)
    schedule.rollback()
    assert (list(schedule.slot_of), [list(o) for o in schedule.occ], list(schedule.free), list(schedule.used)) == state
    assert schedule.score == 2.0


def test_table_move_makes_room_in_a_full_slot():
    data = instance(
        [("s1", 1), ("s2", 1)],
        [("A", None, None, False), ("B", ["s1"], None, False), ("C", None, None, False), ("D", None, None, False)],
        [("ab", "A", "B", 1.0), ("cd", "C", "D", 1.0)],
    )
    loaded, schedule = _schedule(data, {"cd": "s1"})
    search = Search(schedule, random.Random(0))
    assert search.insert(loaded.request_index["ab"]) == 1.0
    assert _meetings(loaded, schedule) == {"ab": "s1", "cd": "s2"}


def test_reduce_idle_closes_a_gap_and_keeps_the_meetings():
    data = instance(
        [("s1", 2), ("s2", 2), ("s3", 2)],
        [("A", None, None, False), ("B", None, None, False), ("C", None, None, False)],
        [("ab", "A", "B", 1.0), ("ac", "A", "C", 1.0)],
    )
    loaded, schedule = _schedule(data, {"ab": "s1", "ac": "s3"})
    assert schedule.total_idle() == 1
    Search(schedule, random.Random(0)).reduce_idle(deadline=float("inf"))
    assert schedule.total_idle() == 0
    assert set(_meetings(loaded, schedule)) == {"ab", "ac"}


def test_anneal_idle_keeps_the_meetings_and_never_ends_worse():
    loaded = load_instance(generate(80, 8, seed=4))
    result = solve(loaded, time_limit=10, idle_steps=0)
    schedule = Schedule(loaded)
    for meeting in result.meetings:
        schedule.place(loaded.request_index[meeting.request], loaded.slot_index[meeting.slot])
    before, scheduled = schedule.total_idle(), {r for r, t in enumerate(schedule.slot_of) if t >= 0}
    after = Search(schedule, random.Random(3)).anneal_idle(20_000, deadline=float("inf"))
    assert after == schedule.total_idle() <= before
    assert {r for r, t in enumerate(schedule.slot_of) if t >= 0} == scheduled
    assert check(loaded, assign_tables(loaded, schedule.slot_of)) == []
