"""Matchmaking API, version 1 (registered in ``crosscluster.api.urls``).

- ``/api/v1/meeting-requests/``: the user's requests, sent and received; send one (POST), ``accept`` (with a
  slot where participants pick theirs), ``decline``, ``withdraw``;
- ``/api/v1/meetings/``: the user's published meetings (their agenda) at every event;
- ``/api/v1/schedule-runs/``: scheduling runs of the events the user organises, with progress and result;
  POST starts one.
All need a logged-in user (401 otherwise). Writes go through the services, which decide per object.
"""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from crosscluster.api.permissions import SERVICE_DECIDES, RulesPermission
from crosscluster.events.models import Event

from . import selectors, services, services_schedule
from .models import Meeting, MeetingRequest, Profile, ScheduleRun, Slot


class ParticipantSerializer(serializers.ModelSerializer):
    """The other side of a request or meeting: profile id, name and organisation."""

    name = serializers.CharField(source="display_name", read_only=True)
    participation_type = serializers.CharField(source="participation_type.name", default=None, read_only=True)

    class Meta:
        model = Profile
        fields = ["id", "name", "organisation_name", "participation_type"]


class MeetingSlotSerializer(serializers.ModelSerializer):
    class Meta:
        model = Slot
        fields = ["id", "start", "end"]


class MeetingRequestSerializer(serializers.ModelSerializer):
    """A meeting request. ``direction`` is ``sent`` or ``received`` from the user's side; ``weight`` is what the
    optimiser counts (must meet 3, would like to meet 1); ``meeting`` is its slot and table once published."""

    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sender = ParticipantSerializer(read_only=True)
    recipient = ParticipantSerializer(read_only=True)
    direction = serializers.SerializerMethodField()
    weight = serializers.FloatField(read_only=True)
    meeting = serializers.SerializerMethodField()

    class Meta:
        model = MeetingRequest
        fields = [
            "id",
            "event",
            "direction",
            "sender",
            "recipient",
            "interest",
            "weight",
            "message",
            "status",
            "created",
            "responded_at",
            "meeting",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=["sent", "received"]))
    def get_direction(self, obj):
        return "sent" if obj.sender.registration.user_id == self.context["request"].user.pk else "received"

    @extend_schema_field(
        serializers.DictField(allow_null=True, help_text="slot (id, start, end) and table, once published")
    )
    def get_meeting(self, obj):
        meeting = getattr(obj, "meeting", None)
        if meeting is None or not meeting.published:
            return None
        return {"slot": MeetingSlotSerializer(meeting.slot).data, "table": meeting.table}


class NewRequestSerializer(serializers.Serializer):
    event = serializers.SlugField(max_length=120, help_text="slug of the event")
    recipient = serializers.IntegerField(min_value=1, help_text="profile id of the participant to meet")
    interest = serializers.ChoiceField(choices=MeetingRequest.Interest.choices, default="would_like")
    message = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class AcceptSerializer(serializers.Serializer):
    slot = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="where participants pick their slots: the slot id"
    )


class RequestQuerySerializer(serializers.Serializer):
    event = serializers.SlugField(required=False, max_length=120)
    direction = serializers.ChoiceField(choices=["sent", "received"], required=False)
    status = serializers.ChoiceField(choices=MeetingRequest.Status.choices, required=False)


class LoggedIn(permissions.IsAuthenticated):
    pass


def _visible_event(user, slug):
    event = Event.objects.visible_to(user).filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("event", OpenApiTypes.STR, description="slug of an event"),
            OpenApiParameter("direction", OpenApiTypes.STR, enum=["sent", "received"]),
            OpenApiParameter("status", OpenApiTypes.STR, enum=MeetingRequest.Status.values),
        ]
    )
)
class MeetingRequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The user's meeting requests, sent and received."""

    serializer_class = MeetingRequestSerializer
    permission_classes = [LoggedIn, RulesPermission]
    filter_backends = []
    perms = {
        "create": SERVICE_DECIDES,
        "accept": SERVICE_DECIDES,
        "decline": SERVICE_DECIDES,
        "withdraw": SERVICE_DECIDES,
    }

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return MeetingRequest.objects.none()
        qs = selectors.my_requests_for_api(self.request.user)
        if self.action == "list":
            params = RequestQuerySerializer(data=self.request.query_params)
            params.is_valid(raise_exception=True)
            filters = params.validated_data
            if "event" in filters:
                qs = qs.filter(event__slug=filters["event"])
            if filters.get("direction") == "sent":
                qs = qs.filter(sender__registration__user=self.request.user)
            elif filters.get("direction") == "received":
                qs = qs.filter(recipient__registration__user=self.request.user)
            if "status" in filters:
                qs = qs.filter(status=filters["status"])
        return qs

    @extend_schema(request=NewRequestSerializer, responses={201: MeetingRequestSerializer})
    def create(self, request, *args, **kwargs):
        """Ask a participant of the same event for a meeting (the user needs a matchmaking profile there)."""
        data = NewRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = _visible_event(request.user, data.validated_data["event"])
        recipient = Profile.objects.filter(pk=data.validated_data["recipient"], event=event).first()
        if recipient is None:
            raise serializers.ValidationError({"recipient": ["No participant with this id takes part in this event."]})
        created = services.send_request(
            event,
            acting_user=request.user,
            recipient=recipient,
            message=data.validated_data["message"],
            interest=data.validated_data["interest"],
        )
        return Response(self._read(created), status=status.HTTP_201_CREATED)

    def _read(self, obj):
        return self.get_serializer(self.get_queryset().get(pk=obj.pk)).data

    @extend_schema(request=AcceptSerializer, responses={200: MeetingRequestSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept a request sent to the user; ``slot`` is required where participants pick their slots."""
        meeting_request = self.get_object()
        data = AcceptSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        slot = None
        if data.validated_data.get("slot"):
            slot = Slot.objects.filter(pk=data.validated_data["slot"], event=meeting_request.event).first()
            if slot is None:
                raise serializers.ValidationError({"slot": ["No slot with this id belongs to this event."]})
        services.accept_request(meeting_request, acting_user=request.user, slot=slot)
        return Response(self._read(meeting_request))

    @extend_schema(request=None, responses={200: MeetingRequestSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """Decline a request sent to the user (or call off the accepted meeting)."""
        meeting_request = self.get_object()
        services.decline_request(meeting_request, acting_user=request.user)
        return Response(self._read(meeting_request))

    @extend_schema(request=None, responses={200: MeetingRequestSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw a request the user sent."""
        meeting_request = self.get_object()
        services.withdraw_request(meeting_request, acting_user=request.user)
        return Response(self._read(meeting_request))


class AgendaMeetingSerializer(serializers.ModelSerializer):
    """A published meeting from the user's side: when, where (``place`` in words, ``table`` as the optimiser
    names it), with whom, the request's message, and the video link of virtual meetings."""

    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    slot = MeetingSlotSerializer(read_only=True)
    place = serializers.SerializerMethodField()
    partner = serializers.SerializerMethodField()
    message = serializers.CharField(source="request.message", read_only=True)
    video_link = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "event", "slot", "table", "place", "partner", "message", "video_link"]

    def _mine(self, obj):
        user = self.context["request"].user
        request = obj.request
        return request.sender if request.sender.registration.user_id == user.pk else request.recipient

    def get_place(self, obj) -> str:
        return selectors.table_label(obj.table, selectors.room_hosts([obj]))

    @extend_schema_field(ParticipantSerializer)
    def get_partner(self, obj):
        return ParticipantSerializer(obj.request.other(self._mine(obj))).data

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_video_link(self, obj):
        request = obj.request
        if request.sender.meets_online or request.recipient.meets_online:
            return obj.video_link or obj.event.matchmaking.meeting_video_link or None
        return None


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter("event", OpenApiTypes.STR)]))
class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """The user's published meetings at every event, in time order."""

    serializer_class = AgendaMeetingSerializer
    permission_classes = [LoggedIn, RulesPermission]
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Meeting.objects.none()
        qs = selectors.my_meetings_for_api(self.request.user).select_related("event")
        if slug := self.request.query_params.get("event"):
            qs = qs.filter(event__slug=slug[:120])
        return qs


class ScheduleRunSerializer(serializers.ModelSerializer):
    """A scheduling run: ``progress`` from 0 to 1 with the optimiser's current ``message`` while it runs; then
    ``score`` (sum of the weights scheduled), ``bound`` (proven upper bound), ``gap`` and ``idle_slots``."""

    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    gap = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = ScheduleRun
        fields = [
            "id",
            "event",
            "status",
            "progress",
            "message",
            "time_limit",
            "created",
            "started_at",
            "finished_at",
            "requests",
            "fixed",
            "meetings",
            "score",
            "bound",
            "gap",
            "idle_slots",
            "notes",
            "error",
        ]


class NewRunSerializer(serializers.Serializer):
    event = serializers.SlugField(max_length=120, help_text="slug of an event the user organises")


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter("event", OpenApiTypes.STR)]))
class ScheduleRunViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Scheduling runs of the events the user organises, newest first; POST starts a run."""

    serializer_class = ScheduleRunSerializer
    permission_classes = [LoggedIn, RulesPermission]
    filter_backends = []
    perms = {"create": SERVICE_DECIDES}

    def get_queryset(self):
        qs = ScheduleRun.objects.filter(event__in=Event.objects.managed_by(self.request.user)).select_related("event")
        if slug := self.request.query_params.get("event"):
            qs = qs.filter(event__slug=slug[:120])
        return qs.order_by("-created", "-pk")

    @extend_schema(request=NewRunSerializer, responses={201: ScheduleRunSerializer})
    def create(self, request, *args, **kwargs):
        """Schedule all accepted requests of an event in the background (400 while a run is under way)."""
        data = NewRunSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = _visible_event(request.user, data.validated_data["event"])
        run = services_schedule.start_run(event, acting_user=request.user)
        run.refresh_from_db()
        return Response(self.get_serializer(run).data, status=status.HTTP_201_CREATED)
