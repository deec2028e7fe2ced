"""Small hand-made instances and an independent brute-force optimum for the matchmaking tests."""

import itertools


def instance(slots, participants, requests):
    """A dict instance from compact tuples.

    slots: [(id, tables)], participants: [(id, available ids or None for all, max_meetings, own_table)],
    requests: [(id, a, b, weight)].
    """
    slot_ids = [s for s, _ in slots]
    return {
        "slots": [
            {"id": s, "start": f"2026-03-10T{9 + i:02d}:00", "end": f"2026-03-10T{9 + i:02d}:20", "tables": k}
            for i, (s, k) in enumerate(slots)
        ],
        "participants": [
            {
                "id": p,
                "available": list(slot_ids if available is None else available),
                **({"max_meetings": limit} if limit is not None else {}),
                **({"own_table": True} if own else {}),
            }
            for p, available, limit, own in participants
        ],
        "requests": [{"id": r, "a": a, "b": b, "weight": w} for r, a, b, w in requests],
    }


def brute_force_optimum(data, fixed=None):
    """The best score by trying every slot (or none) for every request; only for a handful of requests.

    ``fixed`` maps request ids to the slot they must keep. Written from the spec alone (no code of the
    package) so that it can check the solver.
    """
    fixed = fixed or {}
    slots = {s["id"]: s["tables"] for s in data["slots"]}
    people = {p["id"]: p for p in data["participants"]}
    requests = data["requests"]
    options = [[fixed[r["id"]]] if r["id"] in fixed else [None, *slots] for r in requests]
    best = 0.0
    for choice in itertools.product(*options):
        busy, count, shared = set(), {}, {}
        ok = True
        total = 0.0
        for request, slot in zip(requests, choice, strict=True):
            if slot is None:
                continue
            pair = (people[request["a"]], people[request["b"]])
            for person in pair:
                if slot not in person["available"] or (person["id"], slot) in busy:
                    ok = False
                    break
                busy.add((person["id"], slot))
                count[person["id"]] = count.get(person["id"], 0) + 1
                limit = person.get("max_meetings")
                if limit is not None and count[person["id"]] > limit:
                    ok = False
                    break
            if not ok:
                break
            if not any(person.get("own_table") for person in pair):
                shared[slot] = shared.get(slot, 0) + 1
                if shared[slot] > slots[slot]:
                    ok = False
                    break
            total += request.get("weight", 1.0)
        if ok:
            best = max(best, total)
    return best
