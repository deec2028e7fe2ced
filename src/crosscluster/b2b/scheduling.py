"""Between the database and the optimiser (``crosscluster.matchmaking``): instances, feasible cells, runs.

The instance follows ``/work/shared/specs/matchmaking.md``: slots ``s<slot id>`` with their shared tables,
participants ``p<profile id>`` (available in every slot they did not block; ``own_table`` for exhibitors with a
booth and for remote participants, whose video room works like a booth; ``max_meetings`` the lowest of their
own, their participation type's and the event's caps), and accepted requests ``r<request id>`` weighted by the
sender's interest (must meet 3, would like to meet 1). Meetings are stored with the optimiser's table names, so
a schedule goes to the checker and back unchanged.

Everything a participant or organiser can place by hand is checked with the optimiser's own rules
(``feasible_cells`` and ``check``), so a hand-picked slot never breaks a rule the optimiser keeps.
"""

import logging
import re
import time
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from crosscluster import matchmaking

from .models import Matchmaking, Meeting, MeetingRequest, Profile, ScheduleRun, Slot

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = 1.0  # seconds between two progress writes to the database
STALE_AFTER = 120  # seconds past its time limit after which a run that stopped reporting counts as lost


def effective_max_meetings(profile, settings: Matchmaking):
    caps = [profile.max_meetings, settings.max_meetings]
    if profile.participation_type_id is not None:
        caps.append(profile.participation_type.max_meetings)
    caps = [c for c in caps if c is not None]
    return min(caps) if caps else None


@dataclass
class Snapshot:
    """An event's matchmaking as the optimiser sees it, with the rows behind the ids."""

    data: dict
    slots: dict  # "s12" -> Slot
    profiles: dict  # "p7" -> Profile
    requests: dict  # "r3" -> MeetingRequest
    meetings: list  # existing Meeting rows whose request is in the instance

    def instance(self):
        return matchmaking.load_instance(self.data)

    def solution(self, *, exclude_request=None, only=None):
        return [
            {"request": m.request.key, "slot": m.slot.key, "table": m.table}
            for m in self.meetings
            if m.request_id != exclude_request and (only is None or only(m))
        ]


def snapshot(event, *, settings=None, extra_request=None) -> Snapshot:
    """The instance of ``event`` now: active participants, accepted requests between them (and ``extra_request``,
    a pending request about to be accepted), and the meetings already placed."""
    settings = settings or Matchmaking.objects.get(event=event)
    slots = list(Slot.objects.filter(event=event).order_by("start", "pk"))
    profiles = list(Profile.objects.active().filter(event=event).select_related("participation_type"))
    blocked = {}
    for profile_id, slot_id in Profile.unavailable.through.objects.filter(profile__event=event).values_list(
        "profile_id", "slot_id"
    ):
        blocked.setdefault(profile_id, set()).add(slot_id)
    active = {p.pk for p in profiles}
    requests = list(
        MeetingRequest.objects.filter(
            event=event, status=MeetingRequest.Status.ACCEPTED, sender_id__in=active, recipient_id__in=active
        ).order_by("pk")
    )
    if extra_request is not None and extra_request.sender_id in active and extra_request.recipient_id in active:
        requests = [r for r in requests if r.pk != extra_request.pk] + [extra_request]
    keys = {r.pk for r in requests}
    meetings = [
        m
        for m in Meeting.objects.filter(event=event).select_related("slot", "request").order_by("slot__start", "pk")
        if m.request_id in keys
    ]
    data = {
        "slots": [
            {
                "id": s.key,
                "start": timezone.localtime(s.start).strftime("%Y-%m-%dT%H:%M"),
                "end": timezone.localtime(s.end).strftime("%Y-%m-%dT%H:%M"),
                "tables": s.tables,
            }
            for s in slots
        ],
        "participants": [],
        "requests": [
            {"id": r.key, "a": f"p{r.sender_id}", "b": f"p{r.recipient_id}", "weight": r.weight} for r in requests
        ],
    }
    for p in profiles:
        entry = {"id": p.key, "available": [s.key for s in slots if s.pk not in blocked.get(p.pk, ())]}
        cap = effective_max_meetings(p, settings)
        if cap is not None:
            entry["max_meetings"] = cap
        if p.has_own_room:
            entry["own_table"] = True
        data["participants"].append(entry)
    return Snapshot(
        data=data,
        slots={s.key: s for s in slots},
        profiles={p.key: p for p in profiles},
        requests={r.key: r for r in requests},
        meetings=meetings,
    )


# --- placing one meeting by hand -------------------------------------------------------------------------------


def free_cells(snap: Snapshot, request) -> dict[str, list[str]]:
    """Where ``request`` may go with every other meeting left in place: slot key -> usable tables, in time order."""
    if request.key not in snap.requests:
        return {}
    cells = matchmaking.feasible_cells(snap.instance(), snap.solution(exclude_request=request.pk), request.key)
    by_slot = {}
    for slot, table in cells:
        by_slot.setdefault(slot, []).append(table)
    return by_slot


_PARTICIPANT = re.compile(r'participant "(p\d+)"')


def why_not(snap: Snapshot, request, slot: Slot, table: str | None = None) -> list[str]:
    """Why ``request`` cannot meet in ``slot`` (at ``table``; by default at its booth or any free table): the
    optimiser's checker, in the user's language."""
    if request.key not in snap.requests:
        return [_("Only accepted requests between active participants can be scheduled.")]
    instance = snap.instance()
    no_free_table = False
    if table is None:
        table = instance.booth_of(instance.request_index[request.key])
        if table is None:
            taken = {m.table for m in snap.meetings if m.slot_id == slot.pk and m.request_id != request.pk}
            table = next((f"T{k}" for k in range(1, slot.tables + 1) if f"T{k}" not in taken), None)
            no_free_table = table is None
            table = table or "T1"
    placed = snap.solution(exclude_request=request.pk) + [{"request": request.key, "slot": slot.key, "table": table}]
    reasons = [_("No table is free in this slot.")] if no_free_table else []
    for violation in matchmaking.check(instance, placed):
        if violation.request != request.key or (no_free_table and violation.rule == 6):
            continue
        match = _PARTICIPANT.search(violation.message)
        profile = snap.profiles.get(match.group(1)) if match else None
        name = profile.display_name if profile else _("A participant")
        if violation.rule == 2:
            reasons.append(_("%(name)s is not available in this slot.") % {"name": name})
        elif violation.rule == 3:
            reasons.append(_("%(name)s already has a meeting in this slot.") % {"name": name})
        elif violation.rule == 4:
            reasons.append(_("%(name)s has reached the most meetings they may have.") % {"name": name})
        elif violation.rule == 5:
            reasons.append(_("This meeting takes place at a booth or video room of its participants, not at a table."))
        elif violation.rule == 6 and "already used" in violation.message:
            reasons.append(_("This table is already taken in this slot."))
        elif violation.rule == 6:
            reasons.append(_("“%(table)s” is not a table of this slot.") % {"table": table})
        else:
            reasons.append(_("This slot does not exist."))
    return reasons


# --- scheduling runs -------------------------------------------------------------------------------------------


def _locked_valid(snap: Snapshot):
    """The locked meetings that still keep every rule together (later ones give way), and the ones that do not."""
    locked = [m for m in snap.meetings if m.locked]
    instance = snap.instance()
    keep, dropped = list(locked), []
    while True:
        violations = matchmaking.check(
            instance, [{"request": m.request.key, "slot": m.slot.key, "table": m.table} for m in keep]
        )
        if not violations:
            return keep, dropped
        bad = {v.meeting for v in violations}
        dropped += [m for i, m in enumerate(keep) if i in bad]
        keep = [m for i, m in enumerate(keep) if i not in bad]


class _ProgressWriter:
    """Writes the optimiser's progress to the run row at most once a second."""

    def __init__(self, run_id):
        self.run_id = run_id
        self.last = 0.0

    def __call__(self, fraction, message):
        now = time.monotonic()
        if now - self.last < PROGRESS_INTERVAL:
            return
        self.last = now
        ScheduleRun.objects.filter(pk=self.run_id, status=ScheduleRun.Status.RUNNING).update(
            progress=min(max(float(fraction), 0.0), 0.99), message=str(message)[:200], updated=timezone.now()
        )


def execute_run(run_id: int) -> None:
    """Run the optimiser for a queued run (called by the background task) and store its schedule."""
    claimed = ScheduleRun.objects.filter(pk=run_id, status=ScheduleRun.Status.QUEUED).update(
        status=ScheduleRun.Status.RUNNING, started_at=timezone.now(), updated=timezone.now(), message="start"
    )
    if not claimed:
        return
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    try:
        snap = snapshot(run.event)
        fixed, dropped = _locked_valid(snap)
        ScheduleRun.objects.filter(pk=run_id).update(requests=len(snap.requests), fixed=len(fixed))
        result = matchmaking.solve(
            snap.instance(),
            time_limit=run.time_limit,
            fixed=[{"request": m.request.key, "slot": m.slot.key, "table": m.table} for m in fixed],
            progress=_ProgressWriter(run_id),
            seed=0,
        )
        from .services_schedule import apply_schedule  # the write side lives with the other services

        apply_schedule(run_id=run_id, result=result, dropped_before=len(dropped))
    except Exception as error:  # any failure ends the run with a message; the schedule stays as it was
        logger.exception("scheduling run %s failed", run_id)
        ScheduleRun.objects.filter(pk=run_id).update(
            status=ScheduleRun.Status.FAILED,
            finished_at=timezone.now(),
            updated=timezone.now(),
            error=str(error)[:2000] or type(error).__name__,
        )


def is_stale(run: ScheduleRun, now=None) -> bool:
    """A run that has not reported for longer than its time limit plus a margin: its worker is gone."""
    now = now or timezone.now()
    return run.is_active and (now - run.updated).total_seconds() > run.time_limit + STALE_AFTER


def meetings_involving(profile):
    return Meeting.objects.filter(Q(request__sender=profile) | Q(request__recipient=profile))
