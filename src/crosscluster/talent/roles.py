"""The roles the talent pages ask about again and again in one request (representative of any organisation,
manager of any cluster), looked up once per request: they are kept on the request's user object."""

from crosscluster.directory.models import Cluster, Organisation

from .models.common import is_coordinator


def _cached(user, key, lookup):
    cache = user.__dict__.setdefault("_talent_roles", {})
    if key not in cache:
        cache[key] = lookup()
    return cache[key]


def represents_any(user) -> bool:
    if not user.is_authenticated:
        return False
    return _cached(user, "representative", lambda: Organisation.objects.filter(representatives=user).exists())


def manages_any(user) -> bool:
    if not user.is_authenticated:
        return False
    return _cached(user, "manager", lambda: Cluster.objects.filter(managers=user).exists())


def is_employer(user) -> bool:
    """Who may look for candidates: member representatives (they hire for their organisations) and coordinators."""
    return bool(user.is_authenticated and (is_coordinator(user) or represents_any(user)))


def uses_staff_exchange(user) -> bool:
    """Member representatives, cluster managers and coordinators; individuals have no organisation to lend from."""
    return bool(user.is_authenticated and (is_coordinator(user) or represents_any(user) or manages_any(user)))


def sees_exchange_dashboard(user) -> bool:
    return bool(user.is_authenticated and (is_coordinator(user) or manages_any(user)))
