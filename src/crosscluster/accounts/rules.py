"""Who may invite whom, and who reads the audit log."""

import rules

from crosscluster.directory.rules import manages_a_cluster_of, manages_cluster, represents_organisation

from .predicates import is_any_cluster_manager, is_any_representative, is_coordinator


@rules.predicate
def sent_invitation(user, invitation):
    return invitation is not None and user.is_authenticated and invitation.invited_by_id == user.pk


rules.add_perm("accounts.view_auditlog", is_coordinator)
# Who may invite whom. The object is the cluster or organisation the role is for.
rules.add_perm("accounts.send_invitations", is_coordinator | is_any_cluster_manager | is_any_representative)
rules.add_perm("accounts.invite_coordinator", is_coordinator)
rules.add_perm("accounts.invite_individual", is_coordinator)
rules.add_perm("accounts.invite_cluster_manager", is_coordinator | manages_cluster)
rules.add_perm("accounts.invite_representative", is_coordinator | manages_a_cluster_of | represents_organisation)
rules.add_perm("accounts.invite_new_organisation", is_coordinator | manages_cluster)
rules.add_perm("accounts.revoke_invitation", is_coordinator | sent_invitation)
