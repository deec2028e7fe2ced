"""``crosscluster matchmaking solve|check|generate`` (no Django setup).

Exit codes: 0 done (check: the solution is valid), 1 check found violations, 2 bad input (files, arguments).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys


def _positive_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a number > 0, not {text!r}")
    return value


def _count(minimum):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, not {value}")
        return value

    return parse


def _parser():
    parser = argparse.ArgumentParser(
        prog="crosscluster matchmaking",
        description="Schedule accepted B2B meeting requests into slots and tables.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="{solve,check,generate}")

    solve = commands.add_parser("solve", help="schedule an instance, print score, proven bound and gap")
    solve.add_argument("instance", help="instance JSON file")
    solve.add_argument("-o", "--output", required=True, help="solution JSON file to write")
    solve.add_argument("--time-limit", type=_positive_float, default=30.0, metavar="SECONDS", help="default 30")
    solve.add_argument("--seed", type=_count(0), default=0, help="random seed (default 0)")
    solve.add_argument("--fixed", metavar="SOLUTION", help="meetings to keep exactly as they are (solution JSON)")
    solve.add_argument("--progress", action="store_true", help="report the phases on stderr")

    check = commands.add_parser("check", help="check a solution against every rule, print its score")
    check.add_argument("instance", help="instance JSON file")
    check.add_argument("solution", help="solution JSON file")

    generate = commands.add_parser("generate", help="write a realistic generated instance")
    generate.add_argument("--participants", type=_count(2), required=True, metavar="N")
    generate.add_argument("--slots", type=_count(1), required=True, metavar="T")
    generate.add_argument("--seed", type=_count(0), default=0, metavar="S")
    generate.add_argument("--tables", type=_count(0), metavar="K", help="shared tables per slot (default about N/6)")
    generate.add_argument("-o", "--output", help="file to write (default: standard output)")
    return parser


def _number(value):
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _writable(path):
    """Fail before a long solve rather than after it."""
    from crosscluster.matchmaking.model import InstanceError

    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise InstanceError(["output file is a directory"], path)
    if not os.path.isdir(folder):
        raise InstanceError([f"output folder {folder} does not exist"], path)
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise InstanceError(["output file cannot be written (permission denied)"], path)


def _write_json(path, data):
    from crosscluster.matchmaking.model import InstanceError

    try:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)
            fh.write("\n")
    except OSError as exc:
        raise InstanceError([f"cannot write ({exc.strerror})"], path) from None


def _report_errors(exc):
    where = f"{exc.source}: " if exc.source else ""
    for error in exc.errors:
        print(f"crosscluster matchmaking: {where}{error}", file=sys.stderr)
    return 2


def run_solve(args):
    from crosscluster.matchmaking.model import read_meetings
    from crosscluster.matchmaking.solver import solve

    _writable(args.output)
    fixed = None
    if args.fixed:
        kept = read_meetings(args.fixed, "fixed meetings file")
        fixed = [{"request": r, "slot": s, "table": t} for _, r, s, t in kept]
    progress = None
    if args.progress:

        def progress(fraction, message):
            print(f"{fraction:6.1%}  {message}", file=sys.stderr, flush=True)

    result = solve(args.instance, time_limit=args.time_limit, fixed=fixed, progress=progress, seed=args.seed)
    _write_json(args.output, result.as_dict())
    proof = "optimal" if result.optimal else f"gap {result.gap:.2%}"
    print(f"score {_number(result.score)}")
    print(f"upper bound {_number(result.bound)} (proven)")
    print(f"gap {result.gap:.3%} ({proof})")
    print(f"meetings {len(result.meetings):,}")
    print(f"idle slots {result.idle_slots:,}")
    print(f"time {result.time:.1f} s")
    print(f"wrote {args.output}")
    return 0


def run_check(args):
    from crosscluster.matchmaking.model import load_instance
    from crosscluster.matchmaking.verify import check, idle_slots, score

    instance = load_instance(args.instance)
    violations = check(instance, args.solution)
    total = score(instance, args.solution)
    for violation in violations:
        print(violation)
    if violations:
        print(f"{len(violations)} violation(s): the solution is invalid (score of its meetings {_number(total)})")
        return 1
    print(f"valid: score {_number(total)}, idle slots {idle_slots(instance, args.solution):,}")
    return 0


def run_generate(args):
    from crosscluster.matchmaking.generator import generate

    if args.output:
        _writable(args.output)
    data = generate(args.participants, args.slots, seed=args.seed, tables=args.tables)
    if args.output:
        _write_json(args.output, data)
        print(
            f"wrote {args.output}: {len(data['participants']):,} participants, {len(data['slots'])} slots, "
            f"{len(data['requests']):,} requests, {data['slots'][0]['tables']} shared tables per slot"
        )
    else:
        json.dump(data, sys.stdout, indent=1)
        sys.stdout.write("\n")
    return 0


def main(argv=None):
    """Run a command; returns the exit code."""
    from crosscluster.matchmaking.model import InstanceError

    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or a bad argument (2, message printed)
        return exc.code
    try:
        return {"solve": run_solve, "check": run_check, "generate": run_generate}[args.command](args)
    except InstanceError as exc:
        return _report_errors(exc)


if __name__ == "__main__":
    sys.exit(main())
