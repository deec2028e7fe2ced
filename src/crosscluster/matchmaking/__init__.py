"""Matchmaking schedules: accepted B2B meeting requests into slots and tables (no Django here).

The file format and the rules are in ``/work/shared/specs/matchmaking.md``; the design in
``docs/matchmaking.md``. The events app converts its models to an instance dict and back::

    from crosscluster import matchmaking

    instance = matchmaking.load_instance(data)          # dict or JSON path; InstanceError names each problem
    result = matchmaking.solve(instance, time_limit=30, fixed=published, progress=job.report, seed=0)
    result.meetings                                      # [Meeting(request, slot, table)], ready for the file
    result.score, result.bound, result.gap, result.idle_slots, result.time
    matchmaking.check(instance, result)                  # [] when every rule holds, else [Violation]
    matchmaking.feasible_cells(instance, result, "r17")  # [(slot, table)] where r17 may be dragged by hand

- ``load_instance(source) -> Instance``: validated; bad input raises :class:`InstanceError` whose ``errors``
  name the field and entry, e.g. ``requests[17] ("r17"): participant "p999" is not defined``.
- ``solve(instance, time_limit=30.0, fixed=None, progress=None, seed=0) -> Result``: ``fixed`` is a list of
  meetings (dicts with request/slot/table, :class:`Meeting` or tuples) kept exactly as they are, e.g. the
  published ones when rescheduling after late changes; ``progress(fraction_done, message)`` is called at each
  phase and about twice a second. ``Result.bound`` is a proven upper bound on the best possible score (the
  linear relaxation, or the exact optimum on small instances), ``Result.gap`` the relative distance to it.
  The same seed gives the same schedule when the search is not cut short by the time limit.
- ``check(instance, solution) -> list[Violation]`` (each names the meeting, the rule 1-6 of the spec, or 0
  for an unknown request or slot, and why) and ``score(instance, solution) -> float``; ``solution`` is a
  dict, a path, a list of meetings or a :class:`Result`. ``idle_slots(instance, solution)``.
- ``feasible_cells(instance, solution, request_id) -> list[(slot, table)]``: where one meeting can be placed
  by hand with all others left as they are, without breaking a rule.
- ``greedy(instance) -> Result``: the "earliest free slot" baseline (heaviest requests first).
- ``generate(participants, slots, seed=0, tables=None) -> dict``: realistic instances for tests and benchmarks.
"""

from crosscluster.matchmaking.check import RULES, Violation, check, feasible_cells, idle_slots, score
from crosscluster.matchmaking.generate import generate
from crosscluster.matchmaking.model import Instance, InstanceError, Meeting, load_instance
from crosscluster.matchmaking.result import Result
from crosscluster.matchmaking.solver import greedy, solve

__all__ = [
    "RULES",
    "Instance",
    "InstanceError",
    "Meeting",
    "Result",
    "Violation",
    "check",
    "feasible_cells",
    "generate",
    "greedy",
    "idle_slots",
    "load_instance",
    "score",
    "solve",
]
