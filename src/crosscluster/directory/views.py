from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from . import selectors
from .models import Cluster, Membership, Organisation, Topic


def home(request):
    clusters = selectors.clusters_with_counts()
    return render(
        request,
        "directory/home.html",
        {
            "clusters": [c for c in clusters if c.kind == Cluster.Kind.CLUSTER],
            "networks": [c for c in clusters if c.kind == Cluster.Kind.NETWORK],
            "themes": Topic.objects.filter(is_cross_cluster=True),
            "organisation_count": Organisation.objects.count(),
        },
    )


def organisation_list(request):
    qs, applied = selectors.organisation_list(request.GET)
    page = Paginator(selectors.with_list_relations(qs), 25).get_page(request.GET.get("page"))
    return render(request, "directory/organisation_list.html", {"page": page, "applied": applied})


def get_organisation_for_user(request, slug, *, perm=None):
    organisation = get_object_or_404(Organisation, slug=slug)
    if perm and not request.user.has_perm(perm, organisation):
        raise PermissionDenied
    return organisation


def organisation_detail(request, slug):
    organisation = get_organisation_for_user(request, slug)
    memberships = organisation.memberships.filter(status=Membership.Status.ACTIVE).select_related("cluster")
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "people": selectors.listed_people(organisation),
            "can_edit": request.user.has_perm("directory.change_organisation", organisation),
        },
    )


@login_required
def organisation_edit(request, slug):
    organisation = get_organisation_for_user(request, slug, perm="directory.change_organisation")
    return render(request, "directory/organisation_detail.html", {"organisation": organisation})


def cluster_list(request):
    return render(request, "directory/cluster_list.html", {"clusters": selectors.clusters_with_counts()})


def cluster_detail(request, slug):
    cluster = get_object_or_404(Cluster, slug=slug)
    members = Organisation.objects.in_cluster(cluster).order_by("name")
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    return render(request, "directory/cluster_detail.html", {"cluster": cluster, "page": page})


def topic_list(request):
    return render(
        request,
        "directory/topic_list.html",
        {
            "topics": Topic.objects.filter(parent=None).prefetch_related("children"),
        },
    )


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    ids = topic.descendant_ids()
    return render(
        request,
        "directory/topic_detail.html",
        {
            "topic": topic,
            "clusters": Cluster.objects.filter(topics__in=ids).distinct(),
            "organisations": Organisation.objects.filter(topics__in=ids).distinct()[:50],
        },
    )
