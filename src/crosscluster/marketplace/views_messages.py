"""Marketplace pages for conversations (contact, threads, replies) and saved searches with their alerts.

A conversation is read by its two sides and by platform coordinators; anyone else gets 404. The unsubscribe page
needs no login: the secret token in the e-mailed link is the proof.
"""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crosscluster.directory.selectors import clean_params

from . import alerts, messaging, selectors
from .forms import AlertsForm, ContactForm, ReplyForm, SaveSearchForm, add_service_error
from .models import SavedSearch, Thread
from .views import get_post_for_user

THREADS_PER_PAGE = 25


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request, pk):
    post = get_post_for_user(request, pk)
    user = request.user
    if not rules.test_rule("marketplace.contact", user, post):
        if post.organisation.representatives.filter(pk=user.pk).exists():
            messages.info(request, _("This is your own organisation's post."))
        else:
            messages.error(request, _("This post is no longer open for contact."))
        return redirect(post)
    form = ContactForm(request.POST or None, user=user, post=post)
    if request.method == "POST" and form.is_valid():
        try:
            thread = messaging.start_thread(
                acting_user=user, post=post, organisation=form.cleaned_data["organisation"],
                body=form.cleaned_data["body"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Your message to %(organisation)s was sent. They have been notified by e-mail.")
                % {"organisation": post.organisation.name},
            )
            return redirect(thread)
    existing = Thread.objects.of_participant(user).filter(post=post).select_related("asking_organisation")
    return render(
        request,
        "marketplace/contact.html",
        {"post": post, "form": form, "existing": list(existing), "section": "browse"},
    )


def get_thread_for_user(request, pk) -> Thread:
    thread = (
        Thread.objects.visible_to(request.user)
        .select_related("post__organisation", "asking_organisation", "asker")
        .filter(pk=pk)
        .first()
    )
    if thread is None:
        raise Http404
    return thread


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def thread_detail(request, pk):
    thread = get_thread_for_user(request, pk)
    user = request.user
    side = thread.side_of(user)
    form = ReplyForm(request.POST or None) if side else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied  # coordinators read conversations they are not part of, but do not write
        if form.is_valid():
            try:
                messaging.reply(acting_user=user, thread=thread, body=form.cleaned_data["body"])
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Your reply was sent."))
                return redirect(thread)
    thread_messages = list(thread.messages.select_related("author"))
    if side and request.method != "POST":
        messaging.mark_read(thread, user)
    return render(
        request,
        "marketplace/thread.html",
        {
            "thread": thread,
            "post": thread.post,
            "thread_messages": thread_messages,
            "form": form,
            "side": side,
            "section": "messages",
        },
    )


@login_required
@require_GET
def thread_list(request):
    params = clean_params(request.GET)
    threads = messaging.with_unread(
        Thread.objects.of_participant(request.user).select_related(
            "post__organisation", "asking_organisation", "asker"
        ),
        request.user,
    ).order_by("-last_message_at", "-pk")
    page = Paginator(threads, THREADS_PER_PAGE).get_page(params.get("page"))
    return render(request, "marketplace/threads.html", {"page": page, "section": "messages"})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def saved_searches(request):
    """The user's saved searches; a POST saves the filters it carries as a new one."""
    params = clean_params(request.POST) if request.method == "POST" else {}
    form = SaveSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = alerts.save_search(
                acting_user=request.user,
                params={key: params.get(key, "") for key in selectors.FILTERS},
                name=form.cleaned_data["name"],
                alerts=form.cleaned_data["alerts"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your search “%(name)s” is saved.") % {"name": saved.name})
            return redirect("marketplace:searches")
    searches = SavedSearch.objects.filter(user=request.user).order_by("-created", "-pk")
    rows = [(s, AlertsForm(initial={"alerts": s.alerts}, prefix=f"s{s.pk}")) for s in searches]
    return render(
        request, "marketplace/searches.html", {"rows": rows, "form": form, "params": params, "section": "searches"}
    )


def _own_search(request, pk) -> SavedSearch:
    return get_object_or_404(SavedSearch, pk=pk, user=request.user)


@login_required
@require_POST
def saved_search_alerts(request, pk):
    saved = _own_search(request, pk)
    form = AlertsForm(request.POST, prefix=f"s{saved.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose how often you want e-mails: at once, daily or never."))
        return redirect("marketplace:searches")
    alerts.change_alerts(saved, acting_user=request.user, alerts=form.cleaned_data["alerts"])
    messages.success(request, _("E-mail alerts for “%(name)s”: %(alerts)s.")
                     % {"name": saved.name, "alerts": saved.get_alerts_display()})  # fmt: skip
    return redirect("marketplace:searches")


@login_required
@require_POST
def saved_search_delete(request, pk):
    saved = _own_search(request, pk)
    name = saved.name
    alerts.delete_search(saved, acting_user=request.user)
    messages.success(request, _("The saved search “%(name)s” was deleted.") % {"name": name})
    return redirect("marketplace:searches")


@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET asks for confirmation (mail scanners follow links); POST switches the alerts off."""
    saved = SavedSearch.objects.filter(token=token[:64]).first()
    if saved is None:
        return render(request, "marketplace/unsubscribe.html", {"saved": None}, status=404)
    done = False
    if request.method == "POST":
        saved = alerts.unsubscribe(token)
        done = True
    return render(request, "marketplace/unsubscribe.html", {"saved": saved, "done": done})
