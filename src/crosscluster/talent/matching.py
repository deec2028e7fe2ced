"""Talent matching: the rows as matching documents, one live index per kind of row, and the match lists.

- job → candidates (for the employer; only profiles whose owners consent are ever indexed or shown),
- candidate → jobs (for the person, on their own profile, consent or not),
- staff request → staff offers, and staff offer → staff requests (an organisation never sees its own posts).

Query documents carry no id unless they are in the searched index themselves: the engine never returns the
query's own id, and a job's id may well equal some profile's id.
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction

from crosscluster.matchindex import LiveIndex
from crosscluster.matching import CANDIDATE, JOB, STAFF_DEMAND, STAFF_SUPPLY, Document, MatchingInputError, SkillRef
from crosscluster.matching.directions import STAFF_WEIGHTS
from crosscluster.matching.esco import taxonomy

from .models import JobPosting, MatchNotification, StaffPost, WorkerProfile

logger = logging.getLogger(__name__)

# Matches below this score share next to nothing with the query (the period alone gives 0.05) and are not shown.
MIN_SCORE = 0.2
# New matches at least this good are e-mailed (once per pair).
NOTIFY_MIN_SCORE = getattr(settings, "TALENT_NOTIFY_MIN_SCORE", 0.55)
NOTIFY_LIMIT = 25


def _float(value):
    return None if value is None else float(value)


def _text(obj, field):
    return {"de": getattr(obj, f"{field}_de") or "", "en": getattr(obj, f"{field}_en") or ""}


def _occupation(uri):
    return uri if uri and taxonomy().occupation_index(uri) is not None else None


def _skills(rows, *, level=True):
    """Skill rows as engine skills; a URI the shipped taxonomy does not know (any more) is left out."""
    known = taxonomy().skill_index
    return [
        SkillRef(row.uri, level=row.level if level else None, essential=getattr(row, "essential", True))
        for row in rows
        if known(row.uri) is not None
    ]


def job_document(job: JobPosting, *, as_query: bool = False) -> Document:
    return Document(
        id=None if as_query else job.pk,
        kind=JOB,
        title=_text(job, "title"),
        text=_text(job, "description"),
        skills=_skills(job.skills.all(), level=False),
        occupation=_occupation(job.occupation_uri),
        lat=_float(job.latitude),
        lon=_float(job.longitude),
        remote=job.remote_share / 100,
        available_from=job.start_date,
        attributes={"organisation": job.organisation_id, "contract_type": job.contract_type},
    )


def profile_document(profile: WorkerProfile, *, as_query: bool = False) -> Document:
    return Document(
        id=None if as_query else profile.pk,
        kind=CANDIDATE,
        title=_text(profile, "headline"),
        text=_text(profile, "about"),
        skills=_skills(profile.skills.all()),
        occupation=_occupation(profile.occupation_uri),
        lat=_float(profile.latitude),
        lon=_float(profile.longitude),
        radius_km=_float(profile.commute_km),
        relocate=profile.relocate,
        available_from=profile.available_from,
        available_to=profile.available_to,
        attributes={"user": profile.user_id, "languages": [row.language for row in profile.languages.all()]},
    )


def staff_document(post: StaffPost) -> Document:
    return Document(
        id=post.pk,
        kind=STAFF_SUPPLY if post.is_offer else STAFF_DEMAND,
        title=_text(post, "title"),
        text=_text(post, "description"),
        skills=_skills(post.skills.all()),
        occupation=_occupation(post.occupation_uri),
        lat=_float(post.latitude),
        lon=_float(post.longitude),
        radius_km=_float(post.radius_km),
        available_from=post.period_from,
        available_to=post.period_to,
        attributes={"organisation": post.organisation_id},
    )


JOBS = LiveIndex(
    "talent-jobs",
    model=JobPosting,
    live=lambda qs: qs.filter(status=JobPosting.Status.PUBLISHED),
    document=job_document,
    related=("skills",),
)
PROFILES = LiveIndex(
    "talent-profiles",
    model=WorkerProfile,
    live=lambda qs: qs.filter(consent=True, user__is_active=True),
    document=profile_document,
    related=("skills", "languages"),
)
STAFF = LiveIndex(
    "talent-staff",
    model=StaffPost,
    live=lambda qs: qs.filter(status=StaffPost.Status.PUBLISHED),
    document=staff_document,
    related=("skills",),
)
INDEXES = (JOBS, PROFILES, STAFF)


def reset_indexes() -> None:
    """Forget every index; the next search builds it from the database (tests, after bulk changes)."""
    for live_index in INDEXES:
        live_index.reset()


# What a match must share with the query to be shown: the place and the period alone are no reason.
SUBSTANCE = ("skills", "text", "occupation")


def substantial(match) -> bool:
    """True when the match shares skills, words or the occupation with the query (when the query has any)."""
    active = [c for name, c in match.explanation.components.items() if name in SUBSTANCE]
    return not active or any(c.score > 0 for c in active)


def _reload(pairs, queryset):
    """The matched rows again with what their match cards show, in the same order (one query each)."""
    pairs = [(row, match) for row, match in pairs if substantial(match)]
    rows = queryset.in_bulk([row.pk for row, _match in pairs])
    return [(rows[row.pk], match) for row, match in pairs if row.pk in rows]


def _safely(search, what):
    try:
        return search()
    except MatchingInputError:  # a row the engine refuses must not take the page down
        logger.exception("talent matching failed for %s", what)
        return []


def candidates_for_job(job: JobPosting, *, user=None, k: int = 10, min_score: float = MIN_SCORE):
    """Consenting profiles that fit the posting, best first, as (profile, match)."""
    visible = WorkerProfile.objects.visible_to(user).consenting() if user is not None else None
    pairs = _safely(
        lambda: PROFILES.matches(
            job_document(job, as_query=True), "job_to_candidates", k=k, visible=visible, min_score=min_score
        ),
        f"job {job.pk}",
    )
    return _reload(pairs, WorkerProfile.objects.select_related("user").prefetch_related("skills"))


def jobs_for_profile(profile: WorkerProfile, *, user=None, k: int = 10, min_score: float = MIN_SCORE):
    """Published postings that fit the profile, best first, as (job, match)."""
    visible = JobPosting.objects.visible_to(user) if user is not None else None
    pairs = _safely(
        lambda: JOBS.matches(
            profile_document(profile, as_query=True), "candidate_to_jobs", k=k, visible=visible, min_score=min_score
        ),
        f"profile {profile.pk}",
    )
    return _reload(pairs, JobPosting.objects.select_related("organisation"))


def staff_matches(post: StaffPost, *, user=None, k: int = 10, min_score: float = MIN_SCORE):
    """For a request the offers that fit it; for an offer the requests it fits; never the organisation's own."""
    visible = StaffPost.objects.visible_to(user) if user is not None else StaffPost.objects.all()
    exclude = {"organisation": post.organisation_id}
    if not post.is_offer:
        pairs = _safely(
            lambda: STAFF.matches(
                staff_document(post), "staff_demand_to_supply", k=k, visible=visible, min_score=min_score,
                exclude=exclude,
            ),
            f"staff post {post.pk}",
        )  # fmt: skip
    else:
        pairs = _safely(lambda: _requests_for_offer(post, visible, k, min_score, exclude), f"staff post {post.pk}")
    return _reload(pairs, StaffPost.objects.select_related("organisation"))


def _requests_for_offer(post, visible, k, min_score, exclude):
    """The reverse of demand → supply (the engine's presets go one way): requests whose needs the offer covers."""
    index = STAFF.index
    wanted = k
    while True:
        found = index.search(
            staff_document(post),
            wanted,
            filters={"kind": STAFF_DEMAND},
            exclude=exclude,
            weights=STAFF_WEIGHTS,
            requirements="document",
        )
        good = [m for m in found if m.score > min_score]
        rows = visible.published().filter(kind=StaffPost.Kind.REQUEST).in_bulk([m.id for m in good])
        result = [(rows[m.id], m) for m in good if m.id in rows]
        if len(result) >= k or len(found) < wanted or len(good) < len(found):
            return result[:k]
        wanted *= 4


# --- notifications of new good matches ------------------------------------------------------------------------


def first_time(kind: str, source_id: int, target_id: int, score: float) -> bool:
    """Record that this pair was announced; False when it had been already (the table remembers)."""
    try:
        with transaction.atomic():
            MatchNotification.objects.create(kind=kind, source_id=source_id, target_id=target_id, score=score)
    except IntegrityError:
        return False
    return True


def notify_for_job(job_id: int) -> int:
    """Tell the candidates whose profiles fit a published posting well; returns how many were told."""
    from . import notifications

    job = JobPosting.objects.select_related("organisation").filter(pk=job_id).first()
    if job is None or not job.is_published:
        return 0
    told = 0
    for profile, match in candidates_for_job(job, k=NOTIFY_LIMIT, min_score=NOTIFY_MIN_SCORE):
        if first_time(MatchNotification.Kind.JOB_TO_CANDIDATE, job.pk, profile.pk, match.score):
            notifications.job_matches_candidate(job=job, profile=profile, score=match.score)
            told += 1
    return told


def notify_for_profile(profile_id: int) -> int:
    """Tell the employers whose published postings fit a consenting profile well."""
    from . import notifications

    profile = WorkerProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None or not profile.consent:
        return 0
    told = 0
    for job, match in jobs_for_profile(profile, k=NOTIFY_LIMIT, min_score=NOTIFY_MIN_SCORE):
        if first_time(MatchNotification.Kind.CANDIDATE_TO_EMPLOYER, profile.pk, job.pk, match.score):
            notifications.candidate_matches_job(job=job, profile=profile, score=match.score)
            told += 1
    return told


def notify_for_staff_post(post_id: int) -> int:
    """Tell the organisations whose published posts fit a newly published staff post well."""
    from . import notifications

    post = StaffPost.objects.select_related("organisation").filter(pk=post_id).first()
    if post is None or not post.is_published:
        return 0
    told = 0
    for other, match in staff_matches(post, k=NOTIFY_LIMIT, min_score=NOTIFY_MIN_SCORE):
        request, offer = (other, post) if post.is_offer else (post, other)
        if first_time(MatchNotification.Kind.STAFF, request.pk, offer.pk, match.score):
            notifications.staff_post_matches(post=post, other=other, score=match.score)
            told += 1
    return told
