"""Offers for a request and requests for an offer, through the matching engine and the lead's ``LiveIndex``.

One live index holds every matchable post (open and still valid); the engine's marketplace directions search the
other kind within the same category, so a request for production capacity meets offers of production capacity.
A post never matches its own organisation's posts, and a match must share words with the post (same category, place
and period alone are no reason). What the viewer may not see is never shown (``visible``).

``notify_good_matches`` runs after a post is published (a background task): every counterpart scoring at least
``settings.MARKETPLACE_MATCH_NOTIFY_SCORE`` is announced to its organisation's representatives who may see the
new post, once per offer/request pair (``MatchNotice``).
"""

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from crosscluster.matchindex import LiveIndex
from crosscluster.matching import Document, Match

from .models import MatchNotice, Post

logger = logging.getLogger(__name__)

COMPONENT_LABELS = {
    "text": _("Words in common"),
    "skills": _("Skills"),
    "occupation": _("Occupation"),
    "distance": _("Distance"),
    "time": _("Period"),
}
DIRECTIONS = {Post.Kind.REQUEST: "request_to_offers", Post.Kind.OFFER: "offer_to_requests"}


def _coordinate(value):
    return None if value is None else float(value)


def post_document(post: Post) -> Document:
    return Document(
        id=post.pk,
        kind=post.kind,
        title={"de": post.title_de or "", "en": post.title_en or ""},
        text={"de": post.description_de or "", "en": post.description_en or ""},
        lat=_coordinate(post.latitude),
        lon=_coordinate(post.longitude),
        radius_km=float(post.radius_km) if post.radius_km else None,
        available_from=post.valid_from,
        available_to=post.valid_to,
        category=post.category,
        attributes={"organisation": post.organisation_id},
    )


POSTS = LiveIndex("marketplace-posts", model=Post, live=lambda qs: qs.matchable(), document=post_document)


@dataclass
class Component:
    name: str
    label: str
    score: int  # percent
    weight: int  # percent of the total


@dataclass
class MatchView:
    """A match as the pages and mails show it: the other post and the engine's explanation in plain values."""

    post: Post
    score: float
    percent: int
    components: list[Component] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    distance_km: float | None = None
    within_radius: bool | None = None
    overlap_from: date | None = None
    overlap_to: date | None = None
    overlap_percent: int | None = None
    explanation: dict = field(default_factory=dict)


def view_of(post: Post, match: Match) -> MatchView:
    explanation = match.explanation
    data = match.to_dict()
    return MatchView(
        post=post,
        score=match.score,
        percent=round(match.score * 100),
        components=[
            Component(name, str(COMPONENT_LABELS.get(name, name)), round(c.score * 100), round(c.weight * 100))
            for name, c in explanation.components.items()
        ],
        words=list(explanation.text_terms),
        skills=[s.label for s in explanation.shared_skills],
        distance_km=None if explanation.distance_km is None else round(explanation.distance_km, 1),
        within_radius=explanation.within_radius,
        overlap_from=explanation.overlap_from,
        overlap_to=explanation.overlap_to,
        overlap_percent=None if explanation.overlap_fraction is None else round(explanation.overlap_fraction * 100),
        explanation=data,
    )


def matches_for(post: Post, *, user, k: int = 10, min_score: float = 0.0) -> list[MatchView]:
    """The best counterparts of ``post`` that ``user`` may see, best first, with their explanation."""
    visible = Post.objects.visible_to(user).select_related("organisation").prefetch_related("visible_clusters")
    pairs = POSTS.matches(
        post_document(post),
        DIRECTIONS[post.kind],
        k=k,
        visible=visible,
        min_score=min_score,
        exclude={"organisation": post.organisation_id},
    )
    # Same category, near and at the same time is not yet a reason: a match shares words with the post.
    return [view_of(other, match) for other, match in pairs if _shares_words(match)]


def _shares_words(match: Match) -> bool:
    text = match.explanation.components.get("text")
    return text is not None and text.score > 0


def notify_good_matches(post_id: int) -> int:
    """Tell the organisations behind good counterparts of a newly published post; returns the mails sent."""
    from . import notifications

    post = Post.objects.matchable().select_related("organisation").filter(pk=post_id).first()
    if post is None:
        return 0
    threshold = settings.MARKETPLACE_MATCH_NOTIFY_SCORE
    pairs = POSTS.matches(
        post_document(post),
        DIRECTIONS[post.kind],
        k=50,
        visible=Post.objects.select_related("organisation"),
        exclude={"organisation": post.organisation_id},
    )
    sent = 0
    for other, match in pairs:
        if match.score < threshold or not _shares_words(match):
            continue
        offer, request = (post, other) if post.kind == Post.Kind.OFFER else (other, post)
        if MatchNotice.objects.filter(offer=offer, request=request).exists():
            continue
        readers = [
            user
            for user in other.organisation.representatives.filter(is_active=True).order_by("pk")
            if Post.objects.visible_to(user).filter(pk=post.pk).exists()
        ]
        if not readers:
            continue  # nobody there may see the new post (yet); a later publication may announce it
        try:
            with transaction.atomic():
                MatchNotice.objects.create(offer=offer, request=request, score=match.score)
        except IntegrityError:  # announced by a parallel run a moment ago
            continue
        view = view_of(post, match)
        for user in readers:
            sent += notifications.send_match_notice(user, new_post=post, own_post=other, match=view)
    return sent
