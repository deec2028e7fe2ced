"""Marketplace API, version 1: posts (list, detail, create, update including status changes) and their matches.

Registered in ``crosscluster.api.urls`` as ``/api/v1/marketplace/posts/``. The marketplace is for logged-in
members: anonymous requests answer 401. Which posts a client sees follows ``Post.objects.visible_to`` (a post
the user may not see answers 404); writes go through ``services`` (403 when the user may only read).
"""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from crosscluster.api.permissions import RulesPermission
from crosscluster.directory.models import Cluster, Organisation

from . import matching, selectors, services
from .models import Post


class PostPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class PostSerializer(serializers.ModelSerializer):
    """A post. ``title``/``description`` are in the request's language (falling back to the other one);
    ``organisation`` is the organisation's slug; ``distance_km`` is set when the list is filtered by ``near``."""

    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    visible_clusters = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    latitude = serializers.FloatField(read_only=True, allow_null=True)
    longitude = serializers.FloatField(read_only=True, allow_null=True)
    distance_km = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = [
            "id",
            "kind",
            "category",
            "status",
            "title",
            "title_de",
            "title_en",
            "description",
            "description_de",
            "description_en",
            "organisation",
            "organisation_name",
            "quantity",
            "unit",
            "place",
            "latitude",
            "longitude",
            "radius_km",
            "valid_from",
            "valid_to",
            "visibility",
            "visible_clusters",
            "published_at",
            "updated",
            "distance_km",
            "url",
        ]

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_distance_km(self, post):
        distance = getattr(post, "distance_km", None)
        return None if distance is None else round(distance, 1)

    def get_url(self, post) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(post.get_absolute_url()) if request else post.get_absolute_url()


class PostWriteSerializer(serializers.ModelSerializer):
    """Creating (``organisation`` required: one you represent; coordinators any) or changing a post.

    ``status``: a new post is ``draft`` (default) or ``published``; a change may move it along the workflow
    (draft → published ⇄ in_talks → closed; expired → published after extending ``valid_to``). ``place`` is a
    Hamburg district or postcode, a German city or "lat, lon"; empty means the organisation's address. Instead,
    ``latitude`` and ``longitude`` may be given together.
    """

    organisation = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all(), required=False)
    visible_clusters = serializers.SlugRelatedField(
        slug_field="slug", queryset=Cluster.objects.all(), many=True, required=False
    )
    latitude = serializers.FloatField(min_value=-90, max_value=90, required=False, allow_null=True)
    longitude = serializers.FloatField(min_value=-180, max_value=180, required=False, allow_null=True)
    status = serializers.ChoiceField(choices=Post.Status.choices, required=False)
    title_de = serializers.CharField(max_length=200, required=False, allow_blank=True)
    title_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description_de = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    description_en = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    radius_km = serializers.IntegerField(min_value=0, max_value=Post.MAX_RADIUS_KM, required=False)

    class Meta:
        model = Post
        fields = [
            "organisation",
            "kind",
            "category",
            "status",
            "title_de",
            "title_en",
            "description_de",
            "description_en",
            "quantity",
            "unit",
            "place",
            "latitude",
            "longitude",
            "radius_km",
            "valid_from",
            "valid_to",
            "visibility",
            "visible_clusters",
        ]

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                raise ValidationError({key: [_("Unknown field.")] for key in unknown})
        return super().to_internal_value(data)

    def validate(self, attrs):
        if self.instance is None:
            missing = [name for name in ("organisation", "kind", "category") if not attrs.get(name)]
            if missing:
                raise ValidationError({name: [_("This field is required.")] for name in missing})
            if not (attrs.get("title_de") or "").strip() and not (attrs.get("title_en") or "").strip():
                raise ValidationError({"title_de": [_("Give the post a title (in German, English or both).")]})
        elif "organisation" in attrs and attrs["organisation"] != self.instance.organisation:
            raise ValidationError({"organisation": [_("A post cannot move to another organisation.")]})
        return attrs


class MatchSerializer(serializers.Serializer):
    """A matching post with the engine's explanation (see docs/matching.md): ``score`` 0–1, ``components``,
    ``text_terms`` (shared words), ``distance_km``, ``overlap_from``/``overlap_to``/``overlap_fraction``."""

    score = serializers.FloatField()
    percent = serializers.IntegerField()
    post = PostSerializer()
    explanation = serializers.DictField()


LIST_PARAMETERS = [
    OpenApiParameter("kind", OpenApiTypes.STR, enum=Post.Kind.values, description=gettext_lazy("Offer or request")),
    OpenApiParameter("category", OpenApiTypes.STR, enum=Post.Category.values, description=gettext_lazy("Category")),
    OpenApiParameter("cluster", OpenApiTypes.STR, description=gettext_lazy("Slug of a cluster: posts of its members")),
    OpenApiParameter("q", OpenApiTypes.STR, description=gettext_lazy("Words in title, description, place or unit")),
    OpenApiParameter(
        "near", OpenApiTypes.STR, description=gettext_lazy("A place (district, postcode, city or 'lat, lon')")
    ),
    OpenApiParameter("radius", OpenApiTypes.INT, description=gettext_lazy("Kilometres around 'near' (default 50)")),
]


def _to_decimal(value):
    return None if value is None else Decimal(str(round(value, 5)))


def _service_arguments(validated: dict):
    data = dict(validated)
    organisation = data.pop("organisation", None)
    clusters = data.pop("visible_clusters", None)
    new_status = data.pop("status", None)
    for name in ("latitude", "longitude"):
        if name in data:
            data[name] = _to_decimal(data[name])
    return data, organisation, clusters, new_status


_write = extend_schema(request=PostWriteSerializer, responses=PostSerializer)


@extend_schema_view(list=extend_schema(parameters=LIST_PARAMETERS), create=_write, update=_write, partial_update=_write)
class PostViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Offers and requests the user may see; representatives write their organisation's posts."""

    pagination_class = PostPagination
    lookup_value_regex = r"[0-9]+"
    filter_backends = []
    permission_classes = [permissions.IsAuthenticated, RulesPermission]
    perms = {"create": "marketplace.add_post", "update": "marketplace.change_post"}

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            qs, _applied, errors = selectors.post_list(user, dict(self.request.query_params.items()))
            if errors:
                raise ValidationError({name: [message] for name, message in errors.items()})
        else:
            qs = Post.objects.visible_to(user)
        return qs.select_related("organisation").prefetch_related("visible_clusters")

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return PostWriteSerializer
        return PostSerializer

    def _respond(self, post, code):
        post = Post.objects.select_related("organisation").prefetch_related("visible_clusters").get(pk=post.pk)
        return Response(PostSerializer(post, context=self.get_serializer_context()).data, status=code)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, organisation, clusters, new_status = _service_arguments(serializer.validated_data)
        post = services.create_post(
            acting_user=request.user,
            organisation=organisation,
            data=data,
            visible_clusters=clusters or (),
            status=new_status or Post.Status.DRAFT,
        )
        return self._respond(post, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        post = self.get_object()
        serializer = self.get_serializer(post, data=request.data, partial=kwargs.pop("partial", False))
        serializer.is_valid(raise_exception=True)
        data, _organisation, clusters, new_status = _service_arguments(serializer.validated_data)
        with transaction.atomic():
            post = services.update_post(
                post, acting_user=request.user, data=data, visible_clusters=clusters, status=new_status
            )
        return self._respond(post, status.HTTP_200_OK)

    @extend_schema(responses=MatchSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def matches(self, request, pk=None):
        """The best counterparts (offers for a request, requests for an offer) the user may see, best first."""
        post = self.get_object()
        views = matching.matches_for(post, user=request.user, k=20)
        rows = [
            {"score": round(v.score, 4), "percent": v.percent, "post": v.post, "explanation": v.explanation}
            for v in views
        ]
        return Response(MatchSerializer(rows, many=True, context=self.get_serializer_context()).data)
