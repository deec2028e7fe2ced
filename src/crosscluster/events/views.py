"""The event pages for visitors and participants: list, programme, registration, agenda, calendars, feedback.

Organiser pages are in ``views_organiser.py``. What a user may not see answers 404; what they may only read
answers 403. Every state change is a POST.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crosscluster.directory.selectors import clean_params

from . import extensions, ics, registrations, selectors
from .forms import FeedbackForm
from .models import CalendarFeed, Event, Session

EVENTS_PER_PAGE = 20


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _partial_or_page(request, template, partial, context):
    """The whole page, or only ``partial`` of it when htmx asks (it swaps that part in place)."""
    if request.htmx and not request.htmx.boosted:
        template = f"{template}#{partial}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def get_event_for_user(request, slug, *, perm=None) -> Event:
    """The event if the user may see it (else 404), and may ``perm`` it (else 403)."""
    event = Event.objects.visible_to(request.user).filter(slug=slug).first()
    if event is None:
        raise Http404
    if perm and not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event


@require_GET
def event_list(request):
    params = clean_params(request.GET)
    qs, applied = selectors.event_list(request.user, params)
    page = Paginator(selectors.with_list_relations(qs), EVENTS_PER_PAGE).get_page(params.get("page"))
    context = {
        "page": page,
        "applied": applied,
        "formats": Event.Format.choices,
        "can_add": request.user.has_perm("events.add_event"),
    }
    if not (request.htmx and not request.htmx.boosted):
        context["clusters"] = selectors.organiser_clusters()
    return _partial_or_page(request, "events/event_list.html", "results", context)


@require_GET
def event_detail(request, slug):
    event = get_event_for_user(request, slug)
    user = request.user
    registration = selectors.registration_of(user, event)
    can_manage = user.has_perm("events.change_event", event)
    sessions = list(selectors.sessions_of(event))
    confirmed = event.registrations.confirmed().count()
    show_video_link = can_manage or (registration is not None and registration.is_confirmed)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "clusters": event.clusters.order_by("name"),
            "topics": event.topics.order_by("name"),
            "days": selectors.programme_days(sessions),
            "registration": registration,
            "waiting_position": selectors.waiting_position(registration),
            "agenda_ids": selectors.agenda_session_ids(registration),
            "can_choose": registration is not None and registration.is_confirmed and not event.is_past,
            "registration_state": event.registration_state(),
            "confirmed_count": confirmed,
            "seats_left": None if event.capacity is None else max(0, event.capacity - confirmed),
            "can_manage": can_manage,
            "show_video_link": show_video_link,
            "feedback_state": registrations.feedback_state(user, event, registration) if registration else None,
            "event_links": extensions.participant_links(event, registration),
        },
    )


@login_required
@require_POST
def event_register(request, slug):
    event = get_event_for_user(request, slug, perm="events.register")
    try:
        registration = registrations.register(acting_user=request.user, event=event)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        if registration.is_confirmed:
            messages.success(
                request,
                _("You are registered for %(event)s. We have sent you a confirmation by e-mail.")
                % {"event": event.title},
            )
        else:
            messages.success(
                request,
                _(
                    "The event is fully booked; you are on the waiting list. We will e-mail you as soon as a "
                    "place becomes free."
                ),
            )
    return redirect(event)


@login_required
@require_POST
def registration_cancel(request, slug):
    event = get_event_for_user(request, slug)
    registration = selectors.registration_of(request.user, event)
    if registration is None:
        raise Http404
    try:
        registrations.cancel_registration(registration, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Your registration for %(event)s was cancelled.") % {"event": event.title})
    return redirect(event)


@login_required
@require_POST
def agenda_toggle(request, slug, pk):
    """Add a session to the user's agenda or remove it (``action`` = add / remove)."""
    event = get_event_for_user(request, slug)
    session = get_object_or_404(Session, pk=pk, event=event)
    action = request.POST.get("action")
    if action not in ("add", "remove"):
        return HttpResponse(_("Unknown action."), status=400, content_type="text/plain; charset=utf-8")
    error = ""
    try:
        if action == "add":
            registrations.add_to_agenda(acting_user=request.user, session=session)
        else:
            registrations.remove_from_agenda(acting_user=request.user, session=session)
    except ValidationError as exc:
        error = _error_text(exc)
    if request.htmx:  # the session card again, with its new state and seat count
        registration = selectors.registration_of(request.user, event)
        confirmed = registration is not None and registration.is_confirmed
        return render(
            request,
            "events/_session.html",
            {
                "event": event,
                "session": selectors.sessions_of(event).get(pk=session.pk),
                "in_agenda": session.pk in selectors.agenda_session_ids(registration),
                "can_choose": confirmed and not event.is_past,
                "show_video_link": confirmed,
                "next": "agenda" if request.POST.get("next") == "agenda" else "",
                "error": error,
                "changed": not error,
            },
        )
    if error:
        messages.error(request, error)
    elif action == "add":
        messages.success(request, _("“%(session)s” is in your agenda.") % {"session": session.title})
    else:
        messages.success(request, _("“%(session)s” was removed from your agenda.") % {"session": session.title})
    if request.POST.get("next") == "agenda":
        return redirect("events:agenda", slug=event.slug)
    return redirect(f"{event.get_absolute_url()}#session-{session.pk}")


@login_required
@require_GET
def my_agenda(request, slug):
    event = get_event_for_user(request, slug)
    registration = selectors.registration_of(request.user, event)
    if registration is None or not registration.is_confirmed:
        messages.info(request, _("Register for the event to put together your agenda."))
        return redirect(event)
    sessions = list(selectors.agenda_sessions(registration))
    return render(
        request,
        "events/agenda.html",
        {
            "event": event,
            "registration": registration,
            "days": selectors.programme_days(sessions),
            "show_video_link": True,
            "event_open": not event.is_past,
        },
    )


@login_required
@require_GET
def my_events(request):
    regs = list(selectors.my_registrations(request.user))
    feed = registrations.calendar_feed_for(request.user)
    return render(
        request,
        "events/my_events.html",
        {
            "upcoming": [r for r in regs if not r.event.is_past],
            "past": [r for r in regs if r.event.is_past][::-1],
            "feed_url": request.build_absolute_uri(feed.get_absolute_url()),
        },
    )


@login_required
@require_POST
def feed_regenerate(request):
    registrations.regenerate_calendar_feed(acting_user=request.user)
    messages.success(
        request, _("Your calendar address was renewed. Subscribe to the new address; the old one no longer works.")
    )
    return redirect("events:my_events")


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_GET
def event_feed(request, slug):
    event = get_event_for_user(request, slug)
    return _calendar_response(ics.event_calendar(event, event.sessions.select_related("room")), f"{event.slug}.ics")


@require_GET
def personal_feed(request, token):
    """A user's own calendar at a secret address (calendar programs cannot log in)."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token[:64]).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    with translation.override(feed.user.language):
        regs, sessions = selectors.personal_feed_content(feed.user)
        content = ics.personal_calendar(regs, sessions)
    return _calendar_response(content, "crosscluster.ics")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request, slug):
    event = get_event_for_user(request, slug)
    state = registrations.feedback_state(request.user, event)
    if state == "not_participant":
        raise PermissionDenied
    form = FeedbackForm(request.POST or None) if state == "open" else None
    if request.method == "POST" and form is None:
        messages.error(
            request,
            _("You have already given feedback on this event. Thank you!")
            if state == "given"
            else _("The survey opens when the event is over."),
        )
        return redirect(event)
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            registrations.submit_feedback(acting_user=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you for your feedback!"))
            return redirect(event)
    return render(request, "events/feedback.html", {"event": event, "form": form, "state": state})
