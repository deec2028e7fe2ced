"""Directory under load: 50,000 organisations on PostgreSQL, 20 concurrent clients against gunicorn.

Run:  python3 -m uv run --group bench python bench/directory_load.py [--quick]

Uses DATABASE_URL if set; otherwise starts a throwaway PostgreSQL on 127.0.0.1 (its data
directory is kept in the temp folder so the next run reuses the fill; --fresh starts over).
Fills the directory (reused when already there), starts gunicorn on loopback in production
mode and loads one page type at a time (directory search, filtered lists, organisation
profiles, cluster pages) with ``wrk`` (installed with apt-get when missing and run as root),
each run cycling through thousands of distinct URLs for a fixed number of seconds. Without
wrk, an asyncio + httpx client sends a bounded mix of the same URLs instead (it needs a core
of its own, so its figures are worse). Counts the SQL queries per page type and writes the
results to docs/benchmarks.md ("Directory under load") and bench/results/directory_load.json.
All traffic goes to 127.0.0.1 only; every run is bounded in time (and the fallback in requests).
"""

import argparse
import asyncio
import json
import os
import platform
import random
import secrets
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- directory_load:begin -->", "<!-- directory_load:end -->"
TARGET_P95_MS = 150

SEARCH_TERMS = [
    "Wasserstoff", "Drohnen", "Logistik", "Hafen", "Software", "Medizintechnik", "Werft", "Windenergie",
    "Beratung", "künstliche Intelligenz", "Spedition", "Photovoltaik", "Laser", "Kunststoff", "Film",
    "Container", "Sensoren", "Elektrolyse", "Fachkräfte", "Lebensmittel", "Altona", "HafenCity",
    "Krisenfestigkeit", "Implantate", "hydrogen", "drones", "Pflege", "Agentur", "Nord Logistik", "Elbe",
]  # fmt: skip
PAGE_TYPES = ["search", "filtered list", "organisation profile", "cluster page"]
MIX = [0.35, 0.30, 0.25, 0.10]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: 5,000 organisations, 300 requests, 20 s")
    parser.add_argument("--requests", type=int, help="stop after this many requests (default 2,000)")
    parser.add_argument(
        "--seconds", type=float, help="wrk: seconds per page type (default 20); fallback: for the whole mix (90)"
    )
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (default 4)")
    parser.add_argument(
        "--client",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="load generator: wrk (installed when missing and root), the Python fallback, or auto (default)",
    )
    parser.add_argument("--scale", type=float, help="data size relative to 50,000 organisations")
    parser.add_argument("--fresh", action="store_true", help="throw away a kept PostgreSQL data directory first")
    parser.add_argument("--no-doc", action="store_true", help="do not write docs/benchmarks.md")
    args = parser.parse_args()
    args.requests = args.requests or (300 if args.quick else 2000)
    args.wrk_seconds = args.seconds or (5 if args.quick else 20)
    args.seconds = args.seconds or (20 if args.quick else 90)
    args.scale = args.scale or (0.1 if args.quick else 1.0)
    return args


def setup_django(database_url: str, data_dir: str):
    os.environ.update(
        DATABASE_URL=database_url,
        CROSSCLUSTER_DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="crosscluster.settings",
        DEBUG="false",
        AXES_ENABLED="false",
    )
    import django

    django.setup()


def sample_values():
    from crosscluster.directory.models import Cluster, IndustryCode, Organisation, Topic

    return {
        "clusters": list(Cluster.objects.values_list("slug", flat=True)),
        "sections": list(IndustryCode.objects.filter(level=1).values_list("code", flat=True)),
        "divisions": sorted(
            {code[:2] for code in Organisation.industries.through.objects.values_list("industrycode_id", flat=True)}
        ),
        "topics": list(Topic.objects.values_list("slug", flat=True)),
        "districts": list(Organisation.objects.order_by().values_list("district", flat=True).distinct()),
        "organisations": list(Organisation.objects.order_by("?").values_list("slug", flat=True)[:5000]),
        "sizes": [c for c, _ in Organisation.SizeClass.choices],
    }


def search_vocabulary(sample: int = 3000, seed: int = 11) -> list[str]:
    """Words people would type: taken from the names and descriptions of a sample of organisations."""
    from crosscluster.directory.models import Organisation
    from crosscluster.directory.search import words

    rng = random.Random(seed)
    rows = Organisation.objects.order_by("pk").values_list("name", "description_de", "description_en")
    rows = list(rows[: sample * 4])
    vocabulary = set()
    for row in rng.sample(rows, min(sample, len(rows))):
        for text in row:
            vocabulary.update(w for w in words(text or "") if len(w) >= 4 and not w.isdigit())
    return sorted(vocabulary)


def build_url_sets(values: dict, vocabulary: list[str], count: int = 3000, seed: int = 7) -> dict[str, list[str]]:
    """Thousands of distinct URLs per page type, so no single query plan or cached row dominates."""
    rng = random.Random(seed)
    vocabulary = vocabulary or SEARCH_TERMS

    def search_term():
        roll = rng.random()
        if roll < 0.2:
            return rng.choice(SEARCH_TERMS)
        if roll < 0.35:
            return f"{rng.choice(vocabulary)} {rng.choice(vocabulary)}"
        if roll < 0.5:  # typed so far: htmx searches while the user types
            word = rng.choice([w for w in (rng.choice(vocabulary) for _ in range(5)) if len(w) >= 6] or SEARCH_TERMS)
            return word[: rng.randint(4, len(word) - 1)]
        return rng.choice(vocabulary)

    sets = {kind: set() for kind in PAGE_TYPES}
    for kind in PAGE_TYPES:
        for _ in range(count * 3):
            if len(sets[kind]) >= count:
                break
            if kind == "search":
                url = f"/organisations/?q={quote_plus(search_term())}"
                if rng.random() < 0.1:
                    url += f"&page={rng.randint(2, 3)}"
            else:
                url = _url(kind, values, rng)
            sets[kind].add(url)
    return {kind: rng.sample(sorted(urls), len(urls)) for kind, urls in sets.items()}


def _url(kind: str, values: dict, rng: random.Random) -> str:
    if kind == "filtered list":
        filters = {
            "cluster": lambda: rng.choice(values["clusters"]),
            "industry": lambda: rng.choice(values["sections"] + values["divisions"]),
            "size": lambda: rng.choice(values["sizes"]),
            "district": lambda: rng.choice(values["districts"]),
            "topic": lambda: rng.choice(values["topics"]),
        }
        chosen = rng.sample(sorted(filters), rng.choice([1, 1, 2, 2, 3]))
        query = "&".join(f"{name}={quote_plus(filters[name]())}" for name in sorted(chosen))
        if rng.random() < 0.15:
            query += f"&page={rng.randint(2, 4)}"
        return f"/organisations/?{query}"
    if kind == "organisation profile":
        return f"/organisations/{rng.choice(values['organisations'])}/"
    url = f"/clusters/{rng.choice(values['clusters'])}/"
    if rng.random() < 0.2:
        url += f"?page={rng.randint(2, 5)}"
    return url


def build_plan(url_sets: dict, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """For the Python fallback: one mixed sequence of (page type, URL)."""
    rng = random.Random(seed)
    return [(kind, rng.choice(url_sets[kind])) for kind in rng.choices(PAGE_TYPES, MIX, k=count)]


def count_queries(url_sets: dict) -> dict:
    """SQL queries per page type, measured once each with Django's test client against the same database."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from crosscluster.directory.selectors import warm_listing_index

    setup_test_environment()
    warm_listing_index()  # as each gunicorn worker does when it starts (crosscluster/wsgi.py)
    client = Client()
    counts = {}
    for kind in PAGE_TYPES:
        url = url_sets[kind][0]
        client.get(url)  # once before counting: the filter options are cached after the first list page
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        counts[kind] = {"url": url, "queries": len(ctx.captured_queries), "status": response.status_code}
    return counts


def start_gunicorn(database_url: str, data_dir: str, workers: int) -> tuple[subprocess.Popen, str, dict]:
    from pgserver import free_port

    port = free_port()
    env = {
        **os.environ,
        "CROSSCLUSTER_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "CROSSCLUSTER_DATA_DIR": data_dir,
        "LOG_LEVEL": "WARNING",
        "AXES_ENABLED": "true",
    }
    env.pop("DEBUG", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "-m", "crosscluster", "collectstatic", "--noinput", "-v0"], env=env, check=True)
    command = [
        sys.executable, "-m", "gunicorn", "crosscluster.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "-w", str(workers), "--error-logfile", str(RESULTS / "gunicorn.log"), "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/", timeout=5).status_code == 200:
                return server, base, {"command": " ".join(command[1:])}
        except httpx.TransportError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.3)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer on {base}; see {RESULTS / 'gunicorn.log'}")


async def run_load(base: str, plan, *, clients: int, seconds: float) -> dict:
    import httpx

    results = {kind: {"latencies": [], "errors": 0, "statuses": {}} for kind in PAGE_TYPES}
    queue = list(reversed(plan))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits, follow_redirects=False) as client:
        for kind in PAGE_TYPES:  # warm up every worker's code paths and the database caches
            for _, url in [p for p in plan if p[0] == kind][:10]:
                await client.get(url)
        started = time.monotonic()
        deadline = started + seconds

        async def worker():
            while queue and time.monotonic() < deadline:
                kind, url = queue.pop()
                t0 = time.perf_counter()
                try:
                    response = await client.get(url)
                    status = response.status_code
                except httpx.HTTPError as error:
                    status = type(error).__name__
                elapsed = (time.perf_counter() - t0) * 1000
                entry = results[kind]
                entry["statuses"][str(status)] = entry["statuses"].get(str(status), 0) + 1
                if status == 200:
                    entry["latencies"].append(elapsed)
                else:
                    entry["errors"] += 1

        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.monotonic() - started
    return {"results": results, "elapsed": elapsed, "sent": len(plan) - len(queue)}


def find_wrk() -> str | None:
    """The wrk binary; installed with apt-get when missing and running as root on Debian/Ubuntu."""
    if path := shutil.which("wrk"):
        return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing wrk with apt-get")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, capture_output=True)
    return shutil.which("wrk")


def run_wrk(wrk: str, base: str, urls: list[str], *, connections: int, seconds: float, threads: int) -> dict:
    """One bounded wrk run over ``urls``; latencies from wrk's own histogram via the Lua done() hook."""
    url_file = RESULTS / "wrk-urls.txt"
    url_file.write_text("\n".join(urls) + "\n")
    command = [
        wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds:.0f}s", "--timeout", "10s", "--latency",
        "-s", str(ROOT / "bench" / "directory_load.lua"), base, "--", str(url_file),
    ]  # fmt: skip
    output = subprocess.run(command, check=True, capture_output=True, text=True, timeout=seconds + 60).stdout
    line = next((ln for ln in output.splitlines() if ln.startswith("WRK_RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no result:\n{output}")
    raw = json.loads(line.removeprefix("WRK_RESULT "))
    errors = sum(raw[k] for k in raw if k.startswith("errors_"))
    return {
        "count": raw["requests"],
        "errors": errors,
        "p50": raw["p50_us"] / 1000,
        "p95": raw["p95_us"] / 1000,
        "p99": raw["p99_us"] / 1000,
        "max": raw["max_us"] / 1000,
        "rate": raw["requests"] / (raw["duration_us"] / 1e6),
        "seconds": raw["duration_us"] / 1e6,
        "raw": raw,
        "wrk_output": output,
    }


def run_with_wrk(wrk: str, base: str, url_sets: dict, args) -> tuple[list[dict], list[dict]]:
    """Per page type: warm-up, one client alone, then ``args.clients`` connections, each for a fixed time."""
    rows, alone = [], []
    threads = min(args.clients, 2)
    for kind in PAGE_TYPES:
        urls = url_sets[kind]
        run_wrk(wrk, base, urls, connections=4, seconds=3, threads=1)  # warm up every worker and the caches
        alone.append(run_wrk(wrk, base, urls, connections=1, seconds=max(3, args.wrk_seconds / 4), threads=1))
        row = run_wrk(wrk, base, urls, connections=args.clients, seconds=args.wrk_seconds, threads=threads)
        row["page"] = kind
        print(
            f"{kind}: {row['count']} requests, {row['errors']} errors, p50 {row['p50']:.0f} ms, "
            f"p95 {row['p95']:.0f} ms, p99 {row['p99']:.0f} ms, {row['rate']:.0f}/s",
            flush=True,
        )
        rows.append(row)
    return rows, alone


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    index = max(0, min(len(sorted_values) - 1, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def summarise(load: dict) -> list[dict]:
    rows = []
    for kind in PAGE_TYPES:
        entry = load["results"][kind]
        values = sorted(entry["latencies"])
        rows.append(
            {
                "page": kind,
                "count": len(values) + entry["errors"],
                "errors": entry["errors"],
                "p50": percentile(values, 50),
                "p95": percentile(values, 95),
                "p99": percentile(values, 99),
                "max": values[-1] if values else float("nan"),
                "rate": (len(values) + entry["errors"]) / load["elapsed"],
                "statuses": entry["statuses"],
            }
        )
    return rows


def machine_facts(database_url: str) -> dict:
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line
    )
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kb / 1024 / 1024),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": pg_version,
    }


def render_markdown(rows, queries, facts, args, load, sizes) -> str:
    command = "python3 -m uv run --group bench python bench/directory_load.py" + (" --quick" if args.quick else "")
    extra = [a for a in sys.argv[1:] if a != "--quick"]
    if extra:
        command += " " + shlex.join(extra)
    worst = max((r["p95"] for r in rows if r["count"]), default=float("nan"))
    verdict = "met" if worst < TARGET_P95_MS else "**not met**"
    if load["client"] == "wrk":
        load_line = (
            f"- Load: wrk {load['version']}, {args.clients} connections (keep-alive, no think time, "
            f"{min(args.clients, 2)} threads), one page type at a time for {args.wrk_seconds:.0f} s each, cycling "
            f"through {load['urls']:,} distinct URLs per page type"
        )
        alone_note = (
            f'"alone" is wrk with one connection on the same URLs for {max(3, args.wrk_seconds / 4):.0f} s before '
            "each load run: what a page costs without queueing."
        )
    else:
        load_line = (
            f"- Load: {args.clients} concurrent clients (asyncio + httpx fallback, keep-alive), a mix of page types, "
            f"{load['sent']:,} requests in {load['elapsed']:.0f} s ({load['sent'] / load['elapsed']:.0f} requests/s);"
            f" bounded at {args.requests:,} requests or {args.seconds:.0f} s; the client shares the two cores"
        )
        alone_note = (
            f'"alone" is the same server answering one client at a time ({args.requests // 8} requests before the '
            "load run): the time a page costs without queueing."
        )
    lines = [
        BEGIN,
        f"Measured {facts['date']} with `{command}`.",
        "",
        f"- Machine: {facts['cores']} cores ({facts['cpu']}), {facts['memory_gib']} GiB RAM, {facts['os']}",
        f"- Software: Python {facts['python']}, Django {facts['django']}, PostgreSQL {facts['postgresql']}, "
        f"gunicorn with {args.workers} sync workers, production settings; load generator, server and database "
        "share the machine",
        f"- Data: {sizes['organisations']:,} organisations, {sizes['people']:,} people, "
        f"{sizes['memberships']:,} memberships in {sizes['clusters']} clusters and networks",
        load_line,
        f"- Target p95 < {TARGET_P95_MS} ms: {verdict} (worst p95 {worst:.0f} ms)",
        "",
        "| page | requests | errors | p50 ms | p95 ms | p99 ms | max ms | requests/s | alone p50 / p95 ms "
        "| SQL queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['page']} | {row['count']:,} | {row['errors']} | {row['p50']:.0f} | {row['p95']:.0f} | "
            f"{row['p99']:.0f} | {row['max']:.0f} | {row['rate']:.0f} | {row['alone_p50']:.0f} / "
            f"{row['alone_p95']:.0f} | {queries[row['page']]['queries']} |"
        )
    lines += ["", alone_note, "", "SQL queries were counted once per page type with Django's test client on:", ""]
    lines += [f"- {kind}: `{q['url']}`" for kind, q in queries.items()]
    lines.append(END)
    return "\n".join(lines)


def write_doc(block: str):
    heading = "## Directory under load"
    text = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    elif heading in text:
        text = text.replace(heading, f"{heading}\n\n{block}", 1)
    else:
        text = text.rstrip("\n") + f"\n\n{heading}\n\n{block}\n"
    DOC.write_text(text)


def main():
    args = parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pgserver import PostgresServer

    data_dir = tempfile.mkdtemp(prefix="crosscluster-bench-")
    pg = None
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        pg = PostgresServer(Path(tempfile.gettempdir()) / "crosscluster-bench-pg", fresh=args.fresh)
        print(f"starting PostgreSQL in {pg.data_dir} on 127.0.0.1:{pg.port}")
        # One database per data size, so a --quick run does not throw away the full fill.
        name = "crosscluster_bench" if args.scale == 1 else f"crosscluster_bench_{round(args.scale * 1000)}"
        database_url = pg.start(name)
    server = None
    try:
        setup_django(database_url, data_dir)
        import directory_data
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        if directory_data.is_filled(args.scale):
            print("reusing the directory data already in the database")
        else:
            print("filling the directory (once; later runs reuse it)")
            directory_data.fill(args.scale)
        from django.db import connection

        with connection.cursor() as cursor:  # fresh statistics and no dead rows left by a fill or a migration
            cursor.execute("VACUUM ANALYZE")
        sizes = _sizes()
        url_sets = build_url_sets(sample_values(), search_vocabulary())
        queries = count_queries(url_sets)
        print("SQL queries per page:", {k: v["queries"] for k, v in queries.items()})
        wrk = find_wrk() if args.client in ("auto", "wrk") else None
        if args.client == "wrk" and not wrk:
            raise SystemExit("wrk not found: install it (Debian: apt-get install wrk) or use --client python")
        server, base, _ = start_gunicorn(database_url, data_dir, args.workers)
        print(f"gunicorn on {base} with {args.workers} workers; {args.clients} clients; load by {wrk or 'Python'}")
        if wrk:
            rows, baseline = run_with_wrk(wrk, base, url_sets, args)
            version = subprocess.run([wrk, "--version"], capture_output=True, text=True)
            version = (version.stdout + version.stderr).split()
            load = {"client": "wrk", "version": version[1] if len(version) > 1 else "", "urls": len(url_sets["search"])}
        else:
            plan = build_plan(url_sets, args.requests)
            baseline = summarise(asyncio.run(run_load(base, plan[: args.requests // 8], clients=1, seconds=30)))
            load = asyncio.run(run_load(base, plan, clients=args.clients, seconds=args.seconds))
            load["client"] = "python"
            rows = summarise(load)
        for row, alone in zip(rows, baseline, strict=True):
            row["alone_p50"], row["alone_p95"] = alone["p50"], alone["p95"]
        facts = machine_facts(database_url)
        block = render_markdown(rows, queries, facts, args, load, sizes)
        print(block)
        (RESULTS / "directory_load.json").write_text(
            json.dumps({"facts": facts, "rows": rows, "queries": queries, "sizes": sizes}, indent=2, default=str)
        )
        if not args.no_doc:
            write_doc(block)
            print(f"written to {DOC.relative_to(ROOT)}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if pg is not None:
            from django.db import connections

            connections.close_all()
            pg.stop()


def _sizes() -> dict:
    from crosscluster.directory.models import Cluster, Membership, Organisation, Person

    return {
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "clusters": Cluster.objects.count(),
    }


if __name__ == "__main__":
    main()
