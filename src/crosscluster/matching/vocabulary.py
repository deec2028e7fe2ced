"""The text side of the matching index: the term vocabulary with live document frequencies, turning a query
into weighted terms (both stemmers, German compound parts), and BM25 over the segments' columns."""

from __future__ import annotations

import bisect
import math

import numpy as np

from crosscluster.matching.documents import Prepared, label_words
from crosscluster.matching.esco import Taxonomy
from crosscluster.matching.text import LANGUAGES, Stemmers

QUERY_TITLE_WEIGHT = 2.0
MAX_QUERY_WORDS = 48
LABEL_WORD_MAX_SHARE = 0.1
EXPANSION_FACTOR = 0.5
MAX_EXPANSIONS = 8
MIN_EXPANDABLE = 5


class Vocabulary:
    """Stemmed terms and their column numbers; ``df`` counts the live documents having each term."""

    def __init__(self):
        self.ids: dict[str, int] = {}
        self.terms: list[str] = []
        self.sorted_terms: list[str] = []
        self.sorted_reversed: list[str] = []
        self.df = np.zeros(1024, np.float64)

    def __len__(self) -> int:
        return len(self.terms)

    def add(self, counts: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """Columns of a document's terms (new terms get new columns) and their frequencies."""
        ids = np.empty(len(counts), np.int32)
        for i, term in enumerate(counts):
            tid = self.ids.get(term)
            if tid is None:
                tid = self.ids[term] = len(self.terms)
                self.terms.append(term)
                if self.sorted_terms or self.sorted_reversed:
                    bisect.insort(self.sorted_terms, term)
                    bisect.insort(self.sorted_reversed, term[::-1])
            ids[i] = tid
        if len(self.terms) > len(self.df):
            self.df = np.concatenate([self.df, np.zeros(max(len(self.terms), len(self.df)), np.float64)])
        return ids, np.fromiter(counts.values(), np.float32, len(counts))

    def expansions(self, stem: str) -> list[int]:
        """Vocabulary terms of which ``stem`` is the first or last part (German compounds)."""
        if not self.sorted_terms:
            self.sorted_terms = sorted(self.terms)
            self.sorted_reversed = sorted(t[::-1] for t in self.terms)
        found = set()
        for keys, probe, flip in ((self.sorted_terms, stem, False), (self.sorted_reversed, stem[::-1], True)):
            start = bisect.bisect_left(keys, probe)
            for position in range(start, min(start + 200, len(keys))):
                key = keys[position]
                if not key.startswith(probe):
                    break
                if len(key) >= len(probe) + 3:
                    found.add(self.ids[key[::-1] if flip else key])
        for split in range(4, len(stem) - 3):
            left, right = stem[:split], stem[split:]
            for head in (left, left[:-1] if left.endswith("s") else None):
                if head and head in self.ids and right in self.ids:
                    found.update((self.ids[head], self.ids[right]))
        live = [t for t in found if self.df[t] > 0]
        live.sort(key=lambda t: -self.df[t])
        return live[:MAX_EXPANSIONS]

    def query_terms(
        self, q: Prepared, stemmers: Stemmers, taxonomy: Taxonomy, skill_label_boost: float, n_docs: int
    ) -> list[tuple[str, float, list[tuple[int, float]], bool]]:
        """Per query word: (word as written, weight, [(term, factor)], typed) — both stems exact, compound parts
        at half; ``typed`` is false for words that come from the labels of the query's skills."""
        weights: dict[str, float] = {}
        for _, words in q.title_words:
            for word in words:
                weights[word] = QUERY_TITLE_WEIGHT
        for _, words in q.text_words:
            for word in words:
                weights.setdefault(word, 1.0)
        if skill_label_boost > 0:
            for skill, _, _ in q.skills:
                for word in label_words(taxonomy.skills[skill].label_en):
                    weights.setdefault(word, skill_label_boost)
        word_list = list(weights)
        stems = {lang: stemmers.stem_all(word_list, lang) for lang in LANGUAGES}
        out = []
        common = LABEL_WORD_MAX_SHARE * n_docs
        for i, word in enumerate(word_list):
            typed = word in q.surface
            variants: dict[int, float] = {}
            for lang in LANGUAGES:
                term = self.ids.get(stems[lang][i])
                if term is not None and self.df[term] > 0:
                    variants[term] = 1.0
            if not typed and any(self.df[t] > common for t in variants):
                continue  # "use", "equipment": words of skill labels that most documents have say little
            stem = stems["de"][i]
            if typed and len(stem) >= MIN_EXPANDABLE:
                for term in self.expansions(stem):
                    variants.setdefault(term, EXPANSION_FACTOR)
            if variants:
                out.append((q.surface.get(word, word), weights[word], sorted(variants.items()), typed))
        if len(out) > MAX_QUERY_WORDS:

            def value(entry):
                return entry[1] * max(f * self.idf(t, n_docs) for t, f in entry[2])

            out = sorted(out, key=value, reverse=True)[:MAX_QUERY_WORDS]
        return out

    def idf(self, term: int, n_docs: int) -> float:
        df = self.df[term]
        return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


def text_scores(query_terms, segments, vocabulary: Vocabulary, n_docs: int, n: int) -> np.ndarray:
    """BM25 of every row for the query words; of several forms of one word the best counts."""
    rows_parts, value_parts = [], []
    best = None
    for _, weight, variants, _ in query_terms:
        columns = []
        for term, share in variants:
            factor = weight * share * vocabulary.idf(term, n_docs)
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
