"""Ranked matching for the marketplace and talent areas: a pure Python package (no Django).

Documents (offers, requests, job postings, skilled-worker profiles, staff offers and demands) go into an
:class:`Index`; a query of the same shape gets the ``k`` best documents, each with an explanation. The score
combines BM25 text relevance (German and English stemming), ESCO skill overlap with partial credit for related
skills, occupation, distance and period overlap with configurable weights. See ``docs/matching.md``.
"""

from crosscluster.matching.directions import (
    DIRECTIONS,
    candidates_for_job,
    jobs_for_candidate,
    match,
    offers_for_request,
    requests_for_offer,
    staff_for_demand,
)
from crosscluster.matching.documents import (
    CANDIDATE,
    JOB,
    OFFER,
    REQUEST,
    STAFF_DEMAND,
    STAFF_SUPPLY,
    Document,
    MatchingInputError,
    SkillRef,
)
from crosscluster.matching.explain import Explanation, Match, SharedSkill
from crosscluster.matching.index import DEFAULT_WEIGHTS, Index

__all__ = [
    "CANDIDATE",
    "DEFAULT_WEIGHTS",
    "DIRECTIONS",
    "JOB",
    "OFFER",
    "REQUEST",
    "STAFF_DEMAND",
    "STAFF_SUPPLY",
    "Document",
    "Explanation",
    "Index",
    "Match",
    "MatchingInputError",
    "SharedSkill",
    "SkillRef",
    "candidates_for_job",
    "jobs_for_candidate",
    "match",
    "offers_for_request",
    "requests_for_offer",
    "staff_for_demand",
]
