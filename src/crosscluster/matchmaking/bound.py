"""A proven upper bound on the best score: the request-level linear relaxation, solved with HiGHS.

Any schedule gives ``y[r] = 1`` for each scheduled request and satisfies

    sum of y over p's requests <= cap[p]    (max_meetings and p's free slots; per participant)
    sum of y over shared requests <= sum of free shared tables over all slots
    0 <= y <= 1,

so the optimum of this linear program bounds the score from above. It has one column per request and one
row per participant (50,000 x 10,001 at 10,000 participants: well under a second), against about a million
columns for the slot-indexed relaxation of the spec. On our generated instances the two agree (measured
with the slot-indexed one up to 1,000 participants), because the slots are nearly interchangeable.

The bound is not taken from the solver's primal objective: for the duals ``mu`` (participants) and
``lam`` (tables), clipped to >= 0, weak duality gives the valid bound

    B = sum cap[p] mu[p] + tables lam + sum over requests of max(0, w[r] - mu[a] - mu[b] - shared[r] lam)

whatever the solver's tolerances. When all weights are multiples of a common step (1.0 or 0.5 ...), the
score is too, and B is rounded down to that step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from crosscluster.matchmaking.state import Schedule


@dataclass
class Bound:
    value: float  # proven upper bound on the score (fixed meetings included)
    lp: float  # the relaxation's value before rounding to the weight step
    y: np.ndarray  # the relaxation's primal value per request (0 for fixed and impossible ones)
    reduced: np.ndarray  # w - mu[a] - mu[b] - shared * lam per request (-inf for fixed and impossible ones)
    mu: np.ndarray
    lam: float


def weight_step(weights):
    """The largest step in (1, 1/2, 1/4, 1/5, 1/10, 1/100) of which every weight is a multiple, or 0."""
    weights = np.asarray(weights, dtype=np.float64)
    for k in (1, 2, 4, 5, 10, 100):
        scaled = weights * k
        if np.all(np.abs(scaled - np.round(scaled)) < 1e-9):
            return 1.0 / k
    return 0.0


def residual(schedule: Schedule):
    """Per request the mask of slots still open to it, per participant the meetings left, tables left.

    Everything placed in ``schedule`` counts as kept: call it on a schedule that holds only the locked
    (fixed) meetings.
    """
    s = schedule
    masks = []
    for r in range(len(s.slot_of)):
        if s.locked[r]:
            masks.append(0)
            continue
        mask = s.feas[r] & s.free[s.a[r]] & s.free[s.b[r]]
        if s.shared[r]:
            mask &= s.open
        masks.append(mask)
    cap = [min(c - n, f.bit_count()) for c, n, f in zip(s.cap, s.count, s.free, strict=True)]
    tables = sum(max(0, k - u) for k, u in zip(s.tables, s.used, strict=True))
    return masks, np.maximum(np.array(cap, dtype=np.int64), 0), tables


def lp_bound(schedule: Schedule) -> Bound:
    """The bound for the problem with the schedule's meetings kept (call it with only the fixed ones placed)."""
    s = schedule
    masks, cap, tables = residual(s)
    n_requests, n_people = len(masks), len(cap)
    w = np.array(s.w, dtype=np.float64)
    a = np.array(s.a, dtype=np.int64)
    b = np.array(s.b, dtype=np.int64)
    shared = np.array(s.shared, dtype=bool)
    live = np.array([m != 0 for m in masks], dtype=bool) & (w > 0) & (cap[a] > 0) & (cap[b] > 0)
    if shared.any():
        live &= ~shared | (tables > 0)
    cols = np.nonzero(live)[0]
    mu, lam = np.zeros(n_people), 0.0
    y = np.zeros(n_requests)
    if len(cols):
        ca, cb, cs = a[cols], b[cols], shared[cols]
        n = len(cols)
        rows = np.concatenate([ca, cb, np.full(int(cs.sum()), n_people)])
        idx = np.concatenate([np.arange(n), np.arange(n), np.nonzero(cs)[0]])
        matrix = sp.csr_matrix((np.ones(len(rows)), (rows, idx)), shape=(n_people + 1, n))
        rhs = np.concatenate([cap.astype(np.float64), [float(tables)]])
        result = linprog(-w[cols], A_ub=matrix, b_ub=rhs, bounds=(0, 1), method="highs-ds")
        if result.status == 0:
            duals = np.maximum(-np.asarray(result.ineqlin.marginals), 0.0)
            mu, lam = duals[:n_people], float(duals[n_people])
            y[cols] = np.clip(result.x, 0.0, 1.0)
    reduced = np.full(n_requests, -np.inf)
    reduced[cols] = w[cols] - mu[a[cols]] - mu[b[cols]] - shared[cols] * lam
    value = float(cap @ mu + tables * lam + np.maximum(reduced[cols], 0.0).sum()) + s.fixed_score
    step = weight_step(w)
    rounded = value
    if step:
        rounded = math.floor(value / step + 1e-6) * step
    return Bound(rounded, value, y, reduced, mu, lam)
