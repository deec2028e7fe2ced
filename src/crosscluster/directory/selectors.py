"""Read-side queries shared by views, exports and the API, so every list filters the same way."""

from django.db.models import Count, Prefetch, Q

from .models import Cluster, Membership, Organisation, Person, Topic


def organisation_list(params) -> "tuple[object, dict]":
    """Organisations matching the directory filters in ``params`` (a QueryDict or dict)."""
    qs = Organisation.objects.all()
    applied = {}
    if q := (params.get("q") or "").strip():
        qs = qs.search(q)
        applied["q"] = q
    if cluster := params.get("cluster"):
        qs = qs.filter(memberships__cluster__slug=cluster, memberships__status=Membership.Status.ACTIVE)
        applied["cluster"] = cluster
    if industry := params.get("industry"):
        qs = qs.filter(
            Q(industries__code=industry)
            | Q(industries__code__startswith=f"{industry}.")
            | Q(industries__section=industry)
        )
        applied["industry"] = industry
    if size := params.get("size"):
        qs = qs.filter(size_class=size)
        applied["size"] = size
    if topic := params.get("topic"):
        t = Topic.objects.filter(slug=topic).first()
        qs = qs.filter(topics__in=t.descendant_ids()) if t else qs.none()
        applied["topic"] = topic
    if district := params.get("district"):
        qs = qs.filter(district=district)
        applied["district"] = district
    if any(k in applied for k in ("cluster", "industry", "topic")):
        qs = qs.distinct()
    return qs, applied


def with_list_relations(qs):
    active = Membership.objects.filter(status=Membership.Status.ACTIVE).select_related("cluster")
    return qs.prefetch_related(
        Prefetch("memberships", queryset=active, to_attr="active_memberships"), "industries", "topics"
    )


def clusters_with_counts():
    return Cluster.objects.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE))
    ).prefetch_related("topics")


def listed_people(organisation):
    return Person.objects.listed().filter(organisation=organisation)
