"""Matches and why they match: the explanation the UI shows next to each result.

Everything here is plain data; ``Match.to_dict()`` gives JSON-serialisable dicts (dates as ISO strings, numbers
rounded for display). The format is described in ``docs/matching.md``.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

COMPONENTS = ("text", "skills", "occupation", "distance", "time")


@dataclass(frozen=True, slots=True)
class ComponentScore:
    """One part of the score: its value in [0, 1], its weight, and what it adds to the total."""

    score: float
    weight: float
    contribution: float

    def to_dict(self) -> dict[str, float]:
        return {
            "score": round(self.score, 4),
            "weight": round(self.weight, 4),
            "contribution": round(self.contribution, 4),
        }


@dataclass(frozen=True, slots=True)
class SharedSkill:
    """A skill of the matched document that counts: ``match`` is "exact" or "related" (then ``for_uri`` and
    ``for_label`` name the requested skill it stands in for, and ``credit`` is the partial credit)."""

    uri: str
    label: str
    match: str
    credit: float
    essential: bool
    for_uri: str | None = None
    for_label: str | None = None
    relation: str | None = None  # for related skills: esco, hierarchy or cooccurrence

    def to_dict(self) -> dict[str, Any]:
        out = {"uri": self.uri, "label": self.label, "match": self.match, "credit": round(self.credit, 3)}
        out["essential"] = self.essential
        if self.match == "related":
            out.update({"for_uri": self.for_uri, "for_label": self.for_label, "relation": self.relation})
        return out


@dataclass(frozen=True, slots=True)
class SkillLabel:
    uri: str
    label: str

    def to_dict(self) -> dict[str, str]:
        return {"uri": self.uri, "label": self.label}


@dataclass(slots=True)
class Explanation:
    """Why a document matched: per-component scores and the facts behind them."""

    components: dict[str, ComponentScore] = field(default_factory=dict)
    text_terms: list[str] = field(default_factory=list)
    shared_skills: list[SharedSkill] = field(default_factory=list)
    missing_essential_skills: list[SkillLabel] = field(default_factory=list)
    skills_implied_by_occupation: bool = False
    occupation_relation: str | None = None  # same, broader, narrower, isco_unit_group, isco_minor_group
    distance_km: float | None = None
    radius_km: float | None = None
    within_radius: bool | None = None
    remote: float = 0.0
    relocate: bool = False
    overlap_from: date | None = None
    overlap_to: date | None = None
    overlap_fraction: float | None = None

    def to_dict(self) -> dict[str, Any]:
        def day(value: date | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "components": {name: c.to_dict() for name, c in self.components.items()},
            "text_terms": list(self.text_terms),
            "shared_skills": [s.to_dict() for s in self.shared_skills],
            "missing_essential_skills": [s.to_dict() for s in self.missing_essential_skills],
            "skills_implied_by_occupation": self.skills_implied_by_occupation,
            "occupation_relation": self.occupation_relation,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
            "radius_km": None if self.radius_km is None else round(self.radius_km, 1),
            "within_radius": self.within_radius,
            "remote": round(self.remote, 3),
            "relocate": self.relocate,
            "overlap_from": day(self.overlap_from),
            "overlap_to": day(self.overlap_to),
            "overlap_fraction": None if self.overlap_fraction is None else round(self.overlap_fraction, 4),
        }


@dataclass(frozen=True, slots=True)
class Match:
    id: Hashable
    kind: str
    score: float
    explanation: Explanation

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "score": round(self.score, 4), **self.explanation.to_dict()}


def ordinal_date(value: float) -> date | None:
    if not math.isfinite(value):
        return None
    return date.fromordinal(int(value))
