"""Realistic generated instances for tests and benchmarks (deterministic per seed).

What a B2B matchmaking day looks like in this generator:

- 20-minute slots from 09:00 with a one-hour lunch break after the first half of the day;
- about 10 % of participants are exhibitors with a booth (``own_table``);
- every participant asks for 2 to 7 meetings (so each takes part in about 9 requests), and the person
  asked is drawn by a skewed popularity (log-normal, sigma 0.8), exhibitors twice as popular: a few
  participants receive several times more requests than they have slots;
- about 30 % of requests are "must meet" (weight 3.0), the rest "would like to meet" (1.0);
- about 20 % of participants are away for a block of slots (arrive late, leave early or a gap at noon);
- about 15 % set ``max_meetings`` to between a quarter and half of the slots;
- ``tables`` shared tables per slot, by default about N/6. With about N/8 the shared tables bind (more
  shared meetings could take place than there are tables) for 200 to 10,000 participants.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from datetime import datetime, timedelta

MUST_MEET = 3.0
WOULD_LIKE = 1.0
EXHIBITOR_SHARE = 0.10
AWAY_SHARE = 0.20
LIMIT_SHARE = 0.15
MUST_SHARE = 0.30
SLOT_MINUTES = 20
SENT_MIN, SENT_MAX = 2, 7
SIGMA = 0.8
LUNCH_MINUTES = 60


def default_tables(participants):
    return max(1, round(participants / 6))


def slot_times(n_slots, day="2026-03-10", first="09:00"):
    """``(start, end)`` strings for ``n_slots`` 20-minute slots with a lunch break after the first half."""
    start = datetime.fromisoformat(f"{day}T{first}")
    times = []
    for t in range(n_slots):
        if t == math.ceil(n_slots / 2) and n_slots > 1:
            start += timedelta(minutes=LUNCH_MINUTES)
        end = start + timedelta(minutes=SLOT_MINUTES)
        times.append((start.isoformat(timespec="minutes"), end.isoformat(timespec="minutes")))
        start = end
    return times


def generate(participants, slots, seed=0, tables=None):
    """An instance as a JSON-ready dict."""
    if participants < 2:
        raise ValueError("at least 2 participants are needed")
    if slots < 1:
        raise ValueError("at least 1 slot is needed")
    if tables is None:
        tables = default_tables(participants)
    if tables < 0:
        raise ValueError("tables must be >= 0")
    rng = random.Random(seed)
    n = participants
    slot_ids = [f"s{t + 1}" for t in range(slots)]
    slot_list = [
        {"id": sid, "start": start, "end": end, "tables": tables}
        for sid, (start, end) in zip(slot_ids, slot_times(slots), strict=True)
    ]

    exhibitors = set(rng.sample(range(n), round(EXHIBITOR_SHARE * n)))
    popularity = [rng.lognormvariate(0.0, SIGMA) * (2.0 if i in exhibitors else 1.0) for i in range(n)]
    cumulative = list(itertools.accumulate(popularity))
    total = cumulative[-1]

    people = []
    for i in range(n):
        available = list(range(slots))
        if rng.random() < AWAY_SHARE and slots >= 4:
            length = rng.randint(2, max(2, slots // 3))
            where = rng.choice(("late", "early", "middle"))
            if where == "late":
                away = range(0, length)
            elif where == "early":
                away = range(slots - length, slots)
            else:
                first = rng.randint(1, slots - length - 1)
                away = range(first, first + length)
            available = [t for t in available if t not in away]
        entry = {"id": f"p{i + 1}", "available": [slot_ids[t] for t in available]}
        if rng.random() < LIMIT_SHARE:
            entry["max_meetings"] = rng.randint(max(1, slots // 4), max(1, slots // 2))
        if i in exhibitors:
            entry["own_table"] = True
        people.append(entry)

    requests, pairs = [], set()
    for i in range(n):
        wanted = rng.randint(SENT_MIN, SENT_MAX)
        tries = 0
        while wanted and tries < 50:
            tries += 1
            j = bisect.bisect_right(cumulative, rng.random() * total)
            j = min(j, n - 1)
            pair = (min(i, j), max(i, j))
            if j == i or pair in pairs:
                continue
            pairs.add(pair)
            wanted -= 1
            weight = MUST_MEET if rng.random() < MUST_SHARE else WOULD_LIKE
            requests.append({"id": f"r{len(requests) + 1}", "a": f"p{i + 1}", "b": f"p{j + 1}", "weight": weight})
    return {"slots": slot_list, "participants": people, "requests": requests}
