"""Matchmaking pages for participants: profile, browsing participants, requests and answers, the meeting agenda.

Organiser pages are in ``views_organiser.py``. An event the user may not see answers 404, and so does its
matchmaking while it is switched off (except for organisers); what a user may not do answers 403. Every state
change is a POST.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crosscluster.directory.selectors import clean_params
from crosscluster.events.models import CalendarFeed, Event, Registration
from crosscluster.events.registrations import calendar_feed_for

from . import ics, scheduling, selectors, services
from .forms import AcceptForm, ProfileForm, RequestForm
from .models import Matchmaking, MeetingRequest, Profile, Slot

PARTICIPANTS_PER_PAGE = 30


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError on the form: per field where the form has that field, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def partial_or_page(request, template, partial, context):
    """The whole page, or only ``partial`` of it when htmx asks (it swaps that part in place)."""
    if request.htmx and not request.htmx.boosted:
        template = f"{template}#{partial}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


class Context(dict):
    """What every matchmaking page knows: the event, its settings, the viewer's profile and role."""

    @property
    def event(self):
        return self["event"]

    @property
    def matchmaking(self):
        return self["matchmaking"]

    @property
    def profile(self):
        return self["profile"]


def load(request, slug) -> Context:
    """The event if the user may see it and its matchmaking is open (or the user organises it), else 404."""
    event = Event.objects.visible_to(request.user).filter(slug=slug).first()
    if event is None:
        raise Http404
    matchmaking = selectors.matchmaking_of(event)
    can_manage = request.user.has_perm("b2b.manage_matchmaking", event)
    if not matchmaking.enabled and not can_manage:
        raise Http404
    registration = Registration.objects.filter(event=event, user=request.user).first()
    profile = None
    if registration is not None:
        profile = (
            Profile.objects.filter(registration=registration)
            .select_related("participation_type", "organisation")
            .first()
        )
        if profile is not None:
            profile.registration = registration
    return Context(
        event=event,
        matchmaking=matchmaking,
        can_manage=can_manage,
        registration=registration,
        profile=profile if profile is not None and profile.active and registration.is_confirmed else None,
        any_profile=profile,
        can_take_part=(
            matchmaking.enabled and registration is not None and registration.is_confirmed and not event.is_past
        ),
    )


def require_profile(ctx: Context):
    """Participant pages need an active profile: without one, go and create it (or 403 if one may not)."""
    if ctx.profile is not None and ctx.matchmaking.enabled:
        return None
    if ctx["can_take_part"]:
        return redirect("b2b:profile", slug=ctx.event.slug)
    raise PermissionDenied


@login_required
@require_GET
def overview(request):
    """Events with open matchmaking the user may see, upcoming first."""
    events = (
        Event.objects.visible_to(request.user)
        .upcoming()
        .filter(Q(matchmaking__enabled=True) | Q(pk__in=Event.objects.managed_by(request.user).values("pk")))
        .filter(matchmaking__isnull=False)
        .order_by("start", "pk")
    )
    return render(request, "b2b/overview.html", {"events": events})


@login_required
@require_GET
def home(request, slug):
    ctx = load(request, slug)
    if ctx.profile is not None:
        received, sent = selectors.requests_of(ctx.profile)
        ctx["open_received"] = [r for r in received if r.status == MeetingRequest.Status.PENDING]
        ctx["open_sent"] = [r for r in sent if r.status == MeetingRequest.Status.PENDING]
        ctx["agenda"] = selectors.agenda_rows(ctx.profile)
    return render(request, "b2b/home.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request, slug):
    ctx = load(request, slug)
    if not ctx["can_take_part"]:
        if ctx["registration"] is None or not ctx["registration"].is_confirmed:
            messages.info(request, _("Register for the event to take part in the matchmaking."))
            return redirect(ctx.event)
        raise PermissionDenied
    existing = ctx["any_profile"]
    initial = {}
    if existing is None:
        organisation = ctx["registration"].organisation or request.user.represented_organisations.first()
        person = getattr(request.user, "person", None) if organisation is None else None
        if person is not None and person.organisation_id:
            organisation = person.organisation
        if organisation is not None:
            initial["organisation_name"] = organisation.name
            initial["topics"] = list(organisation.topics.values_list("pk", flat=True))
    form = ProfileForm(
        request.POST if request.method == "POST" else None, instance=existing, initial=initial, event=ctx.event
    )
    if request.method == "POST" and form.is_valid():
        data = form.profile_data()
        if existing is None:
            organisation = ctx["registration"].organisation or request.user.represented_organisations.first()
            if organisation is not None and organisation.name == data["organisation_name"]:
                data["organisation"] = organisation
        try:
            services.save_profile(
                ctx.event,
                acting_user=request.user,
                data=data,
                topics=form.cleaned_data["topics"],
                unavailable=form.cleaned_data["unavailable"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if existing is None or not existing.active:
                messages.success(request, _("Welcome to the matchmaking! Find people to meet below."))
                return redirect("b2b:participants", slug=ctx.event.slug)
            messages.success(request, _("Your matchmaking profile was saved."))
            return redirect("b2b:home", slug=ctx.event.slug)
    ctx["form"] = form
    return render(request, "b2b/profile_form.html", ctx)


@login_required
@require_POST
def leave(request, slug):
    ctx = load(request, slug)
    try:
        services.leave_matchmaking(ctx.event, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("You have left the matchmaking. Your open requests and meetings were cancelled."))
    return redirect("b2b:home", slug=ctx.event.slug)


@login_required
@require_GET
def participants(request, slug):
    ctx = load(request, slug)
    if not ctx["can_manage"] and (response := require_profile(ctx)) is not None:
        return response
    params = clean_params(request.GET)
    qs, applied = selectors.participant_list(ctx.event, params, exclude=ctx.profile)
    page = Paginator(qs, PARTICIPANTS_PER_PAGE).get_page(params.get("page"))
    relations = selectors.relations_of(ctx.profile)
    for other in page:
        other.relation = relations.get(other.pk)
    ctx.update(page=page, applied=applied)
    if not (request.htmx and not request.htmx.boosted):
        ctx["types"], ctx["topics"] = selectors.filter_options(ctx.event)
    return partial_or_page(request, "b2b/participants.html", "results", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def participant(request, slug, pk):
    """One participant's profile, and the form to ask them for a meeting."""
    ctx = load(request, slug)
    if not ctx["can_manage"] and (response := require_profile(ctx)) is not None:
        return response
    other = get_object_or_404(
        Profile.objects.active().filter(event=ctx.event).select_related(*selectors.PROFILE_RELATIONS), pk=pk
    )
    relation = selectors.relations_of(ctx.profile).get(other.pk)
    form = RequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if ctx.profile is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.send_request(
                    ctx.event,
                    acting_user=request.user,
                    recipient=other,
                    message=form.cleaned_data["message"],
                    interest=form.cleaned_data["interest"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your request was sent to %(name)s. We will tell you by e-mail when they answer.")
                    % {"name": other.display_name},
                )
                return redirect("b2b:requests", slug=ctx.event.slug)
    ctx.update(other=other, relation=relation, form=form, topics=other.topics.order_by("name"))
    return render(request, "b2b/participant.html", ctx)


@login_required
@require_GET
def my_requests(request, slug):
    ctx = load(request, slug)
    if (response := require_profile(ctx)) is not None:
        return response
    ctx["received"], ctx["sent"] = selectors.requests_of(ctx.profile)
    return render(request, "b2b/requests.html", ctx)


def _own_request(ctx, pk, *, as_recipient: bool):
    qs = MeetingRequest.objects.filter(event=ctx.event).select_related("event", *selectors.REQUEST_RELATIONS)
    meeting_request = get_object_or_404(qs, pk=pk)
    user_id = (meeting_request.recipient if as_recipient else meeting_request.sender).registration.user_id
    if ctx.profile is None or user_id != ctx.profile.registration.user_id:
        sides = (meeting_request.sender.registration.user_id, meeting_request.recipient.registration.user_id)
        if ctx.profile is not None and ctx.profile.registration.user_id in sides:
            raise PermissionDenied  # the other side of this request
        raise Http404
    return meeting_request


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def accept(request, slug, pk):
    """Accept a request; where participants pick slots, with a choice of the slots in which both are free."""
    ctx = load(request, slug)
    if (response := require_profile(ctx)) is not None:
        return response
    meeting_request = _own_request(ctx, pk, as_recipient=True)
    free = {}
    if ctx.matchmaking.participants_pick_slots and meeting_request.status == MeetingRequest.Status.PENDING:
        snap = scheduling.snapshot(ctx.event, settings=ctx.matchmaking, extra_request=meeting_request)
        free = scheduling.free_cells(snap, meeting_request)
    # Any slot of the event parses; the service refuses one that is not free, and says why.
    form = AcceptForm(request.POST if request.method == "POST" else None, slots=Slot.objects.filter(event=ctx.event))
    free_slots = list(Slot.objects.filter(event=ctx.event, pk__in=[int(k[1:]) for k in free]).order_by("start", "pk"))
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_request(meeting_request, acting_user=request.user, slot=form.cleaned_data["slot"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            meeting = getattr(MeetingRequest.objects.get(pk=meeting_request.pk), "meeting", None)
            if meeting is not None:
                messages.success(
                    request,
                    _("You accepted the request. Your meeting with %(name)s is in your agenda.")
                    % {"name": meeting_request.sender.display_name},
                )
                return redirect("b2b:agenda", slug=ctx.event.slug)
            if ctx.matchmaking.participants_pick_slots:
                messages.warning(
                    request,
                    _(
                        "You accepted the request. There is no slot in which you are both free and a table is "
                        "available; the organisers will look for a time."
                    ),
                )
            else:
                messages.success(request, _("You accepted the request. The organisers will schedule the meeting."))
            return redirect("b2b:requests", slug=ctx.event.slug)
    ctx.update(meeting_request=meeting_request, form=form, free_slots=free_slots)
    return render(request, "b2b/accept.html", ctx)


@login_required
@require_POST
def decline(request, slug, pk):
    ctx = load(request, slug)
    if (response := require_profile(ctx)) is not None:
        return response
    meeting_request = _own_request(ctx, pk, as_recipient=True)
    try:
        services.decline_request(meeting_request, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("You declined the request of %(name)s.") % {"name": meeting_request.sender})
    return redirect("b2b:requests", slug=ctx.event.slug)


@login_required
@require_POST
def withdraw(request, slug, pk):
    ctx = load(request, slug)
    if (response := require_profile(ctx)) is not None:
        return response
    meeting_request = _own_request(ctx, pk, as_recipient=False)
    try:
        services.withdraw_request(meeting_request, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("You withdrew your request to %(name)s.") % {"name": meeting_request.recipient})
    return redirect("b2b:requests", slug=ctx.event.slug)


@login_required
@require_GET
def agenda(request, slug):
    ctx = load(request, slug)
    if (response := require_profile(ctx)) is not None:
        return response
    ctx["rows"] = selectors.agenda_rows(ctx.profile)
    ctx["feed_url"] = request.build_absolute_uri(
        reverse("b2b:feed", kwargs={"token": calendar_feed_for(request.user).token})
    )
    ctx["show_state"] = ctx.matchmaking.agenda_state != Matchmaking.AgendaState.DRAFT
    return render(request, "b2b/agenda.html", ctx)


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_GET
def agenda_ics(request, slug):
    ctx = load(request, slug)
    if ctx.profile is None:
        raise PermissionDenied
    content = ics.meetings_calendar(selectors.agenda_rows(ctx.profile), name=ctx.event.title)
    return _calendar_response(content, f"{ctx.event.slug}-meetings.ics")


@require_GET
def feed(request, token):
    """A user's published meetings at every event, at the secret address of their events calendar feed."""
    found = CalendarFeed.objects.select_related("user").filter(token=token[:64]).first()
    if found is None or not found.user.is_active:
        raise Http404
    with translation.override(found.user.language or settings.LANGUAGE_CODE):
        rows = []
        for profile in Profile.objects.active().filter(registration__user=found.user).select_related("registration"):
            rows += selectors.agenda_rows(profile)
        content = ics.meetings_calendar(rows, name=_("My meetings (CrossCluster)"))
    return _calendar_response(content, "crosscluster-meetings.ics")
