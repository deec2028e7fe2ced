"""The participants' side of live voting: a page per event for the phone, voting, and results when shown.

The page lists the open polls and asks every few seconds whether anything changed (``live``: a tiny request
that answers 204 No Content while the event's polls version stays the same); only then does it fetch the list
again. Everything works without JavaScript too (forms post and redirect back).

Who may: participants with a confirmed registration vote; organisers may look at the page (they vote only if
registered); other users who can see the event get 403 with a message saying why; an event a user may not see
answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from crosscluster.events.views import get_event_for_user

from . import presentation, results, selectors, voting
from .models import Poll

LIVE_INTERVAL_SECONDS = 4
RESULTS_INTERVAL_SECONDS = 3


class _Refused(Exception):
    def __init__(self, event):
        self.event = event


def _participant(request, slug):
    """``(event, registration, can_manage)`` for the voting pages; 404 for an invisible event; ``_Refused`` for
    a user who sees the event but neither takes part nor organises it."""
    registration = selectors.participant_registration(request.user, slug)
    if registration is not None:
        return registration.event, registration, None
    event = get_event_for_user(request, slug)
    if request.user.has_perm("polls.manage_polls", event):
        return event, None, True
    raise _Refused(event)


def _refused(request, event):
    return render(request, "polls/not_participant.html", {"event": event}, status=403)


def _no_store(response):
    add_never_cache_headers(response)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _page_context(event, registration, can_manage):
    open_polls, closed_polls = selectors.participant_polls(event)
    votes = selectors.my_votes(registration.pk if registration else None, open_polls + closed_polls)
    for poll in open_polls + closed_polls:
        _with_ballot(poll, votes.get(poll.pk))
    return {
        "event": event,
        "registration": registration,
        "can_manage": bool(can_manage),
        "open_polls": open_polls,
        "closed_polls": closed_polls,
        "version": selectors.event_polls_version(event.pk),
        "interval": LIVE_INTERVAL_SECONDS,
    }


@login_required
@require_GET
def vote_page(request, slug):
    try:
        event, registration, can_manage = _participant(request, slug)
    except _Refused as refused:
        return _refused(request, refused.event)
    return _no_store(render(request, "polls/vote_page.html", _page_context(event, registration, can_manage)))


@login_required
@require_GET
def live(request, slug):
    """The list of polls again, or 204 when the event's polls are unchanged since version ``v``."""
    try:
        event, registration, can_manage = _participant(request, slug)
    except _Refused as refused:
        return _refused(request, refused.event)
    if request.GET.get("v") == selectors.event_polls_version(event.pk):
        return _no_store(HttpResponse(status=204))
    context = _page_context(event, registration, can_manage)
    return _no_store(render(request, "polls/vote_page.html#live", context))


def _with_ballot(poll, my_vote):
    """What a poll card shows: the options, and the participant's vote (pre-selected in the form)."""
    poll.my_vote = my_vote
    poll.option_list = selectors.poll_options(poll)
    poll.chosen = set(my_vote.choices) if my_vote is not None else set()
    return poll


def _vote_status(request, poll, error=""):
    """What htmx puts under the ballot after a vote: that it was recorded (and the button now says "Change my
    vote"), or what was wrong. The form itself stays as the participant filled it in."""
    return _no_store(render(request, "polls/_vote_status.html", {"poll_pk": poll.pk, "error": error}))


@login_required
@require_POST
def vote(request, slug, pk):
    poll = selectors.poll_for_vote(slug, pk)
    if poll is None:
        raise Http404
    if poll.is_draft:  # drafts are read afresh, never from the cache; only organisers know of them
        event = get_event_for_user(request, slug)
        if not request.user.has_perm("polls.manage_polls", event):
            raise Http404
        return _refused(request, event)
    try:
        ballot = voting.read_ballot(
            poll,
            choices=request.POST.getlist("choices"),
            rating=request.POST.get("rating"),
            text=request.POST.get("text"),
        )
        voting.cast_vote(acting_user=request.user, poll=poll, ballot=ballot)
    except voting.NotParticipant:
        return _refused(request, get_event_for_user(request, slug))  # 404 if the user may not see the event
    except ValidationError as error:
        if selectors.confirmed_registration_id(request.user, poll.event_id) is None:  # a refusal comes first
            return _refused(request, get_event_for_user(request, slug))
        message = " ".join(error.messages)
        if request.htmx:
            return _vote_status(request, poll, error=message)
        messages.error(request, message)
    else:
        if request.htmx:
            return _vote_status(request, poll)
        messages.success(request, _("Your vote has been recorded. You can change it until the poll closes."))
    return redirect(f"{reverse('polls:vote_page', kwargs={'slug': slug})}#poll-{poll.pk}")


def _poll_for_results(request, slug, pk):
    """``(poll, shown)``: the poll, and whether the user may see its results now. 404 for what the user may not see
    (drafts are the organisers'); ``_Refused`` for a user who neither takes part nor organises."""
    registration = selectors.participant_registration(request.user, slug)
    if registration is not None:
        event = registration.event
        poll = get_object_or_404(Poll.objects.select_related("session"), pk=pk, event=event)
        poll.event = event
        if poll.results_public:
            return poll, True
        manages = request.user.has_perm("polls.manage_polls", event)
        if poll.is_draft and not manages:
            raise Http404
        return poll, manages
    event = get_event_for_user(request, slug)
    poll = get_object_or_404(Poll.objects.select_related("session"), pk=pk, event=event)
    poll.event = event
    if request.user.has_perm("polls.manage_polls", event):
        return poll, True
    if poll.is_draft:
        raise Http404
    raise _Refused(event)


def _results_context(request, poll):
    counts = results.poll_counts(poll)
    context = presentation.results_context(poll, counts)
    context.update(
        event=poll.event,
        version=presentation.screen_version(poll, counts),
        interval=RESULTS_INTERVAL_SECONDS,
        refresh=poll.is_open,
    )
    return context


@login_required
@require_GET
def poll_results(request, slug, pk):
    try:
        poll, allowed = _poll_for_results(request, slug, pk)
    except _Refused as refused:
        return _refused(request, refused.event)
    if not allowed:
        return _results_hidden(request, poll)
    return _no_store(render(request, "polls/results.html", _results_context(request, poll)))


@login_required
@require_GET
def poll_results_live(request, slug, pk):
    try:
        poll, allowed = _poll_for_results(request, slug, pk)
    except _Refused as refused:
        return _refused(request, refused.event)
    if not allowed:
        return _results_hidden(request, poll)
    context = _results_context(request, poll)
    if request.GET.get("v") == context["version"]:
        return _no_store(HttpResponse(status=204))
    return _no_store(render(request, "polls/results.html#live", context))


def _results_hidden(request, poll):
    return render(request, "polls/results_hidden.html", {"event": poll.event, "poll": poll}, status=403)
