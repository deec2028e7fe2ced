"""The directory's web pages. Each view parses the request, checks permission per object, calls a service, renders.

What a user may not see answers 404; what they may only read answers 403. Every state change is a POST.
"""

from contextlib import nullcontext

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors, services, services_people
from .forms import EndMembershipForm, InviteForm, JoinRequestForm, OrganisationForm, PersonForm
from .models import Cluster, Membership, Organisation, Person, Topic
from .pagination import WindowCountPaginator
from .search import index_first

ORGANISATIONS_PER_PAGE = 25
MEMBERS_PER_PAGE = 50


def _render_htmx(request, template, partial, context):
    """The whole page, or only ``partial`` of it when htmx asks (it swaps that part in place)."""
    if request.htmx and not request.htmx.boosted:
        template = f"{template}#{partial}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _query_without_page(params):
    query = params.copy()
    query.pop("page", None)
    return query.urlencode()


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return target
    return default


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- home -------------------------------------------------------------------------------------------------------


@require_GET
def home(request):
    figures = selectors.directory_figures()
    clusters = selectors.clusters_with_cached_counts(figures)
    return render(
        request,
        "directory/home.html",
        {
            "clusters": [c for c in clusters if c.kind == Cluster.Kind.CLUSTER],
            "networks": [c for c in clusters if c.kind == Cluster.Kind.NETWORK],
            "themes": Topic.objects.filter(is_cross_cluster=True),
            "organisation_count": figures["organisations"],
        },
    )


# --- organisations ----------------------------------------------------------------------------------------------


def _option(value, label) -> str:
    return f'<option value="{escape(value)}">{escape(label)}</option>'


def _sidebar_markup(options: dict) -> dict:
    """The sidebar's <option>s as markup, built in Python once per cached set of options (and language).

    A template loop over ~300 options cost more than the rest of the page; this is a string join, cached
    with the options, so a request only marks the chosen ones (``_filter_sidebar``).
    """
    industries = []
    for (code, title), divisions in options["industry_sections"]:
        industries.append(f'<optgroup label="{escape(code)} {escape(title)}">')
        industries.append(_option(code, _("All of section %(code)s") % {"code": code}))
        industries += [_option(d, f"{d} {d_title}") for d, d_title in divisions]
        industries.append("</optgroup>")
    topics = []
    for (root_slug, root_name), members in options["topic_groups"]:
        topics.append(f'<optgroup label="{escape(root_name)}">')
        for slug, name, label in members:
            topics.append(_option(slug, _("%(name)s (all)") % {"name": name} if slug == root_slug else label))
        topics.append("</optgroup>")
    html = {
        "cluster": [_option(slug, name) for slug, name in options["clusters"]],
        "industry": industries,
        "size": [_option(value, label) for value, label in options["sizes"]],
        "topic": topics,
        "district": [_option(d, d) for d in options["districts"]],
    }
    return {name: "\n".join(parts) for name, parts in html.items()}


def _filter_sidebar(options: dict, applied: dict) -> dict:
    """The cached sidebar markup with the chosen option of each select marked (values are unique per select)."""
    markup = {}
    for name, html in options["markup"].items():
        if value := applied.get(name):
            option = f'<option value="{escape(value)}">'
            html = html.replace(option, f'<option value="{escape(value)}" selected>', 1)
        markup[name] = mark_safe(html)  # noqa: S308 (escaped in _sidebar_markup)
    return markup


def _result_items(rows) -> str:
    """The result list's <li>s, built in Python: the template loop over 25 rows was a fifth of the page's time.

    Every value goes through ``escape``.
    """
    if not rows:
        return format_html('<li class="result">{}</li>', _("No organisation matches your search."))
    demo = f' <span class="badge">{escape(_("Demo"))}</span>'
    items = []
    for org in rows:
        meta = [org.district or org.city]
        if org.size_class:
            meta.append(org.size_label)
        meta += [f"{code} {title}" for code, title in org.industries]
        tags = " ".join(f'<span class="tag">{escape(tag)}</span>' for tag in org.cluster_tags)
        tags = f"\n<p>{tags}</p>" if tags else ""
        items.append(
            f'<li class="result">\n<h3><a href="{escape(org.url)}">{escape(org.name)}</a>{demo if org.is_demo else ""}'
            f'</h3>\n<p class="meta">{escape(" · ".join(meta))}</p>{tags}\n</li>'
        )
    return mark_safe("\n".join(items))  # noqa: S308 (every value escaped above)


def _member_items(rows) -> str:
    """A cluster page's member <li>s, built in Python (50 rows with a translated "since" each); values escaped."""
    if not rows:
        return format_html('<li class="result">{}</li>', _("No members found."))
    items = []
    since = _("since %(since)s")  # translated once for all rows
    for org in rows:
        meta = [str(org.role_label)]
        if org.since:
            meta.append(since % {"since": org.since.year})
        if org.district:
            meta.append(org.district)
        items.append(
            f'<li class="result"><a href="{escape(org.url)}">{escape(org.name)}</a>\n'
            f'<span class="meta">{escape(" · ".join(meta))}</span></li>'
        )
    return mark_safe("\n".join(items))  # noqa: S308 (every value escaped above)


@require_GET
def organisation_list(request):
    params = selectors.clean_params(request.GET)
    # Matches, count, order and page from the process's listing index (listing.py); the shown rows from the database.
    if found := selectors.indexed_organisation_list(params):
        results, applied = found
        page = Paginator(results, ORGANISATIONS_PER_PAGE).get_page(params.get("page"))
    else:  # the index is being rebuilt after a change: the same answer from SQL
        qs, applied = selectors.organisation_list(params)
        # A search or a relation filter (a subquery) reads every match to rank or sort them anyway: count in the
        # same query. Unfiltered or filtered by size or district only, two queries are cheaper.
        paginator_class = WindowCountPaginator if applied.keys() & {"q", "cluster", "industry", "topic"} else Paginator
        with index_first() if "q" in applied else nullcontext():
            page = paginator_class(selectors.result_values(qs), ORGANISATIONS_PER_PAGE).get_page(params.get("page"))
    page.object_list = selectors.result_rows(page.object_list)
    context = {
        "page": page,
        "result_items": _result_items(page.object_list),
        "applied": applied,
        "query": _query_without_page(request.GET),
    }
    if not (request.htmx and not request.htmx.boosted):  # htmx swaps only the results; no sidebar then
        options = selectors.cached_filter_options(markup=_sidebar_markup)
        context.update(options, filter_options=_filter_sidebar(options, applied))
    return _render_htmx(request, "directory/organisation_list.html", "results", context)


def get_organisation_for_user(request, slug, *, perm=None):
    organisation = get_object_or_404(Organisation, slug=slug)
    if perm and not request.user.has_perm(perm, organisation):
        raise PermissionDenied
    return organisation


@require_GET
def organisation_detail(request, slug):
    organisation = get_organisation_for_user(request, slug)
    user = request.user
    can_edit = user.has_perm("directory.change_organisation", organisation)
    can_request = user.has_perm("directory.request_membership", organisation)
    pending = selectors.organisation_memberships(organisation) if can_edit or can_request else {}
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            **selectors.profile_relations(organisation),  # industries, topics, (active) memberships
            "invitations": pending.get("invited", []) if can_request else [],
            "join_requests": pending.get("requested", []) if can_edit else [],
            "people": selectors.listed_people(organisation),
            "can_edit": can_edit,
            "can_request": can_request,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_create(request):
    if not request.user.has_perm("directory.add_organisation"):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.create_organisation(
                acting_user=request.user,
                data=form.organisation_data(),
                industries=form.cleaned_data["industry_codes"],
                topics=form.cleaned_data["topics"],
                represent=True,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation %(name)s was created.") % {"name": organisation.name})
            return redirect(organisation)
    return render(request, "directory/organisation_form.html", {"form": form, "organisation": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_edit(request, slug):
    organisation = get_organisation_for_user(request, slug, perm="directory.change_organisation")
    # The form works on its own copy, so the service sees what changed and an invalid form changes nothing.
    form = OrganisationForm(request.POST or None, instance=Organisation.objects.get(pk=organisation.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                organisation,
                acting_user=request.user,
                data=form.organisation_data(),
                industries=form.cleaned_data["industry_codes"],
                topics=form.cleaned_data["topics"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes to %(name)s were saved.") % {"name": organisation.name})
            return redirect(organisation)
    return render(request, "directory/organisation_form.html", {"form": form, "organisation": organisation})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_join(request, slug):
    organisation = get_organisation_for_user(request, slug, perm="directory.request_membership")
    form = JoinRequestForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.request_membership(
                acting_user=request.user,
                organisation=organisation,
                cluster=form.cleaned_data["cluster"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your request to join %(cluster)s was sent to its cluster management.")
                % {"cluster": membership.cluster.name},
            )
            return redirect(organisation)
    return render(request, "directory/organisation_join.html", {"form": form, "organisation": organisation})


# --- people of an organisation ----------------------------------------------------------------------------------


@login_required
@require_GET
def people_manage(request, slug):
    organisation = get_organisation_for_user(request, slug, perm="directory.change_organisation")
    people = organisation.people.order_by("last_name", "first_name").prefetch_related("topics")
    return render(request, "directory/people_manage.html", {"organisation": organisation, "people": people})


def _person_form_view(request, organisation, person):
    form = PersonForm(request.POST or None, instance=Person.objects.get(pk=person.pk) if person else None)
    if request.method == "POST" and form.is_valid():
        try:
            if person is None:
                saved = services_people.create_person(
                    acting_user=request.user,
                    data={**form.person_data(), "organisation": organisation},
                    topics=form.cleaned_data["topics"],
                )
            else:
                saved = services_people.update_person(
                    person, acting_user=request.user, data=form.person_data(), topics=form.cleaned_data["topics"]
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(person)s was saved.") % {"person": saved})
            return redirect("directory:people_manage", slug=organisation.slug)
    return render(request, "directory/person_form.html", {"form": form, "organisation": organisation, "person": person})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def person_create(request, slug):
    organisation = get_organisation_for_user(request, slug, perm="directory.change_organisation")
    return _person_form_view(request, organisation, None)


def _get_person(request, slug, pk, perm):
    organisation = get_organisation_for_user(request, slug, perm="directory.change_organisation")
    person = get_object_or_404(Person, pk=pk, organisation=organisation)
    if not request.user.has_perm(perm, person):
        raise PermissionDenied
    return organisation, person


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def person_edit(request, slug, pk):
    organisation, person = _get_person(request, slug, pk, "directory.change_person")
    return _person_form_view(request, organisation, person)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def person_delete(request, slug, pk):
    organisation, person = _get_person(request, slug, pk, "directory.delete_person")
    if request.method == "POST":
        name = str(person)
        services_people.delete_person(person, acting_user=request.user)
        messages.success(request, _("%(person)s was removed.") % {"person": name})
        return redirect("directory:people_manage", slug=organisation.slug)
    return render(request, "directory/person_delete.html", {"organisation": organisation, "person": person})


# --- clusters and memberships -----------------------------------------------------------------------------------


@require_GET
def cluster_list(request):
    clusters = selectors.clusters_with_cached_counts()
    return render(
        request,
        "directory/cluster_list.html",
        {
            "clusters": [c for c in clusters if c.kind == Cluster.Kind.CLUSTER],
            "networks": [c for c in clusters if c.kind == Cluster.Kind.NETWORK],
        },
    )


@require_GET
def cluster_detail(request, slug):
    cluster = get_object_or_404(Cluster, slug=slug)
    params = selectors.clean_params(request.GET)
    members, applied = selectors.cluster_member_rows(cluster, params)
    with index_first() if "q" in applied else nullcontext():
        page = Paginator(members, MEMBERS_PER_PAGE).get_page(params.get("page"))
        page.object_list = list(page.object_list)
    context = {
        "cluster": cluster,
        "page": page,
        "member_items": _member_items(page.object_list),
        "applied": applied,
        **selectors.cluster_relations(cluster),  # topics, managers
        "can_manage": request.user.has_perm("directory.manage_members", cluster),
    }
    return _render_htmx(request, "directory/cluster_detail.html", "members", context)


def get_cluster_for_manager(request, slug):
    cluster = get_object_or_404(Cluster, slug=slug)
    if not request.user.has_perm("directory.manage_members", cluster):
        raise PermissionDenied
    return cluster


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cluster_members_manage(request, slug):
    """Join requests, invitations and active members of a cluster; POST invites an organisation."""
    cluster = get_cluster_for_manager(request, slug)
    params = selectors.clean_params(request.GET)
    org_query = params.get("org_q", "")
    candidates = selectors.invite_candidates(cluster, org_query)
    if request.method == "POST":
        # Any organisation may be chosen; the service refuses those that already have a live membership here.
        candidates = Organisation.objects.all()
    invite_form = InviteForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and invite_form.is_valid():
        try:
            membership = services.invite_organisation(
                acting_user=request.user,
                organisation=invite_form.cleaned_data["organisation"],
                cluster=cluster,
                message=invite_form.cleaned_data["message"],
            )
        except ValidationError as error:
            invite_form.add_error(None, error)
        else:
            messages.success(
                request, _("%(organisation)s was invited.") % {"organisation": membership.organisation.name}
            )
            return redirect("directory:cluster_members_manage", slug=cluster.slug)
    members, applied = selectors.cluster_members(cluster, params)
    context = {
        "cluster": cluster,
        "page": Paginator(members, MEMBERS_PER_PAGE).get_page(params.get("page")),
        "applied": applied,
        "org_query": org_query,
        "invite_form": invite_form,
        "end_form": EndMembershipForm(),
        **selectors.cluster_pipeline(cluster),
    }
    if request.htmx and request.htmx.target == "invite-candidates":
        response = render(request, "directory/cluster_members_manage.html#invite_candidates", context)
        patch_vary_headers(response, ["HX-Request"])
        return response
    return render(request, "directory/cluster_members_manage.html", context)


def _membership_for_user(request, pk):
    return get_object_or_404(
        Membership.objects.visible_to(request.user).select_related("organisation", "cluster"), pk=pk
    )


def _after_membership_change(request, membership):
    if request.user.has_perm("directory.manage_members", membership.cluster):
        default = reverse("directory:cluster_members_manage", kwargs={"slug": membership.cluster.slug})
    else:
        default = membership.organisation.get_absolute_url()
    return redirect(_safe_next(request, default))


@login_required
@require_POST
def membership_approve(request, pk):
    """A cluster manager approves a join request, or a representative accepts an invitation."""
    membership = _membership_for_user(request, pk)
    try:
        services.approve_membership(membership, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("%(organisation)s is now a member of %(cluster)s.")
            % {"organisation": membership.organisation.name, "cluster": membership.cluster.name},
        )
    return _after_membership_change(request, membership)


@login_required
@require_POST
def membership_decline(request, pk):
    membership = _membership_for_user(request, pk)
    try:
        services.decline_membership(membership, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("The membership of %(organisation)s in %(cluster)s was declined.")
            % {"organisation": membership.organisation.name, "cluster": membership.cluster.name},
        )
    return _after_membership_change(request, membership)


@login_required
@require_POST
def membership_end(request, pk):
    membership = _membership_for_user(request, pk)
    if not request.user.has_perm("directory.end_membership", membership):
        raise PermissionDenied
    form = EndMembershipForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Membership end: %(error)s") % {"error": " ".join(form.errors["until"])})
        return _after_membership_change(request, membership)
    try:
        services.end_membership(membership, acting_user=request.user, until=form.cleaned_data["until"])
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("The membership of %(organisation)s in %(cluster)s ends on %(until)s.")
            % {
                "organisation": membership.organisation.name,
                "cluster": membership.cluster.name,
                "until": form.cleaned_data["until"].isoformat(),
            },
        )
    return _after_membership_change(request, membership)


# --- topics -----------------------------------------------------------------------------------------------------


@require_GET
def topic_list(request):
    return render(request, "directory/topic_list.html", {"topics": selectors.topic_tree()})


@require_GET
def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.select_related("parent"), slug=slug)
    clusters, organisations = selectors.topic_members(topic)
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(selectors.clean_params(request.GET).get("page"))
    return render(
        request,
        "directory/topic_detail.html",
        {"topic": topic, "clusters": clusters, "page": page, "subtopics": topic.children.order_by("name")},
    )
