"""Role predicates every app builds on. Registers no permissions, so any rules module may import it."""

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
