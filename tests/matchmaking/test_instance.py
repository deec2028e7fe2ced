import json

import pytest

from crosscluster.matchmaking import InstanceError, load_instance
from tests.matchmaking.helpers import instance


def base():
    return instance(
        [("s1", 2), ("s2", 1)],
        [("p1", None, None, False), ("p2", ["s2"], 3, False), ("p3", None, None, True)],
        [("r1", "p1", "p2", 1.0), ("r2", "p1", "p3", 3.0)],
    )


def errors_of(data):
    with pytest.raises(InstanceError) as caught:
        load_instance(data)
    return caught.value.errors


def test_load_instance_valid_keeps_everything():
    loaded = load_instance(base())
    assert [s.id for s in loaded.slots] == ["s1", "s2"]
    assert [p.id for p in loaded.participants] == ["p1", "p2", "p3"]
    assert loaded.participants[1].max_meetings == 3
    assert loaded.participants[2].own_table
    assert loaded.requests[1].weight == 3.0
    assert loaded.feasible.tolist() == [[False, True], [True, True]]
    assert loaded.req_shared.tolist() == [True, False]


def test_load_instance_optional_fields_default():
    data = base()
    del data["requests"][0]["weight"]
    loaded = load_instance(data)
    assert loaded.requests[0].weight == 1.0
    assert loaded.participants[0].max_meetings is None
    assert loaded.participants[0].own_table is False


def test_load_instance_orders_slots_by_start_time():
    data = base()
    data["slots"].reverse()
    loaded = load_instance(data)
    assert [s.id for s in loaded.slots] == ["s1", "s2"]


def test_load_instance_unknown_participant_names_request():
    data = base()
    data["requests"].append({"id": "r3", "a": "p1", "b": "p999"})
    assert errors_of(data) == ['requests[2] ("r3"): participant "p999" is not defined']


def test_load_instance_unknown_slot_names_participant():
    data = base()
    data["participants"][1]["available"] = ["s2", "s9"]
    assert errors_of(data) == ['participants[1] ("p2"): available slot "s9" is not defined']


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("slots", 'slots[2] ("s1"): duplicate slot id "s1" (also slots[0])'),
        ("participants", 'participants[3] ("p1"): duplicate participant id "p1" (also participants[0])'),
        ("requests", 'requests[2] ("r1"): duplicate request id "r1" (also requests[0])'),
    ],
)
def test_load_instance_duplicate_ids(section, message):
    data = base()
    duplicate = dict(data[section][0])
    data[section].append(duplicate)
    assert message in errors_of(data)


def test_load_instance_self_meeting():
    data = base()
    data["requests"][0]["b"] = "p1"
    assert errors_of(data) == ['requests[0] ("r1"): a participant cannot meet themselves ("p1")']


@pytest.mark.parametrize("weight", [-1, "2", None, True, float("inf")])
def test_load_instance_bad_weight(weight):
    data = base()
    data["requests"][1]["weight"] = weight
    (error,) = errors_of(data)
    assert error.startswith('requests[1] ("r2"): field "weight" must be a number >= 0')


@pytest.mark.parametrize(
    ("section", "index", "field", "value", "expected"),
    [
        ("slots", 0, "tables", -1, 'slots[0] ("s1"): field "tables" must be a whole number >= 0, not -1'),
        ("slots", 0, "tables", 1.5, 'slots[0] ("s1"): field "tables" must be a whole number >= 0, not 1.5'),
        ("slots", 1, "start", "noon", 'slots[1] ("s2"): field "start" must be a date and time'),
        ("participants", 0, "available", "s1", 'participants[0] ("p1"): field "available" must be a list'),
        ("participants", 0, "max_meetings", -2, 'participants[0] ("p1"): field "max_meetings" must be a whole'),
        ("participants", 0, "own_table", "yes", 'participants[0] ("p1"): field "own_table" must be true or false'),
        ("participants", 0, "id", 7, 'participants[0]: field "id" must be a non-empty string'),
        ("requests", 0, "a", 5, 'requests[0] ("r1"): field "a" must be a participant id (string), not 5'),
        ("requests", 0, "colour", "red", 'requests[0] ("r1"): unknown field "colour"'),
    ],
)
def test_load_instance_wrong_types(section, index, field, value, expected):
    data = base()
    data[section][index][field] = value
    errors = errors_of(data)
    assert any(e.startswith(expected) for e in errors), errors


def test_load_instance_slot_ending_before_start():
    data = base()
    data["slots"][0]["end"] = "2026-03-10T08:00"
    assert errors_of(data) == ['slots[0] ("s1"): ends before it starts']


def test_load_instance_lists_several_errors():
    data = base()
    data["requests"][0]["a"] = "nobody"
    data["requests"][1]["weight"] = -3
    assert len(errors_of(data)) == 2


@pytest.mark.parametrize("data", [[], {"slots": {}}, {"slots": [], "participants": [], "requests": "x"}])
def test_load_instance_wrong_shape(data):
    assert errors_of(data)


def test_load_instance_bad_json_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"slots": [', encoding="utf-8")
    with pytest.raises(InstanceError) as caught:
        load_instance(path)
    assert str(path) in str(caught.value)
    assert "not valid JSON" in str(caught.value)


def test_load_instance_missing_file(tmp_path):
    with pytest.raises(InstanceError, match="instance file not found"):
        load_instance(tmp_path / "missing.json")


def test_load_instance_reads_file(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(base()), encoding="utf-8")
    assert load_instance(path).n_requests == 2
    assert load_instance(str(path)).n_requests == 2


def test_instance_round_trips_as_dict():
    loaded = load_instance(base())
    again = load_instance(loaded.as_dict())
    assert again.as_dict() == loaded.as_dict()
