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

import bisect
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
    label_words,
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
    SharedSkill,
    SkillLabel,
    ordinal_date,
)
from crosscluster.matching.text import LANGUAGES, Stemmers

DEFAULT_WEIGHTS = {"text": 0.3, "skills": 0.4, "occupation": 0.1, "distance": 0.15, "time": 0.05}
REQUIREMENT_SIDES = ("query", "document")
EARTH_RADIUS_KM = 6371.0088
QUERY_TITLE_WEIGHT = 2.0
MAX_QUERY_WORDS = 48
LABEL_WORD_MAX_SHARE = 0.1
EXPANSION_FACTOR = 0.5
MAX_EXPANSIONS = 8
MIN_EXPANDABLE = 5


class _Segment:
    """Rows ``offset … offset + n`` as sparse matrices (CSR for rows, CSC for the columns a query reads)."""

    def __init__(
        self,
        offset: int,
        tf: sparse.csr_matrix,
        skill_weight: sparse.csr_matrix,
        skill_level: sparse.csr_matrix,
        avgdl: float,
        k1: float,
        b: float,
    ):
        self.offset = offset
        self.n = tf.shape[0]
        self.tf = tf
        rows = np.repeat(np.arange(self.n, dtype=np.int32), np.diff(tf.indptr))
        dl = np.asarray(tf.sum(axis=1)).ravel()
        norm = k1 * (1.0 - b + b * dl / avgdl)
        saturation = (tf.data * (k1 + 1.0) / (tf.data + norm[rows])).astype(np.float32)
        self.bm25 = sparse.csr_matrix((saturation, tf.indices, tf.indptr), shape=tf.shape).tocsc()
        self.skill_weight = skill_weight
        self.skill_level = skill_level
        order = sparse.csr_matrix(
            (np.arange(1, skill_weight.nnz + 1, dtype=np.float64), skill_weight.indices, skill_weight.indptr),
            shape=skill_weight.shape,
        ).tocsc()
        self.skill_csc_indptr = order.indptr
        self.skill_csc_rows = order.indices
        position = order.data.astype(np.int64) - 1
        self.skill_csc_level = skill_level.data[position]
        self.skill_csc_weight = skill_weight.data[position]
        self._skill_totals: tuple[int, np.ndarray] | None = None

    def skill_totals(self, specificity: np.ndarray) -> np.ndarray:
        """Per row, the sum of its skills' weight × specificity (the denominator of document-side coverage)."""
        if self._skill_totals is None or self._skill_totals[0] != id(specificity):
            self._skill_totals = (id(specificity), self.skill_weight @ specificity)
        return self._skill_totals[1]

    def row_skills(self, row: int) -> list[tuple[int, float, int]]:
        local = row - self.offset
        start, end = self.skill_weight.indptr[local], self.skill_weight.indptr[local + 1]
        return list(
            zip(
                self.skill_weight.indices[start:end].tolist(),
                self.skill_weight.data[start:end].tolist(),
                self.skill_level.data[start:end].astype(int).tolist(),
                strict=True,
            )
        )

    def text_column(self, term: int) -> tuple[np.ndarray, np.ndarray] | None:
        if term >= self.bm25.shape[1]:
            return None
        start, end = self.bm25.indptr[term], self.bm25.indptr[term + 1]
        if start == end:
            return None
        rows = self.bm25.indices[start:end]
        return (rows + self.offset if self.offset else rows), self.bm25.data[start:end]

    def row_terms(self, row: int) -> set[int]:
        local = row - self.offset
        return set(self.tf.indices[self.tf.indptr[local] : self.tf.indptr[local + 1]].tolist())

    def skill_column(self, skill: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows having ``skill``, with their level (0 = none given) and weight (1 essential, 0.5 optional)."""
        start, end = self.skill_csc_indptr[skill], self.skill_csc_indptr[skill + 1]
        rows = self.skill_csc_rows[start:end]
        return (
            (rows + self.offset if self.offset else rows),
            self.skill_csc_level[start:end],
            self.skill_csc_weight[start:end],
        )


def _csr(rows: list[tuple[np.ndarray, np.ndarray]], columns: int, dtype=np.float32) -> sparse.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    if rows:
        indptr[1:] = np.cumsum([len(cols) for cols, _ in rows])
    indices = np.concatenate([cols for cols, _ in rows]) if rows else np.zeros(0, np.int32)
    data = np.concatenate([vals for _, vals in rows]) if rows else np.zeros(0, dtype)
    return sparse.csr_matrix((data.astype(dtype), indices.astype(np.int32), indptr), shape=(len(rows), columns))


def _resize(matrix: sparse.csr_matrix, columns: int) -> sparse.csr_matrix:
    if matrix.shape[1] == columns:
        return matrix
    return sparse.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], columns))


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
        self._vocab: dict[str, int] = {}
        self._terms: list[str] = []
        self._sorted_terms: list[str] = []
        self._sorted_reversed: list[str] = []
        self._df = np.zeros(1024, np.float64)
        self._records: list[Prepared | None] = []
        self._row_of: dict[Hashable, int] = {}
        self._n = 0
        self._n_alive = 0
        self._arrays: dict[str, np.ndarray] = {}
        self._main: _Segment | None = None
        self._delta_rows: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        self._delta: _Segment | None = None
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

    def _term_ids(self, counts: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        ids = np.empty(len(counts), np.int32)
        for i, term in enumerate(counts):
            tid = self._vocab.get(term)
            if tid is None:
                tid = self._vocab[term] = len(self._terms)
                self._terms.append(term)
                if self._sorted_terms or self._sorted_reversed:
                    bisect.insort(self._sorted_terms, term)
                    bisect.insort(self._sorted_reversed, term[::-1])
            ids[i] = tid
        if len(self._terms) > len(self._df):
            self._df = np.concatenate([self._df, np.zeros(max(len(self._terms), len(self._df)), np.float64)])
        return ids, np.fromiter(counts.values(), np.float32, len(counts))

    def _prepare_row(self, doc: Document) -> tuple[Prepared, tuple]:
        p = prepare(doc, self.taxonomy)
        counts = term_frequencies(
            p, self._stemmers, self.taxonomy, title_boost=self.title_boost, skill_label_boost=self.skill_label_boost
        )
        terms, tfs = self._term_ids(counts)
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
            tf = _csr([(r[0], r[1]) for r in rows], len(self._terms))
            self._df[: len(self._terms)] = np.bincount(tf.indices, minlength=len(self._terms))
            self._main = self._segment(0, tf, rows)
            self._delta_rows = []
            self._delta = None

    def _segment(self, offset: int, tf: sparse.csr_matrix, rows: list[tuple], avgdl: float | None = None) -> _Segment:
        skill_w = _csr([(r[2], r[3]) for r in rows], self._n_skills)
        skill_l = _csr([(r[2], r[4]) for r in rows], self._n_skills)
        if avgdl is None:
            lengths = np.asarray(tf.sum(axis=1)).ravel()
            self._avgdl = avgdl = float(lengths.mean()) if len(lengths) and lengths.mean() > 0 else 1.0
        return _Segment(offset, tf, skill_w, skill_l, avgdl, self.k1, self.b)

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
            self._df[data[0]] += 1
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
        self._df[terms] -= 1
        self._n_alive -= 1
        return True

    def compact(self) -> None:
        """Merge the delta segment into the main one and drop removed rows (also done automatically)."""
        with self._lock:
            self._compact()

    def _compact(self) -> None:
        alive = np.flatnonzero(self._arrays["alive"][: self._n])
        segments = [s for s in (self._main, self._delta_segment()) if s is not None]
        columns = len(self._terms)
        tf = sparse.vstack([_resize(s.tf, columns) for s in segments], format="csr")[alive]
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
        self._main = _Segment(0, tf, skill_w, skill_l, self._avgdl, self.k1, self.b)
        self._delta_rows, self._delta = [], None

    def _delta_segment(self) -> _Segment | None:
        if not self._delta_rows:
            return None
        if self._delta is None:
            offset = self._main.n if self._main else 0
            tf = _csr([(r[0], r[1]) for r in self._delta_rows], len(self._terms))
            self._delta = self._segment(offset, tf, self._delta_rows, avgdl=self._avgdl if self._main else None)
        return self._delta

    def _segments(self) -> list[_Segment]:
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
            "terms": len(self._terms),
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
            query_terms = self._query_terms(q)
            raw = self._text_scores(query_terms, n)
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

    def _expansions(self, stem: str) -> list[int]:
        """Vocabulary terms of which ``stem`` is the first or last part (German compounds)."""
        if not self._sorted_terms:
            self._sorted_terms = sorted(self._terms)
            self._sorted_reversed = sorted(t[::-1] for t in self._terms)
        found = set()
        for keys, probe, flip in ((self._sorted_terms, stem, False), (self._sorted_reversed, stem[::-1], True)):
            start = bisect.bisect_left(keys, probe)
            for position in range(start, min(start + 200, len(keys))):
                key = keys[position]
                if not key.startswith(probe):
                    break
                if len(key) >= len(probe) + 3:
                    found.add(self._vocab[key[::-1] if flip else key])
        for split in range(4, len(stem) - 3):
            left, right = stem[:split], stem[split:]
            for head in (left, left[:-1] if left.endswith("s") else None):
                if head and head in self._vocab and right in self._vocab:
                    found.update((self._vocab[head], self._vocab[right]))
        live = [t for t in found if self._df[t] > 0]
        live.sort(key=lambda t: -self._df[t])
        return live[:MAX_EXPANSIONS]

    def _query_terms(self, q: Prepared) -> list[tuple[str, float, list[tuple[int, float]], bool]]:
        """Per query word: (word as written, weight, [(term, factor)], typed) — both stems exact, compound parts
        at half; ``typed`` is false for words that come from the labels of the query's skills."""
        weights: dict[str, float] = {}
        for _, words in q.title_words:
            for word in words:
                weights[word] = QUERY_TITLE_WEIGHT
        for _, words in q.text_words:
            for word in words:
                weights.setdefault(word, 1.0)
        if self.skill_label_boost > 0:
            for skill, _, _ in q.skills:
                for word in label_words(self.taxonomy.skills[skill].label_en):
                    weights.setdefault(word, self.skill_label_boost)
        word_list = list(weights)
        stems = {lang: self._stemmers.stem_all(word_list, lang) for lang in LANGUAGES}
        n_docs = max(self._n_alive, 1)
        out = []
        common = LABEL_WORD_MAX_SHARE * n_docs
        for i, word in enumerate(word_list):
            typed = word in q.surface
            variants: dict[int, float] = {}
            for lang in LANGUAGES:
                term = self._vocab.get(stems[lang][i])
                if term is not None and self._df[term] > 0:
                    variants[term] = 1.0
            if not typed and any(self._df[t] > common for t in variants):
                continue  # "use", "equipment": words of skill labels that most documents have say little
            stem = stems["de"][i]
            if typed and len(stem) >= MIN_EXPANDABLE:
                for term in self._expansions(stem):
                    variants.setdefault(term, EXPANSION_FACTOR)
            if variants:
                out.append((q.surface.get(word, word), weights[word], sorted(variants.items()), typed))
        if len(out) > MAX_QUERY_WORDS:

            def value(entry):
                return entry[1] * max(f * self._idf(t, n_docs) for t, f in entry[2])

            out = sorted(out, key=value, reverse=True)[:MAX_QUERY_WORDS]
        return out

    def _idf(self, term: int, n_docs: int) -> float:
        df = self._df[term]
        return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))

    def _text_scores(self, query_terms, n: int) -> np.ndarray:
        segments = self._segments()
        n_docs = max(self._n_alive, 1)
        rows_parts, value_parts = [], []
        best = None
        for _, weight, variants, _ in query_terms:
            columns = []
            for term, share in variants:
                factor = weight * share * self._idf(term, n_docs)
                for segment in segments:
                    column = segment.text_column(term)
                    if column is not None:
                        columns.append((column[0], factor * column[1]))
            if len(columns) == 1:
                rows_parts.append(columns[0][0])
                value_parts.append(columns[0][1])
            elif columns:  # several forms of one word: the best one counts
                if best is None:
                    best = np.zeros(n, np.float32)
                for rows, values in columns:
                    best[rows] = np.maximum(best[rows], values)
                touched = np.flatnonzero(best)
                rows_parts.append(touched)
                value_parts.append(best[touched].copy())
                best[touched] = 0.0
        if not rows_parts:
            return np.zeros(n)
        return np.bincount(np.concatenate(rows_parts), weights=np.concatenate(value_parts), minlength=n)

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
        doc_occ = self._arrays["occupation"][:n]
        known = doc_occ >= 0
        safe = np.where(known, doc_occ, 0)
        isco4 = np.where(known, self._occ_isco4[safe], -1)
        broader = np.where(known, self._occ_broader[safe], -1)
        q_isco4 = self._occ_isco4[occupation]
        q_broader = self._occ_broader[occupation]
        score = np.zeros(n)
        score[known & (isco4 // 10 == q_isco4 // 10)] = 0.25
        score[known & (isco4 == q_isco4)] = 0.5
        score[known & ((broader == occupation) | ((doc_occ == q_broader) & (q_broader >= 0)))] = 0.75
        score[doc_occ == occupation] = 1.0
        return score

    def _distance_scores(self, q: Prepared, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Haversine distance to every row (float32: metres of error, twice as fast), then the distance score."""
        a = self._arrays
        if q.has_location:
            q_lat, q_lon = math.radians(q.lat), math.radians(q.lon)
            half_lat = np.sin((a["lat"][:n] - np.float32(q_lat)) * np.float32(0.5))
            half_lon = np.sin((a["lon"][:n] - np.float32(q_lon)) * np.float32(0.5))
            h = half_lat * half_lat + np.float32(math.cos(q_lat)) * a["coslat"][:n] * half_lon * half_lon
            distance = np.float32(2 * EARTH_RADIUS_KM) * np.arcsin(np.sqrt(np.minimum(h, np.float32(1.0))))
        else:
            distance = np.full(n, np.nan, np.float32)
        radius = np.maximum(a["radius"][:n], np.float32(q.radius_km))
        radius[radius <= 0] = self.default_radius_km
        near = np.exp(np.maximum(distance - radius, np.float32(0.0)) * np.float32(-1.0 / self.distance_decay_km))
        near[np.isnan(distance)] = 0.5
        remote = np.maximum(a["remote"][:n], np.float32(q.remote))
        score = remote + (np.float32(1.0) - remote) * near
        if q.relocate:
            score[:] = 1.0
        else:
            score[a["relocate"][:n]] = 1.0
        return score, distance, radius

    def _time_scores(self, q: Prepared, n: int) -> tuple[np.ndarray, tuple[float, float]]:
        start, end = q.start, q.end
        if start == -math.inf:
            start = end - self.horizon_days + 1
        if end == math.inf:
            end = start + self.horizon_days - 1
        length = end - start + 1
        overlap = np.minimum(end, self._arrays["end"][:n]) - np.maximum(start, self._arrays["start"][:n]) + 1
        return np.clip(overlap, 0.0, None) / length, (start, end)

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
            self._explain_skills(explanation, q, record, segment.row_skills(row), requirements)
        if "occupation" in scores:
            explanation.occupation_relation = self._occupation_relation(q.occupation, record.occupation)
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

    def _explain_skills(self, explanation, q: Prepared, record: Prepared, record_skills, requirements: str) -> None:
        skills = self.taxonomy.skills
        if requirements == "query":
            required, offered = q.skills, record_skills
        else:
            required, offered = record_skills, q.skills
        explanation.skills_implied_by_occupation = record.skills_implied
        have = {s: level for s, _, level in offered}
        for skill, weight, level in required:
            essential = weight >= 1.0
            if skill in have:
                credit = min(1.0, have[skill] / level) if level and have[skill] else 1.0
                item = skills[skill]
                explanation.shared_skills.append(SharedSkill(item.uri, item.label_en, "exact", credit, essential))
                continue
            best = None
            for other, credit, relation in self.taxonomy.related.get(skill, ()):
                if other in have and (best is None or credit > best[1]):
                    best = (other, credit, relation)
            if best is not None:
                other, credit, relation = best
                if level and have[other]:
                    credit *= min(1.0, have[other] / level)
                item, wanted = skills[other], skills[skill]
                explanation.shared_skills.append(
                    SharedSkill(
                        item.uri, item.label_en, "related", credit, essential, wanted.uri, wanted.label_en, relation
                    )
                )
            if essential:
                explanation.missing_essential_skills.append(SkillLabel(skills[skill].uri, skills[skill].label_en))
        explanation.shared_skills.sort(key=lambda s: (s.match != "exact", not s.essential, -s.credit, s.label))

    def _occupation_relation(self, wanted: int, found: int) -> str | None:
        if found < 0:
            return None
        if found == wanted:
            return "same"
        if self._occ_broader[found] == wanted:
            return "narrower"
        if self._occ_broader[wanted] == found:
            return "broader"
        if self._occ_isco4[found] == self._occ_isco4[wanted]:
            return "isco_unit_group"
        if self._occ_isco4[found] // 10 == self._occ_isco4[wanted] // 10:
            return "isco_minor_group"
        return None


__all__ = ["DEFAULT_WEIGHTS", "Index", "RESERVED_ATTRIBUTES"]
