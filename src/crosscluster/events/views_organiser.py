"""Pages for an event's organisers: the event and its programme, speakers, check-in, statistics, feedback, export.

Coordinators organise every event, cluster managers those of their clusters (``rules.py``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crosscluster.directory import tabular
from crosscluster.directory.selectors import clean_params

from . import charts, registrations, selectors, services, stats
from .forms import EventForm, SessionForm, SpeakerForm
from .models import Event, Feedback, Registration, Session, Speaker
from .views import _partial_or_page, get_event_for_user

CHECKIN_PER_PAGE = 50
MANAGE = "events.change_event"
REGISTRATIONS = "events.manage_registrations"


# --- the event --------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_create(request):
    if not request.user.has_perm("events.add_event"):
        raise PermissionDenied
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(
                acting_user=request.user,
                data=form.event_data(),
                clusters=form.cleaned_data["clusters"],
                topics=form.cleaned_data["topics"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The event %(title)s was created. Now add its programme.") % {"title": event.title}
            )
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "event": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_edit(request, slug):
    event = get_event_for_user(request, slug, perm=MANAGE)
    # The form works on its own copy, so the service sees what changed and an invalid form changes nothing.
    form = EventForm(request.POST or None, instance=Event.objects.get(pk=event.pk), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(
                event,
                acting_user=request.user,
                data=form.event_data(),
                clusters=form.cleaned_data["clusters"],
                topics=form.cleaned_data["topics"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes to %(title)s were saved.") % {"title": event.title})
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "event": event})


# --- programme --------------------------------------------------------------------------------------------------


def _session_form_view(request, event, session):
    form = SessionForm(
        request.POST or None, instance=Session.objects.get(pk=session.pk) if session else None, event=event
    )
    if request.method == "POST" and form.is_valid():
        kwargs = {
            "acting_user": request.user,
            "data": form.session_data(),
            "track": form.cleaned_data["track_name"],
            "room": form.cleaned_data["room_name"],
            "speakers": form.cleaned_data["speakers"],
        }
        try:
            if session is None:
                saved = services.create_session(event=event, **kwargs)
            else:
                saved = services.update_session(session, **kwargs)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session %(title)s was saved.") % {"title": saved.title})
            return redirect(f"{event.get_absolute_url()}#session-{saved.pk}")
    return render(
        request,
        "events/session_form.html",
        {
            "form": form,
            "event": event,
            "session": session,
            "track_names": event.tracks.values_list("name", flat=True),
            "room_names": event.rooms.values_list("name", flat=True),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_create(request, slug):
    event = get_event_for_user(request, slug, perm=MANAGE)
    return _session_form_view(request, event, None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_edit(request, slug, pk):
    event = get_event_for_user(request, slug, perm=MANAGE)
    return _session_form_view(request, event, get_object_or_404(Session, pk=pk, event=event))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_delete(request, slug, pk):
    event = get_event_for_user(request, slug, perm=MANAGE)
    session = get_object_or_404(Session, pk=pk, event=event)
    if request.method == "POST":
        title = session.title
        services.delete_session(session, acting_user=request.user)
        messages.success(request, _("The session %(title)s was deleted.") % {"title": title})
        return redirect(event)
    return render(
        request,
        "events/confirm_delete.html",
        {"event": event, "object": session, "chosen": session.agenda_items.count(), "kind": "session"},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def speakers(request, slug):
    """The event's speakers; POST adds one."""
    event = get_event_for_user(request, slug, perm=MANAGE)
    form = SpeakerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            speaker = services.save_speaker(acting_user=request.user, event=event, data=form.speaker_data())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s was added to the speakers.") % {"name": speaker.name})
            return redirect("events:speakers", slug=event.slug)
    return render(
        request,
        "events/speakers.html",
        {"event": event, "form": form, "speakers": event.speakers.prefetch_related("sessions")},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def speaker_edit(request, slug, pk):
    event = get_event_for_user(request, slug, perm=MANAGE)
    speaker = get_object_or_404(Speaker, pk=pk, event=event)
    form = SpeakerForm(request.POST or None, instance=Speaker.objects.get(pk=speaker.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_speaker(acting_user=request.user, event=event, data=form.speaker_data(), speaker=speaker)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": speaker.name})
            return redirect("events:speakers", slug=event.slug)
    return render(request, "events/speaker_form.html", {"event": event, "form": form, "speaker": speaker})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def speaker_delete(request, slug, pk):
    event = get_event_for_user(request, slug, perm=MANAGE)
    speaker = get_object_or_404(Speaker, pk=pk, event=event)
    if request.method == "POST":
        name = speaker.name
        services.delete_speaker(speaker, acting_user=request.user)
        messages.success(request, _("%(name)s was removed from the speakers.") % {"name": name})
        return redirect("events:speakers", slug=event.slug)
    return render(request, "events/confirm_delete.html", {"event": event, "object": speaker, "kind": "speaker"})


# --- check-in ---------------------------------------------------------------------------------------------------


@login_required
@require_GET
def checkin(request, slug):
    event = get_event_for_user(request, slug, perm=REGISTRATIONS)
    params = clean_params(request.GET)
    query = params.get("q", "").strip()
    page = Paginator(selectors.checkin_list(event, query), CHECKIN_PER_PAGE).get_page(params.get("page"))
    counts = event.registrations.confirmed().aggregate(
        total=Count("pk"), checked_in=Count("pk", filter=Q(checked_in_at__isnull=False))
    )
    context = {"event": event, "page": page, "query": query, "counts": counts}
    return _partial_or_page(request, "events/checkin.html", "results", context)


@login_required
@require_POST
def checkin_action(request, slug, pk):
    event = get_event_for_user(request, slug, perm=REGISTRATIONS)
    registration = get_object_or_404(Registration.objects.select_related("user", "organisation"), pk=pk, event=event)
    undo = request.POST.get("action") == "undo"
    error = ""
    try:
        registration = registrations.check_in(registration, acting_user=request.user, undo=undo)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        registration = Registration.objects.select_related("user", "organisation").get(pk=registration.pk)
        return render(
            request, "events/checkin.html#row", {"event": event, "r": registration, "error": error, "query": ""}
        )
    if error:
        messages.error(request, error)
    elif undo:
        messages.success(request, _("Check-in of %(name)s was undone.") % {"name": _name(registration)})
    else:
        messages.success(request, _("%(name)s is checked in.") % {"name": _name(registration)})
    query = clean_params(request.POST).get("q", "")
    url = reverse("events:checkin", kwargs={"slug": event.slug})
    return redirect(f"{url}?q={query}" if query else url)


def _name(registration):
    return registration.user.get_full_name() or registration.user.email


# --- statistics, feedback, export -------------------------------------------------------------------------------


def _svg(markup: str):
    return mark_safe(markup)  # noqa: S308 (charts escape every text they draw)


@login_required
@require_GET
def statistics(request, slug):
    event = get_event_for_user(request, slug, perm=REGISTRATIONS)
    figures = stats.event_statistics(event)
    status_chart = charts.horizontal_bars(
        [
            (_("Confirmed"), figures.confirmed),
            (_("Waiting list"), figures.waitlisted),
            (pgettext("registration", "Cancelled"), figures.cancelled),
        ],
        title=_("Registrations by status"),
        maximum=event.capacity,
    )
    day_chart = charts.columns(
        [(d.strftime("%d.%m."), n) for d, n in figures.per_day], title=_("New registrations per day")
    )
    attendance_chart = None
    if figures.no_shows is not None:
        attendance_chart = charts.stacked_bar(
            [(_("Checked in"), figures.checked_in), (_("No-shows"), figures.no_shows)], title=_("Attendance")
        )
    session_chart = charts.horizontal_bars(
        [(s.title, n) for s, n in figures.sessions], title=_("Participants per session (agendas)")
    )
    return render(
        request,
        "events/statistics.html",
        {
            "event": event,
            "stats": figures,
            "status_chart": _svg(status_chart),
            "day_chart": _svg(day_chart) if figures.per_day else None,
            "attendance_chart": _svg(attendance_chart) if attendance_chart else None,
            "session_chart": _svg(session_chart) if figures.sessions else None,
        },
    )


@login_required
@require_GET
def feedback_results(request, slug):
    event = get_event_for_user(request, slug, perm=REGISTRATIONS)
    figures = stats.event_statistics(event)
    comments = (
        Feedback.objects.filter(registration__event=event)
        .exclude(comment="")
        .order_by("-created")
        .only("comment", "rating", "most_useful", "created")
    )
    return render(
        request,
        "events/feedback_results.html",
        {
            "event": event,
            "stats": figures,
            "rating_chart": _svg(
                charts.horizontal_bars(
                    [(f"{r} ★", n) for r, n in figures.ratings], title=_("Overall rating (1 = poor, 5 = excellent)")
                )
            ),
            "useful_chart": _svg(charts.horizontal_bars(figures.most_useful, title=_("Most useful part"))),
            "comments": comments,
        },
    )


@login_required
@require_GET
def registrations_export(request, slug):
    event = get_event_for_user(request, slug, perm=REGISTRATIONS)

    language = translation.get_language()

    def table():  # streamed after the view has returned: the language is set again here
        with translation.override(language):
            yield from rows()

    def rows():
        yield [
            _("Last name"),
            _("First name"),
            _("E-mail"),
            _("Organisation"),
            _("Status"),
            _("Registered"),
            _("Confirmed"),
            _("Checked in"),
            _("Sessions chosen"),
        ]
        registrations_ = selectors.registrations_for_export(event).annotate(sessions=Count("agenda_items"))
        for r in registrations_.iterator(chunk_size=500):
            yield [
                r.user.last_name,
                r.user.first_name,
                r.user.email,
                r.organisation.name if r.organisation else "",
                r.get_status_display(),
                _local(r.created),
                _local(r.confirmed_at),
                _local(r.checked_in_at),
                r.sessions,
            ]

    filename = f"{event.slug}-registrations-{timezone.localdate():%Y-%m-%d}.csv"
    response = StreamingHttpResponse(tabular.csv_chunks(table()), content_type=tabular.CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
