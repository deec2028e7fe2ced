import pytest
from hypothesis import HealthCheck, given, settings

from crosscluster.matchmaking import InstanceError, check, feasible_cells, greedy, idle_slots, load_instance, score
from tests.matchmaking.helpers import instance
from tests.matchmaking.strategies import instances

DATA = instance(
    [("s1", 1), ("s2", 2), ("s3", 0)],
    [
        ("p1", None, None, False),
        ("p2", None, 1, False),
        ("p3", None, None, True),
        ("p4", ["s2"], None, False),
        ("p5", None, None, True),
    ],
    [
        ("r1", "p1", "p2", 2.0),
        ("r2", "p1", "p3", 3.0),
        ("r3", "p4", "p1", 1.0),
        ("r4", "p3", "p5", 1.0),
        ("r5", "p2", "p4", 1.0),
    ],
)
VALID = [("r1", "s1", "T1"), ("r2", "s2", "booth:p3"), ("r4", "s1", "booth:p5")]


def solution(*meetings):
    return {"meetings": [{"request": r, "slot": s, "table": t} for r, s, t in meetings]}


def broken(*meetings):
    return [(v.meeting, v.rule) for v in check(DATA, solution(*meetings))]


def test_check_valid_solution_has_no_violations():
    assert check(DATA, solution(*VALID)) == []
    assert score(DATA, solution(*VALID)) == 6.0


def test_check_empty_solution_is_valid():
    assert check(DATA, solution()) == []
    assert score(DATA, solution()) == 0.0


def test_check_rule0_unknown_request_and_slot():
    assert broken(("r99", "s1", "T1"), ("r1", "s9", "T1")) == [(0, 0), (1, 0)]


def test_check_rule1_request_scheduled_twice():
    assert broken(("r1", "s1", "T1"), ("r1", "s2", "T1")) == [(1, 1)]


def test_check_rule2_participant_not_available():
    violations = check(DATA, solution(("r3", "s1", "T1")))
    assert [(v.meeting, v.rule) for v in violations] == [(0, 2)]
    assert 'participant "p4" is not available in slot "s1"' in str(violations[0])


def test_check_rule3_participant_in_two_meetings_of_a_slot():
    violations = check(DATA, solution(("r1", "s1", "T1"), ("r2", "s1", "booth:p3")))
    assert [(v.meeting, v.rule) for v in violations] == [(1, 3)]
    assert '"p1" already meets in slot "s1" (meetings[0])' in violations[0].message


def test_check_rule4_more_than_max_meetings():
    violations = check(DATA, solution(("r1", "s1", "T1"), ("r5", "s2", "T1")))
    assert [(v.meeting, v.rule) for v in violations] == [(1, 4)]
    assert "max_meetings = 1" in violations[0].message


@pytest.mark.parametrize("table", ["T1", "booth:p1", "booth:p5"])
def test_check_rule5_booth_meeting_elsewhere(table):
    assert broken(("r2", "s2", table)) == [(0, 5)]


def test_check_rule5_either_booth_when_both_have_one():
    assert broken(("r4", "s1", "booth:p3")) == []
    assert broken(("r4", "s1", "booth:p5")) == []


@pytest.mark.parametrize("table", ["T3", "T0", "booth:p1", "table 1", "t1", "T01"])
def test_check_rule6_not_a_shared_table_of_the_slot(table):
    assert broken(("r1", "s2", table)) == [(0, 6)]


def test_check_rule6_slot_without_tables():
    assert broken(("r1", "s3", "T1")) == [(0, 6)]


def test_check_rule6_two_meetings_at_one_table():
    data = instance(
        [("s1", 2)],
        [("a", None, None, False), ("b", None, None, False), ("c", None, None, False), ("d", None, None, False)],
        [("x", "a", "b", 1.0), ("y", "c", "d", 1.0)],
    )
    assert [v.rule for v in check(data, solution(("x", "s1", "T1"), ("y", "s1", "T1")))] == [6]
    assert check(data, solution(("x", "s1", "T1"), ("y", "s1", "T2"))) == []


def test_check_lists_every_violation():
    meetings = [("r3", "s1", "T1"), ("r1", "s1", "T1"), ("r2", "s1", "T1"), ("r99", "s1", "T1")]
    rules = {rule for _, rule in broken(*meetings)}
    assert rules == {0, 2, 3, 5, 6}


@pytest.mark.parametrize(
    "bad",
    [{"meeting": []}, {"meetings": [{"request": "r1", "slot": "s1"}]}, {"meetings": [{"request": 1}]}],
)
def test_check_malformed_solution_is_an_input_error(bad):
    with pytest.raises(InstanceError):
        check(DATA, bad)


def test_idle_slots_sums_over_participants():
    data = instance(
        [("s1", 1), ("s2", 1), ("s3", 1), ("s4", 1)],
        [("a", None, None, False), ("b", None, None, False), ("c", ["s1", "s2", "s4"], None, False)],
        [("x", "a", "b", 1.0), ("y", "a", "c", 1.0), ("z", "b", "c", 1.0)],
    )
    # a: s1 and s4 -> s2, s3 idle; b: s1 only; c: s4 only
    assert idle_slots(data, solution(("x", "s1", "T1"), ("y", "s4", "T1"))) == 2
    # a: s1, s2; b: s1, s4 -> 2 idle; c: s2, s4 -> s3 is away, so 0
    assert idle_slots(data, solution(("x", "s1", "T1"), ("y", "s2", "T1"), ("z", "s4", "T1"))) == 2


def test_idle_slots_time_away_is_not_idle():
    data = instance(
        [("s1", 2), ("s2", 2), ("s3", 2)],
        [("a", ["s1", "s3"], None, False), ("b", None, None, False), ("c", None, None, False)],
        [("x", "a", "b", 1.0), ("y", "a", "c", 1.0)],
    )
    assert idle_slots(data, solution(("x", "s1", "T1"), ("y", "s3", "T1"))) == 0
    assert idle_slots(data, solution(("x", "s1", "T1"), ("y", "s2", "T1"))) == 0


def test_idle_slots_between_meetings():
    data = instance(
        [("s1", 2), ("s2", 2), ("s3", 2)],
        [("a", None, None, False), ("b", None, None, False), ("c", None, None, False)],
        [("x", "a", "b", 1.0), ("y", "a", "c", 1.0)],
    )
    assert idle_slots(data, solution(("x", "s1", "T1"), ("y", "s3", "T1"))) == 1
    assert idle_slots(data, solution(("x", "s1", "T1"), ("y", "s2", "T1"))) == 0


def test_feasible_cells_lists_free_tables_and_booths():
    meetings = solution(*VALID)
    # r1 (shared) may stay at s1 T1; p1 meets p3 in s2, and s3 has no shared table.
    assert feasible_cells(DATA, meetings, "r1") == [("s1", "T1")]
    # r5 (p2, p4): p4 is only there in s2, where both tables are free.
    assert feasible_cells(DATA, solution(*VALID[1:]), "r5") == [("s2", "T1"), ("s2", "T2")]
    # r4 is a meeting of two exhibitors: either booth, in any slot where both are free.
    assert feasible_cells(DATA, meetings, "r4") == [
        ("s1", "booth:p3"),
        ("s1", "booth:p5"),
        ("s3", "booth:p3"),
        ("s3", "booth:p5"),
    ]


def test_feasible_cells_respects_max_meetings():
    meetings = solution(("r1", "s1", "T1"))
    assert feasible_cells(DATA, meetings, "r5") == []


def test_feasible_cells_unknown_request():
    with pytest.raises(KeyError):
        feasible_cells(DATA, solution(), "r99")


def _all_cells(data):
    names = [p["id"] for p in data["participants"]]
    most = max(s["tables"] for s in data["slots"]) + 1
    tables = [f"T{k}" for k in range(1, most + 1)] + [f"booth:{p}" for p in names]
    return [(s["id"], t) for s in data["slots"] for t in tables]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_people=6, max_slots=3, max_requests=8))
def test_feasible_cells_are_exactly_the_valid_moves(data):
    loaded = load_instance(data)
    base = [m.as_dict() for m in greedy(loaded).meetings]
    for request in data["requests"]:
        others = [m for m in base if m["request"] != request["id"]]
        cells = set(feasible_cells(loaded, {"meetings": others}, request["id"]))
        for slot, table in _all_cells(data):
            moved = {"meetings": [*others, {"request": request["id"], "slot": slot, "table": table}]}
            assert (check(loaded, moved) == []) == ((slot, table) in cells), (request["id"], slot, table)
