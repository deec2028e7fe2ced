"""The staff exchange: posts (offers and requests), their matches, agreements and the clusters' dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crosscluster.directory.selectors import clean_params

from .. import legal, matching, roles, selectors
from ..forms import AgreementForm, CancelForm, ChecklistForm, StaffPostForm, apply_errors
from ..models import StaffAgreement, StaffPost
from ..services import exchange as exchange_services
from ..services.jobs import organisations_for
from .common import PER_PAGE, error_text, form_context, get_visible, partial_or_page, require_perm


@login_required
@require_GET
def staff_list(request):
    require_perm(request, "talent.use_staff_exchange")
    params = clean_params(request.GET)
    qs, applied = selectors.staff_post_list(request.user, params)
    page = Paginator(selectors.with_staff_relations(qs), PER_PAGE).get_page(params.get("page"))
    context = {
        "page": page,
        "applied": applied,
        "kinds": StaffPost.Kind.choices,
        "can_post": request.user.has_perm("talent.add_staffpost"),
        "can_see_dashboard": roles.sees_exchange_dashboard(request.user),
    }
    return partial_or_page(request, "talent/staff_list.html", "results", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def staff_create(request):
    require_perm(request, "talent.add_staffpost")
    organisations = organisations_for(request.user).order_by("name")
    initial = {"kind": request.GET.get("kind")} if request.GET.get("kind") in StaffPost.Kind.values else {}
    form = StaffPostForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        organisations=organisations,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            post = exchange_services.create_staff_post(
                acting_user=request.user,
                organisation=form.cleaned_data["organisation"],
                data={**form.post_data(), "status": request.POST.get("status") or StaffPost.Status.DRAFT},
                skills=form.cleaned_data["skills"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied:
            form.add_error("organisation", _("You may not post for this organisation."))
        else:
            messages.success(
                request, _("The post is published.") if post.is_published else _("The post is saved as a draft.")
            )
            return redirect(post)
    return render(request, "talent/staff_form.html", form_context(form, post=None))


def _post(request, pk, perm=None):
    qs = StaffPost.objects.visible_to(request.user).select_related("organisation")
    return get_visible(qs, request, pk, perm=perm)


@login_required
@require_GET
def staff_detail(request, pk):
    post = _post(request, pk)
    user = request.user
    can_manage = user.has_perm("talent.change_staffpost", post)
    agreements = StaffAgreement.objects.visible_to(user).filter(Q(offer=post) | Q(request=post))
    context = {
        "post": post,
        "skills": post.skills.all(),
        "can_manage": can_manage,
        "can_propose": post.is_published and user.has_perm("talent.propose_agreement", post),
        "matches": matching.staff_matches(post, user=user) if post.is_published else None,
        "status_steps": [(s, StaffPost.Status(s).label) for s in exchange_services.POST_STATUS_STEPS[post.status]]
        if can_manage
        else [],
        "agreements": agreements.select_related("lender", "borrower").order_by("-created"),
    }
    return render(request, "talent/staff_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def staff_edit(request, pk):
    post = _post(request, pk, perm="talent.change_staffpost")
    form = StaffPostForm(request.POST if request.method == "POST" else None, instance=post, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            post = exchange_services.update_staff_post(
                post, acting_user=request.user, data=form.post_data(), skills=form.cleaned_data["skills"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The post was saved."))
            return redirect(post)
    if request.method == "POST":
        post.refresh_from_db()
    return render(request, "talent/staff_form.html", form_context(form, post=post))


@login_required
@require_POST
def staff_status(request, pk):
    post = _post(request, pk, perm="talent.change_staffpost")
    try:
        post = exchange_services.set_staff_post_status(
            post, acting_user=request.user, status=request.POST.get("status", "")
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The post is now: %(status)s.") % {"status": post.get_status_display()})
    return redirect(post)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def staff_propose(request, pk):
    post = _post(request, pk, perm="talent.propose_agreement")
    if not post.is_published:
        messages.error(request, _("This post is no longer open for agreements."))
        return redirect(post)
    form = AgreementForm(request.POST if request.method == "POST" else None, user=request.user, post=post)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = exchange_services.propose_agreement(
                acting_user=request.user,
                post=post,
                organisation=form.cleaned_data["organisation"],
                own_post=form.cleaned_data["own_post"],
                data=form.agreement_data(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The agreement is proposed. %(organisation)s will be asked to accept it.")
                % {"organisation": post.organisation.name},
            )
            return redirect(agreement)
    return render(
        request,
        "talent/agreement_propose.html",
        {"post": post, "form": form, "checklists": _all_checklists(), "disclaimer": legal.DISCLAIMER},
    )


def _all_checklists():
    return [(value, label, legal.checklist(value)) for value, label in StaffAgreement.LegalModel.choices]


@login_required
@require_GET
def agreement_list(request):
    require_perm(request, "talent.use_staff_exchange")
    return render(request, "talent/agreement_list.html", {"agreements": selectors.agreements_for(request.user)})


def _agreement(request, pk, perm=None):
    qs = StaffAgreement.objects.visible_to(request.user).select_related("lender", "borrower", "offer", "request")
    return get_visible(qs, request, pk, perm=perm)


@login_required
@require_GET
def agreement_detail(request, pk):
    agreement = _agreement(request, pk)
    sides = exchange_services.sides_of(request.user, agreement)
    done = set(agreement.checklist_done)
    items = [(item, item.key in done) for item in legal.checklist(agreement.legal_model)]
    return render(
        request,
        "talent/agreement_detail.html",
        {
            "agreement": agreement,
            "sides": sides,
            "is_party": bool(sides),
            "can_accept": agreement.status == StaffAgreement.Status.PROPOSED
            and any(not agreement.accepted_by(s) for s in sides),
            "items": items,
            "warnings": legal.warnings(agreement),
            "disclaimer": legal.DISCLAIMER,
            "cancel_form": CancelForm(),
        },
    )


ACTIONS = {
    "accept": (exchange_services.accept_agreement, gettext_lazy("You accepted the agreement.")),
    "activate": (exchange_services.activate_agreement, gettext_lazy("The exchange is marked as started.")),
    "complete": (exchange_services.complete_agreement, gettext_lazy("The exchange is marked as completed.")),
    "cancel": (exchange_services.cancel_agreement, gettext_lazy("The agreement was cancelled.")),
}


@login_required
@require_POST
def agreement_action(request, pk, action):
    agreement = _agreement(request, pk, perm="talent.act_on_agreement")
    service, done = ACTIONS[action]
    kwargs = {"reason": request.POST.get("reason", "")} if action == "cancel" else {}
    try:
        service(agreement, acting_user=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, str(done))
    return redirect(agreement)


@login_required
@require_POST
def agreement_checklist(request, pk):
    agreement = _agreement(request, pk, perm="talent.act_on_agreement")
    form = ChecklistForm(request.POST, agreement=agreement)
    if not form.is_valid():
        messages.error(request, _("Unknown checklist items."))
        return redirect(agreement)
    try:
        exchange_services.set_checklist(agreement, acting_user=request.user, done=form.cleaned_data["done"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The checklist was saved."))
    return redirect(f"{agreement.get_absolute_url()}#checklist")


@login_required
@require_GET
def exchange_dashboard(request):
    require_perm(request, "talent.view_exchange_dashboard")
    params = clean_params(request.GET)
    data = selectors.exchange_dashboard(request.user, (params.get("cluster") or "")[:80])
    return render(request, "talent/exchange_dashboard.html", {**data, "cluster": params.get("cluster") or ""})
