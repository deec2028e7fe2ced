"""The organisers' side: the control view (create, open, close, edit, delete), the presenter screen, the export.

Whoever may manage the event manages its polls (``polls.manage_polls``). The presenter screen is a page of its
own for the projector: the question, the results redrawn every half second while they change (a small
request that answers 204 No Content while nothing changed), and where to vote.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crosscluster.directory import tabular
from crosscluster.events.views import get_event_for_user

from . import presentation, results, selectors, services
from .forms import PollForm
from .models import Poll, Vote

MANAGE = "polls.manage_polls"
PRESENTER_INTERVAL_MS = 500


def _managed_poll(request, slug, pk) -> Poll:
    event = get_event_for_user(request, slug, perm=MANAGE)
    poll = get_object_or_404(Poll.objects.select_related("session"), pk=pk, event=event)
    poll.event = event
    return poll


def _vote_url(request, event) -> str:
    return request.build_absolute_uri(reverse("polls:vote_page", kwargs={"slug": event.slug}))


@login_required
@require_GET
def manage(request, slug):
    event = get_event_for_user(request, slug, perm=MANAGE)
    return render(
        request,
        "polls/manage.html",
        {
            "event": event,
            "polls": list(selectors.polls_for_organisers(event)),
            "participants": selectors.confirmed_count(event.pk),
            "vote_url": _vote_url(request, event),
        },
    )


def _form_view(request, event, poll):
    form = PollForm(request.POST or None, instance=Poll.objects.get(pk=poll.pk) if poll else None, event=event)
    if request.method == "POST" and form.is_valid():
        kwargs = {"acting_user": request.user, "data": form.poll_data(), "options": form.cleaned_data["options"]}
        try:
            if poll is None:
                saved = services.create_poll(event=event, **kwargs)
            else:
                saved = services.update_poll(poll, **kwargs)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The poll “%(question)s” was saved.") % {"question": saved.question})
            return redirect("polls:manage", slug=event.slug)
    return render(request, "polls/poll_form.html", {"event": event, "poll": poll, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def poll_create(request, slug):
    event = get_event_for_user(request, slug, perm=MANAGE)
    return _form_view(request, event, None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def poll_edit(request, slug, pk):
    poll = _managed_poll(request, slug, pk)
    return _form_view(request, poll.event, poll)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def poll_delete(request, slug, pk):
    poll = _managed_poll(request, slug, pk)
    if request.method == "POST":
        question = poll.question
        services.delete_poll(poll, acting_user=request.user)
        messages.success(request, _("The poll “%(question)s” was deleted.") % {"question": question})
        return redirect("polls:manage", slug=poll.event.slug)
    return render(
        request, "polls/confirm_delete.html", {"event": poll.event, "poll": poll, "votes": poll.votes.count()}
    )


@login_required
@require_POST
def poll_state(request, slug, pk):
    """Open or close a poll (``action`` = open / close); back to the control view or the presenter screen."""
    poll = _managed_poll(request, slug, pk)
    action = request.POST.get("action")
    try:
        poll = services.change_state(poll, acting_user=request.user, action=action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if action == "open":
            messages.success(request, _("“%(question)s” is open for voting.") % {"question": poll.question})
        else:
            messages.success(request, _("“%(question)s” is closed.") % {"question": poll.question})
    if request.POST.get("next") == "present":
        return redirect("polls:present", slug=slug, pk=pk)
    return redirect(f"{reverse('polls:manage', kwargs={'slug': slug})}#poll-{pk}")


def _presenter_context(request, poll):
    hidden = request.GET.get("results") == "hidden"
    counts = results.poll_counts(poll)
    context = presentation.results_context(poll, counts)
    context.update(
        event=poll.event,
        hidden=hidden,
        version=presentation.screen_version(poll, counts, hidden),
        interval_ms=PRESENTER_INTERVAL_MS,
    )
    return context


@login_required
@require_GET
def present(request, slug, pk):
    poll = _managed_poll(request, slug, pk)
    context = _presenter_context(request, poll)
    polls = list(Poll.objects.of_event(poll.event).order_by("position", "pk").values_list("pk", flat=True))
    at = polls.index(poll.pk)
    context.update(
        vote_url=_vote_url(request, poll.event),
        previous_pk=polls[at - 1] if at > 0 else None,
        next_pk=polls[at + 1] if at + 1 < len(polls) else None,
    )
    response = render(request, "polls/present.html", context)
    add_never_cache_headers(response)
    return response


@login_required
@require_GET
def present_live(request, slug, pk):
    """The results part of the presenter screen, or 204 while it would look the same as version ``v``."""
    poll = _managed_poll(request, slug, pk)
    context = _presenter_context(request, poll)
    if request.GET.get("v") == context["version"]:
        response = HttpResponse(status=204)
    else:
        response = render(request, "polls/present.html#live", context)
    add_never_cache_headers(response)
    return response


@login_required
@require_GET
def export(request, slug, pk):
    """CSV: one row per option (or scale value) with count and share; for short answers one row per answer.
    Names only for a named poll."""
    poll = _managed_poll(request, slug, pk)
    language = translation.get_language()

    def table():  # streamed after the view has returned: the language is set again here
        with translation.override(language):
            yield from _export_rows(poll)

    filename = f"{poll.event.slug}-poll-{poll.pk}-{timezone.localdate():%Y-%m-%d}.csv"
    response = StreamingHttpResponse(tabular.csv_chunks(table()), content_type=tabular.CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _share(value) -> str:
    return "" if value is None else f"{value * 100:.1f}"


def _voter_names(poll):
    """Ballots with the voter's name and e-mail, for named polls only."""
    return (
        Vote.objects.filter(poll=poll)
        .select_related("registration__user")
        .order_by("registration__user__last_name", "registration__user__first_name", "pk")
    )


def _export_rows(poll):
    counts = results.count(poll)  # the export counts afresh
    if poll.kind == Poll.Kind.TEXT:
        if poll.is_named:
            yield [_("Answer"), _("Last name"), _("First name"), _("E-mail")]
            for vote in _voter_names(poll).iterator(chunk_size=500):
                user = vote.registration.user
                yield [vote.text, user.last_name, user.first_name, user.email]
        else:
            yield [_("Answer")]
            # Alphabetical, so the order of the rows tells nothing about who answered when.
            answers = Vote.objects.filter(poll=poll).values_list("text", flat=True)
            for text in sorted(answers, key=str.casefold):
                yield [text]
        return
    header = [_("Option"), _("Votes"), _("Share of voters (%)")]
    if poll.kind == Poll.Kind.RATING:
        rows = results.rating_rows(poll, counts)
        header[0] = _("Value")
    else:
        rows = results.option_rows(poll, counts)
    names = {}
    if poll.is_named:
        header.append(_("Voters"))
        options = {o.pk: o.label for o in selectors.poll_options(poll)}
        for vote in _voter_names(poll):
            name = vote.registration.user.get_full_name() or vote.registration.user.email
            keys = [options.get(c, "") for c in vote.choices] if poll.is_choice else [str(vote.rating)]
            for key in keys:
                names.setdefault(key, []).append(name)
    yield header
    for row in rows:
        line = [row.label, row.count, _share(row.share)]
        if poll.is_named:
            line.append("; ".join(names.get(row.label, [])))
        yield line
