"""Checking a solution against every rule of the spec, its score, idle gaps and the cells a meeting may move to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosscluster.matchmaking.model import Instance, Meeting, load_instance, read_meetings

RULES = {
    0: "meetings refer to a defined request and slot",
    1: "a request is scheduled at most once",
    2: "the slot is available to both participants",
    3: "a participant is in at most one meeting per slot",
    4: "a participant has at most max_meetings meetings",
    5: "a meeting with an exhibitor takes place at a booth of its participants",
    6: "other meetings use a shared table T1..Tk of their slot, one meeting per table",
}

_SHARED_TABLE = re.compile(r"T([1-9][0-9]*)\Z")


@dataclass(frozen=True)
class Violation:
    """One broken rule: the meeting (position in the solution's list and its request id), the rule and why."""

    meeting: int | None
    request: str | None
    rule: int
    message: str

    def __str__(self):
        where = f'meetings[{self.meeting}] (request "{self.request}")' if self.meeting is not None else "solution"
        return f"{where}: rule {self.rule} ({RULES[self.rule]}): {self.message}"


def _meetings(solution):
    if hasattr(solution, "meetings") and not isinstance(solution, dict):
        solution = solution.meetings
    return read_meetings(solution)


def check(instance, solution) -> list[Violation]:
    """Every rule violation of ``solution`` (a dict, a path, a list of meetings or a Result); empty when valid."""
    instance = load_instance(instance)
    meetings = _meetings(solution)
    violations = []
    seen_request = {}
    busy = {}  # (participant index, slot index) -> meeting position
    count = {}
    table_used = {}  # (slot index, table) -> meeting position
    for pos, request_id, slot_id, table in meetings:

        def bad(rule, message, pos=pos, request_id=request_id):
            violations.append(Violation(pos, request_id, rule, message))

        r = instance.request_index.get(request_id)
        t = instance.slot_index.get(slot_id)
        if r is None:
            bad(0, f'request "{request_id}" is not defined')
        if t is None:
            bad(0, f'slot "{slot_id}" is not defined')
        if r is None or t is None:
            continue
        if request_id in seen_request:
            bad(1, f"the request is already scheduled in meetings[{seen_request[request_id]}]")
            continue
        seen_request[request_id] = pos
        req = instance.requests[r]
        people = (instance.participants[req.a], instance.participants[req.b])
        for person, p in zip(people, (req.a, req.b), strict=True):
            if not instance.avail[p, t]:
                bad(2, f'participant "{person.id}" is not available in slot "{slot_id}"')
            other = busy.get((p, t))
            if other is not None:
                bad(3, f'participant "{person.id}" already meets in slot "{slot_id}" (meetings[{other}])')
            else:
                busy[(p, t)] = pos
            count[p] = count.get(p, 0) + 1
            if person.max_meetings is not None and count[p] == person.max_meetings + 1:
                bad(4, f'participant "{person.id}" has more than max_meetings = {person.max_meetings} meetings')
        booths = ["booth:" + person.id for person in people if person.own_table]
        if booths:
            if table not in booths:
                bad(5, f'the meeting must take place at {" or ".join(booths)}, not "{table}"')
            continue
        match = _SHARED_TABLE.match(table)
        tables = instance.slots[t].tables
        if match is None or int(match.group(1)) > tables:
            allowed = f"T1..T{tables}" if tables else "none: the slot has no shared tables"
            bad(6, f'table "{table}" is not a shared table of slot "{slot_id}" ({allowed})')
            continue
        other = table_used.get((t, table))
        if other is not None:
            bad(6, f'table "{table}" in slot "{slot_id}" is already used by meetings[{other}]')
        else:
            table_used[(t, table)] = pos
    return violations


def score(instance, solution) -> float:
    """The sum of the weights of the scheduled requests (each request counted once; unknown ones ignored)."""
    instance = load_instance(instance)
    done = {request for _, request, _, _ in _meetings(solution) if request in instance.request_index}
    return float(sum(instance.requests[instance.request_index[r]].weight for r in done))


def idle_slots(instance, solution) -> int:
    """Idle slots summed over participants: slots between a participant's first and last meeting in which
    they are available but have no meeting (time away is not idle)."""
    instance = load_instance(instance)
    slots_of = {}
    for _, request_id, slot_id, _ in _meetings(solution):
        r, t = instance.request_index.get(request_id), instance.slot_index.get(slot_id)
        if r is None or t is None:
            continue
        req = instance.requests[r]
        for p in (req.a, req.b):
            slots_of.setdefault(p, set()).add(t)
    total = 0
    for p, slots in slots_of.items():
        first, last = min(slots), max(slots)
        total += sum(1 for t in range(first + 1, last) if instance.avail[p, t] and t not in slots)
    return total


def feasible_cells(instance, solution, request_id) -> list[tuple[str, str]]:
    """Every ``(slot, table)`` where the meeting of ``request_id`` can be placed by hand, with all other
    meetings of ``solution`` left where they are, without breaking a rule. Shared tables are listed one by
    one (free ones only); a booth meeting has one cell per slot, its booth (or either booth).
    """
    instance = load_instance(instance)
    if request_id not in instance.request_index:
        raise KeyError(f'request "{request_id}" is not defined')
    r = instance.request_index[request_id]
    req = instance.requests[r]
    busy, count, taken = set(), {}, set()
    for _, other_id, slot_id, table in _meetings(solution):
        if other_id == request_id:
            continue
        o, t = instance.request_index.get(other_id), instance.slot_index.get(slot_id)
        if o is None or t is None:
            continue
        other = instance.requests[o]
        for p in (other.a, other.b):
            busy.add((p, t))
            count[p] = count.get(p, 0) + 1
        taken.add((t, table))
    for p in (req.a, req.b):
        limit = instance.participants[p].max_meetings
        if limit is not None and count.get(p, 0) >= limit:
            return []
    booths = ["booth:" + instance.participants[p].id for p in (req.a, req.b) if instance.participants[p].own_table]
    cells = []
    for t, slot in enumerate(instance.slots):
        if not instance.feasible[r, t] or (req.a, t) in busy or (req.b, t) in busy:
            continue
        if booths:
            cells.extend((slot.id, booth) for booth in booths)
        else:
            cells.extend((slot.id, f"T{k}") for k in range(1, slot.tables + 1) if (t, f"T{k}") not in taken)
    return cells


def assign_tables(instance: Instance, slot_of, fixed_tables=None) -> list[Meeting]:
    """Meetings with tables for a slot per request (-1: not scheduled), in slot then request order.

    ``fixed_tables`` maps request index to the table it must keep; other shared meetings take the lowest free
    table numbers of their slot, booth meetings the first participant's booth.
    """
    fixed_tables = fixed_tables or {}
    by_slot = [[] for _ in instance.slots]
    for r, t in enumerate(slot_of):
        if t >= 0:
            by_slot[t].append(r)
    meetings = []
    for t, requests in enumerate(by_slot):
        slot = instance.slots[t]
        taken = {fixed_tables[r] for r in requests if r in fixed_tables}
        free = (f"T{k}" for k in range(1, slot.tables + 1) if f"T{k}" not in taken)
        for r in requests:
            if r in fixed_tables:
                table = fixed_tables[r]
            else:
                table = instance.booth_of(r) or next(free, None)
                if table is None:
                    raise ValueError(f'slot "{slot.id}" has more shared meetings than tables')
            meetings.append(Meeting(instance.requests[r].id, slot.id, table))
    return meetings
