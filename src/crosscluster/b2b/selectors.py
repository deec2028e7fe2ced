"""Read-side queries for the matchmaking pages, the API, the mails and the calendar, so each list means the same."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from crosscluster.directory.models import Topic

from .models import Matchmaking, Meeting, MeetingRequest, ParticipationType, Profile, ScheduleRun, Slot

PROFILE_RELATIONS = ("registration__user", "participation_type", "organisation")
REQUEST_RELATIONS = (
    "sender__registration__user",
    "sender__participation_type",
    "recipient__registration__user",
    "recipient__participation_type",
    "meeting__slot",
)


def matchmaking_of(event) -> Matchmaking:
    """The event's matchmaking settings; an unsaved default (switched off) when the organisers never set it up."""
    found = Matchmaking.objects.filter(event=event).first()
    return found if found is not None else Matchmaking(event=event)


def profile_of(user, event, *, active_only=True):
    if not user.is_authenticated:
        return None
    qs = Profile.objects.filter(event=event, registration__user=user).select_related(*PROFILE_RELATIONS)
    profile = qs.first()
    if profile is not None and active_only and not (profile.active and profile.registration.is_confirmed):
        return None
    return profile


# --- participants ----------------------------------------------------------------------------------------------


def participant_list(event, params: dict, *, exclude=None):
    """Active profiles filtered by ``type`` (id), ``topic`` (slug, with the topics below it), ``organisation``
    (part of the name) and ``q`` (words in name, organisation, offer or search); returns (queryset, applied)."""
    qs = Profile.objects.active().filter(event=event)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    applied = {}
    type_id = params.get("type", "")
    if type_id.isdigit():
        qs = qs.filter(participation_type_id=int(type_id))
        applied["type"] = type_id
    if slug := params.get("topic"):
        topic = Topic.objects.filter(slug=slug).first()
        if topic is not None:
            qs = qs.filter(topics__in=topic.descendant_ids()).distinct()
            applied["topic"] = slug
    if organisation := (params.get("organisation") or "").strip():
        qs = qs.filter(organisation_name__icontains=organisation)
        applied["organisation"] = organisation
    if q := (params.get("q") or "").strip():
        for word in q.split()[:6]:
            qs = qs.filter(
                Q(registration__user__first_name__icontains=word)
                | Q(registration__user__last_name__icontains=word)
                | Q(organisation_name__icontains=word)
                | Q(offer__icontains=word)
                | Q(seek__icontains=word)
            )
        applied["q"] = q
    qs = (
        qs.select_related(*PROFILE_RELATIONS)
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name").only("pk", "slug", "name")))
        .order_by("registration__user__last_name", "registration__user__first_name", "pk")
    )
    return qs, applied


def filter_options(event):
    """Participation types and the topics that active profiles chose, for the participant filters."""
    types = list(ParticipationType.objects.filter(event=event))
    topic_ids = Profile.topics.through.objects.filter(profile__event=event, profile__active=True).values("topic_id")
    topics = list(Topic.objects.filter(pk__in=topic_ids).order_by("name").only("pk", "slug", "name"))
    return types, topics


def relations_of(profile) -> dict[int, MeetingRequest]:
    """The viewer's live requests keyed by the other participant's profile id (one query)."""
    if profile is None:
        return {}
    requests = MeetingRequest.objects.live().involving(profile).only("pk", "sender_id", "recipient_id", "status")
    return {(r.recipient_id if r.sender_id == profile.pk else r.sender_id): r for r in requests}


# --- requests and agendas --------------------------------------------------------------------------------------


def requests_of(profile):
    """(received, sent) requests of a participant, newest first, with both sides and the meeting."""
    qs = MeetingRequest.objects.select_related(*REQUEST_RELATIONS)
    return list(qs.filter(recipient=profile)), list(qs.filter(sender=profile))


def room_hosts(meetings) -> dict[int, Profile]:
    """Profiles whose booth or video room hosts one of ``meetings`` (always one of the two participants)."""
    hosts = {}
    for meeting in meetings:
        for profile in (meeting.request.sender, meeting.request.recipient):
            hosts[profile.pk] = profile
    return hosts


def table_label(table: str, hosts: dict) -> str:
    """``Table 3``, ``Booth of Jana Kühn (Hall B, stand 12)`` or ``Video call (Jana Kühn)``."""
    if not table.startswith("booth:"):
        return _("Table %(number)s") % {"number": table[1:]}
    host = hosts.get(int(table.removeprefix("booth:p")))
    if host is None:
        return _("Booth")
    if host.meets_online and not host.own_table:
        return _("Video call (%(name)s)") % {"name": host.display_name}
    if host.booth:
        return _("Booth of %(name)s (%(booth)s)") % {"name": host.display_name, "booth": host.booth}
    return _("Booth of %(name)s") % {"name": host.display_name}


@dataclass
class AgendaRow:
    meeting: Meeting
    partner: Profile
    place: str
    video_link: str
    message: str
    sent_by_me: bool


def _is_virtual(meeting) -> bool:
    request = meeting.request
    return request.sender.meets_online or request.recipient.meets_online


def agenda_rows(profile, *, published_only=True) -> list[AgendaRow]:
    """A participant's meetings in time order: when, where, with whom (and their organisation), the message."""
    if profile is None:
        return []
    qs = Meeting.objects.filter(Q(request__sender=profile) | Q(request__recipient=profile))
    if published_only:
        qs = qs.filter(published=True)
    meetings = list(
        qs.select_related(
            "slot",
            "event__matchmaking",
            "event",
            "request__sender__registration__user",
            "request__sender__participation_type",
            "request__recipient__registration__user",
            "request__recipient__participation_type",
        ).order_by("slot__start", "pk")
    )
    hosts = room_hosts(meetings)
    rows = []
    for meeting in meetings:
        request = meeting.request
        link = ""
        if _is_virtual(meeting):
            link = meeting.video_link or meeting.event.matchmaking.meeting_video_link
        rows.append(
            AgendaRow(
                meeting=meeting,
                partner=request.other(profile),
                place=table_label(meeting.table, hosts),
                video_link=link,
                message=request.message,
                sent_by_me=request.sender_id == profile.pk,
            )
        )
    return rows


def my_requests_for_api(user):
    return (
        MeetingRequest.objects.filter(Q(sender__registration__user=user) | Q(recipient__registration__user=user))
        .select_related("event", *REQUEST_RELATIONS)
        .order_by("-created", "-pk")
    )


def my_meetings_for_api(user):
    """Published meetings of the user, at every event."""
    return (
        Meeting.objects.filter(published=True)
        .filter(Q(request__sender__registration__user=user) | Q(request__recipient__registration__user=user))
        .select_related(
            "slot",
            "event__matchmaking",
            "request__sender__registration__user",
            "request__sender__participation_type",
            "request__recipient__registration__user",
            "request__recipient__participation_type",
        )
        .order_by("slot__start", "pk")
    )


# --- the organiser's schedule ---------------------------------------------------------------------------------


@dataclass
class Column:
    table: str
    label: str
    host: Profile | None = None


@dataclass
class GridRow:
    slot: Slot
    cells: list = field(default_factory=list)  # (column, meeting or None, usable)


@dataclass
class Grid:
    columns: list[Column]
    rows: list[GridRow]
    unscheduled: list[MeetingRequest]
    meeting_count: int
    published_count: int
    locked_count: int


def schedule_grid(event) -> Grid:
    """Slots × (shared tables, then booths and video rooms): the organiser's view of the schedule."""
    slots = list(Slot.objects.filter(event=event).order_by("start", "pk"))
    meetings = list(
        Meeting.objects.filter(event=event).select_related(
            "request__sender__registration__user",
            "request__sender__participation_type",
            "request__recipient__registration__user",
            "request__recipient__participation_type",
        )
    )
    rooms = list(
        Profile.objects.active()
        .filter(event=event)
        .filter(Q(own_table=True) | Q(participation_type__virtual=True))
        .select_related(*PROFILE_RELATIONS)
        .order_by("booth", "registration__user__last_name", "pk")
    )
    hosts = {p.pk: p for p in rooms} | room_hosts(meetings)
    most_tables = max((s.tables for s in slots), default=0)
    columns = [Column(f"T{k}", _("Table %(number)s") % {"number": k}) for k in range(1, most_tables + 1)]
    room_ids = {p.pk for p in rooms} | {m.room_profile_id for m in meetings if not m.is_shared_table}
    for pk in sorted(room_ids, key=lambda pk: (hosts[pk].booth or "~", hosts[pk].display_name, pk)):
        columns.append(Column(f"booth:p{pk}", table_label(f"booth:p{pk}", hosts), hosts[pk]))
    at = {(m.slot_id, m.table): m for m in meetings}
    rows = []
    for slot in slots:
        row = GridRow(slot)
        for column in columns:
            usable = column.host is not None or int(column.table[1:]) <= slot.tables
            row.cells.append((column, at.get((slot.pk, column.table)), usable))
        rows.append(row)
    unscheduled = list(
        MeetingRequest.objects.filter(event=event, status=MeetingRequest.Status.ACCEPTED, meeting__isnull=True)
        .filter(sender__active=True, recipient__active=True)
        .select_related("sender__registration__user", "recipient__registration__user")
        .order_by("pk")
    )
    return Grid(
        columns=columns,
        rows=rows,
        unscheduled=unscheduled,
        meeting_count=len(meetings),
        published_count=sum(m.published for m in meetings),
        locked_count=sum(m.locked for m in meetings),
    )


def latest_run(event):
    return ScheduleRun.objects.filter(event=event).order_by("-created", "-pk").first()


def request_counts(event) -> dict:
    return MeetingRequest.objects.filter(event=event).aggregate(
        pending=Count("pk", filter=Q(status=MeetingRequest.Status.PENDING)),
        accepted=Count("pk", filter=Q(status=MeetingRequest.Status.ACCEPTED)),
        declined=Count("pk", filter=Q(status=MeetingRequest.Status.DECLINED)),
    )


def profiles_for_organisers(event):
    """Every profile of the event (also inactive ones), with type and meeting counts, for the organisers' list."""
    return (
        Profile.objects.filter(event=event)
        .select_related(*PROFILE_RELATIONS)
        .annotate(
            sent_count=Count("sent_requests", distinct=True),
            received_count=Count("received_requests", distinct=True),
        )
        .order_by("-active", "registration__user__last_name", "registration__user__first_name", "pk")
    )
