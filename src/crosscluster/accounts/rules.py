"""Role predicates shared by every app."""

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


rules.add_perm("accounts.view_auditlog", is_coordinator)
rules.add_perm("accounts.invite_coordinator", is_coordinator)
