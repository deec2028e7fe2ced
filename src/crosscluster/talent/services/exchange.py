"""The staff exchange: staff posts (offers and requests) and the agreements organisations make on them.

Agreement workflow: proposed (the proposing side has accepted) → accepted by both → active → completed; any
current agreement can be cancelled by either side. Terms are fixed once proposed: to change them, cancel and
propose again. Only the two organisations' representatives act; cluster managers and coordinators read.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from crosscluster.accounts import audit
from crosscluster.directory.models import Organisation

from .. import legal, notifications
from ..models import StaffAgreement, StaffPost, StaffPostSkill
from .common import (
    check_occupation,
    check_period,
    check_skills,
    check_title,
    organisation_location,
    place_and_coordinates,
    require,
)
from .jobs import organisations_for

POST_FIELDS = (
    "title_de",
    "title_en",
    "description_de",
    "description_en",
    "conditions_de",
    "conditions_en",
    "head_count",
    "period_from",
    "period_to",
    "radius_km",
)
POST_STATUS_STEPS = {
    StaffPost.Status.DRAFT: (StaffPost.Status.PUBLISHED, StaffPost.Status.CLOSED),
    StaffPost.Status.PUBLISHED: (StaffPost.Status.CLOSED, StaffPost.Status.DRAFT),
    StaffPost.Status.CLOSED: (StaffPost.Status.PUBLISHED,),
}
MAX_TEXT = 5000
Side = StaffAgreement.Side
Status = StaffAgreement.Status


def _check_post(post, errors):
    if post.head_count is not None and not 1 <= post.head_count <= 1000:
        errors["head_count"] = _("The number of people must be between 1 and 1,000.")
    if post.radius_km is not None and not 1 <= post.radius_km <= 1000:
        errors["radius_km"] = _("The radius must be between 1 and 1,000 km.")
    if not post.period_from:
        errors["period_from"] = _("Enter the first day.")
    if not post.period_to:
        errors["period_to"] = _("Enter the last day.")
    if post.period_from and post.period_to and post.period_to < post.period_from:
        errors["period_to"] = _("The period cannot end before it begins.")


def _apply_post(post: StaffPost, data: dict, skills):
    errors = {}
    for field in POST_FIELDS:
        if field in data:
            setattr(post, field, data[field])
    try:
        check_title({"title_de": post.title_de, "title_en": post.title_en})
    except ValidationError as error:
        errors.update(error.message_dict)
    if "occupation_uri" in data:
        try:
            post.occupation_uri, post.occupation_label = check_occupation(
                data.get("occupation_uri") or "", data.get("occupation_label") or ""
            )
        except ValidationError as error:
            errors.update(error.message_dict)
    if {"place", "latitude", "longitude"} & set(data) or post.pk is None:
        try:
            post.place, post.latitude, post.longitude = place_and_coordinates(
                data.get("place"),
                data.get("latitude"),
                data.get("longitude"),
                default=organisation_location(post.organisation),
            )
        except ValidationError as error:
            errors.update(error.message_dict)
    checked = None
    if skills is not None:
        try:
            checked = check_skills(skills)
        except ValidationError as error:
            errors.update(error.message_dict)
    _check_post(post, errors)
    if errors:
        raise ValidationError(errors)
    post.full_clean(exclude=["organisation", "created_by"])
    return checked


def _save_post_skills(post, checked):
    if checked is None:
        return
    post.skills.all().delete()
    StaffPostSkill.objects.bulk_create(
        StaffPostSkill(post=post, uri=s.uri, label=s.label, level=s.level) for s in checked
    )


def _after_publish(post):
    from ..tasks import notify_staff_matches

    transaction.on_commit(lambda: notify_staff_matches(post_id=post.pk))


@transaction.atomic
def create_staff_post(*, acting_user, organisation: Organisation, data: dict, skills=None) -> StaffPost:
    require(acting_user, "talent.add_staffpost")
    if not organisations_for(acting_user).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    kind = data.get("kind")
    if kind not in StaffPost.Kind.values:
        raise ValidationError({"kind": _("Choose whether you offer or request staff.")})
    status = data.get("status") or StaffPost.Status.DRAFT
    if status not in (StaffPost.Status.DRAFT, StaffPost.Status.PUBLISHED):
        raise ValidationError({"status": _("A new post is saved as a draft or published.")})
    post = StaffPost(organisation=organisation, kind=kind, status=status, created_by=acting_user)
    checked = _apply_post(post, data, skills if skills is not None else [])
    if post.is_published:
        post.published_at = timezone.now()
    post.save()
    _save_post_skills(post, checked)
    audit.log("talent.staff_post_created", actor=acting_user, obj=post, kind=kind, status=status)
    if post.is_published:
        _after_publish(post)
    return post


@transaction.atomic
def update_staff_post(post: StaffPost, *, acting_user, data: dict, skills=None) -> StaffPost:
    require(acting_user, "talent.change_staffpost", post)
    post = StaffPost.objects.select_for_update().select_related("organisation").get(pk=post.pk)
    if "kind" in data and data["kind"] != post.kind:
        raise ValidationError(
            {"kind": _("An offer cannot become a request or the other way round; create a new post.")}
        )
    status = data.get("status")
    if status is not None and status != post.status and status not in POST_STATUS_STEPS[post.status]:
        raise ValidationError({"status": _("Unknown status or not allowed from the current one.")})
    checked = _apply_post(post, data, skills)
    if status is not None and status != post.status:
        post.status = status
        if post.is_published and post.published_at is None:
            post.published_at = timezone.now()
    post.save()
    _save_post_skills(post, checked)
    audit.log("talent.staff_post_updated", actor=acting_user, obj=post)
    if post.is_published:
        _after_publish(post)
    return post


@transaction.atomic
def set_staff_post_status(post: StaffPost, *, acting_user, status: str) -> StaffPost:
    require(acting_user, "talent.change_staffpost", post)
    post = StaffPost.objects.select_for_update().get(pk=post.pk)
    if status == post.status:
        return post
    if status not in POST_STATUS_STEPS.get(post.status, ()):
        raise ValidationError(
            _("A post that is “%(current)s” cannot become “%(status)s”.")
            % {"current": post.get_status_display(), "status": dict(StaffPost.Status.choices).get(status, status)}
        )
    post.status = status
    if post.is_published and post.published_at is None:
        post.published_at = timezone.now()
    post.save()
    audit.log("talent.staff_post_status", actor=acting_user, obj=post, status=status)
    if post.is_published:
        _after_publish(post)
    return post


# --- agreements -------------------------------------------------------------------------------------------------


def sides_of(user, agreement: StaffAgreement) -> set[str]:
    """The sides of an agreement the user represents (usually one, none for onlookers)."""
    if not user.is_authenticated:
        return set()
    mine = set(
        Organisation.objects.filter(
            representatives=user, pk__in=[agreement.lender_id, agreement.borrower_id]
        ).values_list("pk", flat=True)
    )
    return {
        side
        for side, org in ((Side.LENDER, agreement.lender_id), (Side.BORROWER, agreement.borrower_id))
        if org in mine
    }


def _day(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _check_terms(agreement: StaffAgreement, post: StaffPost, errors: dict) -> None:
    if agreement.legal_model not in StaffAgreement.LegalModel.values:
        errors["legal_model"] = _("Choose the legal model of the exchange.")
    if not agreement.period_from:
        errors["period_from"] = _("Enter the first day.")
    if not agreement.period_to:
        errors["period_to"] = _("Enter the last day.")
    if agreement.period_from and agreement.period_to:
        try:
            check_period(
                agreement.period_from,
                agreement.period_to,
                start_field="period_from",
                end_field="period_to",
                message=_("The period cannot end before it begins."),
            )
        except ValidationError as error:
            errors.update(error.message_dict)
        if "period_to" not in errors and (
            agreement.period_from < post.period_from or agreement.period_to > post.period_to
        ):
            errors["period_from"] = _("The period must lie within the post's period (%(start)s to %(end)s).") % {
                "start": _day(post.period_from),
                "end": _day(post.period_to),
            }
    if not isinstance(agreement.head_count, int) or not 1 <= agreement.head_count <= post.head_count:
        errors["head_count"] = _("The number of people must be between 1 and %(max)s, as in the post.") % {
            "max": post.head_count
        }
    if not (agreement.tasks or "").strip():
        errors["tasks"] = _("Describe the tasks.")
    if not (agreement.region or "").strip():
        errors["region"] = _("Enter the region or place of work.")
    for field in ("tasks", "notes"):
        if len(getattr(agreement, field) or "") > MAX_TEXT:
            errors[field] = _("At most %(max)s characters, please.") % {"max": MAX_TEXT}


@transaction.atomic
def propose_agreement(
    *, acting_user, post: StaffPost, organisation: Organisation, data: dict, own_post: StaffPost | None = None
) -> StaffAgreement:
    """Propose an agreement on another organisation's published post, for ``organisation`` (one the user
    represents). The proposing side has accepted by proposing; the other side is asked by e-mail."""
    require(acting_user, "talent.propose_agreement", post)
    post = StaffPost.objects.select_for_update().select_related("organisation").get(pk=post.pk)
    if not post.is_published:
        raise ValidationError(_("This post is no longer open for agreements."))
    if not organisation.representatives.filter(pk=acting_user.pk).exists():
        raise ValidationError({"organisation": _("Choose an organisation you represent.")})
    if organisation.pk == post.organisation_id:
        raise ValidationError({"organisation": _("An organisation cannot make an agreement with itself.")})
    errors = {}
    if own_post is not None and (
        own_post.organisation_id != organisation.pk or own_post.kind == post.kind or not own_post.is_published
    ):
        errors["own_post"] = _("Choose a published post of your organisation of the opposite kind, or none.")
    offer, request = (post, own_post) if post.is_offer else (own_post, post)
    lender, borrower = (post.organisation, organisation) if post.is_offer else (organisation, post.organisation)
    side = Side.BORROWER if post.is_offer else Side.LENDER
    now = timezone.now()
    agreement = StaffAgreement(
        lender=lender,
        borrower=borrower,
        offer=offer if "own_post" not in errors else None,
        request=request if "own_post" not in errors else None,
        legal_model=data.get("legal_model") or "",
        period_from=data.get("period_from"),
        period_to=data.get("period_to"),
        head_count=data.get("head_count"),
        tasks=(data.get("tasks") or "").strip(),
        region=(data.get("region") or "").strip()[:200],
        notes=(data.get("notes") or "").strip(),
        proposed_by=acting_user,
        proposed_by_side=side,
    )
    _check_terms(agreement, post, errors)
    if errors:
        raise ValidationError(errors)
    if side == Side.LENDER:
        agreement.lender_accepted_at, agreement.lender_accepted_by = now, acting_user
    else:
        agreement.borrower_accepted_at, agreement.borrower_accepted_by = now, acting_user
    agreement.full_clean(exclude=["proposed_by", "lender_accepted_by", "borrower_accepted_by"])
    agreement.save()
    audit.log("talent.agreement_proposed", actor=acting_user, obj=agreement, post=post.pk, side=side)
    notifications.agreement_after_commit(agreement, "proposed", acting_side=side)
    return agreement


def _locked(agreement, acting_user):
    require(acting_user, "talent.act_on_agreement", agreement)
    agreement = StaffAgreement.objects.select_for_update().get(pk=agreement.pk)
    sides = sides_of(acting_user, agreement)
    if not sides:
        raise PermissionDenied
    return agreement, sides


def _refuse(agreement, action):
    raise ValidationError(
        _("An agreement that is “%(status)s” cannot be %(action)s.")
        % {"status": agreement.get_status_display(), "action": action}
    )


@transaction.atomic
def accept_agreement(agreement: StaffAgreement, *, acting_user) -> StaffAgreement:
    agreement, sides = _locked(agreement, acting_user)
    if agreement.status != Status.PROPOSED:
        _refuse(agreement, _("accepted"))
    open_sides = [side for side in sides if not agreement.accepted_by(side)]
    if not open_sides:
        raise ValidationError(_("Your organisation has already accepted; the other side has not yet."))
    now = timezone.now()
    for side in open_sides:
        if side == Side.LENDER:
            agreement.lender_accepted_at, agreement.lender_accepted_by = now, acting_user
        else:
            agreement.borrower_accepted_at, agreement.borrower_accepted_by = now, acting_user
    if agreement.lender_accepted_at and agreement.borrower_accepted_at:
        agreement.status = Status.ACCEPTED
    agreement.save()
    audit.log("talent.agreement_accepted", actor=acting_user, obj=agreement, sides=sorted(open_sides))
    if agreement.status == Status.ACCEPTED:
        notifications.agreement_after_commit(agreement, "accepted", acting_side=open_sides[0])
    return agreement


@transaction.atomic
def activate_agreement(agreement: StaffAgreement, *, acting_user) -> StaffAgreement:
    agreement, sides = _locked(agreement, acting_user)
    if agreement.status != Status.ACCEPTED:
        _refuse(agreement, _("started"))
    agreement.status, agreement.activated_at = Status.ACTIVE, timezone.now()
    agreement.save()
    audit.log("talent.agreement_started", actor=acting_user, obj=agreement)
    notifications.agreement_after_commit(agreement, "active", acting_side=sorted(sides)[0])
    return agreement


@transaction.atomic
def complete_agreement(agreement: StaffAgreement, *, acting_user) -> StaffAgreement:
    agreement, sides = _locked(agreement, acting_user)
    if agreement.status != Status.ACTIVE:
        _refuse(agreement, _("completed"))
    agreement.status, agreement.completed_at = Status.COMPLETED, timezone.now()
    agreement.save()
    audit.log("talent.agreement_completed", actor=acting_user, obj=agreement)
    notifications.agreement_after_commit(agreement, "completed", acting_side=sorted(sides)[0])
    return agreement


@transaction.atomic
def cancel_agreement(agreement: StaffAgreement, *, acting_user, reason: str = "") -> StaffAgreement:
    agreement, sides = _locked(agreement, acting_user)
    if agreement.status not in StaffAgreement.CURRENT_STATUSES:
        _refuse(agreement, _("cancelled"))
    reason = (reason or "").strip()
    if len(reason) > MAX_TEXT:
        raise ValidationError({"reason": _("At most %(max)s characters, please.") % {"max": MAX_TEXT}})
    agreement.status, agreement.cancelled_at, agreement.cancel_reason = Status.CANCELLED, timezone.now(), reason
    agreement.save()
    audit.log("talent.agreement_cancelled", actor=acting_user, obj=agreement)
    notifications.agreement_after_commit(agreement, "cancelled", acting_side=sorted(sides)[0])
    return agreement


@transaction.atomic
def set_checklist(agreement: StaffAgreement, *, acting_user, done) -> StaffAgreement:
    """Record which checklist items the parties have settled (either side may tick or untick)."""
    agreement, _sides = _locked(agreement, acting_user)
    if agreement.status not in StaffAgreement.CURRENT_STATUSES:
        raise ValidationError(_("The checklist of a completed or cancelled agreement can no longer change."))
    keys = [item.key for item in legal.checklist(agreement.legal_model)]
    done = list(done or [])
    unknown = [str(key)[:50] for key in done if key not in keys]
    if unknown:
        raise ValidationError({"done": _("Unknown checklist items: %(items)s.") % {"items": ", ".join(unknown)}})
    agreement.checklist_done = [key for key in keys if key in done]
    agreement.save(update_fields=["checklist_done", "updated"])
    audit.log("talent.agreement_checklist", actor=acting_user, obj=agreement, done=agreement.checklist_done)
    return agreement
