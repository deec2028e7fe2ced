"""Read-side queries for the marketplace pages, the API, saved searches and alerts, so a filter means the same
everywhere.

Filters (all optional): ``kind`` (offer/request), ``category``, ``cluster`` (slug: posts of that cluster's active
members), ``q`` (words in title, description, place or unit; the directory's folding and stemming rules),
``near`` (a place, see ``places.py``) with ``radius`` km (default 50).
"""

from django.db.models import Count, Exists, F, FloatField, OuterRef, Q
from django.db.models.functions import ASin, Cast, Cos, Power, Radians, Sin, Sqrt
from django.utils.translation import gettext as _

from crosscluster.directory import search
from crosscluster.directory.models import Cluster, Membership

from . import places
from .models import Post

FILTERS = ("kind", "category", "cluster", "q", "near", "radius")
DEFAULT_RADIUS_KM = 50
MAX_RADIUS_KM = 1000
EARTH_RADIUS_KM = 6371.0088
MAX_QUERY_LENGTH = 200


def parse_filters(params) -> tuple[dict, dict]:
    """The filters in ``params`` (a dict of strings) as clean values, and a message per bad one.

    Returns ``(applied, errors)``; a bad filter is left out of ``applied``. ``applied["place"]`` is the resolved
    place when ``near`` is given.
    """
    applied, errors = {}, {}
    labels = {"kind": _("offer or request"), "category": _("category")}
    for name, choices in (("kind", Post.Kind), ("category", Post.Category)):
        value = str(params.get(name) or "").strip()
        if not value:
            continue
        if value in choices.values:
            applied[name] = value
        else:
            errors[name] = _("Unknown value “%(value)s” for %(field)s; choose one of: %(choices)s.") % {
                "value": value[:40],
                "field": labels[name],
                "choices": ", ".join(choices.values),
            }
    if cluster := str(params.get("cluster") or "").strip():
        if Cluster.objects.filter(slug=cluster[:80]).exists():
            applied["cluster"] = cluster
        else:
            errors["cluster"] = _("There is no cluster with the address “%(slug)s”.") % {"slug": cluster[:80]}
    if q := " ".join(str(params.get("q") or "").split()):
        if len(q) > MAX_QUERY_LENGTH:
            errors["q"] = _("Search words can be at most %(max)s characters long.") % {"max": MAX_QUERY_LENGTH}
        else:
            applied["q"] = q
    radius = DEFAULT_RADIUS_KM
    raw_radius = str(params.get("radius") or "").strip()
    if raw_radius:
        try:
            radius = int(raw_radius)
            if not 1 <= radius <= MAX_RADIUS_KM:
                raise ValueError
        except ValueError:
            errors["radius"] = _("The radius must be a whole number of kilometres from 1 to %(max)s.") % {
                "max": MAX_RADIUS_KM
            }
            radius = DEFAULT_RADIUS_KM
    if near := " ".join(str(params.get("near") or "").split()):
        place = places.resolve(near[:120])
        if place is None:
            errors["near"] = _(
                "We do not know the place “%(place)s”. Enter a Hamburg district or postcode, a German city, or "
                "coordinates such as “53.55, 9.99”."
            ) % {"place": near[:80]}
        else:
            applied["near"], applied["radius"], applied["place"] = near[:120], radius, place
    return applied, errors


def text_condition(query: str) -> Q:
    """Every query word (folded, stemmed; any of its forms) occurs in the post's search document."""
    condition = Q()
    for forms in search.query_terms(query):
        alternatives = Q()
        for form in forms:
            pattern = form if len(form) >= search.MIN_INFIX_LENGTH else " " + form
            alternatives |= Q(search_document__contains=pattern)
        condition &= alternatives
    return condition


def with_distance(qs, latitude: float, longitude: float):
    """Annotate ``distance_km`` (great circle) from the given point; posts without coordinates get None."""
    lat = Radians(Cast(F("latitude"), FloatField()))
    lon = Radians(Cast(F("longitude"), FloatField()))
    lat0, lon0 = Radians(latitude), Radians(longitude)
    a = Power(Sin((lat - lat0) / 2), 2) + Cos(lat0) * Cos(lat) * Power(Sin((lon - lon0) / 2), 2)
    return qs.annotate(distance_km=Cast(2 * EARTH_RADIUS_KM * ASin(Sqrt(a)), FloatField()))


def apply_filters(qs, applied: dict):
    if kind := applied.get("kind"):
        qs = qs.filter(kind=kind)
    if category := applied.get("category"):
        qs = qs.filter(category=category)
    if cluster := applied.get("cluster"):
        members = Membership.objects.filter(
            organisation=OuterRef("organisation"), cluster__slug=cluster, status=Membership.Status.ACTIVE
        )
        qs = qs.filter(Exists(members))
    if q := applied.get("q"):
        qs = qs.filter(text_condition(q))
    if place := applied.get("place"):
        qs = with_distance(qs.filter(latitude__isnull=False, longitude__isnull=False), place.latitude, place.longitude)
        qs = qs.filter(distance_km__lte=applied["radius"])
    return qs


def post_list(user, params) -> tuple[object, dict, dict]:
    """Open posts ``user`` may see, filtered by ``params``; nearest first with ``near``, else newest first.

    Returns ``(queryset, applied filters, errors)``.
    """
    applied, errors = parse_filters(params)
    qs = apply_filters(Post.objects.visible_to(user).open(), applied)
    if "place" in applied:
        qs = qs.order_by("distance_km", "-published_at", "-pk")
    else:
        qs = qs.order_by("-published_at", "-pk")
    return qs, applied, errors


def with_list_relations(qs):
    """What a list row shows besides the post: its organisation."""
    return qs.select_related("organisation")


def own_posts(user):
    """The posts of the organisations ``user`` represents (every status), with how many conversations each has."""
    return (
        Post.objects.of_organisations_represented_by(user)
        .select_related("organisation")
        .annotate(thread_count=Count("threads"))
        .order_by("organisation__name", "status", "-updated", "-pk")
    )


def clusters_for_filter():
    return Cluster.objects.order_by("kind", "name").only("slug", "name", "short_name")


def saved_search_matches(saved_search, post) -> bool:
    """Whether ``post`` is in the results of ``saved_search`` for its owner (visibility included)."""
    qs, _applied, errors = post_list(saved_search.user, saved_search.params)
    return not errors and qs.filter(pk=post.pk).exists()
