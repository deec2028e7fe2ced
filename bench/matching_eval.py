"""Ranking quality of the matching engine on an evaluation set built from ESCO, against a plain TF-IDF baseline.

    python3 -m uv run --frozen python bench/matching_eval.py            # about 2 minutes; writes docs/benchmarks.md
    python3 -m uv run --frozen python bench/matching_eval.py --quick    # 300 occupations, no file written

Protocol (nothing here was written by us: occupations, labels and skill lists are ESCO's):

* Occupations with at least 6 essential skills. For each, 3 *profiles* (the documents for job → candidates) and
  1 *posting* (the query); for candidate → jobs the roles swap (1 profile as query, 2 postings as documents).
* A profile: as title one label of its occupation (preferred or alternative, German from ESCO's German labels
  where available in half of the cases, else English); as skills a random half of the occupation's essential
  skills (at least 3), a fifth of its optional skills, and 2 skills of another random occupation (a past job).
* A posting: a title drawn from the occupation's labels *not used by its profiles* (when there are enough),
  language again random; as required skills a random 40 % of the essential skills (at least 3), drawn
  independently of the profiles, so query and documents share only some skills, and nothing in the query is
  a copy of a document.
* Relevance from ESCO: same occupation = 2, another occupation of the same ISCO-08 unit group = 1, else 0.
  P@10 counts documents with relevance ≥ 1, nDCG@10 uses gains 2^rel − 1 against the ideal ranking of the whole
  collection, MRR is the reciprocal rank of the first document of the same occupation.
* Related skills from co-occurrence in occupations would leak the test occupations' skill lists into the engine,
  so the occupations are split into two halves and each half's queries use related skills computed from the
  other half only (plus ESCO's skill–skill relations and hierarchy, which do not come from occupation lists).
  The shipped table (all occupations) is reported separately as an optimistic figure.
* Baseline: TF-IDF (raw term counts × smoothed idf, L2-normalised, cosine) over lower-cased words of title plus
  the English labels of the skills, query and document alike; no stemming, no folding.

Limits: the profiles and postings are generated from the taxonomy, so skill lists are cleaner than real ones;
ISCO unit groups are a coarse notion of "relevant" (a welder and a flame cutter share a group, a welder and a
metal worker in another group count as irrelevant); text is short (titles only, no free descriptions, since
ESCO's description is the same for every document of an occupation and would make the task trivial).
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from scipy import sparse

from crosscluster.matching import CANDIDATE, JOB, Document, Index, SkillRef
from crosscluster.matching.directions import TALENT_WEIGHTS
from crosscluster.matching.esco import Occupation, Taxonomy, skill_specificity, taxonomy
from crosscluster.matching.esco.related import (
    RELATION_WEIGHT,
    SOURCE_COOCCURRENCE,
    SOURCE_ESCO,
    SOURCE_HIERARCHY,
    cooccurrence_pairs,
    merge_related,
)

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "docs" / "benchmarks.md"
SEED = 20241123
K = 10


@dataclass
class Item:
    id: str
    occupation: int
    title: str
    language: str
    skills: list[int]
    essential: set[int]


# -- evaluation set ---------------------------------------------------------------------------------------------


def labels(occupation: Occupation, language: str) -> list[str]:
    if language == "de":
        return [part for part in occupation.label_de.split("/") if part] + list(occupation.alt_de)
    return [occupation.label_en, *occupation.alt_en]


def pick_title(rng: random.Random, occupation: Occupation, used: set[str]) -> tuple[str, str]:
    language = "de" if occupation.label_de and rng.random() < 0.5 else "en"
    options = labels(occupation, language)
    fresh = [label for label in options if label not in used]
    title = rng.choice(fresh or options)
    used.add(title)
    return title, language


def profile(rng, tx: Taxonomy, occupation: Occupation, number: int, used: set[str], others) -> Item:
    essential = rng.sample(occupation.essential, max(3, len(occupation.essential) // 2))
    optional = rng.sample(occupation.optional, len(occupation.optional) // 5)
    past = rng.choice(others)
    noise = rng.sample(past.essential, min(2, len(past.essential)))
    title, language = pick_title(rng, occupation, used)
    skills = list(dict.fromkeys(essential + optional + noise))
    return Item(f"p{occupation.index}-{number}", occupation.index, title, language, skills, set())


def posting(rng, occupation: Occupation, number: int, used: set[str]) -> Item:
    required = rng.sample(occupation.essential, max(3, round(len(occupation.essential) * 0.4)))
    title, language = pick_title(rng, occupation, used)
    return Item(f"j{occupation.index}-{number}", occupation.index, title, language, required, set(required))


def evaluation_set(tx: Taxonomy, limit: int | None):
    rng = random.Random(SEED)
    eligible = [o for o in tx.occupations if len(o.essential) >= 6]
    if limit:
        eligible = rng.sample(eligible, limit)
    profiles, postings = [], []
    for occupation in eligible:
        used: set[str] = set()
        profiles.extend(profile(rng, tx, occupation, n, used, eligible) for n in range(3))
        postings.extend(posting(rng, occupation, n, used) for n in range(2))
    return eligible, profiles, postings


def as_document(tx: Taxonomy, item: Item, kind: str, *, with_text: bool = False) -> Document:
    text = " ".join(tx.skills[s].label_en for s in item.skills) if with_text else ""
    return Document(
        id=item.id,
        kind=kind,
        title={item.language: item.title},
        text={"en": text} if text else "",
        skills=[SkillRef(tx.skills[s].uri, essential=(not item.essential) or s in item.essential) for s in item.skills],
    )


# -- related skills per fold ----------------------------------------------------------------------------------------


def related_from(tx: Taxonomy, occupations: list[Occupation], esco_pairs, hierarchy_pairs):
    triples = [(o.index, s, True) for o in occupations for s in o.essential]
    triples += [(o.index, s, False) for o in occupations for s in o.optional]
    return merge_related(
        {
            SOURCE_COOCCURRENCE: cooccurrence_pairs(triples, len(tx.skills)),
            SOURCE_ESCO: esco_pairs,
            SOURCE_HIERARCHY: hierarchy_pairs,
        }
    )


def taxonomy_relation_pairs(tx: Taxonomy):
    """ESCO's own skill-skill and hierarchy relations, recovered from the shipped related table."""
    esco, hierarchy = [], []
    for skill, related in tx.related.items():
        for other, _, source in related:
            if source == SOURCE_ESCO:
                esco.append((skill, other, RELATION_WEIGHT))
            elif source == SOURCE_HIERARCHY:
                hierarchy.append((skill, other, RELATION_WEIGHT))
    return esco, hierarchy


# -- baseline -------------------------------------------------------------------------------------------------------

_WORDS = re.compile(r"\w+")


class TfIdf:
    """Plain TF-IDF cosine: lower-cased words, raw counts × smoothed idf, L2 normalised."""

    def __init__(self, texts: list[str]):
        self.vocab: dict[str, int] = {}
        matrix = self._counts(texts, grow=True)
        df = np.bincount(matrix.indices, minlength=len(self.vocab))
        self.idf = np.log((1 + len(texts)) / (1 + df)) + 1
        self.docs = self._normalise(matrix)

    def _counts(self, texts, grow=False):
        rows, cols = [], []
        for row, text in enumerate(texts):
            for word in _WORDS.findall(text.lower()):
                col = self.vocab.setdefault(word, len(self.vocab)) if grow else self.vocab.get(word)
                if col is not None:
                    rows.append(row)
                    cols.append(col)
        shape = (len(texts), len(self.vocab))
        matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
        matrix.sum_duplicates()
        return matrix

    def _normalise(self, matrix):
        weighted = matrix.multiply(self.idf).tocsr()
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        return sparse.diags(1 / norms) @ weighted

    def scores(self, texts: list[str]) -> np.ndarray:
        return (self._normalise(self._counts(texts)) @ self.docs.T).toarray()


def baseline_text(tx: Taxonomy, item: Item) -> str:
    return item.title + " " + " ".join(tx.skills[s].label_en for s in item.skills)


# -- metrics --------------------------------------------------------------------------------------------------------


def relevance(tx: Taxonomy, query: Item, doc: Item) -> int:
    if query.occupation == doc.occupation:
        return 2
    return 1 if tx.occupations[query.occupation].isco == tx.occupations[doc.occupation].isco else 0


def metrics(tx: Taxonomy, query: Item, ranked: list[Item], documents_by_isco) -> tuple[float, float, float]:
    rels = [relevance(tx, query, d) for d in ranked[:K]]
    precision = sum(1 for r in rels if r >= 1) / K
    dcg = sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(rels))
    group = documents_by_isco[tx.occupations[query.occupation].isco]
    ideal = sorted((relevance(tx, query, d) for d in group), reverse=True)[:K]
    idcg = sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(ideal))
    reciprocal = 0.0
    for i, doc in enumerate(ranked):
        if doc.occupation == query.occupation:
            reciprocal = 1 / (i + 1)
            break
    return precision, dcg / idcg if idcg else 0.0, reciprocal


# -- running --------------------------------------------------------------------------------------------------------


def run_direction(tx, eligible, queries, documents, *, requirements, query_kind, doc_kind, log):
    by_id = {d.id: d for d in documents}
    documents_by_isco: dict[str, list[Item]] = {}
    for d in documents:
        documents_by_isco.setdefault(tx.occupations[d.occupation].isco, []).append(d)
    half = {o.index: i % 2 for i, o in enumerate(sorted(eligible, key=lambda o: o.uuid))}
    esco_pairs, hierarchy_pairs = taxonomy_relation_pairs(tx)
    fold_taxonomies = {}
    for fold in (0, 1):
        training = [o for o in eligible if half[o.index] != fold]
        fold_taxonomies[fold] = tx.with_related(
            related_from(tx, training, esco_pairs, hierarchy_pairs), skill_specificity(training, len(tx.skills))
        )
    no_related = {fold: fold_taxonomies[fold].with_related({}) for fold in (0, 1)}

    results: dict[str, list[tuple[float, float, float]]] = {}
    timings: dict[str, float] = {}

    started = time.perf_counter()
    baseline = TfIdf([baseline_text(tx, d) for d in documents])
    score_matrix = baseline.scores([baseline_text(tx, q) for q in queries])
    results["TF-IDF baseline (title + skill labels)"] = [
        metrics(tx, q, [documents[i] for i in np.argsort(-score_matrix[n], kind="stable")[:50]], documents_by_isco)
        for n, q in enumerate(queries)
    ]
    timings["TF-IDF baseline (title + skill labels)"] = time.perf_counter() - started

    docs = [as_document(tx, d, doc_kind) for d in documents]
    systems = [
        ("engine, default talent weights", "fold", TALENT_WEIGHTS, False),
        ("engine, skills only", "fold", {"skills": 1}, False),
        ("engine, text only (BM25 on title + skill labels)", "none", {"text": 1}, True),
        ("engine without related skills", "none", TALENT_WEIGHTS, False),
        ("engine without skill specificity (plain coverage)", "plain", TALENT_WEIGHTS, False),
        ("engine with the shipped related table (optimistic)", "shipped", TALENT_WEIGHTS, False),
    ]
    indexes = {
        "fold": {fold: Index.build(docs, taxonomy=fold_taxonomies[fold]) for fold in (0, 1)},
        "plain": {fold: Index.build(docs, taxonomy=fold_taxonomies[fold], skill_specificity=False) for fold in (0, 1)},
        "none": {fold: Index.build(docs, taxonomy=no_related[fold]) for fold in (0, 1)},
        "shipped": dict.fromkeys((0, 1), Index.build(docs, taxonomy=tx)),
    }
    for name, related, weights, text_query in systems:
        started = time.perf_counter()
        rows = []
        for q in queries:
            index = indexes[related][half[q.occupation]]
            query = as_document(tx, q, query_kind, with_text=text_query)
            query.id = None
            matches = index.search(query, k=50, weights=weights, requirements=requirements)
            rows.append(metrics(tx, q, [by_id[m.id] for m in matches], documents_by_isco))
        results[name] = rows
        timings[name] = time.perf_counter() - started
        log(f"  {name}: {timings[name]:.1f} s")
    return results, timings


def summarise(results) -> list[tuple[str, float, float, float]]:
    return [(name, *(float(np.mean([r[i] for r in rows])) for i in range(3))) for name, rows in results.items()]


def table(summary) -> str:
    lines = ["| system | P@10 | nDCG@10 | MRR (same occupation) |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {name} | {p:.3f} | {n:.3f} | {m:.3f} |" for name, p, n, m in summary]
    return "\n".join(lines)


def write_section(marker: str, body: str) -> None:
    text = BENCHMARKS.read_text()
    begin, end = f"<!-- {marker}:begin -->", f"<!-- {marker}:end -->"
    if begin not in text:
        outer_begin, outer_end = "<!-- matching:begin -->", "<!-- matching:end -->"
        start, stop = text.index(outer_begin) + len(outer_begin), text.index(outer_end)
        inner = text[start:stop].replace("Not measured yet.", "").strip()
        skeleton = (
            "\n<!-- matching-eval:begin -->\n<!-- matching-eval:end -->\n\n"
            "<!-- matching-speed:begin -->\n<!-- matching-speed:end -->\n"
        )
        text = text[:start] + (("\n" + inner + "\n") if inner else "") + skeleton + text[stop:]
    start, stop = text.index(begin) + len(begin), text.index(end)
    BENCHMARKS.write_text(text[:start] + "\n" + body.strip() + "\n" + text[stop:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Ranking quality of the matching engine on ESCO.")
    parser.add_argument("--quick", action="store_true", help="300 occupations, print only")
    parser.add_argument("--no-write", action="store_true", help="print only, do not touch docs/benchmarks.md")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    def log(message):
        print(message, file=sys.stderr, flush=True)

    tx = taxonomy()
    eligible, profiles, postings = evaluation_set(tx, 300 if args.quick else None)
    first_postings = [p for p in postings if p.id.endswith("-0")]
    first_profiles = [p for p in profiles if p.id.endswith("-0")]
    log(f"{len(eligible)} occupations, {len(profiles)} profiles, {len(postings)} postings")
    sections = []
    for title, queries, documents, requirements, query_kind, doc_kind in (
        ("Job posting → candidates", first_postings, profiles, "query", JOB, CANDIDATE),
        ("Candidate → job postings", first_profiles, postings, "document", CANDIDATE, JOB),
    ):
        log(title)
        results, _ = run_direction(
            tx, eligible, queries, documents, requirements=requirements, query_kind=query_kind, doc_kind=doc_kind,
            log=log,
        )  # fmt: skip
        summary = summarise(results)
        sections.append(f"**{title}** ({len(queries):,} queries, {len(documents):,} documents)\n\n{table(summary)}")
        print(f"\n{title}\n{table(summary)}")
    elapsed = time.perf_counter() - started
    command = "python3 -m uv run --frozen python bench/matching_eval.py"
    body = (
        f"### Ranking quality on ESCO (evaluation)\n\n"
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `{command}` ({elapsed:.0f} s). "
        f"{len(eligible):,} ESCO v1.1.1 occupations with at least 6 essential skills; seed {SEED}. "
        "Protocol and limits: the docstring of `bench/matching_eval.py` and `docs/matching.md`.\n\n"
        + "\n\n".join(sections)
    )
    if not args.quick and not args.no_write:
        write_section("matching-eval", body)
        log(f"written to {BENCHMARKS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
