"""Polls API, version 1 (registered in ``crosscluster/api/urls.py``): an event's polls, voting, results.

``/api/v1/events/{event_slug}/polls/`` lists the polls of an event: all of them for its organisers, the open and
closed ones for confirmed participants; other users who can see the event get 403 with the reason, an event
the user may not see 404. Votes and results follow the same rules as the web pages (``voting.py``, ``rules.py``).
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from crosscluster.api.permissions import SERVICE_DECIDES
from crosscluster.events.models import Event

from . import results, selectors, voting
from .models import Poll, PollOption


class PollOptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PollOption
        fields = ["id", "label", "label_de", "label_en"]


class MyVoteSerializer(serializers.Serializer):
    """The current user's ballot: option ids, a scale value or a short answer (the others are empty)."""

    choices = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    rating = serializers.IntegerField(allow_null=True, read_only=True)
    text = serializers.CharField(read_only=True)
    updated = serializers.DateTimeField(read_only=True)


class PollSerializer(serializers.ModelSerializer):
    """A poll. ``question`` and option ``label`` are in the request's language; ``results_available`` says
    whether the current user may fetch the results now; ``my_vote`` is null until the user has voted."""

    question = serializers.CharField(read_only=True)
    scale_min_label = serializers.CharField(read_only=True)
    scale_max_label = serializers.CharField(read_only=True)
    options = serializers.SerializerMethodField()
    results_available = serializers.SerializerMethodField()
    my_vote = serializers.SerializerMethodField()

    class Meta:
        model = Poll
        fields = [
            "id",
            "question",
            "question_de",
            "question_en",
            "session",
            "kind",
            "state",
            "options",
            "max_choices",
            "scale_max",
            "scale_min_label",
            "scale_max_label",
            "text_max_length",
            "results_visibility",
            "is_named",
            "opened_at",
            "closed_at",
            "results_available",
            "my_vote",
        ]

    @extend_schema_field(PollOptionSerializer(many=True))
    def get_options(self, poll):
        return PollOptionSerializer(selectors.poll_options(poll), many=True).data

    def get_results_available(self, poll) -> bool:
        return poll.results_public or bool(self.context.get("manages"))

    @extend_schema_field(MyVoteSerializer(allow_null=True))
    def get_my_vote(self, poll):
        vote = self.context.get("my_votes", {}).get(poll.pk)
        return MyVoteSerializer(vote).data if vote is not None else None


class VoteRequestSerializer(serializers.Serializer):
    """Send what the poll's type asks for: ``choices`` (option ids; one for single choice), ``rating`` (1 to the
    scale's maximum) or ``text`` (a short answer). Voting again replaces the earlier vote while the poll is open."""

    choices = serializers.ListField(child=serializers.JSONField(), required=False, max_length=100)
    rating = serializers.JSONField(required=False)
    text = serializers.CharField(required=False, allow_blank=True, max_length=1000, trim_whitespace=False)


class ResultRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    label = serializers.CharField()
    votes = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True, help_text=_("Share of the voters, 0 to 1."))


class WordSerializer(serializers.Serializer):
    word = serializers.CharField()
    count = serializers.IntegerField(help_text=_("How many answers use the word."))


class ResultsSerializer(serializers.Serializer):
    """Counts only, never who voted what. ``rows``: one per option (choice polls) or scale value (rating);
    ``words``: the most frequent words of the answers (short text)."""

    poll = serializers.IntegerField()
    kind = serializers.CharField()
    state = serializers.CharField()
    voters = serializers.IntegerField()
    participants = serializers.IntegerField()
    rows = ResultRowSerializer(many=True)
    rating_mean = serializers.FloatField(allow_null=True)
    words = WordSerializer(many=True)


class _Lazy:
    """A yes/no answered on first use (whether a participant also organises the event costs a query)."""

    def __init__(self, decide):
        self._decide, self._value = decide, None

    def __bool__(self):
        if self._value is None:
            self._value = bool(self._decide())
        return self._value


EVENT_SLUG = OpenApiParameter("event_slug", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("Event slug"))
POLL_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("Poll id"))


@extend_schema(parameters=[EVENT_SLUG])
class PollViewSet(viewsets.ReadOnlyModelViewSet):
    """The polls of an event: organisers see all, confirmed participants the open and closed ones."""

    serializer_class = PollSerializer
    queryset = Poll.objects.none()
    lookup_value_regex = r"\d+"
    pagination_class = None
    filter_backends = []
    perms = {"vote": SERVICE_DECIDES}

    def _event_and_role(self):
        """``(event, registration id, manages)``; 404 for an event the user may not see, 401/403 otherwise."""
        if hasattr(self, "_role"):
            return self._role
        user = self.request.user
        slug = self.kwargs.get("event_slug", "")
        registration = selectors.participant_registration(user, slug)
        if registration is not None:
            event = registration.event
            self._role = (event, registration.pk, _Lazy(lambda: user.has_perm("polls.manage_polls", event)))
            return self._role
        event = Event.objects.visible_to(user).filter(slug=slug).first()
        if event is None:
            raise Http404
        if not user.is_authenticated:
            raise exceptions.NotAuthenticated()
        if not user.has_perm("polls.manage_polls", event):
            raise exceptions.PermissionDenied(voting.not_participant_message())
        self._role = (event, None, True)
        return self._role

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Poll.objects.none()
        event, _registration_id, _manages = self._event_and_role()
        polls = Poll.objects.of_event(event).select_related("event").prefetch_related("options")
        return polls.order_by("position", "pk")

    def get_object(self):
        """The poll; drafts only for organisers (404 for participants)."""
        poll = super().get_object()
        if poll.is_draft and not self._event_and_role()[2]:
            raise Http404
        return poll

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False) or self.action == "vote":
            return context
        _event, registration_id, manages = self._event_and_role()
        context["manages"] = manages
        context["registration_id"] = registration_id
        return context

    def list(self, request, *args, **kwargs):
        polls = self.get_queryset()
        polls = list(polls if self._event_and_role()[2] else polls.announced())
        context = self.get_serializer_context()
        context["my_votes"] = selectors.my_votes(context["registration_id"], polls)
        return Response(PollSerializer(polls, many=True, context=context).data)

    @extend_schema(parameters=[POLL_ID])
    def retrieve(self, request, *args, **kwargs):
        poll = self.get_object()
        context = self.get_serializer_context()
        context["my_votes"] = selectors.my_votes(context["registration_id"], [poll])
        return Response(PollSerializer(poll, context=context).data)

    @extend_schema(parameters=[POLL_ID], request=VoteRequestSerializer, responses={200: MyVoteSerializer})
    @action(detail=True, methods=["post"])
    def vote(self, request, event_slug=None, pk=None):
        """Cast or change the current user's vote (400 with the reason when the poll is not open or the vote
        does not fit the poll; 403 for users without a confirmed registration)."""
        if not str(pk).isdigit():
            raise Http404
        poll = selectors.poll_for_vote(event_slug, int(pk))
        if poll is None:
            raise Http404
        if poll.is_draft:
            _event, _registration_id, manages = self._event_and_role()  # 404 / 401 / 403 as for reading
            if not manages:
                raise Http404
            raise exceptions.PermissionDenied(voting.not_participant_message())
        body = VoteRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            ballot = voting.read_ballot(poll, **body.validated_data)
            vote = voting.cast_vote(acting_user=request.user, poll=poll, ballot=ballot)
        except voting.NotParticipant as refused:
            self._event_and_role()  # 404 for an event the user may not see
            raise exceptions.PermissionDenied(str(refused)) from refused
        except ValidationError:
            if selectors.confirmed_registration_id(request.user, poll.event_id) is None:  # a refusal comes first
                self._event_and_role()
                raise exceptions.PermissionDenied(voting.not_participant_message()) from None
            raise
        return Response(MyVoteSerializer(vote).data)

    @extend_schema(parameters=[POLL_ID], responses={200: ResultsSerializer})
    @action(detail=True, methods=["get"])
    def results(self, request, event_slug=None, pk=None):
        """The poll's results, counted at most a fraction of a second ago. Participants get them only when the
        organisers show them (after closing, or live)."""
        poll = self.get_object()
        _event, _registration_id, manages = self._event_and_role()
        if not poll.results_public and not manages:
            if poll.results_visibility == Poll.ResultsVisibility.AFTER_CLOSE:
                raise exceptions.PermissionDenied(_("The results are shown when the poll has closed."))
            raise exceptions.PermissionDenied(_("The organisers do not show the results of this poll to participants."))
        counts = results.poll_counts(poll)
        if poll.is_choice:
            ids = [o.pk for o in selectors.poll_options(poll)]
            rows = [
                {"id": pk_, "label": row.label, "votes": row.count, "share": row.share}
                for pk_, row in zip(ids, results.option_rows(poll, counts), strict=True)
            ]
        elif poll.kind == Poll.Kind.RATING:
            rows = [
                {"id": None, "label": row.label, "votes": row.count, "share": row.share}
                for row in results.rating_rows(poll, counts)
            ]
        else:
            rows = []
        data = {
            "poll": poll.pk,
            "kind": poll.kind,
            "state": poll.state,
            "voters": counts.voters,
            "participants": counts.participants,
            "rows": rows,
            "rating_mean": counts.rating_mean,
            "words": [{"word": w, "count": n} for w, n in counts.words],
        }
        return Response(ResultsSerializer(data).data)
