"""Writes to an event's matchmaking: settings, participation types, slots, profiles, requests and answers.

Every function takes keyword arguments with an explicit ``acting_user``, runs in one transaction and leaves an
audit-log entry. Anything that places a meeting locks the event's ``Matchmaking`` row first, so two people
cannot book the same table or the same participant at the same moment. The schedule itself (runs, moves,
publishing, reminders) is in ``services_schedule.py``.
"""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, RestrictedError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from crosscluster.accounts import audit
from crosscluster.events.models import Registration

from . import scheduling
from .models import Matchmaking, Meeting, MeetingRequest, ParticipationType, Profile, Slot
from .notifications import notify_after_commit

MAX_SLOTS_PER_DAY = 96


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def lock_matchmaking(event) -> Matchmaking:
    """The event's settings row, locked for the rest of the transaction (created switched off if missing)."""
    Matchmaking.objects.get_or_create(event=event)
    return Matchmaking.objects.select_for_update().select_related("event").get(event=event)


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


# --- settings and participation types --------------------------------------------------------------------------


SETTINGS_FIELDS = ("enabled", "mode", "max_meetings", "time_limit", "video_link")


@transaction.atomic
def update_settings(event, *, acting_user, data: dict) -> Matchmaking:
    _require(acting_user, "b2b.manage_matchmaking", event)
    settings = lock_matchmaking(event)
    for name in SETTINGS_FIELDS:
        if name in data:
            setattr(settings, name, data[name])
    settings.full_clean()
    settings.save()
    audit.log("b2b.settings_changed", actor=acting_user, obj=event, **{k: str(data.get(k)) for k in data})
    return settings


@transaction.atomic
def save_participation_type(event, *, acting_user, data: dict, participation_type=None) -> ParticipationType:
    _require(acting_user, "b2b.manage_matchmaking", event)
    if participation_type is not None and participation_type.event_id != event.pk:
        raise PermissionDenied("b2b.manage_matchmaking")
    lock_matchmaking(event)
    if participation_type is None:
        participation_type = ParticipationType(event=event)
    old_virtual = participation_type.virtual
    for name, value in data.items():
        setattr(participation_type, name, value)
    if participation_type.pk and old_virtual != participation_type.virtual:
        affected = Meeting.objects.filter(event=event).filter(
            Q(request__sender__participation_type=participation_type)
            | Q(request__recipient__participation_type=participation_type)
        )
        if affected.exists():
            raise ValidationError(
                {
                    "virtual": _(
                        "Participants of this type already have meetings in the schedule; remove those meetings "
                        "before changing whether they meet online."
                    )
                }
            )
    participation_type.full_clean()
    participation_type.save()
    audit.log("b2b.type_saved", actor=acting_user, obj=participation_type)
    return participation_type


@transaction.atomic
def delete_participation_type(participation_type, *, acting_user) -> None:
    _require(acting_user, "b2b.manage_matchmaking", participation_type.event)
    audit.log("b2b.type_deleted", actor=acting_user, obj=participation_type)
    try:
        with transaction.atomic():
            participation_type.delete()
    except RestrictedError:
        count = participation_type.profiles.count()
        raise ValidationError(
            _("%(count)s participants have chosen this type; it cannot be deleted.") % {"count": count}
        ) from None


# --- slots -----------------------------------------------------------------------------------------------------


def _check_slot_times(event, start, end, *, exclude_pk=None):
    if end <= start:
        raise ValidationError(_("A slot must end after it begins."))
    if start < event.start or end > event.end:
        raise ValidationError(
            _("Slots must lie within the event (%(start)s to %(end)s).")
            % {"start": _when(event.start), "end": _when(event.end)}
        )
    clash = Slot.objects.filter(event=event, start__lt=end, end__gt=start).exclude(pk=exclude_pk).first()
    if clash is not None:
        raise ValidationError(_("The slot would overlap the slot %(slot)s.") % {"slot": clash})


@transaction.atomic
def generate_slots(
    event, *, acting_user, day, first_start, last_end, minutes: int, tables: int, breaks=()
) -> list[Slot]:
    """Slots of ``minutes`` each from ``first_start`` to ``last_end`` on ``day`` (local times); a slot that would
    overlap a break starts after it. ``breaks`` are ``(start, end)`` local times."""
    _require(acting_user, "b2b.manage_matchmaking", event)
    lock_matchmaking(event)
    tz = timezone.get_current_timezone()

    def at(t):
        return timezone.make_aware(datetime.combine(day, t), tz)

    start, stop = at(first_start), at(last_end)
    if stop <= start:
        raise ValidationError({"last_end": _("The last slot must end after the first one begins.")})
    pauses = sorted((at(b), at(e)) for b, e in breaks)
    length = timedelta(minutes=minutes)
    created = []
    while start + length <= stop:
        end = start + length
        pause = next((p for p in pauses if p[0] < end and p[1] > start), None)
        if pause is not None:
            start = pause[1]
            continue
        _check_slot_times(event, start, end)
        created.append(Slot.objects.create(event=event, start=start, end=end, tables=tables))
        if len(created) > MAX_SLOTS_PER_DAY:
            raise ValidationError(_("That would make more than %(n)s slots in one day.") % {"n": MAX_SLOTS_PER_DAY})
        start = end
    if not created:
        raise ValidationError(_("No slot fits between these times."))
    audit.log("b2b.slots_generated", actor=acting_user, obj=event, count=len(created))
    return created


def _shared_meetings_in(slot):
    return [m for m in slot.meetings.all() if m.is_shared_table]


@transaction.atomic
def save_slot(event, *, acting_user, start, end, tables: int, slot=None) -> Slot:
    _require(acting_user, "b2b.manage_matchmaking", event)
    if slot is not None and slot.event_id != event.pk:
        raise PermissionDenied("b2b.manage_matchmaking")
    lock_matchmaking(event)
    _check_slot_times(event, start, end, exclude_pk=slot.pk if slot else None)
    if slot is not None:
        highest = max((m.table_number for m in _shared_meetings_in(slot)), default=0)
        if tables < highest:
            raise ValidationError(
                {
                    "tables": _("Table %(n)s is in use in this slot; move that meeting before removing the table.")
                    % {"n": highest}
                }
            )
    else:
        slot = Slot(event=event)
    slot.start, slot.end, slot.tables = start, end, tables
    slot.full_clean()
    slot.save()
    audit.log("b2b.slot_saved", actor=acting_user, obj=slot)
    return slot


@transaction.atomic
def delete_slot(slot, *, acting_user) -> None:
    _require(acting_user, "b2b.manage_matchmaking", slot.event)
    lock_matchmaking(slot.event)
    count = slot.meetings.count()
    if count:
        raise ValidationError(
            _("%(count)s meetings take place in this slot; move or remove them first.") % {"count": count}
        )
    audit.log("b2b.slot_deleted", actor=acting_user, obj=slot)
    slot.delete()


# --- profiles --------------------------------------------------------------------------------------------------


def _meeting_slots(profile) -> set[int]:
    return set(scheduling.meetings_involving(profile).values_list("slot_id", flat=True))


@transaction.atomic
def save_profile(event, *, acting_user, data: dict, topics=(), unavailable=()) -> Profile:
    """Opt in (create the profile) or change it. Only confirmed participants of an event with open matchmaking."""
    _require(acting_user, "b2b.take_part", event)
    if event.is_past:
        raise ValidationError(_("The event is over."))
    lock_matchmaking(event)
    registration = Registration.objects.get(event=event, user=acting_user)
    profile = Profile.objects.filter(registration=registration).first() or Profile(
        registration=registration, event=event
    )
    participation_type = data.get("participation_type")
    if participation_type is not None and participation_type.event_id != event.pk:
        raise ValidationError({"participation_type": _("Choose one of this event's participation types.")})
    unavailable = list(unavailable)
    if any(s.event_id != event.pk for s in unavailable):
        raise ValidationError({"unavailable": _("Choose slots of this event.")})
    if profile.pk:
        busy = _meeting_slots(profile) & {s.pk for s in unavailable}
        if busy:
            slot = Slot.objects.filter(pk__in=busy).order_by("start").first()
            raise ValidationError(
                {
                    "unavailable": _(
                        "You have a meeting in the slot %(slot)s. Ask the organisers to move it, or cancel the "
                        "meeting, before you block the slot."
                    )
                    % {"slot": slot}
                }
            )
        old_type = Profile.objects.select_related("participation_type").get(pk=profile.pk).participation_type
        old_online = old_type is not None and old_type.virtual
        new_online = participation_type is not None and participation_type.virtual
        if old_online != new_online and scheduling.meetings_involving(profile).exists():
            raise ValidationError(
                {
                    "participation_type": _(
                        "You already have meetings in the schedule; this type would change where they take place. "
                        "Ask the organisers."
                    )
                }
            )
    for name, value in data.items():
        setattr(profile, name, value)
    profile.active = True
    profile.full_clean(exclude=["registration", "event"])
    if profile.pk:
        meetings = scheduling.meetings_involving(profile).count()
        settings = Matchmaking.objects.get(event=event)
        cap = scheduling.effective_max_meetings(profile, settings)
        if cap is not None and meetings > cap:
            raise ValidationError(
                {
                    "max_meetings": _("You already have %(count)s meetings; the limit cannot be lower than that.")
                    % {"count": meetings}
                }
            )
    created = profile.pk is None
    profile.save()
    profile.topics.set(topics)
    profile.unavailable.set(unavailable)
    audit.log("b2b.profile_created" if created else "b2b.profile_changed", actor=acting_user, obj=profile)
    return profile


@transaction.atomic
def update_profile_as_organiser(profile, *, acting_user, data: dict) -> Profile:
    """Organisers set who has a booth (and its name), the participation type and a participant's meeting cap."""
    event = profile.event
    _require(acting_user, "b2b.manage_matchmaking", event)
    settings = lock_matchmaking(event)
    profile = Profile.objects.select_related("participation_type", "registration__user").get(pk=profile.pk)
    before = profile.has_own_room
    participation_type = data.get("participation_type", profile.participation_type)
    if participation_type is not None and participation_type.event_id != event.pk:
        raise ValidationError({"participation_type": _("Choose one of this event's participation types.")})
    for name, value in data.items():
        setattr(profile, name, value)
    if before != profile.has_own_room and scheduling.meetings_involving(profile).exists():
        raise ValidationError(
            _(
                "%(name)s already has meetings in the schedule, which would have to change place. Remove those "
                "meetings first."
            )
            % {"name": profile.display_name}
        )
    meetings = scheduling.meetings_involving(profile).count()
    cap = scheduling.effective_max_meetings(profile, settings)
    if cap is not None and meetings > cap:
        raise ValidationError(
            {
                "max_meetings": _("%(name)s already has %(count)s meetings; the limit cannot be lower than that.")
                % {"name": profile.display_name, "count": meetings}
            }
        )
    profile.full_clean(exclude=["registration", "event"])
    profile.save()
    audit.log("b2b.profile_changed_by_organiser", actor=acting_user, obj=profile)
    return profile


def _end_requests(profile):
    """Cancel a leaving participant's live requests and meetings; tell each person they were to meet."""
    requests = list(MeetingRequest.objects.live().involving(profile).select_related("sender", "recipient"))
    for request in requests:
        other = request.other(profile)
        Meeting.objects.filter(request=request).delete()
        request.status = MeetingRequest.Status.CANCELLED
        request.responded_at = timezone.now()
        request.save(update_fields=["status", "responded_at", "pair"])
        notify_after_commit(
            "meeting_cancelled", user_id=other.registration.user_id, event_id=profile.event_id, request_id=request.pk
        )
    return len(requests)


@transaction.atomic
def leave_matchmaking(event, *, acting_user) -> Profile:
    """Opt out: the profile is hidden, open and accepted requests are cancelled, meetings removed."""
    lock_matchmaking(event)
    profile = Profile.objects.filter(event=event, registration__user=acting_user, active=True).first()
    if profile is None:
        raise ValidationError(_("You do not take part in the matchmaking of this event."))
    profile.active = False
    profile.save(update_fields=["active", "updated"])
    ended = _end_requests(profile)
    audit.log("b2b.profile_left", actor=acting_user, obj=profile, requests_cancelled=ended)
    return profile


def registration_cancelled(registration) -> None:
    """The events app cancelled a registration: that participant's requests and meetings end as if they left."""
    profile = Profile.objects.filter(registration=registration).select_related("registration").first()
    if profile is None:
        return
    with transaction.atomic():
        Matchmaking.objects.select_for_update().filter(event_id=registration.event_id).first()
        _end_requests(profile)


# --- requests --------------------------------------------------------------------------------------------------


@transaction.atomic
def send_request(event, *, acting_user, recipient: Profile, message: str = "", interest=None) -> MeetingRequest:
    _require(acting_user, "b2b.take_part", event)
    if event.is_past:
        raise ValidationError(_("The event is over."))
    lock_matchmaking(event)
    sender = Profile.objects.active().filter(event=event, registration__user=acting_user).first()
    if sender is None:
        raise ValidationError(_("Create your matchmaking profile first."))
    recipient = Profile.objects.active().filter(pk=recipient.pk, event=event).select_related("registration").first()
    if recipient is None:
        raise ValidationError(_("This participant no longer takes part in the matchmaking."))
    if recipient.pk == sender.pk:
        raise ValidationError(_("You cannot send a meeting request to yourself."))
    interest = interest or MeetingRequest.Interest.WOULD_LIKE
    if interest not in MeetingRequest.Interest.values:
        raise ValidationError({"interest": _("Choose how much you would like to meet.")})
    existing = MeetingRequest.objects.live().filter(pair=MeetingRequest.pair_of(sender, recipient)).first()
    if existing is not None:
        raise ValidationError(_("There is already an open or accepted request between you two."))
    participation_type = sender.participation_type
    if participation_type is not None and participation_type.max_requests is not None:
        sent = MeetingRequest.objects.live().filter(sender=sender).count()
        if sent >= participation_type.max_requests:
            raise ValidationError(
                _("As a participant of the type “%(type)s” you may send at most %(n)s requests.")
                % {"type": participation_type.name, "n": participation_type.max_requests}
            )
    request = MeetingRequest(event=event, sender=sender, recipient=recipient, message=message, interest=interest)
    request.full_clean()
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        raise ValidationError(_("There is already an open or accepted request between you two.")) from None
    audit.log("b2b.request_sent", actor=acting_user, obj=request)
    notify_after_commit(
        "request_received", user_id=recipient.registration.user_id, event_id=event.pk, request_id=request.pk
    )
    return request


def _load_request(request) -> MeetingRequest:
    return (
        MeetingRequest.objects.select_for_update()
        .select_related("event", "sender__registration", "recipient__registration")
        .get(pk=request.pk)
    )


@transaction.atomic
def accept_request(request, *, acting_user, slot: Slot | None = None) -> MeetingRequest:
    """Accept a request. Where participants pick their slots, ``slot`` must be one in which both are free and a
    table (or booth) is available; with no such slot left the request is accepted and waits for the organisers."""
    _require(acting_user, "b2b.answer_request", request)
    event = request.event
    if event.is_past:
        raise ValidationError(_("The event is over."))
    settings = lock_matchmaking(event)
    request = _load_request(request)
    if request.status != MeetingRequest.Status.PENDING:
        raise ValidationError(_("This request has already been answered or withdrawn."))
    if not (request.sender.active and request.sender.registration.is_confirmed):
        raise ValidationError(_("This participant no longer takes part in the matchmaking."))
    if not (request.recipient.active and request.recipient.registration.is_confirmed):
        raise ValidationError(_("Create your matchmaking profile first."))
    request.status = MeetingRequest.Status.ACCEPTED
    request.responded_at = timezone.now()
    meeting = None
    if settings.participants_pick_slots:
        snap = scheduling.snapshot(event, settings=settings, extra_request=request)
        cells = scheduling.free_cells(snap, request)
        if slot is None and cells:
            raise ValidationError({"slot": _("Choose a slot for the meeting.")})
        if slot is not None:
            if slot.event_id != event.pk or slot.key not in cells:
                reasons = scheduling.why_not(snap, request, slot) if slot.event_id == event.pk else []
                raise ValidationError(
                    {
                        "slot": " ".join(
                            [_("The meeting cannot take place in this slot:"), *reasons, _("Choose another slot.")]
                        )
                    }
                )
            meeting = Meeting(
                request=request, event=event, slot=slot, table=cells[slot.key][0], published=True, locked=True
            )
    request.save(update_fields=["status", "responded_at", "pair"])
    if meeting is not None:
        meeting.save()
    audit.log("b2b.request_accepted", actor=acting_user, obj=request, slot=slot.pk if slot else None)
    notify_after_commit(
        "request_accepted", user_id=request.sender.registration.user_id, event_id=event.pk, request_id=request.pk
    )
    return request


@transaction.atomic
def decline_request(request, *, acting_user) -> MeetingRequest:
    """Decline an open request, or call off an accepted one (its meeting is removed)."""
    _require(acting_user, "b2b.answer_request", request)
    lock_matchmaking(request.event)
    request = _load_request(request)
    if not request.is_live:
        raise ValidationError(_("This request has already been answered or withdrawn."))
    Meeting.objects.filter(request=request).delete()
    request.status = MeetingRequest.Status.DECLINED
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "responded_at", "pair"])
    audit.log("b2b.request_declined", actor=acting_user, obj=request)
    notify_after_commit(
        "request_declined",
        user_id=request.sender.registration.user_id,
        event_id=request.event_id,
        request_id=request.pk,
    )
    return request


@transaction.atomic
def withdraw_request(request, *, acting_user) -> MeetingRequest:
    """The sender takes back an open or accepted request (its meeting is removed)."""
    _require(acting_user, "b2b.withdraw_request", request)
    lock_matchmaking(request.event)
    request = _load_request(request)
    if not request.is_live:
        raise ValidationError(_("This request has already been answered or withdrawn."))
    Meeting.objects.filter(request=request).delete()
    request.status = MeetingRequest.Status.WITHDRAWN
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "responded_at", "pair"])
    audit.log("b2b.request_withdrawn", actor=acting_user, obj=request)
    notify_after_commit(
        "request_withdrawn",
        user_id=request.recipient.registration.user_id,
        event_id=request.event_id,
        request_id=request.pk,
    )
    return request
