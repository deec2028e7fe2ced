"""The organisers' schedule: scheduling runs in the background, moving meetings by hand, publishing agendas,
reminders. Same conventions as ``services.py`` (keyword arguments, ``acting_user``, one transaction, audit log).

Rescheduling keeps every locked meeting exactly where it is (the optimiser's ``fixed``): meetings become locked
when their agenda is published or when participants book them themselves, and stay so until an organiser frees
them. Everything else is replaced by the new schedule, unpublished until the organisers publish again.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from crosscluster import matchmaking
from crosscluster.accounts import audit

from . import scheduling
from .models import Matchmaking, Meeting, MeetingRequest, Profile, ScheduleRun, Slot
from .notifications import notify_after_commit
from .services import _require, lock_matchmaking


def _enqueue(run_id):
    from .tasks import schedule_run

    schedule_run(run_id=run_id)


@transaction.atomic
def start_run(event, *, acting_user) -> ScheduleRun:
    """Queue a scheduling run over all accepted requests; the background worker runs the optimiser."""
    _require(acting_user, "b2b.manage_matchmaking", event)
    settings = lock_matchmaking(event)
    for run in ScheduleRun.objects.filter(
        event=event, status__in=(ScheduleRun.Status.QUEUED, ScheduleRun.Status.RUNNING)
    ):
        if not scheduling.is_stale(run):
            raise ValidationError(_("A scheduling run is already under way; wait until it has finished."))
        run.status, run.finished_at = ScheduleRun.Status.FAILED, timezone.now()
        run.error = "The background worker stopped reporting; the run was given up."
        run.save(update_fields=["status", "finished_at", "error"])
    if not Slot.objects.filter(event=event).exists():
        raise ValidationError(_("Add meeting slots first."))
    if not MeetingRequest.objects.filter(event=event, status=MeetingRequest.Status.ACCEPTED).exists():
        raise ValidationError(_("There are no accepted requests to schedule yet."))
    run = ScheduleRun.objects.create(event=event, started_by=acting_user, time_limit=settings.time_limit)
    audit.log("b2b.schedule_run_started", actor=acting_user, obj=event, run=run.pk)
    transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def apply_schedule(*, run_id: int, result, dropped_before: int = 0) -> ScheduleRun:
    """Store a run's result: locked meetings stay, every other meeting is replaced by the result's.

    Participants may have changed things while the optimiser ran; what no longer fits is left out (the
    optimiser's checker decides) and counted in the run's notes.
    """
    with transaction.atomic():
        run = ScheduleRun.objects.select_for_update().select_related("event").get(pk=run_id)
        event = run.event
        settings = lock_matchmaking(event)
        snap = scheduling.snapshot(event, settings=settings)
        locked, invalid_locked = scheduling._locked_valid(snap)
        kept = {m.request_id for m in locked}
        fresh = []
        for meeting in result.meetings:
            request = snap.requests.get(meeting.request)
            if request is None or request.pk in kept or meeting.slot not in snap.slots:
                continue
            fresh.append((request, snap.slots[meeting.slot], meeting.table))
        entries = [{"request": m.request.key, "slot": m.slot.key, "table": m.table} for m in locked]
        entries += [{"request": r.key, "slot": s.key, "table": t} for r, s, t in fresh]
        instance = snap.instance()
        bad = {v.meeting for v in matchmaking.check(instance, entries)}
        left_out = [f for i, f in enumerate(fresh) if i + len(locked) in bad]
        fresh = [f for i, f in enumerate(fresh) if i + len(locked) not in bad]
        Meeting.objects.filter(event=event).exclude(pk__in=[m.pk for m in locked]).delete()
        Meeting.objects.bulk_create(
            [Meeting(request=r, event=event, slot=s, table=t, published=False, locked=False) for r, s, t in fresh]
        )
        applied = entries[: len(locked)] + [{"request": r.key, "slot": s.key, "table": t} for r, s, t in fresh]
        notes = []
        if dropped_before or invalid_locked:
            notes.append(
                _("%(count)s published meetings no longer kept every rule and were scheduled again.")
                % {"count": max(dropped_before, len(invalid_locked))}
            )
        if left_out:
            notes.append(
                _("%(count)s meetings were left out because participants changed their plans during the run.")
                % {"count": len(left_out)}
            )
        run.status = ScheduleRun.Status.DONE
        run.progress = 1.0
        run.message = "done"
        run.finished_at = run.updated = timezone.now()
        run.meetings = len(applied)
        run.fixed = len(locked)
        run.score = matchmaking.score(instance, applied)
        run.bound = max(result.bound, run.score)
        run.idle_slots = matchmaking.idle_slots(instance, applied)
        run.notes = "\n".join(notes)
        run.save()
        audit.log("b2b.schedule_run_done", actor=None, obj=event, run=run.pk, meetings=run.meetings)
        return run


def _meeting_people(meeting):
    return (meeting.request.sender.registration.user_id, meeting.request.recipient.registration.user_id)


@transaction.atomic
def move_meeting(event, *, acting_user, request: MeetingRequest, slot: Slot, table: str) -> Meeting:
    """Place an accepted request (scheduled or not) into ``slot`` at ``table``; refused unless the optimiser's
    rules allow that cell with every other meeting where it is."""
    _require(acting_user, "b2b.manage_matchmaking", event)
    settings = lock_matchmaking(event)
    if request.event_id != event.pk or slot.event_id != event.pk:
        raise ValidationError(_("This meeting or slot belongs to another event."))
    snap = scheduling.snapshot(event, settings=settings)
    request = snap.requests.get(request.key)
    if request is None:
        raise ValidationError(_("Only accepted requests between active participants can be scheduled."))
    cells = scheduling.free_cells(snap, request)
    if table not in cells.get(slot.key, []):
        reasons = scheduling.why_not(snap, request, slot, table) or [_("This cell is not free.")]
        raise ValidationError(
            " ".join([_("The meeting cannot be moved there:"), *reasons, _("Only the highlighted cells are free.")])
        )
    meeting = Meeting.objects.filter(request=request).select_related("slot").first()
    moved_published = meeting is not None and meeting.published
    if meeting is None:
        meeting = Meeting(request=request, event=event)
    meeting.slot, meeting.table = slot, table
    meeting.save()
    audit.log("b2b.meeting_moved", actor=acting_user, obj=meeting, slot=slot.pk, table=table)
    if moved_published:
        meeting = Meeting.objects.select_related(
            "request__sender__registration", "request__recipient__registration"
        ).get(pk=meeting.pk)
        for user_id in _meeting_people(meeting):
            notify_after_commit("meeting_moved", user_id=user_id, event_id=event.pk, request_id=request.pk)
    return meeting


@transaction.atomic
def unschedule_meeting(meeting, *, acting_user) -> None:
    """Take a meeting out of the schedule; its request stays accepted and can be scheduled again."""
    event = meeting.event
    _require(acting_user, "b2b.manage_matchmaking", event)
    lock_matchmaking(event)
    meeting = Meeting.objects.select_related(
        "slot", "request__sender__registration", "request__recipient__registration"
    ).get(pk=meeting.pk)
    if meeting.published:
        for user_id in _meeting_people(meeting):
            notify_after_commit(
                "meeting_removed",
                user_id=user_id,
                event_id=event.pk,
                request_id=meeting.request_id,
                slot_id=meeting.slot_id,
            )
    audit.log("b2b.meeting_unscheduled", actor=acting_user, obj=meeting)
    meeting.delete()


@transaction.atomic
def set_locked(meeting, *, acting_user, locked: bool) -> Meeting:
    """Free a meeting (the next run may move it) or keep it where it is."""
    _require(acting_user, "b2b.manage_matchmaking", meeting.event)
    lock_matchmaking(meeting.event)
    meeting.locked = locked
    meeting.save(update_fields=["locked", "updated"])
    audit.log("b2b.meeting_locked" if locked else "b2b.meeting_freed", actor=acting_user, obj=meeting)
    return meeting


@transaction.atomic
def set_video_link(meeting, *, acting_user, video_link: str) -> Meeting:
    _require(acting_user, "b2b.manage_matchmaking", meeting.event)
    meeting.video_link = video_link
    meeting.full_clean(exclude=["request", "event", "slot"])
    meeting.save(update_fields=["video_link", "updated"])
    audit.log("b2b.meeting_video_link", actor=acting_user, obj=meeting)
    return meeting


@transaction.atomic
def publish_agendas(event, *, acting_user, state: str) -> int:
    """Publish every meeting as the ``preliminary`` or ``final`` agenda: participants see their meetings, which
    stay where they are on rescheduling, and everyone with a meeting gets their agenda by e-mail."""
    _require(acting_user, "b2b.manage_matchmaking", event)
    if state not in (Matchmaking.AgendaState.PRELIMINARY, Matchmaking.AgendaState.FINAL):
        raise ValidationError(_("Choose whether to publish the preliminary or the final agenda."))
    settings = lock_matchmaking(event)
    meetings = Meeting.objects.filter(event=event)
    if not meetings.exists():
        raise ValidationError(_("There are no meetings to publish yet; schedule them first."))
    meetings.update(published=True, locked=True, updated=timezone.now())
    settings.agenda_state = state
    settings.agenda_published_at = timezone.now()
    settings.save(update_fields=["agenda_state", "agenda_published_at"])
    users = set(
        Profile.objects.filter(event=event)
        .filter(Q(sent_requests__meeting__isnull=False) | Q(received_requests__meeting__isnull=False))
        .values_list("registration__user_id", flat=True)
    )
    for user_id in sorted(users):
        notify_after_commit("agenda_published", user_id=user_id, event_id=event.pk)
    audit.log("b2b.agendas_published", actor=acting_user, obj=event, state=state, participants=len(users))
    return len(users)


@transaction.atomic
def send_reminders(event, *, acting_user) -> int:
    """Remind every active participant without any meeting (scheduled or accepted) to send requests."""
    _require(acting_user, "b2b.manage_matchmaking", event)
    busy = MeetingRequest.objects.filter(event=event, status=MeetingRequest.Status.ACCEPTED)
    idle = (
        Profile.objects.active()
        .filter(event=event)
        .exclude(pk__in=busy.values("sender_id"))
        .exclude(pk__in=busy.values("recipient_id"))
        .values_list("registration__user_id", flat=True)
    )
    users = sorted(set(idle))
    for user_id in users:
        notify_after_commit("reminder", user_id=user_id, event_id=event.pk)
    audit.log("b2b.reminders_sent", actor=acting_user, obj=event, count=len(users))
    return len(users)
