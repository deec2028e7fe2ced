"""Read-side queries for the talent pages and the API, so a list means the same everywhere."""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q

from crosscluster.directory.models import Cluster, Membership

from .models import Application, JobPosting, JobSkill, StaffAgreement, StaffPost, StaffPostSkill, WorkerProfile


def job_list(user, params) -> "tuple[object, dict]":
    """Published postings (the board), filtered by ``q``, ``contract_type``, ``organisation`` (slug), ``remote``."""
    qs = JobPosting.objects.published()
    applied = {}
    if (contract := params.get("contract_type")) in JobPosting.ContractType.values:
        qs = qs.filter(contract_type=contract)
        applied["contract_type"] = contract
    if organisation := params.get("organisation"):
        qs = qs.filter(organisation__slug=organisation)
        applied["organisation"] = organisation
    if params.get("remote") in ("1", "true", "on"):
        qs = qs.filter(remote_share__gt=0)
        applied["remote"] = "1"
    if q := (params.get("q") or "").strip()[:200]:
        for word in q.split()[:6]:
            qs = qs.filter(
                Q(title_de__icontains=word)
                | Q(title_en__icontains=word)
                | Q(description_de__icontains=word)
                | Q(description_en__icontains=word)
                | Q(occupation_label__icontains=word)
                | Q(place__icontains=word)
                | Q(organisation__name__icontains=word)
                | Q(skills__label__icontains=word)
            )
        qs = qs.distinct()
        applied["q"] = q
    return qs.order_by("-published_at", "-pk"), applied


def with_job_relations(qs):
    return qs.select_related("organisation").prefetch_related(
        Prefetch("skills", queryset=JobSkill.objects.order_by("-essential", "pk"))
    )


def managed_jobs(user):
    """The postings of the user's organisations, with application counts per stage."""
    return (
        JobPosting.objects.managed_by(user)
        .select_related("organisation")
        .annotate(
            application_count=Count("applications", distinct=True),
            open_count=Count(
                "applications", filter=~Q(applications__status__in=Application.FINAL_STATUSES), distinct=True
            ),
        )
        .order_by("status", "-updated", "-pk")
    )


def pipeline(job: JobPosting) -> list[tuple[str, str, list]]:
    """The job's applications grouped by stage, in pipeline order: (status, label, applications)."""
    by_status = defaultdict(list)
    for application in job.applications.select_related("applicant").order_by("created", "pk"):
        by_status[application.status].append(application)
    return [(status, label, by_status.get(status, [])) for status, label in Application.Status.choices]


def my_applications(user):
    return Application.objects.filter(applicant=user).select_related("job__organisation").order_by("-created", "-pk")


def profile_of(user):
    if not user.is_authenticated:
        return None
    return (
        WorkerProfile.objects.filter(user=user).select_related("user").prefetch_related("skills", "languages").first()
    )


def staff_post_list(user, params):
    """Published posts the user may see (and their organisations' own), filtered by ``kind``, ``q``."""
    qs = StaffPost.objects.visible_to(user)
    applied = {}
    if (kind := params.get("kind")) in StaffPost.Kind.values:
        qs = qs.filter(kind=kind)
        applied["kind"] = kind
    if params.get("mine") in ("1", "true", "on"):
        qs = qs.filter(organisation__representatives=user)
        applied["mine"] = "1"
    else:
        qs = qs.filter(status=StaffPost.Status.PUBLISHED)
    if q := (params.get("q") or "").strip()[:200]:
        for word in q.split()[:6]:
            qs = qs.filter(
                Q(title_de__icontains=word)
                | Q(title_en__icontains=word)
                | Q(description_de__icontains=word)
                | Q(description_en__icontains=word)
                | Q(occupation_label__icontains=word)
                | Q(place__icontains=word)
                | Q(skills__label__icontains=word)
            )
        qs = qs.distinct()
        applied["q"] = q
    return qs.order_by("-published_at", "-pk"), applied


def with_staff_relations(qs):
    return qs.select_related("organisation").prefetch_related(
        Prefetch("skills", queryset=StaffPostSkill.objects.order_by("pk"))
    )


def agreements_for(user):
    """Agreements the user's organisations are party to, current ones first."""
    return (
        StaffAgreement.objects.party_of(user).select_related("lender", "borrower").order_by("status", "-created", "-pk")
    )


def exchange_dashboard(user, cluster_slug: str = "") -> dict:
    """Current agreements per cluster: for a cluster manager the clusters they manage, for coordinators all.

    An agreement counts for every cluster either party is an active member of (it may appear under several).
    Three queries whatever the numbers: the agreements, the memberships of their parties, the clusters.
    """
    agreements = list(
        StaffAgreement.objects.visible_to(user)
        .current()
        .select_related("lender", "borrower")
        .order_by("period_from", "pk")
    )
    parties = {a.lender_id for a in agreements} | {a.borrower_id for a in agreements}
    memberships = Membership.objects.active().filter(organisation__in=parties)
    if not (user.is_coordinator or user.is_superuser):
        memberships = memberships.filter(cluster__managers=user)
    if cluster_slug:
        memberships = memberships.filter(cluster__slug=cluster_slug)
    members = defaultdict(set)
    for cluster_id, organisation_id in memberships.values_list("cluster_id", "organisation_id"):
        members[cluster_id].add(organisation_id)
    shown_clusters = set(members)
    if not (user.is_coordinator or user.is_superuser):  # a manager sees each of their clusters, also when quiet
        managed = Cluster.objects.filter(managers=user)
        shown_clusters |= set(
            (managed.filter(slug=cluster_slug) if cluster_slug else managed).values_list("pk", flat=True)
        )
    clusters = (
        Cluster.objects.filter(pk__in=shown_clusters).order_by("kind", "name").only("pk", "slug", "name", "short_name")
    )
    rows = []
    for cluster in clusters:
        mine = [a for a in agreements if a.lender_id in members[cluster.pk] or a.borrower_id in members[cluster.pk]]
        rows.append(
            {
                "cluster": cluster,
                "agreements": mine,
                "counts": {
                    status: sum(1 for a in mine if a.status == status) for status in StaffAgreement.CURRENT_STATUSES
                },
                "people_active": sum(a.head_count for a in mine if a.status == StaffAgreement.Status.ACTIVE),
            }
        )
    shown = {a.pk for row in rows for a in row["agreements"]}
    return {
        "rows": rows,
        "agreement_count": len(shown),
        "people": sum(a.head_count for a in agreements if a.pk in shown),
    }
