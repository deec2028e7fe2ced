"""What a solver returns."""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field

from crosscluster.matchmaking.model import Instance, Meeting
from crosscluster.matchmaking.state import Schedule
from crosscluster.matchmaking.verify import assign_tables


@dataclass
class Result:
    """A schedule with its score, a proven upper bound on any schedule's score, and the gap between them.

    ``gap`` is ``(bound - score) / bound`` (0 when both are 0); ``optimal`` says the score equals the bound.
    ``idle_slots`` counts, over all participants, the free slots between their first and last meeting in
    which they are available. ``time`` is wall time in seconds; ``solver`` names the method, ``stats`` holds
    its phases.
    """

    meetings: list[Meeting]
    score: float
    bound: float
    idle_slots: int
    time: float
    solver: str = "crosscluster"
    stats: dict = field(default_factory=dict)

    @property
    def gap(self):
        if self.bound <= 0 or not math.isfinite(self.bound):
            return 0.0 if self.bound <= 0 else math.inf
        return max(0.0, (self.bound - self.score) / self.bound)

    @property
    def optimal(self):
        return self.score >= self.bound - 1e-9 * max(1.0, abs(self.bound))

    def as_dict(self):
        """The solution file: ``{"meetings": [...]}``."""
        return {"meetings": [m.as_dict() for m in self.meetings]}

    def write(self, path):
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(self.as_dict(), fh, indent=1)
            fh.write("\n")


def result_from(instance: Instance, schedule: Schedule, bound, started, solver, fixed_tables=None, stats=None):
    meetings = assign_tables(instance, schedule.slot_of, fixed_tables)
    score = math.fsum(schedule.w[r] for r, t in enumerate(schedule.slot_of) if t >= 0)
    return Result(
        meetings=meetings,
        score=score,
        bound=bound,
        idle_slots=schedule.total_idle(),
        time=time.monotonic() - started,
        solver=solver,
        stats=dict(stats or {}),
    )
