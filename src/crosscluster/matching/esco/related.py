"""Related skills: which skills earn partial credit for one another.

Three sources, each symmetric (see ``docs/matching.md``):

* ESCO's own skill–skill relations (``skillSkillRelations.csv``): weight 0.5.
* ESCO's skill hierarchy between skills (a skill and its broader or narrower skill): weight 0.5.
* Co-occurrence in occupations: two skills required by largely the same occupations. Each skill is a vector over
  occupations (essential 1, optional 0.5); pairs whose cosine is at least ``min_cosine`` and that share at least
  ``min_support`` occupations get weight ``0.5 * cosine``; each skill keeps its ``top`` best such partners.

The co-occurrence part is a function of the occupation → skill relations it is given, so an evaluation can compute
it on some occupations and test on others.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from scipy import sparse

RELATION_WEIGHT = 0.5
SOURCE_ESCO = "esco"
SOURCE_HIERARCHY = "hierarchy"
SOURCE_COOCCURRENCE = "cooccurrence"


def cooccurrence_pairs(
    occupation_skills: Iterable[tuple[int, int, bool]],
    n_skills: int,
    *,
    min_cosine: float = 0.3,
    min_support: int = 2,
    top: int = 10,
) -> list[tuple[int, int, float]]:
    """``(skill, other, weight)`` for skills that co-occur in occupations; both directions are listed."""
    rows, cols, vals = [], [], []
    occupation_ids: dict[int, int] = {}
    for occupation, skill, essential in occupation_skills:
        rows.append(occupation_ids.setdefault(occupation, len(occupation_ids)))
        cols.append(skill)
        vals.append(1.0 if essential else 0.5)
    if not rows:
        return []
    shape = (len(occupation_ids), n_skills)
    weights = sparse.csc_matrix((np.array(vals), (np.array(rows), np.array(cols))), shape=shape)
    weights.sum_duplicates()
    weights.data = np.minimum(weights.data, 1.0)
    presence = weights.copy()
    presence.data[:] = 1.0
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=0)).ravel())
    norms[norms == 0] = 1.0
    dot = (weights.T @ weights).tocsr()
    support = (presence.T @ presence).tocsr()
    pairs = []
    for skill in range(n_skills):
        start, end = dot.indptr[skill], dot.indptr[skill + 1]
        others = dot.indices[start:end]
        cosine = dot.data[start:end] / (norms[skill] * norms[others])
        s_start, s_end = support.indptr[skill], support.indptr[skill + 1]
        shared = dict(zip(support.indices[s_start:s_end].tolist(), support.data[s_start:s_end].tolist(), strict=True))
        keep = [
            (float(c), int(o))
            for o, c in zip(others.tolist(), cosine.tolist(), strict=True)
            if o != skill and c >= min_cosine and shared.get(o, 0) >= min_support
        ]
        keep.sort(reverse=True)
        pairs.extend((skill, other, round(RELATION_WEIGHT * c, 3)) for c, other in keep[:top])
    return pairs


def merge_related(
    sources: dict[str, Iterable[tuple[int, int, float]]], *, top: int = 15
) -> dict[int, list[tuple[int, float, str]]]:
    """Symmetric union of the sources: per skill its ``top`` related skills ``(skill, weight, source)``, best first."""
    best: dict[int, dict[int, tuple[float, str]]] = {}
    for source, pairs in sources.items():
        for a, b, weight in pairs:
            if a == b:
                continue
            for x, y in ((a, b), (b, a)):
                current = best.setdefault(x, {}).get(y)
                if current is None or weight > current[0]:
                    best[x][y] = (weight, source)
    related = {}
    for skill, partners in best.items():
        ranked = sorted(partners.items(), key=lambda item: (-item[1][0], item[0]))[:top]
        related[skill] = [(other, weight, source) for other, (weight, source) in ranked]
    return related
