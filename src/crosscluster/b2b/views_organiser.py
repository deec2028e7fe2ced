"""Matchmaking pages for an event's organisers: settings, participation types, slots, participants, the schedule.

The schedule page shows the latest scheduling run (htmx polls its progress every second while it runs) and the
time × table grid. Moving a meeting works without JavaScript (a page listing the free cells); with JavaScript
(``b2b/schedule.js``) the free cells light up in the grid and take a click or a drop. Either way the server
checks the cell with the optimiser's rules.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import scheduling, selectors, services, services_schedule
from .forms import (
    MoveForm,
    OrganiserProfileForm,
    ParticipationTypeForm,
    PublishForm,
    SettingsForm,
    SlotForm,
    SlotGeneratorForm,
    VideoLinkForm,
    slot_label,
)
from .models import Meeting, MeetingRequest, ParticipationType, Profile, ScheduleRun, Slot
from .views import add_errors, error_text, load


def load_for_organiser(request, slug):
    ctx = load(request, slug)
    if not ctx["can_manage"]:
        raise PermissionDenied
    return ctx


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def settings_page(request, slug):
    ctx = load_for_organiser(request, slug)
    instance = ctx.matchmaking if ctx.matchmaking.pk else None
    form = SettingsForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_settings(ctx.event, acting_user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The matchmaking settings were saved."))
            return redirect("b2b:settings", slug=ctx.event.slug)
    ctx.update(form=form, counts=selectors.request_counts(ctx.event), active="settings")
    ctx["profile_count"] = Profile.objects.active().filter(event=ctx.event).count()
    return render(request, "b2b/manage_settings.html", ctx)


# --- participation types ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def types(request, slug):
    ctx = load_for_organiser(request, slug)
    form = ParticipationTypeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_participation_type(ctx.event, acting_user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The participation type was added."))
            return redirect("b2b:types", slug=ctx.event.slug)
    ctx.update(
        form=form,
        types=ParticipationType.objects.filter(event=ctx.event).annotate(
            profile_count=Count("profiles", filter=Q(profiles__active=True))
        ),
        active="types",
    )
    return render(request, "b2b/manage_types.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def type_edit(request, slug, pk):
    ctx = load_for_organiser(request, slug)
    participation_type = get_object_or_404(ParticipationType, pk=pk, event=ctx.event)
    form = ParticipationTypeForm(
        request.POST if request.method == "POST" else None, instance=ParticipationType.objects.get(pk=pk)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_participation_type(
                ctx.event, acting_user=request.user, data=form.cleaned_data, participation_type=participation_type
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The participation type was saved."))
            return redirect("b2b:types", slug=ctx.event.slug)
    ctx.update(form=form, participation_type=participation_type, active="types")
    return render(request, "b2b/manage_type_form.html", ctx)


@login_required
@require_POST
def type_delete(request, slug, pk):
    ctx = load_for_organiser(request, slug)
    participation_type = get_object_or_404(ParticipationType, pk=pk, event=ctx.event)
    try:
        services.delete_participation_type(participation_type, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The participation type was deleted."))
    return redirect("b2b:types", slug=ctx.event.slug)


# --- slots -------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def slots(request, slug):
    """The slots; POST generates a day's slots from a window, a length and breaks."""
    ctx = load_for_organiser(request, slug)
    form = SlotGeneratorForm(request.POST if request.method == "POST" else None, event=ctx.event)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.generate_slots(
                ctx.event,
                acting_user=request.user,
                day=data["day"],
                first_start=data["first_start"],
                last_end=data["last_end"],
                minutes=data["minutes"],
                tables=data["tables"],
                breaks=data["breaks"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                ngettext("%(count)s slot was added.", "%(count)s slots were added.", len(created))
                % {"count": len(created)},
            )
            return redirect("b2b:slots", slug=ctx.event.slug)
    ctx.update(
        form=form,
        slots=Slot.objects.filter(event=ctx.event).annotate(meeting_count=Count("meetings")).order_by("start"),
        active="slots",
    )
    return render(request, "b2b/manage_slots.html", ctx)


def _slot_form_view(request, ctx, slot):
    initial = {}
    if slot is not None:
        initial = {"start": slot.start, "end": slot.end, "tables": slot.tables}
    form = SlotForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_slot(ctx.event, acting_user=request.user, slot=slot, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The slot was saved."))
            return redirect("b2b:slots", slug=ctx.event.slug)
    ctx.update(form=form, slot=slot, active="slots")
    return render(request, "b2b/manage_slot_form.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def slot_create(request, slug):
    return _slot_form_view(request, load_for_organiser(request, slug), None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def slot_edit(request, slug, pk):
    ctx = load_for_organiser(request, slug)
    return _slot_form_view(request, ctx, get_object_or_404(Slot, pk=pk, event=ctx.event))


@login_required
@require_POST
def slot_delete(request, slug, pk):
    ctx = load_for_organiser(request, slug)
    slot = get_object_or_404(Slot, pk=pk, event=ctx.event)
    try:
        services.delete_slot(slot, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The slot was deleted."))
    return redirect("b2b:slots", slug=ctx.event.slug)


# --- participants ------------------------------------------------------------------------------------------------


@login_required
@require_GET
def manage_participants(request, slug):
    ctx = load_for_organiser(request, slug)
    profiles = list(selectors.profiles_for_organisers(ctx.event))
    meetings = {}
    for sender, recipient in Meeting.objects.filter(event=ctx.event).values_list(
        "request__sender_id", "request__recipient_id"
    ):
        meetings[sender] = meetings.get(sender, 0) + 1
        meetings[recipient] = meetings.get(recipient, 0) + 1
    for p in profiles:
        p.meeting_count = meetings.get(p.pk, 0)
    ctx.update(profiles=profiles, active="manage_participants")
    return render(request, "b2b/manage_participants.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def manage_participant(request, slug, pk):
    ctx = load_for_organiser(request, slug)
    profile = get_object_or_404(Profile.objects.select_related(*selectors.PROFILE_RELATIONS), pk=pk, event=ctx.event)
    form = OrganiserProfileForm(
        request.POST if request.method == "POST" else None, instance=Profile.objects.get(pk=pk), event=ctx.event
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile_as_organiser(profile, acting_user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": profile.display_name})
            return redirect("b2b:manage_participants", slug=ctx.event.slug)
    ctx.update(form=form, other=profile, active="manage_participants")
    return render(request, "b2b/manage_participant_form.html", ctx)


# --- the schedule ------------------------------------------------------------------------------------------------


def _run_context(ctx, run):
    ctx["run"] = run
    ctx["run_stale"] = run is not None and scheduling.is_stale(run)
    return ctx


@login_required
@require_GET
def schedule(request, slug):
    ctx = load_for_organiser(request, slug)
    _run_context(ctx, selectors.latest_run(ctx.event))
    ctx.update(grid=selectors.schedule_grid(ctx.event), counts=selectors.request_counts(ctx.event), active="schedule")
    return render(request, "b2b/schedule.html", ctx)


@login_required
@require_POST
def run_start(request, slug):
    ctx = load_for_organiser(request, slug)
    try:
        services_schedule.start_run(ctx.event, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("The optimiser is scheduling all accepted requests (at most %(seconds)s seconds).")
            % {"seconds": ctx.matchmaking.time_limit},
        )
    return redirect(reverse("b2b:schedule", kwargs={"slug": ctx.event.slug}) + "#run")


@login_required
@require_GET
def run_status(request, slug, pk):
    """The run panel (htmx polls it every second while the run is under way); reloads the page when it ends."""
    ctx = load_for_organiser(request, slug)
    run = get_object_or_404(ScheduleRun, pk=pk, event=ctx.event)
    _run_context(ctx, run)
    response = render(request, "b2b/schedule.html#run", ctx)
    if request.htmx and not run.is_active and request.GET.get("polling"):
        response["HX-Refresh"] = "true"  # the grid changed: show the new schedule
    return response


def _cell_key(slot_key, table):
    return f"{slot_key[1:]}|{table}"


@login_required
@require_GET
def cells(request, slug, pk):
    """The free cells of one accepted request, as ``["<slot id>|<table>", ...]`` (for the grid's script)."""
    ctx = load_for_organiser(request, slug)
    meeting_request = get_object_or_404(MeetingRequest, pk=pk, event=ctx.event)
    snap = scheduling.snapshot(ctx.event, settings=ctx.matchmaking)
    free = scheduling.free_cells(snap, meeting_request)
    return JsonResponse({"cells": [_cell_key(s, t) for s, tables in free.items() for t in tables]})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def move(request, slug):
    """Without JavaScript: choose a free cell for one meeting (``?request=<id>``); POST moves it there."""
    ctx = load_for_organiser(request, slug)
    source = request.POST if request.method == "POST" else request.GET
    request_id = source.get("request", "")
    if not request_id.isdigit():
        raise Http404
    meeting_request = get_object_or_404(
        MeetingRequest.objects.select_related(*selectors.REQUEST_RELATIONS), pk=int(request_id), event=ctx.event
    )
    if request.method == "POST":
        form = MoveForm(request.POST)
        if form.is_valid():
            slot_pk, table = form.cleaned_data["cell"]
            slot = Slot.objects.filter(pk=slot_pk, event=ctx.event).first()
            try:
                if slot is None:
                    raise ValidationError(_("Choose a cell of the schedule."))
                services_schedule.move_meeting(
                    ctx.event, acting_user=request.user, request=meeting_request, slot=slot, table=table
                )
            except ValidationError as error:
                messages.error(request, error_text(error))
            else:
                messages.success(
                    request,
                    _("The meeting of %(a)s and %(b)s is now at %(slot)s.")
                    % {"a": meeting_request.sender, "b": meeting_request.recipient, "slot": slot_label(slot)},
                )
                return redirect(reverse("b2b:schedule", kwargs={"slug": ctx.event.slug}) + f"#slot-{slot.pk}")
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(reverse("b2b:move", kwargs={"slug": ctx.event.slug}) + f"?request={meeting_request.pk}")
    snap = scheduling.snapshot(ctx.event, settings=ctx.matchmaking)
    free = scheduling.free_cells(snap, meeting_request)
    hosts = {p.pk: p for p in snap.profiles.values()}
    options = [
        (snap.slots[slot_key], [(_cell_key(slot_key, t), selectors.table_label(t, hosts)) for t in tables])
        for slot_key, tables in free.items()
    ]
    ctx.update(meeting_request=meeting_request, options=options, active="schedule")
    ctx["meeting"] = Meeting.objects.filter(request=meeting_request).select_related("slot").first()
    return render(request, "b2b/move.html", ctx)


@login_required
@require_POST
def meeting_action(request, slug, pk):
    """``action``: ``free`` (the next run may move it), ``lock``, ``unschedule``, or ``video`` (its own link)."""
    ctx = load_for_organiser(request, slug)
    meeting = get_object_or_404(Meeting.objects.select_related("event"), pk=pk, event=ctx.event)
    action = request.POST.get("action")
    try:
        if action in ("free", "lock"):
            services_schedule.set_locked(meeting, acting_user=request.user, locked=action == "lock")
            messages.success(
                request,
                _("The meeting stays where it is when you schedule again.")
                if action == "lock"
                else _("The meeting is free: scheduling again may move it."),
            )
        elif action == "unschedule":
            services_schedule.unschedule_meeting(meeting, acting_user=request.user)
            messages.success(request, _("The meeting was taken out of the schedule; the request stays accepted."))
        elif action == "video":
            form = VideoLinkForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors["video_link"])
            services_schedule.set_video_link(
                meeting, acting_user=request.user, video_link=form.cleaned_data["video_link"]
            )
            messages.success(request, _("The meeting's video link was saved."))
        else:
            return HttpResponse(_("Unknown action."), status=400, content_type="text/plain; charset=utf-8")
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect(reverse("b2b:schedule", kwargs={"slug": ctx.event.slug}) + f"#slot-{meeting.slot_id}")


@login_required
@require_POST
def publish(request, slug):
    ctx = load_for_organiser(request, slug)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to publish the preliminary or the final agenda."))
        return redirect("b2b:schedule", slug=ctx.event.slug)
    try:
        count = services_schedule.publish_agendas(ctx.event, acting_user=request.user, state=form.cleaned_data["state"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            ngettext(
                "The agendas were published; %(count)s participant was notified by e-mail.",
                "The agendas were published; %(count)s participants were notified by e-mail.",
                count,
            )
            % {"count": count},
        )
    return redirect("b2b:schedule", slug=ctx.event.slug)


@login_required
@require_POST
def reminders(request, slug):
    ctx = load_for_organiser(request, slug)
    count = services_schedule.send_reminders(ctx.event, acting_user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s participant without a meeting was reminded by e-mail.",
            "%(count)s participants without a meeting were reminded by e-mail.",
            count,
        )
        % {"count": count},
    )
    return redirect("b2b:schedule", slug=ctx.event.slug)
