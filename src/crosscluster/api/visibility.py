"""What each user may read through the API, as querysets: what is outside them answers 404.

Everyone reads active memberships and people who consented to being listed; the rest only those who may
edit it (coordinators; managers of the cluster; representatives of the organisation; a person themselves).
"""

from django.db.models import Q

from crosscluster.directory.models import Membership, Organisation, Person


def _is_coordinator(user):
    return user.is_authenticated and (user.is_coordinator or user.is_superuser)


def visible_memberships(user):
    qs = Membership.objects.select_related("organisation", "cluster")
    if not user.is_authenticated:
        return qs.active()
    if _is_coordinator(user):
        return qs
    return qs.filter(
        Q(status=Membership.Status.ACTIVE)
        | Q(cluster__in=user.managed_clusters.all())
        | Q(organisation__in=user.represented_organisations.all())
    )


def visible_people(user):
    qs = Person.objects.select_related("organisation").prefetch_related("topics")
    if not user.is_authenticated:
        return qs.listed()
    if _is_coordinator(user):
        return qs
    editable = Organisation.objects.managed_by(user).values("pk")
    return qs.filter(Q(listing_consent=True) | Q(user=user) | Q(organisation__in=editable))
