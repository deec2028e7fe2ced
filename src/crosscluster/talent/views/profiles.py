"""A person's own skilled-worker profile (edit, consent, export, delete) and profiles as employers see them."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import export, matching, selectors
from ..forms import DeleteProfileForm, ProfileForm, apply_errors
from ..models import WorkerProfile
from ..services import profiles as profile_services
from .common import error_text, form_context, get_visible


@login_required
@require_GET
def my_profile(request):
    profile = selectors.profile_of(request.user)
    return render(
        request,
        "talent/my_profile.html",
        {
            "profile": profile,
            "jobs": matching.jobs_for_profile(profile, user=request.user) if profile else None,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_edit(request):
    profile = WorkerProfile.objects.filter(user=request.user).first()
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            profile_services.save_profile(
                acting_user=request.user,
                data=form.profile_data(),
                skills=form.cleaned_data["skills"],
                languages=form.cleaned_data["languages"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("talent:my_profile")
    return render(request, "talent/profile_form.html", form_context(form, profile=profile))


def _own_profile(request):
    profile = WorkerProfile.objects.filter(user=request.user).prefetch_related("skills", "languages").first()
    if profile is None:
        raise Http404
    return profile


@login_required
@require_POST
def profile_consent(request):
    profile = _own_profile(request)
    consent = request.POST.get("consent")
    if consent not in ("0", "1"):
        messages.error(request, _("Unknown choice."))
        return redirect("talent:my_profile")
    try:
        profile = profile_services.set_consent(profile, acting_user=request.user, consent=consent == "1")
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("Employers can now see your profile.")
            if profile.consent
            else _("Your profile is hidden from employers from now on, also from their lists of matching candidates."),
        )
    return redirect("talent:my_profile")


def _download(content, content_type, extension):
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="crosscluster-profile-{stamp}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def profile_export_json(request):
    data = export.profile_data(_own_profile(request))
    return _download(json.dumps(data, ensure_ascii=False, indent=2), "application/json; charset=utf-8", "json")


@login_required
@require_GET
def profile_export_csv(request):
    return _download(export.profile_csv(_own_profile(request)), "text/csv; charset=utf-8", "csv")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile_delete(request):
    profile = _own_profile(request)
    form = DeleteProfileForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        profile_services.delete_profile(profile, acting_user=request.user)
        messages.success(request, _("Your skilled-worker profile was deleted for good."))
        return redirect("talent:my_profile")
    return render(request, "talent/profile_delete.html", {"profile": profile, "form": form})


@login_required
@require_GET
def candidate_detail(request, pk):
    """A profile as an employer sees it: only while its owner consents (the owner always sees their own)."""
    qs = WorkerProfile.objects.visible_to(request.user).select_related("user").prefetch_related("skills", "languages")
    profile = get_visible(qs, request, pk)
    return render(
        request, "talent/candidate_detail.html", {"profile": profile, "own": profile.user_id == request.user.pk}
    )
