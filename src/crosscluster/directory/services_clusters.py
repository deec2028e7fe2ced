"""Writes for clusters, direct memberships and deleting organisations, which ``services.py`` does not cover.

Same conventions as ``services.py``: keyword-only arguments, an explicit ``acting_user``, one transaction,
one audit-log entry, ``ValidationError``/``PermissionDenied`` for the caller to show.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from crosscluster.accounts import audit

from . import services
from .models import Cluster, Membership, Organisation


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


@transaction.atomic
def create_cluster(*, acting_user, data: dict, topics=()) -> Cluster:
    _require(acting_user, "directory.add_cluster")
    cluster = Cluster(**data)
    if not cluster.slug:
        cluster.slug = services.unique_slug(Cluster, cluster.name)
    cluster.full_clean()
    cluster.save()
    cluster.topics.set(topics)
    audit.log("cluster.created", actor=acting_user, obj=cluster)
    return cluster


@transaction.atomic
def update_cluster(cluster: Cluster, *, acting_user, data: dict, topics=None) -> Cluster:
    _require(acting_user, "directory.change_cluster", cluster)
    changed = []
    for field, value in data.items():
        if getattr(cluster, field) != value:
            changed.append(field)
            setattr(cluster, field, value)
    cluster.full_clean()
    cluster.save()
    if topics is not None:
        cluster.topics.set(topics)
    audit.log("cluster.updated", actor=acting_user, obj=cluster, changed=sorted(changed))
    return cluster


@transaction.atomic
def delete_cluster(cluster: Cluster, *, acting_user) -> None:
    _require(acting_user, "directory.delete_cluster", cluster)
    audit.log("cluster.deleted", actor=acting_user, obj=cluster, memberships=cluster.memberships.count())
    cluster.delete()


@transaction.atomic
def delete_organisation(organisation: Organisation, *, acting_user) -> None:
    _require(acting_user, "directory.delete_organisation", organisation)
    audit.log("organisation.deleted", actor=acting_user, obj=organisation)
    organisation.delete()


@transaction.atomic
def add_membership(
    *, acting_user, organisation: Organisation, cluster: Cluster, role=Membership.Role.MEMBER, message=""
) -> Membership:
    """Start a membership in the way the acting user's role allows.

    A coordinator adds an active membership, a manager of the cluster invites, a representative of the
    organisation asks to join; anyone else is refused.
    """
    if acting_user.has_perm("directory.add_cluster"):  # coordinators
        membership = services.request_membership(
            acting_user=acting_user, organisation=organisation, cluster=cluster, message=message
        )
        membership = services.approve_membership(membership, acting_user=acting_user)
    elif acting_user.has_perm("directory.manage_members", cluster):
        membership = services.invite_organisation(
            acting_user=acting_user, organisation=organisation, cluster=cluster, message=message
        )
    elif acting_user.has_perm("directory.request_membership", organisation):
        membership = services.request_membership(
            acting_user=acting_user, organisation=organisation, cluster=cluster, message=message
        )
    else:
        raise PermissionDenied("directory.add_membership")
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership
