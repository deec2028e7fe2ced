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

The names are loaded on first use, so that ``crosscluster matchmaking --help`` and importing this package
stay quick (SciPy's optimiser takes about a second to import).
"""

import importlib

_EXPORTS = {
    "RULES": "verify",
    "Violation": "verify",
    "check": "verify",
    "feasible_cells": "verify",
    "idle_slots": "verify",
    "score": "verify",
    "generate": "generator",
    "Instance": "model",
    "InstanceError": "model",
    "Meeting": "model",
    "load_instance": "model",
    "Result": "result",
    "greedy": "solver",
    "solve": "solver",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f"crosscluster.matchmaking.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + __all__)
