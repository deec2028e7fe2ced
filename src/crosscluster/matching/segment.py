"""Rows of the matching index as SciPy sparse matrices (see ``index.py``)."""

from __future__ import annotations

import numpy as np
from scipy import sparse


class Segment:
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


def csr_rows(rows: list[tuple[np.ndarray, np.ndarray]], columns: int, dtype=np.float32) -> sparse.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    if rows:
        indptr[1:] = np.cumsum([len(cols) for cols, _ in rows])
    indices = np.concatenate([cols for cols, _ in rows]) if rows else np.zeros(0, np.int32)
    data = np.concatenate([vals for _, vals in rows]) if rows else np.zeros(0, dtype)
    return sparse.csr_matrix((data.astype(dtype), indices.astype(np.int32), indptr), shape=(len(rows), columns))


def resize_columns(matrix: sparse.csr_matrix, columns: int) -> sparse.csr_matrix:
    if matrix.shape[1] == columns:
        return matrix
    return sparse.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], columns))
