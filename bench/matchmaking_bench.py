"""Matchmaking optimiser benchmark: our solver against greedy and plain CP-SAT on generated instances.

Run:  python3 -m uv run --group bench python bench/matchmaking_bench.py [--quick]

Eight instances (200/12, 1,000/16, 3,000/20 and 10,000/24 participants/slots, each with about N/6 and
N/8 shared tables per slot; fixed seeds). Every solver runs in its own child process (wall time from
start to exit, including Python start-up, reading the instance and writing the solution; peak memory is
the child's ru_maxrss); the parent checks every solution with ``check`` and recomputes score and idle
slots from the files. Time limits: 30 s up to 3,000 participants, 120 s at 10,000, the same for CP-SAT
(2 workers). Results: bench/results/matchmaking.json and the matchmaking section of docs/benchmarks.md.
``--quick`` runs the two 200-participant instances and 1,000/16 with N/8 tables, 10 s limits, and does
not touch the docs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shlex
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
WORK = RESULTS / "matchmaking"
DOC = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- matchmaking:begin -->", "<!-- matchmaking:end -->"
SOLVERS = ("crosscluster", "greedy", "cp-sat")
SIZES = [(200, 12, 30), (1000, 16, 30), (3000, 20, 30), (10000, 24, 120)]
QUICK = [(200, 12, 10), (1000, 16, 10)]


def instances(quick):
    out = []
    for index, (n, slots, limit) in enumerate(QUICK if quick else SIZES):
        for divisor in (6, 8):
            if quick and n == 1000 and divisor == 6:
                continue
            out.append(
                {
                    "name": f"n{n}-t{slots}-k{divisor}",
                    "participants": n,
                    "slots": slots,
                    "tables": round(n / divisor),
                    "divisor": divisor,
                    "seed": 2026 + index,
                    "time_limit": limit,
                }
            )
    return out


# -- children ------------------------------------------------------------------------------------------


def child(solver, instance_path, solution_path, summary_path, time_limit, seed, spawned):
    """Run one solver; write its solution and a summary (its own score, bound, time).

    Our solver gets what is left of the time limit after start-up and reading, less a margin for writing
    the solution, so that the whole child stays within the limit. CP-SAT gets the full limit for its search
    after the model is built (the more generous reading of "the same time limit").
    """
    from crosscluster.matchmaking import greedy, load_instance, solve

    instance = load_instance(instance_path)
    started = time.monotonic()
    if solver == "crosscluster":
        left = time_limit - (time.time() - spawned) - (0.5 + 0.02 * time_limit)
        result = solve(instance, time_limit=max(1.0, left), seed=seed)
        meetings, bound, extra = result.as_dict(), result.bound, result.stats
    elif solver == "greedy":
        result = greedy(instance, with_bound=False)
        meetings, bound, extra = result.as_dict(), None, {}
    else:
        meetings, bound, extra = cpsat(instance, time_limit, seed)
    elapsed = time.monotonic() - started
    Path(solution_path).write_text(json.dumps(meetings), encoding="utf-8")
    summary = {"bound": bound, "solve_time": elapsed, "stats": extra}
    Path(summary_path).write_text(json.dumps(summary, default=float), encoding="utf-8")


def cpsat(instance, time_limit, seed):
    """Plain CP-SAT on the whole request x slot model (no hint, no decomposition), 2 workers."""
    import numpy as np
    from ortools.sat.python import cp_model

    from crosscluster.matchmaking.bound import weight_step
    from crosscluster.matchmaking.verify import assign_tables

    step = weight_step(instance.req_w) or 0.001
    model = cp_model.CpModel()
    by_request, by_person_slot, by_person, by_slot = {}, {}, {}, {}
    variables = []
    for r, t in zip(*np.nonzero(instance.feasible), strict=True):
        r, t = int(r), int(t)
        if instance.req_w[r] <= 0:
            continue
        x = model.new_bool_var(f"x{r}_{t}")
        variables.append((r, t, x))
        by_request.setdefault(r, []).append(x)
        for p in (int(instance.req_a[r]), int(instance.req_b[r])):
            by_person_slot.setdefault((p, t), []).append(x)
            by_person.setdefault(p, []).append(x)
        if instance.req_shared[r]:
            by_slot.setdefault(t, []).append(x)
    for group in list(by_request.values()) + list(by_person_slot.values()):
        if len(group) > 1:
            model.add_at_most_one(group)
    for p, group in by_person.items():
        limit = instance.participants[p].max_meetings
        if limit is not None and limit < len(group):
            model.add(sum(group) <= limit)
    for t, group in by_slot.items():
        if instance.slots[t].tables < len(group):
            model.add(sum(group) <= int(instance.slots[t].tables))
    model.maximize(sum(int(round(instance.req_w[r] / step)) * x for r, _, x in variables))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = int(seed)
    status = solver.solve(model)
    slot_of = [-1] * instance.n_requests
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for r, t, x in variables:
            if solver.value(x):
                slot_of[r] = t
        bound = solver.best_objective_bound * step
    else:
        bound = None
    meetings = {"meetings": [m.as_dict() for m in assign_tables(instance, slot_of)]}
    return meetings, bound, {"status": solver.status_name(status), "variables": len(variables)}


# -- parent --------------------------------------------------------------------------------------------


def run_child(solver, case, instance_path, timeout):
    solution = WORK / f"{case['name']}-{solver}.solution.json"
    summary = WORK / f"{case['name']}-{solver}.summary.json"
    for path in (solution, summary):
        path.unlink(missing_ok=True)
    command = [
        sys.executable,
        __file__,
        "--child",
        solver,
        str(instance_path),
        str(solution),
        str(summary),
        str(case["time_limit"]),
        str(case["seed"]),
        repr(time.time()),
    ]
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    killed = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > timeout:
            process.kill()
            killed = True
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.05)
    wall = time.monotonic() - started
    error = process.stderr.read().decode(errors="replace")[-2000:]
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall": wall,
        "peak_mib": usage.ru_maxrss / 1024,
        "exit": process.returncode,
        "killed": killed,
        "error": error if process.returncode else "",
        "solution": solution,
        "summary": summary,
    }


def evaluate(instance, run):
    from crosscluster.matchmaking import check, idle_slots, score

    if run["exit"] != 0 or not run["solution"].exists():
        return {"valid": False, "score": None, "idle": None, "violations": None, "bound": None, "stats": {}}
    solution = json.loads(run["solution"].read_text(encoding="utf-8"))
    summary = json.loads(run["summary"].read_text(encoding="utf-8"))
    violations = check(instance, solution)
    return {
        "valid": not violations,
        "violations": len(violations),
        "score": score(instance, solution),
        "idle": idle_slots(instance, solution),
        "bound": summary["bound"],
        "solve_time": summary["solve_time"],
        "stats": summary["stats"],
        "meetings": len(solution["meetings"]),
    }


def machine_facts():
    import numpy
    import ortools
    import scipy

    cpu = platform.processor()
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        )
        memory_kb = next(
            int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line
        )
    except (OSError, StopIteration):
        memory_kb = 0
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kb / 1024 / 1024),
        "os": platform.platform(),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "ortools": ortools.__version__,
    }


def _num(value):
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _load(values):
    return " / ".join(f"{v:.1f}" for v in values)


def render(rows, facts, command):
    lines = [
        BEGIN,
        f"Measured {facts['date']} with `{command}`.",
        "",
        f"- Machine: {facts['cores']} cores ({facts['cpu']}), {facts['memory_gib']} GiB RAM, {facts['os']}",
        f"- Software: Python {facts['python']}, NumPy {facts['numpy']}, SciPy {facts['scipy']} (HiGHS), "
        f"OR-Tools {facts['ortools']} (CP-SAT, 2 workers)",
        f"- Load average (1/5/15 min) at the start {_load(facts['load'][0])}, at the end {_load(facts['load'][1])}: "
        "other work on the machine shares the two cores (the run holds the shared CPU lock, which not every "
        "process takes)",
        "- Instances: `crosscluster matchmaking generate` with the seeds in the raw results; tables = shared "
        "tables per slot (N/6 or N/8)",
        "- Time limits: 30 s up to 3,000 participants, 120 s at 10,000. Our solver gets what is left of the "
        "limit after start-up and reading the instance, less a margin for writing the solution; CP-SAT gets the "
        "full limit for its search once its model is built (so its wall time is longer)",
        "- time = wall time of the solver's child process from start to exit (Python start-up, reading the "
        "instance, solving, writing the solution); peak memory = the child's maximum resident set size",
        "- bound = the solver's own proven upper bound; % of bound = score / the best bound proven for the "
        "instance (the lowest of all solvers' bounds); every solution was checked with `check`",
        "- score final at = when our solver's score phase ended (bound reached or search time over; the rest of "
        "its time closes idle slots); for CP-SAT its final status",
        "",
        "| instance | requests | tables | solver | score | bound | % of bound | idle slots | time s | score final at "
        "| peak MiB | valid |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
    ]
    for row in rows:
        share = "–" if row["score"] is None or not row["best_bound"] else f"{row['score'] / row['best_bound']:.3%}"
        status = "yes" if row["valid"] else ("killed" if row["killed"] else "**no**")
        stats = row.get("stats") or {}
        final = str(stats.get("status", "–")).lower()
        if "search_time" in stats:
            final = f"{stats['search_time']:.1f} s"
        found = stats.get("status") not in ("UNKNOWN", "MODEL_INVALID")
        score = _num(row["score"]) if found else "no solution"
        idle = _num(row["idle"]) if found else "–"
        share = share if found else "–"
        lines.append(
            f"| {row['participants']:,} / {row['slots']} | {row['requests']:,} | {row['tables']:,} | "
            f"{row['solver']} | {score} | {_num(row['bound'])} | {share} | {idle} | "
            f"{row['wall']:.1f} | {final} | {row['peak_mib']:,.0f} | {status} |"
        )
    lines.append(END)
    return "\n".join(lines)


def write_doc(block):
    text = DOC.read_text(encoding="utf-8")
    before, rest = text.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    DOC.write_text(before + block + after, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: small instances, 10 s, docs untouched")
    parser.add_argument("--solvers", default=",".join(SOLVERS), help="comma-separated subset of " + ", ".join(SOLVERS))
    parser.add_argument("--child", nargs=7, metavar="ARG", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        solver, instance_path, solution, summary, limit, seed, spawned = args.child
        child(solver, instance_path, solution, summary, float(limit), int(seed), float(spawned))
        return
    sys.path.insert(0, str(ROOT / "src"))
    from crosscluster.matchmaking import generate, load_instance

    WORK.mkdir(parents=True, exist_ok=True)
    solvers = [s for s in args.solvers.split(",") if s]
    unknown = set(solvers) - set(SOLVERS)
    if unknown:
        parser.error(f"unknown solver(s): {', '.join(sorted(unknown))}")
    rows = []
    load_before = os.getloadavg()
    for case in instances(args.quick):
        data = generate(case["participants"], case["slots"], seed=case["seed"], tables=case["tables"])
        path = WORK / f"{case['name']}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        instance = load_instance(data)
        case_rows = []
        for solver in solvers:
            print(f"{case['name']}: {solver} ...", flush=True)
            run = run_child(solver, case, path, timeout=case["time_limit"] * 3 + 120)
            row = {**case, "solver": solver, "requests": instance.n_requests, **run, **evaluate(instance, run)}
            row["solution"], row["summary"] = str(row["solution"]), str(row["summary"])
            if row["error"]:
                print(row["error"], file=sys.stderr)
            case_rows.append(row)
            print(
                f"  score {_num(row['score'])} bound {_num(row['bound'])} idle {_num(row['idle'])} "
                f"time {row['wall']:.1f} s peak {row['peak_mib']:,.0f} MiB valid {row['valid']}",
                flush=True,
            )
        bounds = [r["bound"] for r in case_rows if r["bound"] is not None and r["valid"]]
        best = min(bounds) if bounds else None
        for row in case_rows:
            row["best_bound"] = best
        rows.extend(case_rows)
    facts = machine_facts()
    facts["load"] = (load_before, os.getloadavg())
    command = "python3 -m uv run --group bench python bench/matchmaking_bench.py"
    extra = sys.argv[1:]
    if extra:
        command += " " + shlex.join(extra)
    (RESULTS / ("matchmaking-quick.json" if args.quick else "matchmaking.json")).write_text(
        json.dumps({"facts": facts, "command": command, "rows": rows}, indent=1, default=str), encoding="utf-8"
    )
    block = render(rows, facts, command)
    print(block)
    if not args.quick:
        write_doc(block)
        print(f"wrote {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
