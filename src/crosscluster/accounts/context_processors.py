from functools import cached_property


class NavRoles:
    """Which role-specific navigation to show, computed only when a template asks.

    The server checks permissions again on every view; this only decides which links appear.
    """

    def __init__(self, user):
        self.user = user

    @cached_property
    def coordinator(self):
        return self.user.is_coordinator or self.user.is_superuser

    @cached_property
    def managed_clusters(self):
        return list(self.user.managed_clusters.all())

    @cached_property
    def represented_organisations(self):
        return list(self.user.represented_organisations.all())

    @cached_property
    def can_import(self):
        return self.coordinator or bool(self.managed_clusters)


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_roles": None}
    return {"nav_roles": NavRoles(user)}
