from rest_framework import permissions

# A viewset action that any logged-in user may attempt; the service it calls decides per object.
SERVICE_DECIDES = "service-decides"


class RulesPermission(permissions.BasePermission):
    """Read access follows the viewset's queryset; writes ask the object-level rules.

    A viewset names its permissions as ``perms = {"create": "app.add_x", "update": ..., "destroy": ...}``;
    anything not named is read-only. A value may also be a callable ``(user, obj) -> bool`` for rules that
    look at related objects, or ``SERVICE_DECIDES``. Objects outside the viewset's queryset are never
    reached, so what a user may not see answers 404 and what they may only read answers 403.
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
        if action is None and getattr(view, "action_map", None) is not None:
            return True  # a viewset without a handler for this method answers 405
        perm = self._perm(view, action)
        if perm is None or not request.user.is_authenticated:
            return False
        if action == "create" and isinstance(perm, str) and perm != SERVICE_DECIDES:
            return request.user.has_perm(perm)
        return True

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        perm = self._perm(view, getattr(view, "action", None))
        if perm is None:
            return False
        if perm == SERVICE_DECIDES:
            return True
        if callable(perm):
            return bool(perm(request.user, obj))
        return request.user.has_perm(perm, obj)
