"""Construction and local search on a :class:`~crosscluster.matchmaking.state.Schedule`.

Moves, tried in this order for a request that is not scheduled:

1. **direct**: a slot where both participants are free and a table is left;
2. **Kempe chain**: participant ``a`` is free in slot ``x``, ``b`` in slot ``y``; swapping ``x`` and ``y``
   along the path of meetings alternating ``x``/``y`` that starts at ``b`` frees ``b`` in ``x`` (the classic
   edge-colouring repair), if every moved meeting's participants are available in its new slot and the
   tables of both slots suffice;
3. **table move**: both are free in a slot whose shared tables are all taken: move one shared meeting of
   that slot to a slot with a free table;
4. **ejection**: take out the cheapest meetings in the way (in the slot, over ``max_meetings``, a table)
   when they weigh at most as much, put the request in, and try to put each ejected meeting back with
   moves 1-3. Kept when the score rises; on a plateau (equal score) kept sometimes, with the newcomer
   protected from ejection for a while, so that the search walks the many equally good schedules.
"""

from __future__ import annotations

import heapq
import math
import time

from crosscluster.matchmaking.state import Schedule, bits

EPS = 1e-9


def idle_count(avail, busy):
    if not busy:
        return 0
    first = (busy & -busy).bit_length() - 1
    span = ((1 << busy.bit_length()) - 1) ^ ((1 << first) - 1)
    return (avail & span).bit_count() - busy.bit_count()


class Search:
    def __init__(self, schedule: Schedule, rng, kempe_limit=60, pair_limit=30):
        self.s = schedule
        self.rng = rng
        self.kempe_limit = kempe_limit
        self.pair_limit = pair_limit
        self.protected = [0] * len(schedule.slot_of)
        self.clock = 0  # counts insertion attempts, for protection
        self.tick = None  # called every few dozen steps of a pass (progress reports)

    # -- slot choice ---------------------------------------------------------------------------------

    def idle_delta(self, p, bit):
        s = self.s
        busy = s.avail[p] & ~s.free[p]
        return idle_count(s.avail[p], busy | bit) - idle_count(s.avail[p], busy)

    def choose(self, r, mask):
        """The slot in ``mask`` adding the fewest idle slots; among those the one with most tables left."""
        s = self.s
        a, b, shared = s.a[r], s.b[r], s.shared[r]
        best, best_key = -1, None
        rnd = self.rng.random
        for t in bits(mask):
            bit = 1 << t
            key = self.idle_delta(a, bit) + self.idle_delta(b, bit)
            if shared:
                key -= 1e-4 * (s.tables[t] - s.used[t])
            key += 1e-7 * rnd()
            if best_key is None or key < best_key:
                best, best_key = t, key
        return best

    # -- moves ---------------------------------------------------------------------------------------

    def try_direct(self, r):
        mask = self.s.direct_slots(r)
        if not mask:
            return False
        self.s.place(r, self.choose(r, mask))
        return True

    def try_kempe(self, r):
        s = self.s
        a, b = s.a[r], s.b[r]
        if s.count[a] >= s.cap[a] or s.count[b] >= s.cap[b]:
            return False
        feas = s.feas[r]
        free_a, free_b = feas & s.free[a], feas & s.free[b]
        only_a, only_b = free_a & ~s.free[b], free_b & ~s.free[a]
        if not only_a or not only_b:
            return False
        pairs = [(x, y) for x in bits(only_a) for y in bits(only_b)]
        if len(pairs) > self.pair_limit:
            pairs = self.rng.sample(pairs, self.pair_limit)
        extra = 1 if s.shared[r] else 0
        limit = self.kempe_limit
        for x, y in pairs:
            # a is free in x, b in y. The x/y path from b frees b in x; the one from a frees a in y.
            for start, other, c1, c2 in ((b, a, x, y), (a, b, y, x)):
                path = s.kempe_path(start, c1, c2, limit)
                if path is None or other in path[1]:
                    continue
                if s.swap_ok(path[0], c1, c2, extra1=extra):
                    s.swap(path[0], c1, c2)
                    s.place(r, c1)
                    return True
        return False

    def try_table_move(self, r):
        s = self.s
        if not s.shared[r]:
            return False
        a, b = s.a[r], s.b[r]
        if s.count[a] >= s.cap[a] or s.count[b] >= s.cap[b]:
            return False
        full = s.feas[r] & s.free[a] & s.free[b] & ~s.open
        slots = bits(full)
        self.rng.shuffle(slots)
        for x in slots:
            groups = s.shared_by_weight[x]
            candidates = [e for group in groups.values() for e in group]
            if len(candidates) > 40:
                candidates = self.rng.sample(candidates, 40)
            for e in candidates:
                mask = s.feas[e] & s.free[s.a[e]] & s.free[s.b[e]] & s.open
                if mask:
                    s.remove(e)
                    s.place(e, self.choose(e, mask))
                    s.place(r, x)
                    return True
        return False

    def reinsert(self, r):
        return self.try_direct(r) or self.try_kempe(r) or self.try_table_move(r)

    def _cheapest(self, meetings, exclude):
        """The lowest-weight movable meeting among ``meetings`` not in ``exclude`` (ties at random)."""
        s = self.s
        best, best_key = -1, None
        for e in meetings:
            if e < 0 or e in exclude or s.locked[e] or self.protected[e] > self.clock:
                continue
            key = (s.w[e], self.rng.random())
            if best_key is None or key < best_key:
                best, best_key = e, key
        return best

    def ejection_candidates(self, r, allow_equal):
        s = self.s
        a, b, w = s.a[r], s.b[r], s.w[r]
        found = []
        for t in bits(s.feas[r]):
            out = []
            ok = True
            for p in (a, b):
                e = s.occ[p][t]
                if e >= 0 and e not in out:
                    if s.locked[e] or self.protected[e] > self.clock:
                        ok = False
                        break
                    out.append(e)
            if not ok:
                continue
            for p in (a, b):
                left = s.count[p] - sum(1 for e in out if s.a[e] == p or s.b[e] == p)
                if left >= s.cap[p]:
                    e = self._cheapest(s.occ[p], out)
                    if e < 0:
                        ok = False
                        break
                    out.append(e)
            if not ok:
                continue
            if s.shared[r]:
                used = s.used[t] - sum(1 for e in out if s.slot_of[e] == t and s.shared[e])
                if used >= s.tables[t]:
                    e = -1
                    for weight in sorted(s.shared_by_weight[t]):
                        group = [x for x in s.shared_by_weight[t][weight] if x not in out]
                        group = [x for x in group if self.protected[x] <= self.clock]
                        if group:
                            e = self.rng.choice(group)
                            break
                    if e < 0:
                        continue
                    out.append(e)
            loss = sum(s.w[e] for e in out)
            if loss < w - EPS or (allow_equal and loss <= w + EPS):
                found.append((loss, self.rng.random(), t, out))
        found.sort()
        return found

    def try_eject(self, r, plateau=False, tries=3):
        """Eject cheaper meetings for ``r``; returns the score gained (0 when nothing changed)."""
        s = self.s
        w = s.w[r]
        for loss, _, t, out in self.ejection_candidates(r, allow_equal=True)[:tries]:
            before = s.score
            s.begin()
            for e in out:
                s.remove(e)
            s.place(r, t)
            for e in sorted(out, key=lambda e: -s.w[e]):
                self.reinsert(e)
            gain = s.score - before
            if gain > EPS:
                s.commit()
                self.protected[r] = self.clock + 3
                return gain
            if plateau and gain > -EPS and loss >= w - EPS:
                s.commit()
                self.protected[r] = self.clock + 50
                return 0.0
            s.rollback()
        return 0.0

    def insert(self, r, plateau=False):
        """Try to schedule ``r``; returns the score gained."""
        self.clock += 1
        s = self.s
        if s.slot_of[r] >= 0 or s.locked[r] or not s.feas[r]:
            return 0.0
        before = s.score
        if self.reinsert(r):
            return s.score - before
        return self.try_eject(r, plateau=plateau)

    # -- passes --------------------------------------------------------------------------------------

    def improve(self, order, deadline, plateau=False, stop_at=None):
        """One pass of :meth:`insert` over ``order``; returns the score gained."""
        gained = 0.0
        for n, r in enumerate(order):
            if n % 64 == 0:
                if time.monotonic() > deadline:
                    break
                if self.tick:
                    self.tick()
            if stop_at is not None and self.s.score >= stop_at - EPS:
                break
            gained += self.insert(r, plateau=plateau)
        return gained

    def reduce_idle(self, deadline, min_gain=0.002):
        """Re-slot meetings along Kempe chains to close idle gaps; the set of meetings (the score) stays.

        For a participant with idle slots, a meeting in slot ``x`` moves to a free slot ``y`` next to or inside
        their day; the x/y chain starting there moves the partner's conflicting meetings along. Only the two
        ends of a chain change their set of busy slots, so the idle count is checked on them alone. Passes
        repeat until one closes fewer than ``min_gain`` of the idle slots left.
        """
        s = self.s
        limit = self.kempe_limit
        total = s.total_idle()
        while total and time.monotonic() < deadline:
            closed = 0
            people = [p for p in range(len(s.occ)) if s.idle_of(p)]
            self.rng.shuffle(people)
            for n, p in enumerate(people):
                if n % 64 == 0:
                    if time.monotonic() > deadline:
                        break
                    if self.tick:
                        self.tick()
                closed += self._close_gaps(p, limit)
            total -= closed
            if closed <= min_gain * (total + closed):
                break
        return total

    def anneal_idle(self, steps, deadline, start=0.6, end=0.05):
        """Simulated annealing on the idle slots with the chain moves of :meth:`reduce_idle`.

        A random move of a random participant's meeting is kept when it closes gaps, and with probability
        ``exp(-added / temperature)`` when it opens some; the temperature falls from ``start`` to ``end``
        over ``steps`` moves (so the same seed gives the same schedule), or stops at ``deadline``. The best
        schedule seen is restored at the end. Returns the idle total.
        """
        s = self.s
        rng = self.rng
        limit = self.kempe_limit
        total = best_total = s.total_idle()
        best = list(s.slot_of)
        people = [p for p in range(len(s.occ)) if any(e >= 0 and not s.locked[e] for e in s.occ[p])]
        cooling = (end / start) ** (1.0 / max(1, steps))
        temperature = start
        for step in range(steps):
            if not total or not people:
                break
            if step % 512 == 0:
                if time.monotonic() >= deadline:
                    break
                if self.tick:
                    self.tick()
            temperature *= cooling
            p = people[rng.randrange(len(people))]
            busy = s.avail[p] & ~s.free[p]
            if not busy:
                continue
            first, last = (busy & -busy).bit_length() - 1, busy.bit_length() - 1
            window = ((1 << (last + 2)) - 1) ^ ((1 << max(0, first - 1)) - 1)
            xs = bits(busy)
            x = xs[rng.randrange(len(xs))]
            e = s.occ[p][x]
            if s.locked[e]:
                continue
            ys = bits(s.free[p] & s.feas[e] & window)
            if not ys:
                continue
            y = ys[rng.randrange(len(ys))]
            path = s.kempe_path(p, x, y, limit)
            if path is None:
                continue
            edges, vertices = path
            end_vertex = vertices[-1]
            c_end = s.slot_of[edges[-1]]
            c_new = y if c_end == x else x
            end_busy = s.avail[end_vertex] & ~s.free[end_vertex]
            delta = (
                idle_count(s.avail[p], busy ^ (1 << x) ^ (1 << y))
                + idle_count(s.avail[end_vertex], end_busy ^ (1 << c_end) ^ (1 << c_new))
                - idle_count(s.avail[p], busy)
                - idle_count(s.avail[end_vertex], end_busy)
            )
            if delta > 0 and rng.random() >= math.exp(-delta / temperature):
                continue
            if not s.swap_ok(edges, x, y):
                continue
            s.swap(edges, x, y)
            total += delta
            if total < best_total:
                best_total = total
                best = list(s.slot_of)
        if total > best_total:
            for r, t in enumerate(s.slot_of):
                if t >= 0 and best[r] != t:
                    s.remove(r)
            for r, t in enumerate(best):
                if t >= 0 and s.slot_of[r] < 0:
                    s.place(r, t)
        return best_total

    def _close_gaps(self, p, limit):
        s = self.s
        closed = 0
        for _ in range(4):
            before = s.idle_of(p)
            if not before:
                break
            busy = s.avail[p] & ~s.free[p]
            first, last = (busy & -busy).bit_length() - 1, busy.bit_length() - 1
            window = ((1 << (last + 2)) - 1) ^ ((1 << max(0, first - 1)) - 1)
            best = None
            for x in bits(busy):
                e = s.occ[p][x]
                if s.locked[e]:
                    continue
                for y in bits(s.free[p] & s.feas[e] & window):
                    path = s.kempe_path(p, x, y, limit)
                    if path is None:
                        continue
                    edges, vertices = path
                    end = vertices[-1]
                    c_end = s.slot_of[edges[-1]]
                    c_new = y if c_end == x else x
                    end_busy = s.avail[end] & ~s.free[end]
                    new_end = end_busy ^ (1 << c_end) ^ (1 << c_new)
                    new_p = busy ^ (1 << x) ^ (1 << y)
                    delta = (
                        idle_count(s.avail[p], new_p)
                        + idle_count(s.avail[end], new_end)
                        - before
                        - idle_count(s.avail[end], end_busy)
                    )
                    if delta < 0 and (best is None or delta < best[0]) and s.swap_ok(edges, x, y):
                        best = (delta, edges, x, y)
            if best is None:
                break
            delta, edges, x, y = best
            s.swap(edges, x, y)
            closed -= delta
        return closed


def greedy_fill(schedule: Schedule, order):
    """Put each request of ``order`` into its earliest slot that fits (the baseline)."""
    for r in order:
        if schedule.slot_of[r] >= 0 or schedule.locked[r]:
            continue
        mask = schedule.direct_slots(r)
        if mask:
            schedule.place(r, (mask & -mask).bit_length() - 1)


def construct(search: Search, chosen, deadline):
    """Place ``chosen`` requests most constrained first (fewest slots that fit, like DSatur colouring),
    repairing with Kempe chains when none fits; returns the requests that could not be placed."""
    s = search.s
    chosen = [r for r in chosen if s.slot_of[r] < 0 and not s.locked[r]]
    wanted = set(chosen)
    by_person = {}
    for r in chosen:
        by_person.setdefault(s.a[r], []).append(r)
        by_person.setdefault(s.b[r], []).append(r)
    heap = [(s.direct_slots(r).bit_count(), -s.w[r], search.rng.random(), r) for r in chosen]
    heapq.heapify(heap)
    failed = []
    steps = 0
    while heap:
        _, _, _, r = heapq.heappop(heap)
        if r not in wanted:
            continue
        steps += 1
        if steps % 256 == 0 and time.monotonic() > deadline:
            failed.extend(wanted)
            break
        wanted.discard(r)
        if not (search.try_direct(r) or search.try_kempe(r) or search.try_table_move(r)):
            failed.append(r)
            continue
        for p in (s.a[r], s.b[r]):
            for other in by_person.get(p, ()):
                if other in wanted:
                    heapq.heappush(heap, (s.direct_slots(other).bit_count(), -s.w[other], search.rng.random(), other))
    return failed
