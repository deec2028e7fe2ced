"""Who may do what in the directory. Views and the API both ask these, per object."""

import rules

from crosscluster.accounts.predicates import is_any_cluster_manager, is_authenticated, is_coordinator

from .models import Membership


@rules.predicate
def manages_cluster(user, cluster):
    if cluster is None or not user.is_authenticated:
        return False
    return cluster.managers.filter(pk=user.pk).exists()


@rules.predicate
def represents_organisation(user, organisation):
    if organisation is None or not user.is_authenticated:
        return False
    return organisation.representatives.filter(pk=user.pk).exists()


@rules.predicate
def manages_a_cluster_of(user, organisation):
    """A cluster manager looks after the organisations in (or asking to join) their cluster."""
    if organisation is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(
        organisation=organisation, cluster__managers=user, status__in=Membership.LIVE_STATUSES
    ).exists()


@rules.predicate
def manages_membership_cluster(user, membership):
    return membership is not None and manages_cluster(user, membership.cluster)


@rules.predicate
def represents_membership_organisation(user, membership):
    return membership is not None and represents_organisation(user, membership.organisation)


@rules.predicate
def edits_person_organisation(user, person):
    if person is None:
        return False
    if person.user_id and person.user_id == user.pk:
        return True
    org = person.organisation
    return org is not None and (represents_organisation(user, org) or manages_a_cluster_of(user, org))


can_edit_organisation = is_coordinator | represents_organisation | manages_a_cluster_of

rules.add_perm("directory.add_cluster", is_coordinator)
rules.add_perm("directory.change_cluster", is_coordinator | manages_cluster)
rules.add_perm("directory.delete_cluster", is_coordinator)
rules.add_perm("directory.manage_members", is_coordinator | manages_cluster)

rules.add_perm("directory.add_organisation", is_authenticated)
rules.add_perm("directory.change_organisation", can_edit_organisation)
rules.add_perm("directory.delete_organisation", is_coordinator)
rules.add_perm("directory.request_membership", is_coordinator | represents_organisation)

rules.add_perm("directory.change_membership", is_coordinator | manages_membership_cluster)
rules.add_perm(
    "directory.end_membership", is_coordinator | manages_membership_cluster | represents_membership_organisation
)

rules.add_perm("directory.add_person", is_authenticated)
rules.add_perm("directory.change_person", is_coordinator | edits_person_organisation)
rules.add_perm("directory.delete_person", is_coordinator | edits_person_organisation)

rules.add_perm("directory.add_topic", is_coordinator)
rules.add_perm("directory.change_topic", is_coordinator)
rules.add_perm("directory.import_data", is_coordinator | is_any_cluster_manager)
