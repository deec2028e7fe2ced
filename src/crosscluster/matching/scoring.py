"""Vectorised component scores over all rows (occupation, distance, time) and the skill part of explanations.

The formulas are described in ``docs/matching.md``.
"""

from __future__ import annotations

import math

import numpy as np

from crosscluster.matching.documents import Prepared
from crosscluster.matching.esco import Taxonomy
from crosscluster.matching.explain import Explanation, SharedSkill, SkillLabel

EARTH_RADIUS_KM = 6371.0088


def occupation_scores(doc_occ: np.ndarray, occ_isco4: np.ndarray, occ_broader: np.ndarray, occupation: int):
    """1 same occupation, 0.75 direct broader/narrower, 0.5 same ISCO unit group, 0.25 same minor group."""
    known = doc_occ >= 0
    safe = np.where(known, doc_occ, 0)
    isco4 = np.where(known, occ_isco4[safe], -1)
    broader = np.where(known, occ_broader[safe], -1)
    q_isco4 = occ_isco4[occupation]
    q_broader = occ_broader[occupation]
    score = np.zeros(len(doc_occ))
    score[known & (isco4 // 10 == q_isco4 // 10)] = 0.25
    score[known & (isco4 == q_isco4)] = 0.5
    score[known & ((broader == occupation) | ((doc_occ == q_broader) & (q_broader >= 0)))] = 0.75
    score[doc_occ == occupation] = 1.0
    return score


def occupation_relation(occ_isco4: np.ndarray, occ_broader: np.ndarray, wanted: int, found: int) -> str | None:
    if found < 0:
        return None
    if found == wanted:
        return "same"
    if occ_broader[found] == wanted:
        return "narrower"
    if occ_broader[wanted] == found:
        return "broader"
    if occ_isco4[found] == occ_isco4[wanted]:
        return "isco_unit_group"
    if occ_isco4[found] // 10 == occ_isco4[wanted] // 10:
        return "isco_minor_group"
    return None


def distance_scores(lat, lon, coslat, radius, remote, relocate, q: Prepared, default_radius_km, decay_km):
    """Haversine distance to every row (float32: metres of error, twice as fast) and the distance score:
    1 within the larger radius, exponential decay beyond, remote share blended in, relocation 1."""
    n = len(lat)
    if q.has_location:
        q_lat, q_lon = math.radians(q.lat), math.radians(q.lon)
        half_lat = np.sin((lat - np.float32(q_lat)) * np.float32(0.5))
        half_lon = np.sin((lon - np.float32(q_lon)) * np.float32(0.5))
        h = half_lat * half_lat + np.float32(math.cos(q_lat)) * coslat * half_lon * half_lon
        distance = np.float32(2 * EARTH_RADIUS_KM) * np.arcsin(np.sqrt(np.minimum(h, np.float32(1.0))))
    else:
        distance = np.full(n, np.nan, np.float32)
    radius = np.maximum(radius, np.float32(q.radius_km))
    radius[radius <= 0] = default_radius_km
    near = np.exp(np.maximum(distance - radius, np.float32(0.0)) * np.float32(-1.0 / decay_km))
    near[np.isnan(distance)] = 0.5
    remote = np.maximum(remote, np.float32(q.remote))
    score = remote + (np.float32(1.0) - remote) * near
    if q.relocate:
        score[:] = 1.0
    else:
        score[relocate] = 1.0
    return score, distance, radius


def time_scores(starts: np.ndarray, ends: np.ndarray, q: Prepared, horizon_days: int):
    """Fraction of the query's period (open end: ``horizon_days``) that each row's period covers."""
    start, end = q.start, q.end
    if start == -math.inf:
        start = end - horizon_days + 1
    if end == math.inf:
        end = start + horizon_days - 1
    length = end - start + 1
    overlap = np.minimum(end, ends) - np.maximum(start, starts) + 1
    return np.clip(overlap, 0.0, None) / length, (start, end)


def explain_skills(explanation: Explanation, taxonomy: Taxonomy, required, offered) -> None:
    """Shared (exact, then related) and missing essential skills; ``required``/``offered`` are
    ``(skill row, weight, level)`` with weight 1 for essential skills."""
    skills = taxonomy.skills
    have = {s: level for s, _, level in offered}
    for skill, weight, level in required:
        essential = weight >= 1.0
        if skill in have:
            credit = min(1.0, have[skill] / level) if level and have[skill] else 1.0
            item = skills[skill]
            explanation.shared_skills.append(SharedSkill(item.uri, item.label_en, "exact", credit, essential))
            continue
        best = None
        for other, credit, relation in taxonomy.related.get(skill, ()):
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
