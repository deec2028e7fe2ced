"""Writes to the directory. Every function runs in one transaction and leaves an audit-log entry."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from crosscluster.accounts import audit

from .models import Cluster, Membership, Organisation

# Words the web UI uses in URLs next to slugs ("/organisations/new/"): never a slug.
RESERVED_SLUGS = {"new", "export", "import", "manage"}


def unique_slug(model, name: str, *, exclude_pk=None) -> str:
    base = slugify(name.replace("ß", "ss"))[:100] or "org"
    slug, n = base, 1
    qs = model.objects.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while slug in RESERVED_SLUGS or qs.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


@transaction.atomic
def create_organisation(*, acting_user, data: dict, industries=(), topics=(), represent=False) -> Organisation:
    _require(acting_user, "directory.add_organisation")
    organisation = Organisation(**data)
    if not organisation.slug:
        organisation.slug = unique_slug(Organisation, organisation.name)
    organisation.full_clean()
    organisation.save()
    organisation.industries.set(industries)
    organisation.topics.set(topics)
    if represent and acting_user.is_authenticated:
        organisation.representatives.add(acting_user)
    audit.log("organisation.created", actor=acting_user, obj=organisation)
    return organisation


@transaction.atomic
def update_organisation(
    organisation: Organisation, *, acting_user, data: dict, industries=None, topics=None
) -> Organisation:
    _require(acting_user, "directory.change_organisation", organisation)
    changed = {}
    for field, value in data.items():
        if getattr(organisation, field) != value:
            changed[field] = str(value)[:200]
            setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    if industries is not None:
        organisation.industries.set(industries)
    if topics is not None:
        organisation.topics.set(topics)
    audit.log("organisation.updated", actor=acting_user, obj=organisation, changed=sorted(changed))
    return organisation


def _live_membership(organisation, cluster):
    return Membership.objects.filter(
        organisation=organisation, cluster=cluster, status__in=Membership.LIVE_STATUSES
    ).first()


@transaction.atomic
def request_membership(*, acting_user, organisation: Organisation, cluster: Cluster, message="") -> Membership:
    """A member representative asks for their organisation to join a cluster."""
    _require(acting_user, "directory.request_membership", organisation)
    if existing := _live_membership(organisation, cluster):
        raise ValidationError(
            _("%(organisation)s already has a membership in %(cluster)s (%(status)s).")
            % {"organisation": organisation, "cluster": cluster, "status": existing.get_status_display()}
        )
    membership = Membership.objects.create(
        organisation=organisation, cluster=cluster, status=Membership.Status.REQUESTED, message=message
    )
    audit.log("membership.requested", actor=acting_user, obj=membership)
    return membership


@transaction.atomic
def invite_organisation(*, acting_user, organisation: Organisation, cluster: Cluster, message="") -> Membership:
    """A cluster manager invites an organisation; its representatives accept."""
    _require(acting_user, "directory.manage_members", cluster)
    if existing := _live_membership(organisation, cluster):
        raise ValidationError(
            _("%(organisation)s already has a membership in %(cluster)s (%(status)s).")
            % {"organisation": organisation, "cluster": cluster, "status": existing.get_status_display()}
        )
    membership = Membership.objects.create(
        organisation=organisation, cluster=cluster, status=Membership.Status.INVITED, message=message
    )
    audit.log("membership.invited", actor=acting_user, obj=membership)
    return membership


@transaction.atomic
def approve_membership(membership: Membership, *, acting_user) -> Membership:
    """The other side says yes: the manager approves a request, a representative accepts an invitation."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == Membership.Status.REQUESTED:
        _require(acting_user, "directory.manage_members", membership.cluster)
    elif membership.status == Membership.Status.INVITED:
        if not (
            acting_user.is_coordinator or acting_user.has_perm("directory.request_membership", membership.organisation)
        ):
            raise PermissionDenied
    else:
        raise ValidationError(_("Only requested or invited memberships can be approved."))
    membership.status = Membership.Status.ACTIVE
    membership.since = membership.since or timezone.localdate()
    membership.save()
    audit.log("membership.approved", actor=acting_user, obj=membership)
    return membership


@transaction.atomic
def decline_membership(membership: Membership, *, acting_user) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status not in (Membership.Status.REQUESTED, Membership.Status.INVITED):
        raise ValidationError(_("Only requested or invited memberships can be declined."))
    if not (
        acting_user.has_perm("directory.manage_members", membership.cluster)
        or acting_user.has_perm("directory.request_membership", membership.organisation)
    ):
        raise PermissionDenied
    membership.status = Membership.Status.DECLINED
    membership.save()
    audit.log("membership.declined", actor=acting_user, obj=membership)
    return membership


@transaction.atomic
def end_membership(membership: Membership, *, acting_user, until=None) -> Membership:
    _require(acting_user, "directory.end_membership", membership)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.ACTIVE:
        raise ValidationError(_("Only active memberships can be ended."))
    until = until or timezone.localdate()
    if membership.since and until < membership.since:
        raise ValidationError(
            {
                "until": _("A membership cannot end (%(until)s) before it began (%(since)s).")
                % {"until": until.isoformat(), "since": membership.since.isoformat()}
            }
        )
    membership.status = Membership.Status.ENDED
    membership.until = until
    membership.full_clean()
    membership.save()
    audit.log("membership.ended", actor=acting_user, obj=membership, until=str(membership.until))
    return membership
