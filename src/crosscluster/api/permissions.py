from rest_framework import permissions


class RulesPermission(permissions.BasePermission):
    """Read access follows the viewset's queryset; writes ask the object-level rules.

    A viewset names its permissions as ``perms = {"create": "app.add_x", "update": ..., "destroy": ...}``;
    anything not named is read-only.
    """

    def _perm(self, view, action):
        perms = getattr(view, "perms", {})
        if action in ("partial_update",):
            action = "update"
        return perms.get(action)

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        action = getattr(view, "action", None)
        perm = self._perm(view, action)
        if perm is None:
            return False
        if action == "create":
            return request.user.has_perm(perm)
        return request.user.is_authenticated

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        perm = self._perm(view, getattr(view, "action", None))
        return perm is not None and request.user.has_perm(perm, obj)
