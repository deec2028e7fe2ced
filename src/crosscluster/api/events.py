"""Events API, version 1: events with their programme (read), registering and cancelling (write).

Which events a client sees follows ``Event.objects.visible_to``, so an event the user may not see answers 404.
Writes go through the events services, which keep the capacity and the waiting list right.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from crosscluster.events import registrations, selectors
from crosscluster.events.models import Event, Registration, Session, Speaker

from .permissions import SERVICE_DECIDES


class EventPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class SpeakerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = ["name", "affiliation", "bio", "bio_de", "bio_en"]


class SessionSerializer(serializers.ModelSerializer):
    """A session of the programme. ``title``/``description`` are in the request's language."""

    track = serializers.CharField(source="track.name", default=None, read_only=True)
    room = serializers.CharField(source="room.name", default=None, read_only=True)
    seats_taken = serializers.IntegerField(source="chosen", read_only=True)
    speakers = SpeakerSerializer(many=True, read_only=True)

    class Meta:
        model = Session
        fields = [
            "id",
            "title",
            "title_de",
            "title_en",
            "description",
            "description_de",
            "description_en",
            "kind",
            "track",
            "room",
            "start",
            "end",
            "capacity",
            "seats_taken",
            "speakers",
        ]


class EventSerializer(serializers.ModelSerializer):
    """An event. Times are ISO 8601 with offset (Europe/Berlin); ``organisers`` are cluster slugs, empty for the
    platform's own events; ``registration`` is ``open``, ``not_yet``, ``closed``, ``cancelled`` or ``draft``."""

    title = serializers.CharField(read_only=True)
    organisers = serializers.SerializerMethodField()
    visible_cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    confirmed = serializers.IntegerField(source="confirmed_count", read_only=True)
    registration = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "title_de",
            "title_en",
            "format",
            "venue",
            "address",
            "start",
            "end",
            "organisers",
            "visibility",
            "visible_cluster",
            "status",
            "capacity",
            "confirmed",
            "waitlist_enabled",
            "registration_opens",
            "registration_closes",
            "registration",
            "url",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_organisers(self, event):
        return [c.slug for c in event.clusters.all()]

    @extend_schema_field(serializers.ChoiceField(choices=["open", "not_yet", "closed", "cancelled", "draft"]))
    def get_registration(self, event):
        return event.registration_state()

    def get_url(self, event) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(event.get_absolute_url()) if request else event.get_absolute_url()


class MyRegistrationSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "event", "status", "created", "confirmed_at", "cancelled_at", "checked_in_at"]


class EventDetailSerializer(EventSerializer):
    """An event with its programme. ``video_link`` is null unless the user is a confirmed participant or an
    organiser; ``my_registration`` is null for anonymous users and those who never registered."""

    description = serializers.CharField(read_only=True)
    sessions = serializers.SerializerMethodField()
    video_link = serializers.SerializerMethodField()
    my_registration = serializers.SerializerMethodField()

    class Meta(EventSerializer.Meta):
        fields = EventSerializer.Meta.fields + [
            "description",
            "description_de",
            "description_en",
            "video_link",
            "sessions",
            "my_registration",
        ]

    @extend_schema_field(SessionSerializer(many=True))
    def get_sessions(self, event):
        return SessionSerializer(selectors.sessions_of(event), many=True, context=self.context).data

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_video_link(self, event):
        user = self.context["request"].user
        if event.video_link and user.has_perm("events.view_video_link", event):
            return event.video_link
        return None

    @extend_schema_field(MyRegistrationSerializer(allow_null=True))
    def get_my_registration(self, event):
        registration = selectors.registration_of(self.context["request"].user, event)
        return MyRegistrationSerializer(registration).data if registration else None


class EventQuerySerializer(serializers.Serializer):
    """Checks the list filters, so a typo answers 400 instead of an unfiltered list."""

    when = serializers.ChoiceField(choices=["upcoming", "past"], required=False)
    cluster = serializers.SlugField(required=False, max_length=80)
    # "format" itself is taken: DRF reads it to choose the response format.
    attendance_mode = serializers.ChoiceField(choices=Event.Format.choices, required=False)
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)


EVENT_FILTER_PARAMETERS = [
    OpenApiParameter("when", OpenApiTypes.STR, enum=["upcoming", "past"], description=_("Upcoming (default) or past")),
    OpenApiParameter("cluster", OpenApiTypes.STR, description=_("Slug of an organising cluster")),
    OpenApiParameter(
        "attendance_mode", OpenApiTypes.STR, enum=Event.Format.values, description=_("In person, virtual or hybrid")
    ),
    OpenApiParameter("q", OpenApiTypes.STR, description=_("Words in the title, description or venue")),
]


@extend_schema_view(list=extend_schema(parameters=EVENT_FILTER_PARAMETERS))
class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Events the user may see, with their programme; logged-in users register and cancel."""

    pagination_class = EventPagination
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filter_backends = []
    perms = {"register": SERVICE_DECIDES, "cancel_registration": SERVICE_DECIDES}

    def get_queryset(self):
        if self.action == "list":
            params = EventQuerySerializer(data=self.request.query_params)
            params.is_valid(raise_exception=True)
            filters = dict(params.validated_data)
            filters["format"] = filters.pop("attendance_mode", None)
            qs, _applied = selectors.event_list(self.request.user, filters)
        else:
            qs = Event.objects.visible_to(self.request.user)
        return selectors.with_list_relations(qs)

    def get_serializer_class(self):
        return EventSerializer if self.action == "list" else EventDetailSerializer

    @extend_schema(request=None, responses={201: MyRegistrationSerializer})
    @action(detail=True, methods=["post"])
    def register(self, request, slug=None):
        """Register the current user: ``confirmed`` if a place is free, else ``waitlisted`` (400 when closed)."""
        event = self.get_object()
        registration = registrations.register(acting_user=request.user, event=event)
        return Response(MyRegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: MyRegistrationSerializer})
    @action(detail=True, methods=["post"], url_path="cancel-registration")
    def cancel_registration(self, request, slug=None):
        """Cancel the current user's registration; the first person on the waiting list moves up."""
        event = self.get_object()
        registration = selectors.registration_of(request.user, event)
        if registration is None:
            raise Http404
        registration = registrations.cancel_registration(registration, acting_user=request.user)
        return Response(MyRegistrationSerializer(registration).data)
