"""Hypothesis strategies: random small instances with booths, max_meetings, time away and slots without tables."""

from hypothesis import strategies as st


@st.composite
def instances(draw, max_people=8, max_slots=4, max_requests=12, min_requests=0):
    n_slots = draw(st.integers(1, max_slots))
    n_people = draw(st.integers(2, max_people))
    slots = [
        {"id": f"s{t}", "start": f"2026-03-10T{9 + t:02d}:00", "end": f"2026-03-10T{9 + t:02d}:20", "tables": k}
        for t, k in enumerate(draw(st.lists(st.integers(0, 2), min_size=n_slots, max_size=n_slots)))
    ]
    people = []
    for i in range(n_people):
        available = [s["id"] for s in slots if draw(st.booleans()) or draw(st.booleans())]
        person = {"id": f"p{i}", "available": available}
        limit = draw(st.one_of(st.none(), st.integers(0, 3)))
        if limit is not None:
            person["max_meetings"] = limit
        if draw(st.integers(0, 3)) == 0:
            person["own_table"] = True
        people.append(person)
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n_people - 1), st.integers(0, n_people - 1)).filter(lambda p: p[0] != p[1]),
            min_size=min_requests,
            max_size=max_requests,
        )
    )
    weights = draw(st.lists(st.sampled_from([0.0, 0.5, 1.0, 1.0, 2.0, 3.0]), min_size=len(pairs), max_size=len(pairs)))
    requests = [
        {"id": f"r{k}", "a": f"p{a}", "b": f"p{b}", "weight": w}
        for k, ((a, b), w) in enumerate(zip(pairs, weights, strict=True))
    ]
    return {"slots": slots, "participants": people, "requests": requests}
