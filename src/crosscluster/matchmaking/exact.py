"""The exact integer program (request x slot) solved with HiGHS through ``scipy.optimize.milp``.

Used on small instances (a few tens of thousands of columns, such as 200 participants and 12 slots) to
prove the optimum when the local search does not reach the bound of the linear relaxation, and by the
tests as the reference optimum.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from crosscluster.matchmaking.bound import residual
from crosscluster.matchmaking.state import Schedule, bits


@dataclass
class MipResult:
    slots: dict[int, int]  # request -> slot for the meetings the program adds to the locked ones
    score: float  # including locked meetings
    bound: float  # proven upper bound (including locked meetings); +inf when nothing was proven
    optimal: bool


def columns(schedule: Schedule):
    """``(request, slot)`` arrays of the program's variables for the schedule's locked meetings kept."""
    masks, cap, _ = residual(schedule)
    rows, slots = [], []
    for r, mask in enumerate(masks):
        if mask and schedule.w[r] > 0 and cap[schedule.a[r]] > 0 and cap[schedule.b[r]] > 0:
            for t in bits(mask):
                rows.append(r)
                slots.append(t)
    return np.array(rows, dtype=np.int64), np.array(slots, dtype=np.int64)


def count_columns(schedule: Schedule):
    masks, _, _ = residual(schedule)
    return sum(m.bit_count() for m in masks)


def solve_mip(schedule: Schedule, time_limit: float) -> MipResult:
    s = schedule
    req, slot = columns(s)
    if len(req) == 0:
        return MipResult({}, s.fixed_score, s.fixed_score, True)
    _, cap, _ = residual(s)
    n_slots, n_people = s.n_slots, len(s.cap)
    n = len(req)
    a = np.array(s.a, dtype=np.int64)[req]
    b = np.array(s.b, dtype=np.int64)[req]
    shared = np.array(s.shared, dtype=bool)[req]
    w = np.array(s.w, dtype=np.float64)[req]
    col = np.arange(n)
    # rows: requests, (participant, slot), participants, slots
    base_ps = len(s.slot_of)
    base_p = base_ps + n_people * n_slots
    base_t = base_p + n_people
    row_ids = [req, base_ps + a * n_slots + slot, base_ps + b * n_slots + slot, base_p + a, base_p + b]
    col_ids = [col, col, col, col, col]
    row_ids.append(base_t + slot[shared])
    col_ids.append(col[shared])
    rows = np.concatenate(row_ids)
    matrix = sp.csr_matrix((np.ones(len(rows)), (rows, np.concatenate(col_ids))), shape=(base_t + n_slots, n))
    upper = np.concatenate(
        [
            np.ones(base_p),
            cap.astype(np.float64),
            np.array([max(0, k - u) for k, u in zip(s.tables, s.used, strict=True)], dtype=np.float64),
        ]
    )
    keep = np.diff(matrix.indptr) > 0
    matrix, upper = matrix[keep], upper[keep]
    result = milp(
        -w,
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(matrix, -np.inf, upper),
        options={"time_limit": max(0.1, float(time_limit)), "mip_rel_gap": 0.0, "disp": False},
    )
    bound = np.inf
    if getattr(result, "mip_dual_bound", None) is not None and np.isfinite(result.mip_dual_bound):
        bound = s.fixed_score - float(result.mip_dual_bound)
    if result.x is None:
        return MipResult({}, s.fixed_score, bound, False)
    chosen = np.nonzero(result.x > 0.5)[0]
    placed = {int(req[c]): int(slot[c]) for c in chosen}
    score = s.fixed_score + float(w[chosen].sum())
    optimal = result.status == 0
    if optimal:
        bound = min(bound, score)
    return MipResult(placed, score, bound, optimal)
