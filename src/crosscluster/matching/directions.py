"""The five matching directions of the marketplace and talent areas, as presets over :meth:`Index.search`.

Each direction fixes which kind of document is searched, which side states the required skills and the default
weights. The marketplace leans on text and distance (offers are described in words, goods travel), talent on
skills, staff exchange on skills and the period. Callers may pass their own ``weights``, ``filters`` and
``exclude`` (e.g. ``exclude={"organisation": 12}`` so an organisation does not see its own offers).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crosscluster.matching.documents import CANDIDATE, JOB, OFFER, REQUEST, STAFF_DEMAND, STAFF_SUPPLY, Document
from crosscluster.matching.explain import Match
from crosscluster.matching.index import Index

MARKETPLACE_WEIGHTS = {"text": 0.5, "skills": 0.15, "occupation": 0.0, "distance": 0.25, "time": 0.1}
TALENT_WEIGHTS = {"text": 0.25, "skills": 0.45, "occupation": 0.1, "distance": 0.15, "time": 0.05}
STAFF_WEIGHTS = {"text": 0.15, "skills": 0.45, "occupation": 0.05, "distance": 0.15, "time": 0.2}


@dataclass(frozen=True)
class Direction:
    name: str
    query_kind: str
    document_kind: str
    requirements: str  # which side states the required skills: "query" or "document"
    weights: Mapping[str, float]
    same_category: bool = False  # marketplace: only documents of the query's category (when it has one)


DIRECTIONS = {
    d.name: d
    for d in (
        Direction("request_to_offers", REQUEST, OFFER, "query", MARKETPLACE_WEIGHTS, same_category=True),
        Direction("offer_to_requests", OFFER, REQUEST, "document", MARKETPLACE_WEIGHTS, same_category=True),
        Direction("job_to_candidates", JOB, CANDIDATE, "query", TALENT_WEIGHTS),
        Direction("candidate_to_jobs", CANDIDATE, JOB, "document", TALENT_WEIGHTS),
        Direction("staff_demand_to_supply", STAFF_DEMAND, STAFF_SUPPLY, "query", STAFF_WEIGHTS),
    )
}


def match(
    index: Index,
    query: Document,
    direction: str,
    *,
    k: int = 20,
    filters: Mapping[str, Any] | None = None,
    exclude: Mapping[str, Any] | None = None,
    weights: Mapping[str, float] | None = None,
) -> list[Match]:
    """Ranked matches for ``query`` in one of the five directions (see ``DIRECTIONS``)."""
    preset = DIRECTIONS.get(direction)
    if preset is None:
        raise ValueError(f"direction: must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    conditions = dict(filters or {})
    conditions["kind"] = preset.document_kind
    if preset.same_category and query.category is not None and "category" not in conditions:
        conditions["category"] = query.category
    return index.search(
        query,
        k,
        filters=conditions,
        exclude=exclude,
        weights=preset.weights if weights is None else weights,
        requirements=preset.requirements,
    )


def offers_for_request(index: Index, request: Document, **options: Any) -> list[Match]:
    return match(index, request, "request_to_offers", **options)


def requests_for_offer(index: Index, offer: Document, **options: Any) -> list[Match]:
    return match(index, offer, "offer_to_requests", **options)


def candidates_for_job(index: Index, job: Document, **options: Any) -> list[Match]:
    return match(index, job, "job_to_candidates", **options)


def jobs_for_candidate(index: Index, candidate: Document, **options: Any) -> list[Match]:
    return match(index, candidate, "candidate_to_jobs", **options)


def staff_for_demand(index: Index, demand: Document, **options: Any) -> list[Match]:
    return match(index, demand, "staff_demand_to_supply", **options)
