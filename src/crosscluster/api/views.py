"""Directory API, version 1. Views parse and check permissions; writes go through the directory services."""

from contextlib import nullcontext

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from crosscluster.directory import selectors, services, services_clusters, services_people
from crosscluster.directory.models import IndustryCode, Membership, Person, Topic
from crosscluster.directory.search import index_first

from . import filters
from . import serializers as api
from .permissions import SERVICE_DECIDES

SLUG = r"[-a-zA-Z0-9_]+"
ID = r"[0-9]+"


class DirectoryPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def _split(validated: dict, *relations):
    """Separate many-to-many values (set after saving) from plain field values."""
    data = dict(validated)
    return data, {name: data.pop(name, None) for name in relations}


def may_answer_membership(user, membership) -> bool:
    """The cluster side answers requests, the organisation side answers invitations; the service checks which."""
    return user.has_perm("directory.manage_members", membership.cluster) or user.has_perm(
        "directory.request_membership", membership.organisation
    )


class IndustryCodeViewSet(viewsets.ReadOnlyModelViewSet):
    """WZ 2008 industry codes (the German edition of NACE Rev. 2)."""

    queryset = IndustryCode.objects.select_related("parent")
    serializer_class = api.IndustryCodeSerializer
    pagination_class = DirectoryPagination
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z0-9.]+"
    filterset_fields = ["level", "section"]


class TopicViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Topic.objects.select_related("parent")
    serializer_class = api.TopicSerializer
    pagination_class = DirectoryPagination
    lookup_field = "slug"
    lookup_value_regex = SLUG
    filterset_fields = ["is_cross_cluster"]


class ClusterViewSet(viewsets.ModelViewSet):
    """Clusters and networks. Coordinators create and delete them; a cluster's managers edit it."""

    serializer_class = api.ClusterSerializer
    pagination_class = DirectoryPagination
    lookup_field = "slug"
    lookup_value_regex = SLUG
    filterset_fields = ["kind"]
    perms = {
        "create": "directory.add_cluster",
        "update": "directory.change_cluster",
        "destroy": "directory.delete_cluster",
    }

    def get_queryset(self):
        return selectors.clusters_with_counts()

    def perform_create(self, serializer):
        data, rel = _split(serializer.validated_data, "topics")
        serializer.instance = services_clusters.create_cluster(
            acting_user=self.request.user, data=data, topics=rel["topics"] or ()
        )

    def perform_update(self, serializer):
        data, rel = _split(serializer.validated_data, "topics")
        serializer.instance = services_clusters.update_cluster(
            serializer.instance, acting_user=self.request.user, data=data, topics=rel["topics"]
        )

    def perform_destroy(self, instance):
        services_clusters.delete_cluster(instance, acting_user=self.request.user)


_organisation_write = extend_schema(request=api.OrganisationWriteSerializer, responses=api.OrganisationSerializer)


@extend_schema_view(
    list=extend_schema(parameters=filters.ORGANISATION_FILTER_PARAMETERS),
    create=_organisation_write,
    update=_organisation_write,
    partial_update=_organisation_write,
)
class OrganisationViewSet(viewsets.ModelViewSet):
    """Member organisations. Anyone logged in adds one and becomes its representative."""

    pagination_class = DirectoryPagination
    lookup_field = "slug"
    lookup_value_regex = SLUG
    filter_backends = []  # the directory selector filters, see get_queryset
    perms = {
        "create": "directory.add_organisation",
        "update": "directory.change_organisation",
        "destroy": "directory.delete_organisation",
    }

    def get_queryset(self):
        if self.action == "list":
            params = filters.OrganisationQuerySerializer(data=self.request.query_params)
            params.is_valid(raise_exception=True)
            qs, _applied = selectors.organisation_list(params.validated_data)
        else:
            qs = selectors.organisation_list({})[0]
        return selectors.with_list_relations(qs)

    def list(self, request, *args, **kwargs):
        with index_first() if request.query_params.get("q", "").strip() else nullcontext():
            return super().list(request, *args, **kwargs)

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return api.OrganisationWriteSerializer
        return api.OrganisationSerializer

    def _respond(self, organisation, status_code):
        organisation = self.get_queryset().get(pk=organisation.pk)
        data = api.OrganisationSerializer(organisation, context=self.get_serializer_context()).data
        return Response(data, status_code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, rel = _split(serializer.validated_data, "industries", "topics")
        organisation = services.create_organisation(
            acting_user=request.user,
            data=data,
            industries=rel["industries"] or (),
            topics=rel["topics"] or (),
            represent=True,
        )
        return self._respond(organisation, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        organisation = self.get_object()
        serializer = self.get_serializer(organisation, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        data, rel = _split(serializer.validated_data, "industries", "topics")
        organisation = services.update_organisation(
            organisation, acting_user=request.user, data=data, industries=rel["industries"], topics=rel["topics"]
        )
        return self._respond(organisation, status.HTTP_200_OK)

    def perform_destroy(self, instance):
        services_clusters.delete_organisation(instance, acting_user=self.request.user)


class MembershipViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Cluster memberships. Creating one asks to join (representative), invites (cluster manager) or adds an
    active membership (coordinator); the other side approves or declines; either side ends it."""

    serializer_class = api.MembershipSerializer
    lookup_value_regex = ID
    pagination_class = DirectoryPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = filters.MembershipFilter
    perms = {
        "create": SERVICE_DECIDES,
        "approve": may_answer_membership,
        "decline": may_answer_membership,
        "end": "directory.end_membership",
    }

    def get_queryset(self):
        return Membership.objects.visible_to(self.request.user).select_related("organisation", "cluster")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services_clusters.add_membership(
            acting_user=self.request.user,
            organisation=data["organisation"],
            cluster=data["cluster"],
            role=data.get("role", "member"),
            message=data.get("message", ""),
        )

    def _answer(self, service, **kwargs):
        membership = service(self.get_object(), acting_user=self.request.user, **kwargs)
        return Response(api.MembershipSerializer(membership, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=api.MembershipSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a join request (cluster side) or accept an invitation (organisation side)."""
        return self._answer(services.approve_membership)

    @extend_schema(request=None, responses=api.MembershipSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._answer(services.decline_membership)

    @extend_schema(request=api.MembershipEndSerializer, responses=api.MembershipSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        serializer = api.MembershipEndSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._answer(services.end_membership, until=serializer.validated_data.get("until"))


class PersonViewSet(viewsets.ModelViewSet):
    """People. Those who did not consent to being listed are shown only to whoever may edit them."""

    serializer_class = api.PersonSerializer
    lookup_value_regex = ID
    pagination_class = DirectoryPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = filters.PersonFilter
    perms = {
        "create": "directory.add_person",
        "update": "directory.change_person",
        "destroy": "directory.delete_person",
    }

    def get_queryset(self):
        return Person.objects.visible_to(self.request.user).select_related("organisation").prefetch_related("topics")

    def perform_create(self, serializer):
        data, rel = _split(serializer.validated_data, "topics")
        serializer.instance = services_people.create_person(
            acting_user=self.request.user, data=data, topics=rel["topics"] or ()
        )

    def perform_update(self, serializer):
        data, rel = _split(serializer.validated_data, "topics")
        serializer.instance = services_people.update_person(
            serializer.instance, acting_user=self.request.user, data=data, topics=rel["topics"]
        )

    def perform_destroy(self, instance):
        services_people.delete_person(instance, acting_user=self.request.user)


class TokenView(APIView):
    """Exchange e-mail and password for an API token, or revoke your token.

    Failed attempts count towards the same lockout as the login form (django-axes).
    """

    permission_classes = [permissions.AllowAny]

    def get_permissions(self):
        if self.request.method == "DELETE":
            return [permissions.IsAuthenticated()]
        return super().get_permissions()

    @extend_schema(
        request=api.TokenRequestSerializer,
        responses={
            200: api.TokenSerializer,
            400: OpenApiResponse(description="Wrong e-mail address or password"),
            429: OpenApiResponse(description="Locked out after too many failed attempts"),
        },
        auth=[],
    )
    def post(self, request):
        serializer = api.TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            request=request,
            username=serializer.validated_data["email"],
            password=serializer.validated_data["password"],
        )
        if user is None:
            if getattr(request, "axes_locked_out", False):
                raise Throttled(detail=_("Too many failed login attempts. Please try again later."))
            raise ApiValidationError(
                {"non_field_errors": [_("Unable to log in with this e-mail address and password.")]}
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})

    @extend_schema(
        request=None,
        responses={204: OpenApiResponse(description="Token revoked")},
    )
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
