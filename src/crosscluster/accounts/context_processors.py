def roles(request):
    """Which role-specific navigation to show; the server checks permissions again on every view."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_roles": {}}

    def lazy():
        return {
            "coordinator": user.is_coordinator or user.is_superuser,
            "managed_clusters": list(user.managed_clusters.all()),
            "represented_organisations": list(user.represented_organisations.all()),
        }

    return {"nav_roles": lazy}
