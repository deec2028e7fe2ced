"""The mutable schedule the constructive and local-search solvers share.

Plain Python lists and integer bit masks (bit t = slot t in time order) are faster here than numpy: the
moves touch a handful of entries each. Every change goes through :meth:`Schedule.place` and
:meth:`Schedule.remove`, which keep the derived counts right and write a journal so that a compound move
(an ejection chain, a Kempe swap) can be undone in one call.
"""

from __future__ import annotations

from crosscluster.matchmaking.model import Instance


def bits(mask):
    """The slot indices in a bit mask, lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


class Schedule:
    """Slot per request (-1: not scheduled) with participant occupation, meeting counts and table use.

    Fixed (locked) meetings are placed first and never moved. ``feas[r]`` is the mask of slots in which both
    participants are available; ``free[p]`` the mask of slots in which ``p`` is available and not meeting;
    ``open`` the mask of slots with a shared table left.
    """

    def __init__(self, instance: Instance, fixed_slots=None):
        self.instance = instance
        n_slots = instance.n_slots
        self.n_slots = n_slots
        self.a = instance.req_a.tolist()
        self.b = instance.req_b.tolist()
        self.w = instance.req_w.tolist()
        self.shared = instance.req_shared.tolist()
        self.avail = [sum(1 << t for t in p.available) for p in instance.participants]
        self.feas = [self.avail[x] & self.avail[y] for x, y in zip(self.a, self.b, strict=True)]
        self.cap = instance.cap.tolist()
        self.tables = instance.tables.tolist()
        self.used = [0] * n_slots
        self.open = sum(1 << t for t in range(n_slots) if self.tables[t] > 0)
        self.occ = [[-1] * n_slots for _ in range(instance.n_participants)]
        self.free = list(self.avail)
        self.count = [0] * instance.n_participants
        self.slot_of = [-1] * instance.n_requests
        self.in_slot = [set() for _ in range(n_slots)]
        self.shared_by_weight = [{} for _ in range(n_slots)]  # slot -> weight -> movable shared meetings
        self.locked = [False] * instance.n_requests
        self.score = 0.0
        self.journal = None
        for r, t in (fixed_slots or {}).items():
            self.locked[r] = True
            self.place(r, t)
        self.fixed_score = self.score

    # -- basic changes -------------------------------------------------------------------------------

    def place(self, r, t):
        a, b = self.a[r], self.b[r]
        bit = 1 << t
        self.occ[a][t] = r
        self.occ[b][t] = r
        self.free[a] &= ~bit
        self.free[b] &= ~bit
        self.count[a] += 1
        self.count[b] += 1
        if self.shared[r]:
            self.used[t] += 1
            if self.used[t] >= self.tables[t]:
                self.open &= ~bit
        self.slot_of[r] = t
        self.in_slot[t].add(r)
        if self.shared[r] and not self.locked[r]:
            self.shared_by_weight[t].setdefault(self.w[r], set()).add(r)
        self.score += self.w[r]
        if self.journal is not None:
            self.journal.append((r, -1))

    def remove(self, r):
        t = self.slot_of[r]
        a, b = self.a[r], self.b[r]
        bit = 1 << t
        self.occ[a][t] = -1
        self.occ[b][t] = -1
        self.free[a] |= bit
        self.free[b] |= bit
        self.count[a] -= 1
        self.count[b] -= 1
        if self.shared[r]:
            self.used[t] -= 1
            if self.used[t] < self.tables[t]:
                self.open |= bit
        self.slot_of[r] = -1
        self.in_slot[t].discard(r)
        if self.shared[r] and not self.locked[r]:
            group = self.shared_by_weight[t][self.w[r]]
            group.discard(r)
            if not group:
                del self.shared_by_weight[t][self.w[r]]
        self.score -= self.w[r]
        if self.journal is not None:
            self.journal.append((r, t))
        return t

    def begin(self):
        """Start recording changes (a compound move)."""
        self.journal = []

    def commit(self):
        self.journal = None

    def rollback(self):
        """Undo every change since :meth:`begin`."""
        journal, self.journal = self.journal, None
        for r, old in reversed(journal):
            if old == -1:
                self.remove(r)
            else:
                if self.slot_of[r] != -1:
                    self.remove(r)
                self.place(r, old)

    # -- questions -----------------------------------------------------------------------------------

    def has_room(self, p):
        return self.count[p] < self.cap[p]

    def direct_slots(self, r):
        """Mask of slots where ``r`` fits as things stand (participants free, table left)."""
        a, b = self.a[r], self.b[r]
        if self.count[a] >= self.cap[a] or self.count[b] >= self.cap[b]:
            return 0
        mask = self.feas[r] & self.free[a] & self.free[b]
        if self.shared[r]:
            mask &= self.open
        return mask

    def meetings_of(self, p):
        return [r for r in self.occ[p] if r >= 0]

    def idle_of(self, p):
        """Idle slots of ``p``: available, not meeting, between the first and the last meeting."""
        busy = self.avail[p] & ~self.free[p]
        if not busy:
            return 0
        first = (busy & -busy).bit_length() - 1
        last = busy.bit_length() - 1
        span = ((1 << (last + 1)) - 1) ^ ((1 << first) - 1)
        return (self.avail[p] & span).bit_count() - busy.bit_count()

    def total_idle(self):
        return sum(self.idle_of(p) for p in range(len(self.occ)))

    # -- Kempe chains --------------------------------------------------------------------------------

    def kempe_path(self, start, c1, c2, limit):
        """Meetings on the path from ``start`` alternating slots ``c1``, ``c2`` (first edge in ``c1``).

        ``start`` must be free in ``c2``, so the component is a path. Returns (edges, vertices) or None when
        it is longer than ``limit``.
        """
        edges, vertices = [], [start]
        v, c, other = start, c1, c2
        occ, a, b = self.occ, self.a, self.b
        while True:
            e = occ[v][c]
            if e < 0:
                return edges, vertices
            if len(edges) >= limit:
                return None
            edges.append(e)
            v = b[e] if a[e] == v else a[e]
            vertices.append(v)
            c, other = other, c

    def swap_ok(self, edges, c1, c2, extra1=0, extra2=0):
        """Whether swapping slots ``c1``/``c2`` of ``edges`` keeps availability, locks and tables right.

        ``extra1``/``extra2`` are shared tables the caller will take in ``c1``/``c2`` afterwards.
        """
        b1, b2 = 1 << c1, 1 << c2
        move12 = move21 = 0
        slot_of, feas, locked, shared = self.slot_of, self.feas, self.locked, self.shared
        for e in edges:
            if locked[e]:
                return False
            if slot_of[e] == c1:
                if not feas[e] & b2:
                    return False
                move12 += shared[e]
            else:
                if not feas[e] & b1:
                    return False
                move21 += shared[e]
        return (
            self.used[c1] - move12 + move21 + extra1 <= self.tables[c1]
            and self.used[c2] - move21 + move12 + extra2 <= self.tables[c2]
        )

    def swap(self, edges, c1, c2):
        targets = [c2 if self.slot_of[e] == c1 else c1 for e in edges]
        for e in edges:
            self.remove(e)
        for e, t in zip(edges, targets, strict=True):
            self.place(e, t)
