"""Speed of the matching engine: index build, top-20 query latency and upsert → matchable, at 100,000 documents.

    flock /tmp/crosscluster-cpu.lock python3 -m uv run --frozen --group bench python bench/matching_bench.py
    python3 -m uv run --frozen python bench/matching_bench.py --quick      # 10,000 documents, nothing written

The documents are synthetic but realistic candidate profiles built from the shipped ESCO taxonomy: German or
English titles (preferred or alternative labels of a real occupation), 25–60 words cut from the occupation's ESCO
description plus two personal lines, 5–20 of the occupation's skills with levels, locations scattered around 30
German cities, commute radius, remote share, relocation, availability periods, contract types and languages.
Queries are job postings made the same way (other random occupations), searched with the job → candidates preset
(requirements on the query side, a quarter of them with a contract-type filter), and candidate profiles searched
with requirements on the document side over all documents. Each query is timed end to end: checking the query,
scoring all documents, picking the top 20 and building their explanations. Runs in one process on one core for
numpy (no BLAS is involved); bounded by the number of documents and queries (about 2 minutes at 100,000).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

from crosscluster.matching import CANDIDATE, JOB, Document, Index, SkillRef, candidates_for_job
from crosscluster.matching.esco import Taxonomy, taxonomy

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "docs" / "benchmarks.md"

# (city, lat, lon, weight ~ population in 100k)
CITIES = [
    ("Berlin", 52.52, 13.405, 37),
    ("Hamburg", 53.551, 9.994, 19),
    ("München", 48.137, 11.575, 15),
    ("Köln", 50.938, 6.960, 11),
    ("Frankfurt am Main", 50.110, 8.682, 8),
    ("Stuttgart", 48.776, 9.183, 6),
    ("Düsseldorf", 51.227, 6.774, 6),
    ("Leipzig", 51.340, 12.375, 6),
    ("Dortmund", 51.514, 7.465, 6),
    ("Essen", 51.456, 7.012, 6),
    ("Bremen", 53.079, 8.802, 6),
    ("Dresden", 51.050, 13.738, 6),
    ("Hannover", 52.376, 9.732, 5),
    ("Nürnberg", 49.452, 11.077, 5),
    ("Duisburg", 51.434, 6.762, 5),
    ("Bochum", 51.482, 7.216, 4),
    ("Kiel", 54.323, 10.123, 2),
    ("Lübeck", 53.866, 10.686, 2),
    ("Rostock", 54.092, 12.099, 2),
    ("Münster", 51.960, 7.626, 3),
    ("Freiburg", 47.999, 7.842, 2),
    ("Magdeburg", 52.120, 11.628, 2),
    ("Erfurt", 50.978, 11.029, 2),
    ("Mainz", 49.993, 8.247, 2),
    ("Saarbrücken", 49.240, 6.997, 2),
    ("Augsburg", 48.371, 10.898, 3),
    ("Regensburg", 49.013, 12.101, 2),
    ("Flensburg", 54.794, 9.446, 1),
    ("Cuxhaven", 53.861, 8.694, 1),
    ("Stade", 53.600, 9.476, 1),
]
PERSONAL_DE = [
    "Mehrjährige Berufserfahrung im Schichtbetrieb.",
    "Führerschein Klasse B vorhanden.",
    "Suche eine neue Herausforderung in einem Team.",
    "Weiterbildung zum Meister abgeschlossen.",
    "Erfahrung in der Ausbildung von Nachwuchskräften.",
    "Sehr gute Deutsch- und gute Englischkenntnisse.",
    "Bereit für Montageeinsätze und Reisen.",
]
PERSONAL_EN = [
    "Several years of experience in shift work.",
    "Driving licence available.",
    "Looking for a new challenge in a friendly team.",
    "Completed further training as a master craftsman.",
    "Experienced in training apprentices.",
    "Fluent German and good English.",
    "Open to assignments on site and travel.",
]
CONTRACTS = ["full_time", "part_time", "temporary", "freelance"]


class Generator:
    def __init__(self, taxonomy: Taxonomy, seed: int = 7):
        self.taxonomy = taxonomy
        self.random = random.Random(seed)
        self.occupations = [o for o in taxonomy.occupations if len(o.essential) >= 5]
        self.city_weights = [c[3] for c in CITIES]

    def _place(self) -> tuple[str, float, float]:
        city, lat, lon, _ = self.random.choices(CITIES, self.city_weights)[0]
        return city, lat + self.random.gauss(0, 0.12), lon + self.random.gauss(0, 0.18)

    def _title(self, occupation) -> tuple[str, str]:
        german = occupation.label_de and self.random.random() < 0.6
        if german:
            labels = [occupation.label_de.split("/")[0], *occupation.alt_de]
        else:
            labels = [occupation.label_en, *occupation.alt_en]
        return ("de" if german else "en"), self.random.choice(labels)

    def _text(self, occupation, language: str, city: str) -> str:
        description = occupation.description(language).split()
        start = self.random.randrange(max(1, len(description) - 30))
        words = description[start : start + self.random.randint(25, 60)]
        personal = PERSONAL_DE if language == "de" else PERSONAL_EN
        place = f"Standort {city}." if language == "de" else f"Based in {city}."
        return " ".join(words) + " " + " ".join(self.random.sample(personal, 2)) + " " + place

    def _skills(self, occupation, essential: int, optional: int, *, levels: bool, mark: bool) -> list[SkillRef]:
        chosen = self.random.sample(occupation.essential, min(essential, len(occupation.essential)))
        extra = self.random.sample(occupation.optional, min(optional, len(occupation.optional)))
        return [
            SkillRef(
                self.taxonomy.skills[s].uri,
                level=self.random.randint(1, 5) if levels and self.random.random() < 0.7 else None,
                essential=not mark or s in chosen,
            )
            for s in chosen + extra
        ]

    def _period(self) -> tuple[date, date | None]:
        start = date(2025, 1, 1) + timedelta(days=self.random.randrange(540))
        end = None if self.random.random() < 0.5 else start + timedelta(days=self.random.randint(30, 365))
        return start, end

    def profile(self, number: int) -> Document:
        occupation = self.random.choice(self.occupations)
        language, title = self._title(occupation)
        city, lat, lon = self._place()
        start, end = self._period()
        return Document(
            id=f"p{number}",
            kind=CANDIDATE,
            title={language: title},
            text={language: self._text(occupation, language, city)},
            skills=self._skills(
                occupation, self.random.randint(5, 14), self.random.randint(0, 6), levels=True, mark=False
            ),
            lat=lat,
            lon=lon,
            radius_km=self.random.choice([10, 20, 30, 50, 80]),
            remote=self.random.choice([0, 0, 0, 0.5, 1.0]),
            relocate=self.random.random() < 0.1,
            available_from=start,
            available_to=end,
            attributes={
                "contract_type": self.random.sample(CONTRACTS, self.random.randint(1, 2)),
                "languages": ["de", "en"] if self.random.random() < 0.5 else ["de"],
            },
        )

    def job(self, number: int) -> Document:
        occupation = self.random.choice(self.occupations)
        language, title = self._title(occupation)
        city, lat, lon = self._place()
        start, _ = self._period()
        return Document(
            id=f"j{number}",
            kind=JOB,
            title={language: title},
            text={language: self._text(occupation, language, city)},
            skills=self._skills(
                occupation, self.random.randint(4, 10), self.random.randint(0, 5), levels=True, mark=True
            ),
            lat=lat,
            lon=lon,
            remote=self.random.choice([0, 0, 0, 0.4, 1.0]),
            available_from=start,
            attributes={"contract_type": self.random.choice(CONTRACTS)},
        )


# -- measuring ------------------------------------------------------------------------------------------------------


def rss_mb() -> float:
    try:
        import psutil

        return psutil.Process().memory_info().rss / 2**20
    except ImportError:  # without the bench group: current RSS from /proc
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(values: list[float]) -> dict[str, float]:
    ms = np.array(values) * 1000
    return {
        "n": len(ms),
        "p50": float(np.percentile(ms, 50)),
        "p95": float(np.percentile(ms, 95)),
        "p99": float(np.percentile(ms, 99)),
        "max": float(ms.max()),
    }


def as_query(doc: Document, kind: str) -> Document:
    doc.id = None
    doc.kind = kind
    return doc


def run(n_docs: int, n_queries: int, n_upserts: int, log) -> dict:
    tx = taxonomy()
    generator = Generator(tx, seed=11)
    result: dict = {"documents": n_docs}

    started = time.perf_counter()
    docs = [generator.profile(i) for i in range(n_docs)]
    result["generate_s"] = time.perf_counter() - started
    log(f"generated {n_docs:,} profiles in {result['generate_s']:.1f} s")
    rss_before = rss_mb()

    gc.collect()
    started, cpu = time.perf_counter(), time.process_time()
    index = Index.build(docs)
    result["build_s"] = time.perf_counter() - started
    result["build_cpu_s"] = time.process_time() - cpu
    result["stats"] = index.stats
    log(f"built in {result['build_s']:.1f} s: {index.stats}")
    del docs
    gc.collect()
    result["rss_index_mb"] = rss_mb() - rss_before
    result["rss_after_build_mb"] = rss_mb()

    jobs = [as_query(generator.job(i), JOB) for i in range(n_queries)]
    profiles = [as_query(generator.profile(10_000_000 + i), CANDIDATE) for i in range(n_queries // 2)]
    started = time.perf_counter()
    candidates_for_job(index, jobs[0])
    result["first_query_ms"] = (time.perf_counter() - started) * 1000
    for warm in jobs[1:4]:
        candidates_for_job(index, warm)

    timings: dict[str, list[float]] = {"job → candidates": [], "job → candidates, filtered": [], "document side": []}
    lengths = []
    for number, job in enumerate(jobs):
        filters = {"contract_type": job.attributes["contract_type"]} if number % 4 == 3 else None
        started = time.perf_counter()
        matches = candidates_for_job(index, job, k=20, filters=filters)
        elapsed = time.perf_counter() - started
        timings["job → candidates, filtered" if filters else "job → candidates"].append(elapsed)
        lengths.append(len(matches))
    for profile in profiles:
        started = time.perf_counter()
        index.search(profile, k=20, requirements="document")
        timings["document side"].append(time.perf_counter() - started)
    result["latency"] = {name: percentiles(values) for name, values in timings.items()}
    result["latency"]["all queries"] = percentiles([v for values in timings.values() for v in values])
    result["results_per_query"] = min(lengths)
    log(f"queries: {result['latency']['all queries']}")

    upsert_ms, visible_ms, found = [], [], 0
    for i in range(n_upserts):
        new = generator.profile(20_000_000 + i)
        query = Document(title=new.title, skills=new.skills, kind=JOB, lat=new.lat, lon=new.lon)
        started = time.perf_counter()
        index.upsert(new)
        upserted = time.perf_counter()
        matches = candidates_for_job(index, query, k=20)
        visible = time.perf_counter()
        found += any(m.id == new.id for m in matches)
        upsert_ms.append((upserted - started) * 1000)
        visible_ms.append((visible - started) * 1000)
    result["upsert"] = {
        "n": n_upserts,
        "found_in_top20": found,
        "upsert_p50_ms": statistics.median(upsert_ms),
        "upsert_max_ms": max(upsert_ms),
        "matchable_p50_ms": statistics.median(visible_ms),
        "matchable_max_ms": max(visible_ms),
    }
    started = time.perf_counter()
    index.compact()
    result["compact_s"] = time.perf_counter() - started
    result["peak_rss_mb"] = peak_rss_mb()
    log(f"upserts: {result['upsert']}, compact {result['compact_s']:.2f} s")
    return result


def report(result: dict, command: str, elapsed: float) -> str:
    latency = result["latency"]
    worst_p95 = max(v["p95"] for v in latency.values())
    u = result["upsert"]
    met = lambda ok: "**met**" if ok else "**not met**"  # noqa: E731
    lines = [
        "### Speed (benchmark)",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `{command}` ({elapsed:.0f} s in all).",
        "",
        f"- Machine: {os.cpu_count()} cores, Linux {platform.release()}, Python {platform.python_version()}, "
        f"NumPy {np.__version__}; the machine's two cores are shared with other work (runs are serialised "
        "with `flock`), the benchmark uses one.",
        f"- Data: {result['documents']:,} synthetic candidate profiles from ESCO occupations "
        f"({result['stats']['terms']:,} distinct terms), see the docstring of `bench/matching_bench.py`.",
        f"- Index build: **{result['build_s']:.1f} s** wall, {result['build_cpu_s']:.1f} s CPU "
        f"(target < 60 s: {met(result['build_s'] < 60)}); the index takes about {result['rss_index_mb']:.0f} MB "
        f"(RSS growth), peak RSS of the whole run {result['peak_rss_mb']:.0f} MB including the generated documents.",
        f"- Top-20 query latency p95 over all {latency['all queries']['n']} queries: "
        f"**{latency['all queries']['p95']:.1f} ms**; worst p95 of a query type {worst_p95:.1f} ms "
        f"(target < 100 ms: {met(worst_p95 < 100)}). First query after the build: {result['first_query_ms']:.0f} ms "
        "(builds the sorted vocabulary for compound matching).",
        f"- Upsert → matchable: a new profile is found in the top 20 of a query made from it in "
        f"{u['found_in_top20']} of {u['n']} cases; upsert {u['upsert_p50_ms']:.1f} ms median "
        f"(max {u['upsert_max_ms']:.1f} ms), upsert plus the search that finds it {u['matchable_p50_ms']:.1f} ms "
        f"median (max {u['matchable_max_ms']:.1f} ms): no rebuild. Merging the delta segment into the main one "
        f"(`compact()`, automatic when the delta passes 5 % of the documents) took {result['compact_s']:.2f} s.",
        "",
        "| query type | queries | p50 ms | p95 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, v in latency.items():
        lines.append(f"| {name} | {v['n']} | {v['p50']:.1f} | {v['p95']:.1f} | {v['p99']:.1f} | {v['max']:.1f} |")
    return "\n".join(lines)


def write_section(marker: str, body: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from matching_eval import write_section as write

    write(marker, body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Speed of the matching engine.")
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300, help="job queries; half as many document-side ones")
    parser.add_argument("--upserts", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="10,000 documents, 60 queries, nothing written")
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/benchmarks.md")
    args = parser.parse_args(argv)
    if args.quick:
        args.docs, args.queries, args.upserts, args.no_write = 10_000, 60, 10, True

    def log(message):
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    result = run(args.docs, args.queries, args.upserts, log)
    elapsed = time.perf_counter() - started
    command = "flock /tmp/crosscluster-cpu.lock python3 -m uv run --frozen --group bench python bench/matching_bench.py"
    if (args.docs, args.queries, args.upserts) != (100_000, 300, 50):
        command += f" --docs {args.docs} --queries {args.queries} --upserts {args.upserts}"
    body = report(result, command, elapsed)
    print(body)
    if not args.no_write:
        write_section("matching-speed", body)
        log(f"written to {BENCHMARKS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
