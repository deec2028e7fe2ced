"""Role predicates shared by every app, and who may invite whom."""

import rules


@rules.predicate
def is_coordinator(user):
    return bool(user and user.is_authenticated and (user.is_coordinator or user.is_superuser))


@rules.predicate
def is_authenticated(user):
    return bool(user and user.is_authenticated)


@rules.predicate
def is_any_cluster_manager(user):
    return bool(user and user.is_authenticated and user.managed_clusters.exists())


@rules.predicate
def is_any_representative(user):
    return bool(user and user.is_authenticated and user.represented_organisations.exists())


@rules.predicate
def manages_this_cluster(user, cluster):
    if cluster is None or not user.is_authenticated:
        return False
    return cluster.managers.filter(pk=user.pk).exists()


@rules.predicate
def represents_this_organisation(user, organisation):
    if organisation is None or not user.is_authenticated:
        return False
    return organisation.representatives.filter(pk=user.pk).exists()


@rules.predicate
def manages_a_cluster_with(user, organisation):
    """The organisation is a member of (or joining) a cluster the user manages."""
    from crosscluster.directory.models import Membership

    if organisation is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(
        organisation=organisation, cluster__managers=user, status__in=Membership.LIVE_STATUSES
    ).exists()


@rules.predicate
def sent_invitation(user, invitation):
    return invitation is not None and user.is_authenticated and invitation.invited_by_id == user.pk


rules.add_perm("accounts.view_auditlog", is_coordinator)
# Who may invite whom. The object is the cluster or organisation the role is for.
rules.add_perm("accounts.send_invitations", is_coordinator | is_any_cluster_manager | is_any_representative)
rules.add_perm("accounts.invite_coordinator", is_coordinator)
rules.add_perm("accounts.invite_individual", is_coordinator)
rules.add_perm("accounts.invite_cluster_manager", is_coordinator | manages_this_cluster)
rules.add_perm("accounts.invite_representative", is_coordinator | manages_a_cluster_with | represents_this_organisation)
rules.add_perm("accounts.invite_new_organisation", is_coordinator | manages_this_cluster)
rules.add_perm("accounts.revoke_invitation", is_coordinator | sent_invitation)
