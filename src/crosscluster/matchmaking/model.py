"""Instances and solutions: reading, validating and the compact form the solvers work on.

The file format is specified in ``/work/shared/specs/matchmaking.md``. A bad file raises
:class:`InstanceError` whose ``errors`` name the field and the entry, e.g.
``requests[17] ("r17"): participant "p999" is not defined``.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

MAX_ERRORS = 50


class InstanceError(ValueError):
    """A bad instance, solution or fixed-meeting list; ``errors`` lists every problem found (at most 50)."""

    def __init__(self, errors, source=None):
        self.errors = list(errors)
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(prefix + "; ".join(self.errors))


@dataclass(frozen=True)
class Slot:
    id: str
    tables: int
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Participant:
    id: str
    available: tuple[int, ...]  # slot indices (in time order)
    max_meetings: int | None = None
    own_table: bool = False


@dataclass(frozen=True)
class Request:
    id: str
    a: int  # participant index
    b: int
    weight: float = 1.0


@dataclass(frozen=True)
class Meeting:
    """One scheduled meeting, by ids, as in the solution file."""

    request: str
    slot: str
    table: str

    def as_dict(self):
        return {"request": self.request, "slot": self.slot, "table": self.table}


@dataclass
class Instance:
    """A validated instance. Slots are kept in time order (by ``start``, then file order).

    Besides the entries, it carries numpy arrays the solvers share: ``req_a``, ``req_b``, ``req_w``,
    ``req_shared`` (neither participant has a booth, so the meeting needs a shared table), ``avail``
    (participants x slots), ``feasible`` (requests x slots: both participants available), ``cap``
    (most meetings a participant can have: ``max_meetings`` and available slots) and ``tables``.
    """

    slots: list[Slot]
    participants: list[Participant]
    requests: list[Request]
    slot_index: dict[str, int] = field(init=False, repr=False)
    participant_index: dict[str, int] = field(init=False, repr=False)
    request_index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self):
        self.slot_index = {s.id: i for i, s in enumerate(self.slots)}
        self.participant_index = {p.id: i for i, p in enumerate(self.participants)}
        self.request_index = {r.id: i for i, r in enumerate(self.requests)}
        n_slots, n_people = len(self.slots), len(self.participants)
        self.tables = np.array([s.tables for s in self.slots], dtype=np.int64)
        self.avail = np.zeros((n_people, n_slots), dtype=bool)
        for i, p in enumerate(self.participants):
            self.avail[i, list(p.available)] = True
        own = np.array([p.own_table for p in self.participants], dtype=bool)
        self.own_table = own
        self.req_a = np.array([r.a for r in self.requests], dtype=np.int64)
        self.req_b = np.array([r.b for r in self.requests], dtype=np.int64)
        self.req_w = np.array([r.weight for r in self.requests], dtype=np.float64)
        self.req_shared = ~(own[self.req_a] | own[self.req_b]) if self.requests else np.zeros(0, dtype=bool)
        if self.requests:
            self.feasible = self.avail[self.req_a] & self.avail[self.req_b]
        else:
            self.feasible = np.zeros((0, n_slots), dtype=bool)
        limit = np.array(
            [n_slots if p.max_meetings is None else min(p.max_meetings, n_slots) for p in self.participants],
            dtype=np.int64,
        )
        self.cap = np.minimum(limit, self.avail.sum(axis=1)) if n_people else limit

    @property
    def n_slots(self):
        return len(self.slots)

    @property
    def n_participants(self):
        return len(self.participants)

    @property
    def n_requests(self):
        return len(self.requests)

    def booth_of(self, request):
        """The booth table of a booth meeting (the first participant's when both have one), else None."""
        req = self.requests[request]
        for person in (req.a, req.b):
            if self.participants[person].own_table:
                return "booth:" + self.participants[person].id
        return None

    def as_dict(self):
        slots = []
        for s in self.slots:
            entry = {"id": s.id}
            if s.start is not None:
                entry["start"] = s.start
            if s.end is not None:
                entry["end"] = s.end
            entry["tables"] = s.tables
            slots.append(entry)
        participants = []
        for p in self.participants:
            entry = {"id": p.id, "available": [self.slots[t].id for t in p.available]}
            if p.max_meetings is not None:
                entry["max_meetings"] = p.max_meetings
            if p.own_table:
                entry["own_table"] = True
            participants.append(entry)
        requests = [
            {
                "id": r.id,
                "a": self.participants[r.a].id,
                "b": self.participants[r.b].id,
                "weight": r.weight,
            }
            for r in self.requests
        ]
        return {"slots": slots, "participants": participants, "requests": requests}


def read_json(source, what="file"):
    """``(data, path)`` from a dict or a file path; file and syntax errors become InstanceError."""
    if isinstance(source, dict):
        return source, None
    if not isinstance(source, str | bytes | os.PathLike):
        raise InstanceError([f"expected a JSON object or a file path, not {type(source).__name__}"])
    path = os.fspath(source)
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh), path
    except FileNotFoundError:
        raise InstanceError([f"{what} not found"], path) from None
    except IsADirectoryError:
        raise InstanceError([f"{what} is a directory"], path) from None
    except PermissionError:
        raise InstanceError([f"{what} cannot be read (permission denied)"], path) from None
    except UnicodeDecodeError as exc:
        raise InstanceError([f"{what} is not UTF-8 text ({exc.reason} at byte {exc.start})"], path) from None
    except json.JSONDecodeError as exc:
        raise InstanceError([f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"], path) from None


class _Errors:
    def __init__(self):
        self.items = []

    def add(self, message):
        if len(self.items) < MAX_ERRORS:
            self.items.append(message)
        elif len(self.items) == MAX_ERRORS:
            self.items.append("... further errors not shown")

    def __bool__(self):
        return bool(self.items)


def _where(section, index, entry):
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return f'{section}[{index}] ("{entry["id"]}")'
    return f"{section}[{index}]"


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def _parse_time(value):
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


_SLOT_FIELDS = {"id", "start", "end", "tables"}
_PARTICIPANT_FIELDS = {"id", "available", "max_meetings", "own_table"}
_REQUEST_FIELDS = {"id", "a", "b", "weight"}


def _check_fields(errors, where, entry, allowed):
    if not isinstance(entry, dict):
        errors.add(f"{where}: must be an object, not {type(entry).__name__}")
        return False
    for key in entry:
        if key not in allowed:
            errors.add(f'{where}: unknown field "{key}" (allowed: {", ".join(sorted(allowed))})')
    if not isinstance(entry.get("id"), str) or not entry.get("id"):
        errors.add(f'{where}: field "id" must be a non-empty string')
        return False
    return True


def _read_slots(data, errors):
    raw = data.get("slots")
    if not isinstance(raw, list):
        errors.add('field "slots" must be a list')
        return []
    slots, seen = [], {}
    for i, entry in enumerate(raw):
        where = _where("slots", i, entry)
        if not _check_fields(errors, where, entry, _SLOT_FIELDS):
            continue
        if entry["id"] in seen:
            errors.add(f'{where}: duplicate slot id "{entry["id"]}" (also slots[{seen[entry["id"]]}])')
            continue
        seen[entry["id"]] = i
        tables = entry.get("tables")
        if not _is_int(tables) or tables < 0:
            errors.add(f'{where}: field "tables" must be a whole number >= 0, not {json.dumps(tables)}')
            tables = 0
        times = {}
        for key in ("start", "end"):
            value = entry.get(key)
            if value is None:
                continue
            if not isinstance(value, str) or _parse_time(value) is None:
                example = "2026-03-10T09:00"
                errors.add(f'{where}: field "{key}" must be a date and time like "{example}", not {json.dumps(value)}')
            else:
                times[key] = _parse_time(value)
        if len(times) == 2:
            try:
                if times["end"] <= times["start"]:
                    errors.add(f"{where}: ends before it starts")
            except TypeError:
                errors.add(f"{where}: start and end mix times with and without a time zone")
        slots.append((i, Slot(entry["id"], tables, entry.get("start"), entry.get("end"))))
    return slots


def _time_order(slots):
    """Slot positions sorted by start time (file order for equal or missing times)."""
    starts = [_parse_time(s.start) if s.start else None for _, s in slots]
    if all(x is not None for x in starts) and len({x.tzinfo is None for x in starts}) <= 1:
        return sorted(range(len(slots)), key=lambda k: (starts[k], k))
    return list(range(len(slots)))


def _read_participants(data, errors, slot_index):
    raw = data.get("participants")
    if not isinstance(raw, list):
        errors.add('field "participants" must be a list')
        return []
    people, seen = [], {}
    for i, entry in enumerate(raw):
        where = _where("participants", i, entry)
        if not _check_fields(errors, where, entry, _PARTICIPANT_FIELDS):
            continue
        if entry["id"] in seen:
            errors.add(f'{where}: duplicate participant id "{entry["id"]}" (also participants[{seen[entry["id"]]}])')
            continue
        seen[entry["id"]] = i
        available = entry.get("available")
        slots = []
        if not isinstance(available, list):
            errors.add(f'{where}: field "available" must be a list of slot ids')
        else:
            for slot in available:
                if not isinstance(slot, str):
                    errors.add(f'{where}: field "available" must hold slot ids (strings), not {json.dumps(slot)}')
                elif slot not in slot_index:
                    errors.add(f'{where}: available slot "{slot}" is not defined')
                elif slot_index[slot] in slots:
                    errors.add(f'{where}: slot "{slot}" is listed twice in "available"')
                else:
                    slots.append(slot_index[slot])
        max_meetings = entry.get("max_meetings")
        if max_meetings is not None and (not _is_int(max_meetings) or max_meetings < 0):
            errors.add(f'{where}: field "max_meetings" must be a whole number >= 0, not {json.dumps(max_meetings)}')
            max_meetings = None
        own_table = entry.get("own_table", False)
        if not isinstance(own_table, bool):
            errors.add(f'{where}: field "own_table" must be true or false, not {json.dumps(own_table)}')
            own_table = False
        people.append(Participant(entry["id"], tuple(sorted(slots)), max_meetings, own_table))
    return people


def _read_requests(data, errors, participant_index):
    raw = data.get("requests")
    if not isinstance(raw, list):
        errors.add('field "requests" must be a list')
        return []
    requests, seen = [], {}
    for i, entry in enumerate(raw):
        where = _where("requests", i, entry)
        if not _check_fields(errors, where, entry, _REQUEST_FIELDS):
            continue
        if entry["id"] in seen:
            errors.add(f'{where}: duplicate request id "{entry["id"]}" (also requests[{seen[entry["id"]]}])')
            continue
        seen[entry["id"]] = i
        ends, ok = [], True
        for key in ("a", "b"):
            value = entry.get(key)
            if not isinstance(value, str):
                errors.add(f'{where}: field "{key}" must be a participant id (string), not {json.dumps(value)}')
                ok = False
            elif value not in participant_index:
                errors.add(f'{where}: participant "{value}" is not defined')
                ok = False
            else:
                ends.append(participant_index[value])
        if ok and ends[0] == ends[1]:
            errors.add(f'{where}: a participant cannot meet themselves ("{entry["a"]}")')
            ok = False
        weight = entry.get("weight", 1.0)
        if not _is_number(weight) or not math.isfinite(weight) or weight < 0:
            errors.add(f'{where}: field "weight" must be a number >= 0, not {json.dumps(weight)}')
            ok = False
        if ok:
            requests.append(Request(entry["id"], ends[0], ends[1], float(weight)))
    return requests


def load_instance(source):
    """A validated :class:`Instance` from a dict or a JSON file path; raises :class:`InstanceError`."""
    if isinstance(source, Instance):
        return source
    data, path = read_json(source, "instance file")
    errors = _Errors()
    if not isinstance(data, dict):
        raise InstanceError([f"the instance must be a JSON object, not {type(data).__name__}"], path)
    for key in data:
        if key not in ("slots", "participants", "requests"):
            errors.add(f'unknown top-level field "{key}" (allowed: participants, requests, slots)')
    read = _read_slots(data, errors)
    order = _time_order(read)
    slots = [read[k][1] for k in order]
    slot_index = {s.id: t for t, s in enumerate(slots)}
    people = _read_participants(data, errors, slot_index)
    participant_index = {p.id: i for i, p in enumerate(people)}
    requests = _read_requests(data, errors, participant_index)
    if errors:
        raise InstanceError(errors.items, path)
    return Instance(slots, people, requests)


def read_meetings(source, what="solution file"):
    """``[(index, request, slot, table)]`` from a solution dict or file; malformed structure raises InstanceError.

    Ids are not resolved here: unknown requests or slots are rule violations reported by ``check``.
    """
    if isinstance(source, list):
        data, path = {"meetings": source}, None
    else:
        data, path = read_json(source, what)
    if not isinstance(data, dict) or not isinstance(data.get("meetings"), list):
        raise InstanceError(['a solution must be an object with a list "meetings"'], path)
    errors, meetings = _Errors(), []
    for i, entry in enumerate(data["meetings"]):
        if isinstance(entry, Meeting):
            meetings.append((i, entry.request, entry.slot, entry.table))
            continue
        if isinstance(entry, list | tuple) and len(entry) == 3:
            entry = dict(zip(("request", "slot", "table"), entry, strict=True))
        where = f"meetings[{i}]"
        if not isinstance(entry, dict):
            errors.add(f"{where}: must be an object with request, slot and table")
            continue
        if isinstance(entry.get("request"), str):
            where += f' (request "{entry["request"]}")'
        bad = [k for k in ("request", "slot", "table") if not isinstance(entry.get(k), str)]
        for key in bad:
            errors.add(f'{where}: field "{key}" must be a string, not {json.dumps(entry.get(key))}')
        for key in entry:
            if key not in ("request", "slot", "table"):
                errors.add(f'{where}: unknown field "{key}" (allowed: request, slot, table)')
        if not bad:
            meetings.append((i, entry["request"], entry["slot"], entry["table"]))
    if errors:
        raise InstanceError(errors.items, path)
    return meetings
