"""The solver: relaxation-guided construction, local search, exact program on small instances, idle gaps.

See ``docs/matchmaking.md`` for the design and the measurements behind it.
"""

from __future__ import annotations

import random
import time

import numpy as np

from crosscluster.matchmaking.bound import lp_bound
from crosscluster.matchmaking.exact import count_columns, solve_mip
from crosscluster.matchmaking.model import InstanceError, load_instance, read_meetings
from crosscluster.matchmaking.result import Result, result_from
from crosscluster.matchmaking.search import EPS, Search, construct, greedy_fill
from crosscluster.matchmaking.state import Schedule
from crosscluster.matchmaking.verify import check

EXACT_COLUMNS = 25_000  # request x slot pairs up to which the exact program is tried (200 x 12 has ~11,000)
IDLE_SHARE = 0.15  # share of the time limit kept for closing idle gaps when the bound is not reached
ANNEAL_STEPS_PER_MEETING = 100  # moves of the idle-slot annealing per meeting (about 60,000 moves a second) ...
ANNEAL_SMALL_STEPS = 200_000  # ... plus up to this many more, 1,000 per meeting, for small instances


class _Progress:
    def __init__(self, callback, started, time_limit):
        self.callback = callback
        self.started = started
        self.time_limit = max(time_limit, 1e-9)
        self.last = 0.0
        self.message = ""

    def __call__(self, message=None, fraction=None, force=True):
        if self.callback is None:
            return
        now = time.monotonic()
        if message is not None:
            self.message = message
        if not force and now - self.last < 0.5:
            return
        self.last = now
        if fraction is None:
            fraction = min(0.99, (now - self.started) / self.time_limit)
        self.callback(float(fraction), self.message)

    def tick(self):
        self(force=False)


def fixed_meetings(instance, fixed):
    """``({request index: slot index}, {request index: table})`` for valid fixed meetings, else InstanceError."""
    if not fixed:
        return {}, {}
    meetings = read_meetings(list(fixed), "fixed meetings")
    problems = check(instance, {"meetings": [{"request": r, "slot": s, "table": t} for _, r, s, t in meetings]})
    if problems:
        raise InstanceError([f"fixed {problem}" for problem in problems])
    slots = {instance.request_index[r]: instance.slot_index[s] for _, r, s, _ in meetings}
    tables = {instance.request_index[r]: t for _, r, _, t in meetings}
    return slots, tables


def solve(instance, time_limit=30.0, fixed=None, progress=None, seed=0, exact=True, idle_steps=None) -> Result:
    """The best schedule found within ``time_limit`` seconds, with a proven upper bound.

    ``fixed``: meetings (dicts, :class:`Meeting` or ``(request, slot, table)`` tuples) that stay exactly as
    they are; they must not break a rule among themselves (else :class:`InstanceError`).
    ``progress(fraction_done, message)`` is called at each phase and about twice a second during the search.
    ``exact``: prove the optimum with the integer program when the instance is small enough.
    ``idle_steps``: moves of the simulated annealing on idle slots after the score is settled (default
    100 per meeting plus up to 200,000 for small instances; about 60,000 a second; 0 skips it). The phase
    also ends at the time limit.
    """
    started = time.monotonic()
    deadline = started + time_limit
    instance = load_instance(instance)
    fixed_slots, fixed_tables = fixed_meetings(instance, fixed)
    report = _Progress(progress, started, time_limit)
    rng = random.Random(seed)
    stats = {}

    report("bound: linear relaxation")
    schedule = Schedule(instance, fixed_slots)
    relaxation = lp_bound(schedule)
    small = exact and count_columns(schedule) <= EXACT_COLUMNS
    bound = relaxation.value
    stats["lp_bound"] = relaxation.lp
    stats["bound_time"] = time.monotonic() - started

    report("construction")
    search = Search(schedule, rng)
    search.tick = report.tick
    w = np.asarray(schedule.w)
    ties = np.random.default_rng(seed).random(len(w))
    priority = np.lexsort((ties, -w, -relaxation.reduced, (relaxation.y <= 0.5).astype(np.int8)))
    chosen = [int(r) for r in priority if relaxation.y[r] > 0.5]
    construct(search, chosen, deadline)
    # quick direct placements of what the relaxation left out, or of everything when time ran short
    rest = [int(r) for r in priority if schedule.slot_of[r] < 0 and not schedule.locked[r] and w[r] > 0]
    if time.monotonic() < deadline:
        for r in rest:
            search.try_direct(r)
    else:
        greedy_fill(schedule, rest)
    stats["construction"] = schedule.score
    stats["construction_time"] = time.monotonic() - started

    idle_reserve = IDLE_SHARE * time_limit
    search_deadline = deadline - idle_reserve
    if schedule.score < bound - EPS:
        report("local search")
        order = [int(r) for r in priority if schedule.slot_of[r] < 0 and schedule.feas[r]]
        search.improve(order, search_deadline, stop_at=bound)
    if schedule.score < bound - EPS and small:
        report("exact integer program")
        mip = solve_mip(Schedule(instance, fixed_slots), max(0.1, search_deadline - time.monotonic()))
        stats["mip_optimal"] = mip.optimal
        bound = min(bound, mip.bound)
        if mip.score > schedule.score + EPS:
            schedule = Schedule(instance, fixed_slots)
            for r, t in mip.slots.items():
                schedule.place(r, t)
            search = Search(schedule, rng)
            search.tick = report.tick
    rounds = 0
    while schedule.score < bound - EPS and time.monotonic() < search_deadline:
        rounds += 1
        report("local search (plateau)")
        order = [r for r in range(len(w)) if schedule.slot_of[r] < 0 and schedule.feas[r] and w[r] > 0]
        if not order:
            break
        rng.shuffle(order)
        search.improve(order, search_deadline, plateau=True, stop_at=bound)
    stats["search"] = schedule.score
    stats["search_rounds"] = rounds
    stats["search_time"] = time.monotonic() - started

    report("closing idle gaps")
    stats["idle_before"] = schedule.total_idle()
    search.reduce_idle(deadline)
    if idle_steps is None:
        meetings = sum(1 for t in schedule.slot_of if t >= 0)
        idle_steps = ANNEAL_STEPS_PER_MEETING * meetings + min(ANNEAL_SMALL_STEPS, 1_000 * meetings)
    if idle_steps:
        search.anneal_idle(idle_steps, deadline)
        search.reduce_idle(deadline)
    stats["idle_time"] = time.monotonic() - started - stats["search_time"]
    report("done", 1.0)
    return result_from(instance, schedule, bound, started, "crosscluster", fixed_tables, stats)


def greedy(instance, fixed=None, with_bound=True) -> Result:
    """The baseline: requests by weight (heaviest first, then file order), each in its earliest free slot.

    Its ``bound`` is the relaxation's (computed after the timing; ``with_bound=False`` skips it: NaN).
    """
    started = time.monotonic()
    instance = load_instance(instance)
    fixed_slots, fixed_tables = fixed_meetings(instance, fixed)
    schedule = Schedule(instance, fixed_slots)
    order = sorted(range(instance.n_requests), key=lambda r: -schedule.w[r])
    greedy_fill(schedule, order)
    result = result_from(instance, schedule, float("nan"), started, "greedy", fixed_tables)
    if with_bound:
        result.bound = lp_bound(Schedule(instance, fixed_slots)).value  # not part of the baseline's time
    return result
