"""Marketplace pages for posts: browse and search, a post with its matches, writing posts, the own dashboard.

Conversations and saved searches are in ``views_messages.py``. Every page needs a login (the marketplace is for
the members of the clusters). A post the user may not see answers 404, one they may only read answers 403.
Every state change is a POST.
"""

import logging

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crosscluster.directory.selectors import clean_params
from crosscluster.matching import MatchingInputError

from . import matching, messaging, selectors, services
from .forms import PostForm, SaveSearchForm, add_service_error
from .models import Post, Thread

logger = logging.getLogger(__name__)

POSTS_PER_PAGE = 20
MATCHES_SHOWN = 10
CHANGE = "marketplace.change_post"


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _partial_or_page(request, template, partial, context):
    """The whole page, or only ``partial`` of it when htmx asks (it swaps that part in place)."""
    if request.htmx and not request.htmx.boosted:
        template = f"{template}#{partial}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def get_post_for_user(request, pk, *, perm=None) -> Post:
    """The post if the user may see it (else 404), and may ``perm`` it (else 403)."""
    post = Post.objects.visible_to(request.user).select_related("organisation").filter(pk=pk).first()
    if post is None:
        raise Http404
    if perm and not request.user.has_perm(perm, post):
        raise PermissionDenied
    return post


def _filter_query(applied: dict) -> str:
    params = {key: applied[key] for key in ("kind", "category", "cluster", "q", "near") if key in applied}
    if "near" in applied:
        params["radius"] = applied["radius"]
    return urlencode(params)


@login_required
@require_GET
def post_list(request):
    params = clean_params(request.GET)
    qs, applied, errors = selectors.post_list(request.user, params)
    page = Paginator(selectors.with_list_relations(qs), POSTS_PER_PAGE).get_page(params.get("page"))
    context = {
        "page": page,
        "applied": applied,
        "errors": errors,
        "filter_query": _filter_query(applied),
        "kinds": Post.Kind.choices,
        "categories": Post.Category.choices,
        "near": applied.get("near") or " ".join(params.get("near", "").split())[:120],
        "radius": applied.get("radius", selectors.DEFAULT_RADIUS_KM),
        "can_add": request.user.has_perm("marketplace.add_post"),
        "save_form": SaveSearchForm(),
        "section": "browse",
    }
    if not (request.htmx and not request.htmx.boosted):
        context["clusters"] = selectors.clusters_for_filter()
    return _partial_or_page(request, "marketplace/post_list.html", "results", context)


def _matches(post, user):
    try:
        return matching.matches_for(post, user=user, k=MATCHES_SHOWN), False
    except MatchingInputError:  # stored data the engine refuses: show the post, say matches are missing
        logger.exception("matching failed for marketplace post %s", post.pk)
        return [], True


@login_required
@require_GET
def post_detail(request, pk):
    post = get_post_for_user(request, pk)
    user = request.user
    can_change = user.has_perm(CHANGE, post)
    matches, matching_failed = _matches(post, user)
    own_threads = messaging.with_unread(
        Thread.objects.of_participant(user).filter(post=post).select_related("asking_organisation", "asker"), user
    )
    return render(
        request,
        "marketplace/post_detail.html",
        {
            "post": post,
            "clusters": post.visible_clusters.order_by("name") if post.visibility == Post.Visibility.CHOSEN else (),
            "can_change": can_change,
            "can_contact": rules.test_rule("marketplace.contact", user, post),
            "threads": list(own_threads),
            "matches": matches,
            "matching_failed": matching_failed,
            "next_statuses": _next_statuses(post) if can_change else [],
            "section": "browse",
        },
    )


def _next_statuses(post):
    labels = {
        Post.Status.PUBLISHED: _("Publish again") if post.published_at else _("Publish"),
        Post.Status.IN_TALKS: _("Mark as “in talks”"),
        Post.Status.CLOSED: _("Close"),
    }
    if post.status == Post.Status.IN_TALKS:
        labels[Post.Status.PUBLISHED] = _("Back to “published”")
    return [(status, labels[status]) for status in services.TRANSITIONS[post.status] if status in labels]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def post_create(request):
    if not request.user.has_perm("marketplace.add_post"):
        raise PermissionDenied
    form = PostForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        publish = request.POST.get("action") == "publish"
        try:
            post = services.create_post(
                acting_user=request.user,
                organisation=form.cleaned_data["organisation"],
                data=form.post_data(),
                visible_clusters=form.cleaned_data["visible_clusters"],
                status=Post.Status.PUBLISHED if publish else Post.Status.DRAFT,
            )
        except ValidationError as error:
            add_service_error(form, error)
        except PermissionDenied:
            form.add_error("organisation", _("You may not write posts for this organisation."))
        else:
            if publish:
                messages.success(request, _("Your post “%(title)s” is published.") % {"title": post.title})
            else:
                messages.success(
                    request,
                    _("Your post “%(title)s” is saved as a draft. Only your organisation sees it until you publish.")
                    % {"title": post.title},
                )
            return redirect(post)
    return render(request, "marketplace/post_form.html", {"form": form, "post": None, "section": "mine"})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def post_edit(request, pk):
    post = get_post_for_user(request, pk, perm=CHANGE)
    if post.status == Post.Status.CLOSED:
        messages.error(request, _("This post is closed; it cannot change any more. Create a new post instead."))
        return redirect(post)
    # The form works on its own copy, so the service sees what changed and an invalid form changes nothing.
    form = PostForm(request.POST or None, instance=Post.objects.get(pk=post.pk), user=request.user)
    if request.method == "POST" and form.is_valid():
        publish = request.POST.get("action") == "publish" and post.status in (Post.Status.DRAFT, Post.Status.EXPIRED)
        try:
            services.update_post(
                post,
                acting_user=request.user,
                data=form.post_data(),
                visible_clusters=form.cleaned_data["visible_clusters"],
                status=Post.Status.PUBLISHED if publish else None,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your changes to “%(title)s” were saved.") % {"title": post.title})
            return redirect(post)
    return render(request, "marketplace/post_form.html", {"form": form, "post": post, "section": "mine"})


@login_required
@require_POST
def post_status(request, pk):
    post = get_post_for_user(request, pk, perm=CHANGE)
    status = request.POST.get("status", "")[:20]
    try:
        post = services.change_status(post, acting_user=request.user, status=status)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("“%(title)s” is now: %(status)s.") % {"title": post.title, "status": post.get_status_display()},
        )
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(post)


@login_required
@require_GET
def mine(request):
    """The posts of the organisations the user represents, with their conversations."""
    posts = list(selectors.own_posts(request.user))
    threads = messaging.with_unread(
        Thread.objects.of_participant(request.user).select_related(
            "post__organisation", "asking_organisation", "asker"
        ),
        request.user,
    )[:20]
    return render(
        request,
        "marketplace/mine.html",
        {
            "posts": posts,
            "threads": list(threads),
            "organisations": list(request.user.represented_organisations.order_by("name")),
            "can_add": request.user.has_perm("marketplace.add_post"),
            "section": "mine",
        },
    )
