"""Live voting under load: 2,000 participants vote from their phones within 10 seconds while the presenter screen
follows the count; no vote may be lost or counted twice.

Run:  flock /tmp/crosscluster-cpu.lock python3 -m uv run --group bench python bench/voting_load.py [--quick]

Uses DATABASE_URL if set; otherwise starts a throwaway PostgreSQL on 127.0.0.1 (``bench/pgserver.py``). Prepares an
event with 2,000 confirmed participants, each with a logged-in session written straight into the session table
(no login form), and an open single-choice poll; starts gunicorn (sync workers, production settings) on loopback.
A lean asyncio HTTP/1.1 client (one connection per request, as gunicorn's sync workers close each one; lean so
that the load generator, which shares the two cores with the server, takes little of them) with bounded concurrency
then sends every participant's vote as the phone page does
(an htmx POST with the CSRF token), spread over ``--spread`` seconds: some participants change their vote once
after it was acknowledged, some phones send the same vote twice at the same moment. Meanwhile a presenter polls
the presenter screen's results fragment every 100 ms and records when the count shown first includes each vote.
At the end the ballots in the database are compared with what was acknowledged: lost votes and double counts
must both be 0. Results go to docs/benchmarks.md ("Live voting under load") and bench/results/voting_load.json.
All traffic goes to 127.0.0.1; every phase is bounded in time.
"""

import argparse
import asyncio
import json
import os
import platform
import random
import re
import secrets
import shlex
import string
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- voting_load:begin -->", "<!-- voting_load:end -->"
HEADING = "## Live voting under load"
EVENT_SLUG = "bench-live-voting"
USER_DOMAIN = "voting-bench.invalid"
OPTIONS = ["Wasserstoff", "Drohnen", "Digitalisierung", "Fachkräfte"]
TARGET_SECONDS = 10.0
VOTERS_RE = re.compile(rb'data-voters="(\d+)"')
COUNT_RE = re.compile(rb'data-count="(\d+)"')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: 200 voters over 2 s")
    parser.add_argument("--voters", type=int, help="participants who vote (default 2,000)")
    parser.add_argument("--spread", type=float, help="seconds over which first votes are sent (default 8)")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight at most (default 16)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync worker processes (default 4)")
    parser.add_argument("--changes", type=float, default=0.10, help="share of voters who change their vote once")
    parser.add_argument("--doubles", type=float, default=0.10, help="share of phones that send their vote twice")
    parser.add_argument("--presenter-interval", type=float, default=0.1, help="seconds between presenter polls")
    parser.add_argument(
        "--cache",
        choices=["auto", "redis", "local"],
        default="auto",
        help="redis: a throwaway redis-server on loopback, as production runs (REDIS_URL: shared cache, sessions "
        "cached); local: the in-process cache and database sessions; auto (default): redis if redis-server exists",
    )
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="throw away a kept PostgreSQL data directory first")
    parser.add_argument("--no-doc", action="store_true", help="do not write docs/benchmarks.md")
    args = parser.parse_args()
    args.voters = args.voters or (200 if args.quick else 2000)
    args.spread = args.spread if args.spread is not None else (2.0 if args.quick else 8.0)
    return args


def setup_django(database_url: str, data_dir: str, secret_key: str, redis_url: str | None):
    if redis_url:
        os.environ["REDIS_URL"] = redis_url  # the server's cache: sessions are put there as a login would
    os.environ.update(
        DATABASE_URL=database_url,
        CROSSCLUSTER_DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="crosscluster.settings",
        SECRET_KEY=secret_key,  # the same key as gunicorn's: session hashes and signatures must match
        DEBUG="false",
        AXES_ENABLED="false",
    )
    import django

    django.setup()


# --- the world: an event, its participants with sessions, an organiser, an open poll -----------------------------


def _csrf_secret() -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


def prepare(voters: int) -> dict:
    """Create (or replace) the bench event with ``voters`` confirmed participants and their logged-in sessions."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import transaction
    from django.utils import timezone

    from crosscluster.events.models import Event, Registration
    from crosscluster.polls.models import Poll, PollOption

    User = get_user_model()
    backend = "django.contrib.auth.backends.ModelBackend"
    with transaction.atomic():
        Event.objects.filter(slug=EVENT_SLUG).delete()
        User.objects.filter(email__endswith=f"@{USER_DOMAIN}").delete()
        start = timezone.now() + timedelta(hours=1)
        event = Event.objects.create(
            slug=EVENT_SLUG,
            title_de="Lastprobe Live-Abstimmung",
            title_en="Live voting load test",
            start=start,
            end=start + timedelta(hours=8),
            status=Event.Status.PUBLISHED,
        )
        organiser = User.objects.create(
            email=f"organiser@{USER_DOMAIN}", is_coordinator=True, password="!", language="en"
        )
        users = User.objects.bulk_create(
            [User(email=f"voter{n:05d}@{USER_DOMAIN}", password="!", language="en") for n in range(voters)]
        )
        users = list(User.objects.filter(email__startswith="voter", email__endswith=f"@{USER_DOMAIN}").order_by("pk"))
        now = timezone.now()
        Registration.objects.bulk_create(
            [
                Registration(event=event, user=u, status=Registration.Status.CONFIRMED, confirmed_at=now, queued_at=now)
                for u in users
            ]
        )
        poll = Poll.objects.create(
            event=event,
            question_de="Welches Thema soll die nächste Clusterbrücke aufgreifen?",
            question_en="Which theme should the next cluster bridge take up?",
            kind=Poll.Kind.SINGLE,
            state=Poll.State.OPEN,
            opened_at=now,
            results_visibility=Poll.ResultsVisibility.LIVE,
        )
        options = PollOption.objects.bulk_create(
            [PollOption(poll=poll, label_de=label, label_en=label, position=n) for n, label in enumerate(OPTIONS)]
        )
        # Logged-in sessions, written directly (what django.contrib.auth.login() would store).
        store = SessionStore()
        expiry = now + timedelta(days=1)
        sessions, people, data_of = [], [], {}
        for user in [organiser, *users]:
            key = secrets.token_hex(16)
            data = {
                "_auth_user_id": str(user.pk),
                "_auth_user_backend": backend,
                "_auth_user_hash": user.get_session_auth_hash(),
            }
            sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expiry))
            people.append({"user": user.pk, "session": key, "csrf": _csrf_secret()})
            data_of[key] = data
        Session.objects.bulk_create(sessions, batch_size=1000)
    # A login through the form stores the session in the cache as well when the cached_db engine is in use
    # (production with Redis): so do we, or every first vote would pay a cache miss no real phone pays.
    from django.conf import settings

    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db":
        from django.contrib.sessions.backends.cached_db import KEY_PREFIX
        from django.core.cache import caches

        caches[settings.SESSION_CACHE_ALIAS].set_many(
            {KEY_PREFIX + person["session"]: data_of[person["session"]] for person in people}, timeout=86400
        )
    registrations = dict(Registration.objects.filter(event=event).values_list("user_id", "pk"))
    voters_ = people[1:]
    for person in voters_:
        person["registration"] = registrations[person["user"]]
    return {
        "event": event.slug,
        "poll": poll.pk,
        "options": [o.pk for o in options],
        "organiser": people[0],
        "voters": voters_,
    }


def start_redis():
    """A throwaway redis-server on 127.0.0.1 without persistence; None if there is none."""
    import shutil

    from pgserver import free_port

    binary = shutil.which("redis-server")
    if not binary:
        return None, None
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import socket

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("redis-server did not start")


def start_gunicorn(database_url: str, data_dir: str, secret_key: str, workers: int, redis_url: str | None):
    import httpx
    from pgserver import free_port

    port = free_port()
    env = {
        **os.environ,
        "CROSSCLUSTER_ENV": "production",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "CROSSCLUSTER_DATA_DIR": data_dir,
        "LOG_LEVEL": "WARNING",
        "AXES_ENABLED": "true",
    }
    for name in ("DEBUG", "DJANGO_SETTINGS_MODULE", "REDIS_URL"):
        env.pop(name, None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    subprocess.run([sys.executable, "-m", "crosscluster", "collectstatic", "--noinput", "-v0"], env=env, check=True)
    command = [
        sys.executable, "-m", "gunicorn", "crosscluster.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "-w", str(workers), "--error-logfile", str(RESULTS / "voting_gunicorn.log"), "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/", timeout=5).status_code == 200:
                return server, base, " ".join(command[2:])
        except httpx.TransportError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.3)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer on {base}; see {RESULTS / 'voting_gunicorn.log'}")


# --- the load ----------------------------------------------------------------------------------------------------


def plan_votes(world: dict, args) -> list[dict]:
    """Per voter: the first choice, maybe a second one (changed after the first was acknowledged), and whether the
    phone sends the first vote twice at the same moment."""
    rng = random.Random(args.seed)
    weights = [5, 3, 2, 4]
    plans = []
    for person in world["voters"]:
        first = rng.choices(world["options"], weights=weights)[0]
        second = None
        if rng.random() < args.changes:
            second = rng.choice([o for o in world["options"] if o != first])
        plans.append({**person, "first": first, "second": second, "double": rng.random() < args.doubles})
    rng.shuffle(plans)
    return plans


def _headers(person: dict) -> dict:
    return {
        "Cookie": f"sessionid={person['session']}; csrftoken={person['csrf']}",
        "X-CSRFToken": person["csrf"],
        "HX-Request": "true",
        "Accept-Language": "en",
    }


class Answer:
    def __init__(self, status_code: int, content: bytes):
        self.status_code, self.content = status_code, content


class LeanClient:
    """HTTP/1.1 over a fresh loopback connection per request (``Connection: close``), the answer read to the end.
    httpx spent about 4 ms of CPU per request here, a third of what the server needs for a vote; this spends a
    fraction of a millisecond, so the figures measure the server rather than the load generator."""

    def __init__(self, base: str, timeout: float = 30):
        host_port = base.removeprefix("http://")
        self.host, port = host_port.split(":")
        self.port, self.timeout = int(port), timeout

    async def _request(self, method: str, path: str, headers: dict, body: bytes = b"") -> Answer:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Connection: close"]
            head += [f"{name}: {value}" for name, value in headers.items()]
            if body:
                head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
            raw = await reader.read()
        finally:
            writer.close()
        header, _sep, content = raw.partition(b"\r\n\r\n")
        if not header.startswith(b"HTTP/1.1 "):
            raise ConnectionError("no HTTP answer")
        if b"transfer-encoding: chunked" in header.lower():
            raise ConnectionError("chunked answers are not expected from Django here")
        return Answer(int(header[9:12]), content)

    async def get(self, path: str, *, headers: dict, params: dict | None = None) -> Answer:
        if params:
            from urllib.parse import urlencode

            path += "?" + urlencode(params)
        return await asyncio.wait_for(self._request("GET", path, headers), self.timeout)

    async def post(self, path: str, *, data: dict, headers: dict) -> Answer:
        from urllib.parse import urlencode

        body = urlencode(data).encode()
        return await asyncio.wait_for(self._request("POST", path, headers, body), self.timeout)


class Recorder:
    def __init__(self):
        self.acks = []  # (monotonic time acknowledged, voter index, option, first vote?)
        self.statuses: dict[str, int] = {}
        self.latencies = []  # request round trips of votes, ms
        self.retries = 0
        self.failed = []  # votes never acknowledged

    def status(self, key):
        self.statuses[str(key)] = self.statuses.get(str(key), 0) + 1


async def send_vote(client, url, person, option, recorder: Recorder, semaphore, *, first: bool, index: int):
    """POST one vote as the phone page does; retried (up to 3 times) on a transport error or a 5xx answer, as a
    phone would. Returns True when acknowledged."""
    for attempt in range(4):
        async with semaphore:
            t0 = time.monotonic()
            try:
                response = await client.post(url, data={"choices": str(option)}, headers=_headers(person))
                status = response.status_code
                body = response.content
            except Exception as error:  # noqa: BLE001 (a failed request is counted, whatever failed)
                status, body = type(error).__name__, b""
            t1 = time.monotonic()
        recorder.status(status)
        if status == 200 and b"poll-note" in body and b'role="alert"' not in body:
            recorder.latencies.append((t1 - t0) * 1000)
            recorder.acks.append((t1, index, option, first))
            return True
        if isinstance(status, int) and status < 500:
            break  # refused for a reason: not retried
        recorder.retries += 1
        await asyncio.sleep(0.05 * (attempt + 1))
    recorder.failed.append((index, option))
    return False


async def presenter(client, url, organiser, stop: asyncio.Event, interval: float, snapshots: list):
    """Poll the presenter screen's results fragment like the projector does (sending the version it shows, so an
    unchanged screen costs a 204), every ``interval`` seconds; record what it shows and when."""
    headers = {**_headers(organiser)}
    headers.pop("X-CSRFToken")
    version, shown = "", None
    while not stop.is_set():
        t0 = time.monotonic()
        try:
            response = await client.get(url, params={"v": version}, headers=headers)
        except Exception:  # noqa: BLE001
            response = None
        t1 = time.monotonic()
        if response is not None and response.status_code == 200:
            body = response.content
            voters = int(VOTERS_RE.search(body).group(1))
            counts = [int(c) for c in COUNT_RE.findall(body)]
            version = re.search(rb'data-version="([^"]+)"', body).group(1).decode()
            shown = (voters, counts)
        snapshots.append((t1, shown, response.status_code if response is not None else "error", (t1 - t0) * 1000))
        await asyncio.sleep(max(0.0, interval - (time.monotonic() - t0)))


async def run_load(base: str, world: dict, plans: list[dict], args, cpu_meter) -> dict:
    vote_url = f"/events/{world['event']}/polls/{world['poll']}/vote/"
    present_url = f"/events/{world['event']}/polls/{world['poll']}/present/live/"
    recorder = Recorder()
    snapshots: list = []
    client = presenter_client = LeanClient(base)
    # Warm every worker: the participants' page and the presenter once per worker or so.
    for person in plans[: args.workers * 3]:
        await client.get(f"/events/{world['event']}/polls/", headers=_headers(person))
    stop = asyncio.Event()
    watcher = asyncio.create_task(
        presenter(presenter_client, present_url, world["organiser"], stop, args.presenter_interval, snapshots)
    )
    await asyncio.sleep(0.5)
    semaphore = asyncio.Semaphore(args.concurrency)
    cpu_before = cpu_meter()
    started = time.monotonic()
    gap = args.spread / max(1, len(plans))

    async def voter(index, plan):
        await asyncio.sleep(index * gap)  # the room votes over ``spread`` seconds
        sends = [send_vote(client, vote_url, plan, plan["first"], recorder, semaphore, first=True, index=index)]
        if plan["double"]:  # the same vote twice at the same moment (a double tap, a flaky network)
            sends.append(send_vote(client, vote_url, plan, plan["first"], recorder, semaphore, first=True, index=index))
        acked = await asyncio.gather(*sends)
        if plan["second"] is not None and any(acked):
            await asyncio.sleep(0.3)
            await send_vote(client, vote_url, plan, plan["second"], recorder, semaphore, first=False, index=index)

    await asyncio.wait_for(asyncio.gather(*(voter(i, p) for i, p in enumerate(plans))), timeout=120)
    finished = time.monotonic()
    cpu_after = cpu_meter()
    # Let the presenter catch up with the last votes (bounded).
    expected = expected_counts(world, plans, recorder)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if snapshots and snapshots[-1][1] == (sum(expected.values()), [expected[o] for o in world["options"]]):
            break
        await asyncio.sleep(0.05)
    stop.set()
    await watcher
    return {
        "recorder": recorder,
        "snapshots": snapshots,
        "started": started,
        "finished": finished,
        "expected": expected,
        "cpu": {name: cpu_after[name] - cpu_before[name] for name in cpu_before if name != "load"},
        "load": (cpu_before["load"], cpu_after["load"]),
    }


def expected_counts(world, plans, recorder: Recorder) -> dict:
    """What the count must be: each acknowledged voter once, with the last choice acknowledged for them."""
    last = {}
    for _t, index, option, _first in sorted(recorder.acks):
        last[index] = option
    counts = dict.fromkeys(world["options"], 0)
    for option in last.values():
        counts[option] += 1
    return counts


# --- checking and measuring ----------------------------------------------------------------------------------------


def check_database(world, plans, recorder: Recorder) -> dict:
    """Compare the ballots in the database with what was acknowledged."""
    from crosscluster.polls.models import Vote

    stored = {}
    rows = 0
    for registration_id, choices in Vote.objects.filter(poll_id=world["poll"]).values_list(
        "registration_id", "choices"
    ):
        rows += 1
        stored.setdefault(registration_id, []).append(choices)
    last = {}
    for _t, index, option, _first in sorted(recorder.acks):
        last[index] = option
    lost = wrong = 0
    for index, option in last.items():
        ballots = stored.get(plans[index]["registration"])
        if not ballots:
            lost += 1
        elif ballots[-1] != [option]:
            wrong += 1
    double = rows - len(stored) + sum(1 for b in stored.values() if len(b) > 1)
    unexpected = sum(1 for reg in stored if reg not in {plans[i]["registration"] for i in last})
    return {
        "ballots": rows,
        "voters_acknowledged": len(last),
        "lost": lost + wrong,
        "lost_missing": lost,
        "lost_wrong_choice": wrong,
        "double": double + unexpected,
    }


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def visibility_latencies(recorder: Recorder, snapshots: list) -> list[float]:
    """For the k-th participant whose first vote was acknowledged: the time from that acknowledgement to the first
    presenter answer showing at least k votes (ms; 0 when the screen showed it before the phone had the answer)."""
    first_acks = sorted({index: t for t, index, _o, first in sorted(recorder.acks, reverse=True) if first}.values())
    shown = [(t, s[0]) for t, s, _status, _ms in snapshots if s is not None]
    latencies, j = [], 0
    for k, t_ack in enumerate(first_acks, start=1):
        while j < len(shown) and shown[j][1] < k:
            j += 1
        if j == len(shown):
            latencies.append(float("inf"))
            continue
        latencies.append(max(0.0, (shown[j][0] - t_ack) * 1000))
    return latencies


def process_cpu(pids: list[int]) -> float:
    import psutil

    total = 0.0
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            for p in [proc, *proc.children(recursive=True)]:
                times = p.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            pass
    return total


def machine_facts() -> dict:
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    cpu = next(
        (ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in ln),
        platform.processor(),
    )
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": pg_version,
    }


def render_markdown(summary: dict, facts: dict, args) -> str:
    command = "flock /tmp/crosscluster-cpu.lock python3 -m uv run --group bench python bench/voting_load.py"
    extra = sys.argv[1:]
    if extra:
        command += " " + shlex.join(extra)
    s = summary
    ok = s["lost"] == 0 and s["double"] == 0 and s["send_seconds"] <= TARGET_SECONDS and not s["failed"]
    lines = [
        BEGIN,
        f"Measured {facts['date']} with `{command}`.",
        "",
        f"- Machine: {facts['cores']} cores ({facts['cpu']}); Python {facts['python']}, Django {facts['django']}, "
        f"PostgreSQL {facts['postgresql']}; gunicorn with {args.workers} sync workers, production settings, "
        + (
            "with a throwaway Redis on loopback (REDIS_URL: shared cache, cached sessions)"
            if s["cache"] == "Redis"
            else "in-process cache and database sessions (no Redis)"
        )
        + "; load generator, server and database share the machine",
        f"- Load: {s['voters']:,} participants with logged-in sessions vote on one open single-choice poll, first "
        f"votes spread over {args.spread:g} s, at most {args.concurrency} requests in flight; "
        f"{s['changers']} change their vote once after it was acknowledged, {s['doublers']} phones send their "
        f"vote twice at the same moment: {s['requests']:,} vote requests",
        f"- Presenter: the results fragment of the presenter screen polled every "
        f"{args.presenter_interval * 1000:.0f} ms ({s['presenter_polls']:,} polls, "
        f"{s['presenter_204']:,} answered 204 unchanged)",
        f"- Verdict: {'**met**' if ok else '**not met**'} — all votes sent and acknowledged in "
        f"{s['send_seconds']:.1f} s (target ≤ {TARGET_SECONDS:.0f} s), lost votes {s['lost']}, double counts "
        f"{s['double']}",
        "",
        "| figure | value |",
        "| --- | ---: |",
        f"| votes acknowledged (participants) | {s['voters_acknowledged']:,} |",
        f"| every participant's first vote acknowledged after | {s['first_votes_seconds']:.1f} s |",
        f"| ballots in the database | {s['ballots']:,} |",
        f"| lost votes (acknowledged, missing or not the last choice) | {s['lost']} |",
        f"| double counts (ballots or screen count beyond one per participant) | {s['double']} |",
        f"| votes never acknowledged (after up to 3 retries) | {s['failed']} |",
        f"| retries after a 5xx or a network error | {s['retries']} |",
        f"| answers by status | {', '.join(f'{k}: {v:,}' for k, v in sorted(s['statuses'].items()))} |",
        f"| vote round trip p50 / p95 / max | {s['vote_p50']:.0f} / {s['vote_p95']:.0f} / {s['vote_max']:.0f} ms |",
        f"| vote acknowledged → shown on the presenter screen p50 / p95 / max | {s['visible_p50']:.0f} / "
        f"{s['visible_p95']:.0f} / {s['visible_max']:.0f} ms |",
        f"| last vote acknowledged → presenter shows the final count | {s['converged_ms']:.0f} ms |",
        f"| presenter poll round trip p50 / p95 | {s['presenter_p50']:.0f} / {s['presenter_p95']:.0f} ms |",
        f"| final count on the presenter screen | {s['final_shown']} (expected {s['final_expected']}) |",
        f"| CPU seconds while voting: gunicorn workers / PostgreSQL / Redis / load generator | "
        f"{s['cpu_gunicorn']:.1f} / {s['cpu_postgres']:.1f} / {s['cpu_redis']:.1f} / {s['cpu_client']:.1f} |",
        f"| load average (1 min) before / after the run: other work on the machine | {s['load_before']:.1f} / "
        f"{s['load_after']:.1f} |",
        END,
    ]
    return "\n".join(lines)


def write_doc(block: str):
    text = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        text = before + block + rest.split(END, 1)[1]
    elif HEADING in text:
        text = text.replace(HEADING, f"{HEADING}\n\n{block}", 1)
    else:
        text = text.rstrip("\n") + f"\n\n{HEADING}\n\n{block}\n"
    DOC.write_text(text)


def summarise(world, plans, load, db, cpu, args) -> dict:
    recorder, snapshots = load["recorder"], load["snapshots"]
    visible = visibility_latencies(recorder, snapshots)
    last_ack = max((t for t, *_ in recorder.acks), default=load["started"])
    expected = load["expected"]
    final = (sum(expected.values()), [expected[o] for o in world["options"]])
    converged = next((t for t, shown, *_ in snapshots if t >= last_ack and shown == final), None)
    shown_final = next((shown for _t, shown, *_ in reversed(snapshots) if shown is not None), None)
    over_count = max(0, (shown_final[0] if shown_final else 0) - db["voters_acknowledged"])
    first_send_to_last_ack = last_ack - load["started"]
    return {
        "voters": len(plans),
        "changers": sum(1 for p in plans if p["second"] is not None),
        "doublers": sum(1 for p in plans if p["double"]),
        "requests": sum(load["recorder"].statuses.values()),
        "statuses": recorder.statuses,
        "retries": recorder.retries,
        "failed": len(recorder.failed),
        "send_seconds": first_send_to_last_ack,
        "first_votes_seconds": max((t for t, _i, _o, first in recorder.acks if first), default=last_ack)
        - load["started"],
        "vote_p50": percentile(recorder.latencies, 50),
        "vote_p95": percentile(recorder.latencies, 95),
        "vote_max": max(recorder.latencies, default=float("nan")),
        "visible_p50": percentile(visible, 50),
        "visible_p95": percentile(visible, 95),
        "visible_max": max(visible, default=float("nan")),
        "converged_ms": (converged - last_ack) * 1000 if converged else float("inf"),
        "presenter_polls": len(snapshots),
        "presenter_204": sum(1 for s in snapshots if s[2] == 204),
        "presenter_p50": percentile([s[3] for s in snapshots], 50),
        "presenter_p95": percentile([s[3] for s in snapshots], 95),
        "final_shown": shown_final,
        "final_expected": final,
        "cpu_gunicorn": cpu["gunicorn"],
        "cpu_postgres": cpu["postgres"],
        "cpu_redis": cpu["redis"],
        "cpu_client": cpu["client"],
        "load_before": load["load"][0],
        "load_after": load["load"][1],
        # For a closer look (JSON only): per presenter poll, seconds since the first vote, voters shown, status,
        # and how many participants had their first vote acknowledged by then.
        "timeline": [
            (
                round(t - load["started"], 3),
                shown[0] if shown else None,
                status,
                len({index for t_ack, index, _option, first in recorder.acks if first and t_ack <= t}),
            )
            for t, shown, status, _ms in snapshots
        ],
        "cache": "Redis" if args.redis_url else "in-process",
        **db,
        "double": db["double"] + over_count,
    }


def main():
    args = parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    from pgserver import PostgresServer

    secret_key = secrets.token_urlsafe(50)
    data_dir = tempfile.mkdtemp(prefix="crosscluster-voting-")
    pg = None
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        pg = PostgresServer(Path(tempfile.gettempdir()) / "crosscluster-bench-voting-pg", fresh=args.fresh)
        print(f"starting PostgreSQL in {pg.data_dir} on 127.0.0.1:{pg.port}")
        database_url = pg.start("crosscluster_voting")
    server = redis = redis_url = None
    try:
        if args.cache != "local":
            redis, redis_url = start_redis()
            if redis is None and args.cache == "redis":
                raise SystemExit("redis-server not found (Debian: apt-get install redis-server)")
        setup_django(database_url, data_dir, secret_key, redis_url)
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        t0 = time.monotonic()
        world = prepare(args.voters)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"prepared {args.voters:,} participants with sessions in {time.monotonic() - t0:.1f} s")
        plans = plan_votes(world, args)
        server, base, gunicorn_command = start_gunicorn(database_url, data_dir, secret_key, args.workers, redis_url)
        print(f"gunicorn on {base}: {gunicorn_command}; cache: {'Redis' if redis_url else 'in-process'}")
        postmaster = []
        if pg is not None:  # our own server: its postmaster and the backends it forks
            postmaster = [int((pg.data_dir / "postmaster.pid").read_text().split()[0])]

        def cpu_meter():
            return {
                "gunicorn": process_cpu([server.pid]),
                "postgres": process_cpu(postmaster) if postmaster else float("nan"),
                "redis": process_cpu([redis.pid]) if redis is not None else 0.0,
                "client": time.process_time(),
                "load": os.getloadavg()[0],
            }

        args.redis_url = redis_url
        load = asyncio.run(run_load(base, world, plans, args, cpu_meter))
        cpu = load["cpu"]
        connection.close()
        db = check_database(world, plans, load["recorder"])
        summary = summarise(world, plans, load, db, cpu, args)
        facts = machine_facts()
        block = render_markdown(summary, facts, args)
        print(block)
        (RESULTS / "voting_load.json").write_text(
            json.dumps({"facts": facts, "summary": summary, "args": vars(args)}, indent=2, default=str)
        )
        if not args.no_doc:
            write_doc(block)
            print(f"written to {DOC.relative_to(ROOT)}")
        if summary["lost"] or summary["double"]:
            raise SystemExit(f"lost {summary['lost']}, double {summary['double']}: the one-vote rule broke")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=30)
        if pg is not None:
            from django.db import connections

            connections.close_all()
            pg.stop()


if __name__ == "__main__":
    main()
