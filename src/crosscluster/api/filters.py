"""Query filters for list endpoints. Organisations use the directory's own selector, so web and API agree."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from crosscluster.directory.models import Membership, Organisation, Person


class MembershipFilter(django_filters.FilterSet):
    cluster = django_filters.CharFilter(field_name="cluster__slug", help_text=_("Cluster slug"))
    organisation = django_filters.CharFilter(field_name="organisation__slug", help_text=_("Organisation slug"))
    status = django_filters.ChoiceFilter(choices=Membership.Status.choices, help_text=_("Membership status"))

    class Meta:
        model = Membership
        fields = ["cluster", "organisation", "status"]


class PersonFilter(django_filters.FilterSet):
    organisation = django_filters.CharFilter(field_name="organisation__slug", help_text=_("Organisation slug"))

    class Meta:
        model = Person
        fields = ["organisation"]


class OrganisationQuerySerializer(serializers.Serializer):
    """Checks the directory filters before they reach the selector, so a typo answers 400, not an empty list."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    cluster = serializers.SlugField(required=False, allow_blank=True, max_length=80)
    industry = serializers.CharField(required=False, allow_blank=True, max_length=10)
    size = serializers.ChoiceField(choices=Organisation.SizeClass.choices, required=False, allow_blank=True)
    topic = serializers.SlugField(required=False, allow_blank=True, max_length=80)
    district = serializers.CharField(required=False, allow_blank=True, max_length=100)


ORGANISATION_FILTER_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description=_("Full-text search in name, description and address")),
    OpenApiParameter("cluster", OpenApiTypes.STR, description=_("Slug of a cluster with an active membership")),
    OpenApiParameter("industry", OpenApiTypes.STR, description=_("WZ 2008 code or section letter, with sub-codes")),
    OpenApiParameter("size", OpenApiTypes.STR, enum=Organisation.SizeClass.values, description=_("Size class")),
    OpenApiParameter("topic", OpenApiTypes.STR, description=_("Topic slug, including its sub-topics")),
    OpenApiParameter("district", OpenApiTypes.STR, description=_("District (Stadtteil)")),
]
