"""The matching index: documents in sparse matrices, scored for one query in a few vectorised passes.

Layout. Rows are documents. The *main segment* holds the rows of the last build or compaction as SciPy sparse
matrices (term frequencies, BM25 term weights, skills with weight and level); rows added later by ``upsert`` go
to a small *delta segment* rebuilt on demand, and ``remove`` only marks a row dead. When the delta grows past
``max(1000, 5 %)`` of the main segment (or on ``compact()``) the live rows are stacked into a new main segment —
no text is tokenised again. Document frequencies are kept live, so BM25's idf is always that of the live rows.

Scoring. Every component is computed for every row at once and is exact (no approximate candidate set):
``score = Σ weight_c · score_c / Σ weight_c`` over the components the query can use (see ``docs/matching.md``).
Only the top ``k`` rows get an explanation.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np
from scipy import sparse

from crosscluster.matching.documents import (
    RESERVED_ATTRIBUTES,
    Document,
    MatchingInputError,
    Prepared,
    prepare,
    term_frequencies,
)
from crosscluster.matching.esco import Taxonomy
from crosscluster.matching.esco import taxonomy as shipped_taxonomy
from crosscluster.matching.explain import (
    COMPONENTS,
    ComponentScore,
    Explanation,
    Match,
    ordinal_date,
)
from crosscluster.matching.scoring import (
    distance_scores,
    explain_skills,
    occupation_relation,
    occupation_scores,
    time_scores,
)
from crosscluster.matching.segment import Segment, csr_rows, resize_columns
from crosscluster.matching.text import Stemmers
from crosscluster.matching.vocabulary import Vocabulary, text_scores

DEFAULT_WEIGHTS = {"text": 0.3, "skills": 0.4, "occupation": 0.1, "distance": 0.15, "time": 0.05}
REQUIREMENT_SIDES = ("query", "document")


def _attribute_key(value: Any) -> tuple[str, Any]:
    # True == 1 in Python; keep booleans, numbers and text apart.
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, int | float):
        return ("n", float(value))
    return ("s", value)


class Index:
    """Ranked matching of documents against queries of the same shape; see the module docstring."""

    def __init__(
        self,
        *,
        taxonomy: Taxonomy | None = None,
        k1: float = 1.2,
        b: float = 0.75,
        title_boost: float = 2.0,
        skill_label_boost: float = 0.5,
        default_radius_km: float = 25.0,
        distance_decay_km: float = 50.0,
        horizon_days: int = 90,
        weights: Mapping[str, float] | None = None,
        skill_specificity: bool = True,
    ):
        self.taxonomy = taxonomy or shipped_taxonomy()
        self.skill_specificity = skill_specificity
        self._skill_weights: np.ndarray | None = None
        self.k1, self.b = k1, b
        self.title_boost, self.skill_label_boost = title_boost, skill_label_boost
        self.default_radius_km, self.distance_decay_km, self.horizon_days = (
            default_radius_km,
            distance_decay_km,
            horizon_days,
        )
        self.weights = self.check_weights(weights) if weights is not None else dict(DEFAULT_WEIGHTS)
        self._stemmers = Stemmers()
        self._lock = threading.RLock()
        self._n_skills = len(self.taxonomy.skills)
        occupations = self.taxonomy.occupations
        self._occ_isco4 = np.array([int(o.isco) if o.isco.isdigit() else -1 for o in occupations], np.int32)
        self._occ_broader = np.array(
            [self.taxonomy.broader_occupation.get(i, -1) for i in range(len(occupations))], np.int32
        )
        self._reset()

    def _reset(self) -> None:
        self._vocabulary = Vocabulary()
        self._records: list[Prepared | None] = []
        self._row_of: dict[Hashable, int] = {}
        self._n = 0
        self._n_alive = 0
        self._arrays: dict[str, np.ndarray] = {}
        self._main: Segment | None = None
        self._delta_rows: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        self._delta: Segment | None = None
        self._avgdl = 1.0
        self._attributes: dict[str, dict[tuple[str, Any], list[int]]] = {}
        self._attribute_cache: dict[tuple[str, tuple[str, Any]], np.ndarray] = {}
        self._grow(1024)

    # -- row storage ------------------------------------------------------------------------------------------

    _ARRAY_SPECS = {
        "alive": (np.bool_, False),
        "lat": (np.float32, np.nan),  # radians
        "lon": (np.float32, np.nan),
        "coslat": (np.float32, np.nan),
        "radius": (np.float32, 0.0),
        "remote": (np.float32, 0.0),
        "relocate": (np.bool_, False),
        "start": (np.float64, -np.inf),
        "end": (np.float64, np.inf),
        "occupation": (np.int32, -1),
    }

    def _grow(self, capacity: int) -> None:
        for name, (dtype, fill) in self._ARRAY_SPECS.items():
            old = self._arrays.get(name)
            new = np.full(capacity, fill, dtype=dtype)
            if old is not None:
                new[: len(old)] = old[:capacity]
            self._arrays[name] = new

    def _set_row(self, row: int, p: Prepared) -> None:
        a = self._arrays
        a["alive"][row] = True
        a["lat"][row], a["lon"][row] = math.radians(p.lat), math.radians(p.lon)
        a["coslat"][row] = math.cos(math.radians(p.lat))
        a["radius"][row], a["remote"][row], a["relocate"][row] = p.radius_km, p.remote, p.relocate
        a["start"][row], a["end"][row] = p.start, p.end
        a["occupation"][row] = p.occupation
        for name, values in p.attributes.items():
            by_value = self._attributes.setdefault(name, {})
            for value in values:
                key = _attribute_key(value)
                by_value.setdefault(key, []).append(row)
                self._attribute_cache.pop((name, key), None)

    def _prepare_row(self, doc: Document) -> tuple[Prepared, tuple]:
        p = prepare(doc, self.taxonomy)
        counts = term_frequencies(
            p, self._stemmers, self.taxonomy, title_boost=self.title_boost, skill_label_boost=self.skill_label_boost
        )
        terms, tfs = self._vocabulary.add(counts)
        order = np.argsort(terms)
        skills = sorted(p.skills)
        skill_cols = np.array([s for s, _, _ in skills], np.int32)
        skill_w = np.array([w for _, w, _ in skills], np.float32)
        skill_l = np.array([lv for _, _, lv in skills], np.float32)
        slim = replace(p, title_words=[], text_words=[], surface={}, skills=())  # skills live in the matrices
        return slim, (terms[order], tfs[order], skill_cols, skill_w, skill_l)

    # -- building and updating --------------------------------------------------------------------------------

    @classmethod
    def build(cls, docs: Iterable[Document], **options: Any) -> Index:
        """A new index of ``docs`` (ids must be unique)."""
        index = cls(**options)
        index._build(docs)
        return index

    def _build(self, docs: Iterable[Document]) -> None:
        with self._lock:
            self._reset()
            rows = []
            for doc in docs:
                record, data = self._prepare_row(doc)
                if record.id in self._row_of:
                    raise MatchingInputError(f"document {record.id!r}: id: appears twice")
                row = len(self._records)
                if row >= len(self._arrays["alive"]):
                    self._grow(2 * row)
                self._records.append(record)
                self._row_of[record.id] = row
                self._set_row(row, record)
                rows.append(data)
            self._n = self._n_alive = len(self._records)
            tf = csr_rows([(r[0], r[1]) for r in rows], len(self._vocabulary))
            self._vocabulary.df[: len(self._vocabulary)] = np.bincount(tf.indices, minlength=len(self._vocabulary))
            self._main = self._segment(0, tf, rows)
            self._delta_rows = []
            self._delta = None

    def _segment(self, offset: int, tf: sparse.csr_matrix, rows: list[tuple], avgdl: float | None = None) -> Segment:
        skill_w = csr_rows([(r[2], r[3]) for r in rows], self._n_skills)
        skill_l = csr_rows([(r[2], r[4]) for r in rows], self._n_skills)
        if avgdl is None:
            lengths = np.asarray(tf.sum(axis=1)).ravel()
            self._avgdl = avgdl = float(lengths.mean()) if len(lengths) and lengths.mean() > 0 else 1.0
        return Segment(offset, tf, skill_w, skill_l, avgdl, self.k1, self.b)

    def upsert(self, doc: Document) -> None:
        """Add or replace one document; it is matchable on the next search (no rebuild)."""
        with self._lock:
            record, data = self._prepare_row(doc)
            self._remove(record.id)
            row = self._n
            if row >= len(self._arrays["alive"]):
                self._grow(2 * row)
            self._records.append(record)
            self._row_of[record.id] = row
            self._set_row(row, record)
            self._vocabulary.df[data[0]] += 1
            self._delta_rows.append(data)
            self._delta = None
            self._n += 1
            self._n_alive += 1
            main_rows = self._main.n if self._main else 0
            if len(self._delta_rows) > max(1000, main_rows // 20):
                self._compact()

    def remove(self, doc_id: Hashable) -> bool:
        """Remove a document; returns whether it was there."""
        with self._lock:
            return self._remove(doc_id)

    def _remove(self, doc_id: Hashable) -> bool:
        row = self._row_of.pop(doc_id, None)
        if row is None:
            return False
        self._arrays["alive"][row] = False
        self._records[row] = None
        main_rows = self._main.n if self._main else 0
        if row < main_rows:
            tf = self._main.tf
            terms = tf.indices[tf.indptr[row] : tf.indptr[row + 1]]
        else:
            terms = self._delta_rows[row - main_rows][0]
        self._vocabulary.df[terms] -= 1
        self._n_alive -= 1
        return True

    def compact(self) -> None:
        """Merge the delta segment into the main one and drop removed rows (also done automatically)."""
        with self._lock:
            self._compact()

    def _compact(self) -> None:
        alive = np.flatnonzero(self._arrays["alive"][: self._n])
        segments = [s for s in (self._main, self._delta_segment()) if s is not None]
        columns = len(self._vocabulary)
        tf = sparse.vstack([resize_columns(s.tf, columns) for s in segments], format="csr")[alive]
        skill_w = sparse.vstack([s.skill_weight for s in segments], format="csr")[alive]
        skill_l = sparse.vstack([s.skill_level for s in segments], format="csr")[alive]
        tf.sort_indices()
        skill_w.sort_indices()
        skill_l.sort_indices()
        lengths = np.asarray(tf.sum(axis=1)).ravel()
        self._avgdl = float(lengths.mean()) if len(lengths) and lengths.mean() > 0 else 1.0
        records = [self._records[r] for r in alive]
        arrays = {name: values[alive] for name, values in self._arrays.items()}
        self._records = records
        self._row_of = {r.id: i for i, r in enumerate(records)}
        self._n = self._n_alive = len(records)
        self._arrays = arrays
        self._grow(max(1024, 2 * self._n))
        self._attributes, self._attribute_cache = {}, {}
        for row, record in enumerate(records):
            for name, values in record.attributes.items():
                by_value = self._attributes.setdefault(name, {})
                for value in values:
                    by_value.setdefault(_attribute_key(value), []).append(row)
        self._main = Segment(0, tf, skill_w, skill_l, self._avgdl, self.k1, self.b)
        self._delta_rows, self._delta = [], None

    def _delta_segment(self) -> Segment | None:
        if not self._delta_rows:
            return None
        if self._delta is None:
            offset = self._main.n if self._main else 0
            tf = csr_rows([(r[0], r[1]) for r in self._delta_rows], len(self._vocabulary))
            self._delta = self._segment(offset, tf, self._delta_rows, avgdl=self._avgdl if self._main else None)
        return self._delta

    def _segments(self) -> list[Segment]:
        return [s for s in (self._main, self._delta_segment()) if s is not None]

    def __len__(self) -> int:
        return self._n_alive

    def __contains__(self, doc_id: Hashable) -> bool:
        return doc_id in self._row_of

    @property
    def stats(self) -> dict[str, int]:
        main_rows = self._main.n if self._main else 0
        return {
            "documents": self._n_alive,
            "rows": self._n,
            "delta_rows": self._n - main_rows,
            "terms": len(self._vocabulary),
        }

    # -- searching --------------------------------------------------------------------------------------------

    @staticmethod
    def check_weights(weights: Mapping[str, float]) -> dict[str, float]:
        if not isinstance(weights, Mapping):
            raise MatchingInputError("weights: must be a mapping of component to weight")
        unknown = set(weights) - set(COMPONENTS)
        if unknown:
            raise MatchingInputError(
                f"weights: unknown component {sorted(unknown)[0]!r} (known: {', '.join(COMPONENTS)})"
            )
        out = dict.fromkeys(COMPONENTS, 0.0)
        for name, value in weights.items():
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
                raise MatchingInputError(f"weights[{name!r}]: must be a number ≥ 0, not {value!r}")
            out[name] = float(value)
        return out

    def search(
        self,
        query: Document,
        k: int = 20,
        *,
        filters: Mapping[str, Any] | None = None,
        exclude: Mapping[str, Any] | None = None,
        weights: Mapping[str, float] | None = None,
        requirements: str = "query",
        kinds: Iterable[str] | None = None,
    ) -> list[Match]:
        """The ``k`` best documents for ``query``, best first, each with its explanation.

        ``filters``/``exclude``: attribute name → value or list of values a document must have / must not have
        (``kind`` and ``category`` are attributes too). ``weights``: component → weight (missing components
        weigh 0), default the index's weights. ``requirements``: which side states required skills — "query"
        (a job searching candidates: how much of the job's skills a candidate covers) or "document" (a candidate
        searching jobs: how much of each job's skills the candidate covers). The query's own id is never returned.
        """
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise MatchingInputError(f"k: must be a whole number ≥ 1, not {k!r}")
        if requirements not in REQUIREMENT_SIDES:
            raise MatchingInputError(f"requirements: must be 'query' or 'document', not {requirements!r}")
        weights = self.check_weights(weights) if weights is not None else self.weights
        q = prepare(query, self.taxonomy, role="query")
        filters = dict(filters or {})
        if kinds is not None:
            filters["kind"] = list(kinds)
        with self._lock:
            return self._search(q, k, filters, dict(exclude or {}), weights, requirements)

    def _search(self, q, k, filters, exclude, weights, requirements) -> list[Match]:
        n = self._n
        mask = self._mask(filters, exclude)
        if q.id is not None and q.id in self._row_of:
            mask[self._row_of[q.id]] = False
        if not mask.any():
            return []
        scores: dict[str, np.ndarray] = {}
        context: dict[str, Any] = {"segments": self._segments()}
        if weights["text"] > 0 and q.has_text:
            n_docs = max(self._n_alive, 1)
            query_terms = self._vocabulary.query_terms(q, self._stemmers, self.taxonomy, self.skill_label_boost, n_docs)
            raw = text_scores(query_terms, context["segments"], self._vocabulary, n_docs, n)
            best = float(raw[mask].max()) if n else 0.0
            scores["text"] = raw / best if best > 0 else raw
            context["terms"] = query_terms
        if weights["skills"] > 0 and q.skills:
            scores["skills"] = (
                self._skill_scores_query_side(q, n) if requirements == "query" else self._skill_scores_doc_side(q, n)
            )
        if weights["occupation"] > 0 and q.occupation >= 0:
            scores["occupation"] = self._occupation_scores(q.occupation, n)
        distance = None
        if weights["distance"] > 0 and (q.has_location or q.relocate or q.remote >= 1.0):
            scores["distance"], distance, context["radius"] = self._distance_scores(q, n)
        if weights["time"] > 0 and q.has_period:
            scores["time"], context["period"] = self._time_scores(q, n)

        active = sum(weights[name] for name in scores)
        total = np.zeros(n)
        for name, values in scores.items():
            total += (weights[name] / active) * values
        total[~mask] = -np.inf

        candidates = np.flatnonzero(mask)
        if len(candidates) > k:
            top = candidates[np.argpartition(-total[candidates], k - 1)[:k]]
            threshold = total[top].min()
            candidates = candidates[total[candidates] >= threshold - 1e-12]
        tie = distance[candidates] if distance is not None else np.zeros(len(candidates))
        tie = np.where(np.isnan(tie), np.inf, tie)
        order = np.lexsort((candidates, tie, -total[candidates]))
        rows = candidates[order][:k]
        shares = {name: weights[name] / active for name in scores} if active else {}
        return [self._match(int(row), q, total[row], scores, shares, distance, context, requirements) for row in rows]

    def _mask(self, filters: Mapping[str, Any], exclude: Mapping[str, Any]) -> np.ndarray:
        mask = self._arrays["alive"][: self._n].copy()
        for negate, conditions in ((False, filters), (True, exclude)):
            for name, wanted in conditions.items():
                if not isinstance(name, str):
                    raise MatchingInputError(f"filters: attribute names must be text, not {name!r}")
                values = list(wanted) if isinstance(wanted, list | tuple | set | frozenset) else [wanted]
                hits = np.zeros(self._n, np.bool_)
                for value in values:
                    hits[self._attribute_rows(name, value)] = True
                mask &= ~hits if negate else hits
        return mask

    def _attribute_rows(self, name: str, value: Any) -> np.ndarray:
        try:
            key = _attribute_key(value)
            hash(key)
        except TypeError:
            raise MatchingInputError(f"filters[{name!r}]: values must be text, numbers or booleans") from None
        cached = self._attribute_cache.get((name, key))
        if cached is None:
            rows = self._attributes.get(name, {}).get(key, [])
            cached = self._attribute_cache[(name, key)] = np.array(rows, np.int64)
        return cached

    # text ----------------------------------------------------------------------------------------------------

    # skills --------------------------------------------------------------------------------------------------

    def _specificity(self) -> np.ndarray:
        """Per skill, how much sharing it says: ``Taxonomy.specificity`` (idf over ESCO occupations), so a rare
        skill counts more than one that most occupations list. All ones when switched off."""
        if self._skill_weights is None:
            self._skill_weights = (
                np.asarray(self.taxonomy.specificity, np.float64) if self.skill_specificity else np.ones(self._n_skills)
            )
        return self._skill_weights

    def _candidates_for(self, skill: int) -> list[tuple[int, float, str | None]]:
        return [(skill, 1.0, None), *self.taxonomy.related.get(skill, ())]

    def _skill_scores_query_side(self, q: Prepared, n: int) -> np.ndarray:
        """Share of the query's (weighted) skills that each document has, related skills at partial credit."""
        total = np.zeros(n)
        best = np.zeros(n)
        segments = self._segments()
        specificity = self._specificity()
        query_skills = [(skill, weight * specificity[skill], level) for skill, weight, level in q.skills]
        for skill, weight, level in query_skills:
            touched = []
            for candidate, credit, _ in self._candidates_for(skill):
                for segment in segments:
                    rows, levels, _ = segment.skill_column(candidate)
                    if not len(rows):
                        continue
                    value = np.full(len(rows), credit)
                    if level:
                        value *= np.where(levels > 0, np.minimum(1.0, levels / level), 1.0)
                    best[rows] = np.maximum(best[rows], value)
                    touched.append(rows)
            if touched:
                rows = np.concatenate(touched)
                total[rows] += weight * best[rows]
                best[rows] = 0.0
        return total / sum(weight for _, weight, _ in query_skills)

    def _credit_vector(self, q: Prepared) -> tuple[np.ndarray, np.ndarray]:
        credit = np.zeros(self._n_skills)
        level = np.zeros(self._n_skills)
        for skill, _, skill_level in q.skills:
            for candidate, value, _ in self._candidates_for(skill):
                if value > credit[candidate]:
                    credit[candidate], level[candidate] = value, skill_level
        return credit, level

    def _skill_scores_doc_side(self, q: Prepared, n: int) -> np.ndarray:
        """Share of each document's (weighted) skills that the query has, related skills at partial credit.

        Reads only the columns of the skills the query has or is related to; the denominators (all of a row's
        skills) are cached per segment."""
        credit, query_level = self._credit_vector(q)
        specificity = self._specificity()
        scores = np.zeros(n)
        segments = self._segments()
        for skill in np.flatnonzero(credit):
            value = credit[skill] * specificity[skill]
            held = query_level[skill]
            for segment in segments:
                rows, levels, weights = segment.skill_column(int(skill))
                if not len(rows):
                    continue
                contribution = weights * value
                if held:
                    contribution = contribution * np.where(
                        levels > 0, np.minimum(1.0, held / np.maximum(levels, 1)), 1.0
                    )
                scores[rows] += contribution
        for segment in segments:
            totals = segment.skill_totals(specificity)
            part = scores[segment.offset : segment.offset + segment.n]
            with np.errstate(invalid="ignore", divide="ignore"):
                part[:] = np.where(totals > 0, part / totals, 0.0)
        return scores

    # occupation, distance, time ------------------------------------------------------------------------------

    def _occupation_scores(self, occupation: int, n: int) -> np.ndarray:
        return occupation_scores(self._arrays["occupation"][:n], self._occ_isco4, self._occ_broader, occupation)

    def _distance_scores(self, q: Prepared, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        a = self._arrays
        columns = (a["lat"][:n], a["lon"][:n], a["coslat"][:n], a["radius"][:n], a["remote"][:n], a["relocate"][:n])
        return distance_scores(*columns, q, self.default_radius_km, self.distance_decay_km)

    def _time_scores(self, q: Prepared, n: int) -> tuple[np.ndarray, tuple[float, float]]:
        return time_scores(self._arrays["start"][:n], self._arrays["end"][:n], q, self.horizon_days)

    # explanations --------------------------------------------------------------------------------------------

    def _match(self, row, q, total, scores, shares, distance, context, requirements) -> Match:
        record = self._records[row]
        explanation = Explanation(
            components={
                name: ComponentScore(float(values[row]), shares[name], shares[name] * float(values[row]))
                for name, values in scores.items()
            }
        )
        segment = next(s for s in context["segments"] if s.offset <= row < s.offset + s.n)
        if "text" in scores:
            terms = segment.row_terms(row)
            for word, _, variants, typed in context["terms"]:
                if typed and any(t in terms for t, _ in variants):
                    explanation.text_terms.append(word)
        if "skills" in scores:
            required, offered = (q.skills, segment.row_skills(row))
            if requirements == "document":
                required, offered = offered, required
            explain_skills(explanation, self.taxonomy, required, offered)
            explanation.skills_implied_by_occupation = record.skills_implied
        if "occupation" in scores:
            explanation.occupation_relation = occupation_relation(
                self._occ_isco4, self._occ_broader, q.occupation, record.occupation
            )
        if "distance" in scores:
            a = self._arrays
            km = float(distance[row])
            explanation.distance_km = None if math.isnan(km) else km
            explanation.radius_km = float(context["radius"][row])
            explanation.within_radius = None if math.isnan(km) else km <= explanation.radius_km
            explanation.remote = max(float(a["remote"][row]), q.remote)
            explanation.relocate = bool(a["relocate"][row]) or q.relocate
        if "time" in scores:
            start, end = context["period"]
            lo, hi = max(start, record.start), min(end, record.end)
            explanation.overlap_fraction = float(scores["time"][row])
            if hi >= lo:
                explanation.overlap_from, explanation.overlap_to = ordinal_date(lo), ordinal_date(hi)
        return Match(record.id, record.kind, float(total), explanation)


__all__ = ["DEFAULT_WEIGHTS", "Index", "RESERVED_ATTRIBUTES"]
