"""Writes to accounts: invitations, accepting them, profiles. Each runs in one transaction with an audit entry."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from crosscluster.directory.models import Membership
from crosscluster.directory.services import create_organisation

from . import audit
from .models import Invitation, User

Role = Invitation.Role


def send_mail_in_language(*, to: str, language: str, template: str, context: dict) -> None:
    """Render ``<template>_subject.txt``, ``.txt`` and ``.html`` in the recipient's language and send them."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()


def invitation_permission(role: str, *, cluster=None, organisation=None) -> tuple[str, object]:
    """The permission (and its object) needed to send an invitation; ValidationError for a malformed one."""
    if role in (Role.COORDINATOR, Role.INDIVIDUAL):
        if cluster is not None or organisation is not None:
            raise ValidationError(_("This role is not tied to a cluster or an organisation."))
        return f"accounts.invite_{role}", None
    if role == Role.CLUSTER_MANAGER:
        if cluster is None or organisation is not None:
            raise ValidationError({"cluster": _("Choose the cluster the new cluster manager will manage.")})
        return "accounts.invite_cluster_manager", cluster
    if role == Role.REPRESENTATIVE:
        if organisation is not None and cluster is None:
            return "accounts.invite_representative", organisation
        if organisation is None and cluster is not None:
            return "accounts.invite_new_organisation", cluster
        raise ValidationError(
            {"organisation": _("Choose the organisation to represent, or a cluster for a new organisation — not both.")}
        )
    raise ValidationError({"role": _("Unknown role.")})


def may_invite(user, role: str, *, cluster=None, organisation=None) -> bool:
    try:
        perm, obj = invitation_permission(role, cluster=cluster, organisation=organisation)
    except ValidationError:
        return False
    return user.has_perm(perm, obj)


def invitable_roles(user) -> list[str]:
    """The roles a user may invite someone to, for at least one cluster or organisation."""
    if not user.is_authenticated:
        return []
    if user.is_coordinator or user.is_superuser:
        return [Role.COORDINATOR, Role.CLUSTER_MANAGER, Role.REPRESENTATIVE, Role.INDIVIDUAL]
    roles = []
    if user.managed_clusters.exists():
        roles += [Role.CLUSTER_MANAGER, Role.REPRESENTATIVE]
    elif user.represented_organisations.exists():
        roles.append(Role.REPRESENTATIVE)
    return roles


def has_role(user: User, invitation: Invitation) -> bool:
    if invitation.role == Role.COORDINATOR:
        return user.is_coordinator
    if invitation.role == Role.CLUSTER_MANAGER:
        return invitation.cluster.managers.filter(pk=user.pk).exists()
    if invitation.role == Role.REPRESENTATIVE and invitation.organisation_id:
        return invitation.organisation.representatives.filter(pk=user.pk).exists()
    return False


def invite(*, acting_user, email, role, cluster=None, organisation=None, language, message="") -> Invitation:
    """Invite someone by e-mail to a role; the e-mail goes out once the invitation is stored."""
    perm, obj = invitation_permission(role, cluster=cluster, organisation=organisation)
    if not acting_user.has_perm(perm, obj):
        raise PermissionDenied(perm)
    email = User.objects.normalize_email(email).strip().lower()
    with transaction.atomic():
        existing = User.objects.filter(email__iexact=email).first()
        invitation = Invitation(
            email=email,
            role=role,
            cluster=cluster,
            organisation=organisation,
            language=language,
            message=message.strip(),
            invited_by=acting_user,
            expires=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        if existing is not None and has_role(existing, invitation):
            raise ValidationError({"email": _("%(email)s already has this role.") % {"email": email}})
        pending = Invitation.objects.filter(
            email__iexact=email,
            role=role,
            cluster=cluster,
            organisation=organisation,
            accepted__isnull=True,
            revoked__isnull=True,
            expires__gt=timezone.now(),
        )
        if pending.exists():
            raise ValidationError(
                {"email": _("%(email)s already has a pending invitation to this role.") % {"email": email}}
            )
        invitation.full_clean()
        invitation.save()
        audit.log("invitation.sent", actor=acting_user, obj=invitation, role=role, email=email)
    send_invitation_email(invitation)
    return invitation


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("accounts:invitation_accept", args=[invitation.token])


def send_invitation_email(invitation: Invitation) -> None:
    send_mail_in_language(
        to=invitation.email,
        language=invitation.language,
        template="accounts/email/invitation",
        context={
            "invitation": invitation,
            "inviter": invitation.invited_by,
            "url": invitation_url(invitation),
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
    )


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, acting_user) -> Invitation:
    if not acting_user.has_perm("accounts.revoke_invitation", invitation):
        raise PermissionDenied
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != "pending":
        raise ValidationError(_("Only pending invitations can be revoked."))
    invitation.revoked = timezone.now()
    invitation.save(update_fields=["revoked"])
    audit.log("invitation.revoked", actor=acting_user, obj=invitation)
    return invitation


def _lock_usable(invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(
            _("This invitation can no longer be used (%(status)s).") % {"status": invitation.get_status_display()}
        )
    return invitation


def _grant(invitation: Invitation, user: User, organisation_data: dict | None):
    """Give ``user`` the invited role; for a new organisation, create it with an active membership."""
    if invitation.role == Role.COORDINATOR:
        user.is_coordinator = True
        user.save(update_fields=["is_coordinator"])
    elif invitation.role == Role.CLUSTER_MANAGER:
        invitation.cluster.managers.add(user)
    elif invitation.role == Role.REPRESENTATIVE and invitation.organisation_id:
        invitation.organisation.representatives.add(user)
    elif invitation.is_new_organisation:
        if not organisation_data or not organisation_data.get("name"):
            raise ValidationError({"name": _("Enter the name of your organisation.")})
        organisation = create_organisation(acting_user=user, data=organisation_data, represent=True)
        membership = Membership(
            organisation=organisation,
            cluster=invitation.cluster,
            status=Membership.Status.ACTIVE,
            since=timezone.localdate(),
        )
        membership.full_clean()
        membership.save()
        audit.log("membership.created_by_invitation", actor=user, obj=membership, invitation=invitation.pk)
    invitation.accepted = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted", "accepted_by"])
    audit.log("invitation.accepted", actor=user, obj=invitation, role=invitation.role)


@transaction.atomic
def accept_invitation_with_new_account(
    invitation: Invitation, *, first_name: str, last_name: str, password: str, organisation_data: dict | None = None
) -> User:
    """The invitee has no account yet: create it with the invitation's e-mail address and grant the role."""
    invitation = _lock_usable(invitation)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("An account with this e-mail address exists already. Please log in to accept."))
    user = User.objects.create_user(
        invitation.email, password, first_name=first_name, last_name=last_name, language=invitation.language
    )
    audit.log("user.created_by_invitation", actor=user, obj=user, invitation=invitation.pk, terms_accepted=True)
    _grant(invitation, user, organisation_data)
    return user


@transaction.atomic
def accept_invitation(invitation: Invitation, *, acting_user, organisation_data: dict | None = None) -> User:
    """A logged-in invitee adds the invited role to their account."""
    invitation = _lock_usable(invitation)
    if acting_user.email.lower() != invitation.email.lower():
        raise PermissionDenied(_("This invitation was sent to a different e-mail address."))
    _grant(invitation, acting_user, organisation_data)
    return acting_user


@transaction.atomic
def update_profile(user: User, *, acting_user, first_name: str, last_name: str, language: str) -> User:
    if acting_user.pk != user.pk:
        raise PermissionDenied
    user.first_name, user.last_name, user.language = first_name, last_name, language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name", "language"])
    audit.log("user.profile_updated", actor=acting_user, obj=user, language=language)
    return user
