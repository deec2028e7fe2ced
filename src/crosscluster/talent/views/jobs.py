"""The job board, job postings, applications and the employer's pipeline.

What a user may not see answers 404; what they may only read answers 403. Every state change is a POST.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crosscluster.directory.selectors import clean_params

from .. import matching, selectors
from ..forms import ApplicationForm, JobForm, NoteForm, StatusForm, apply_errors
from ..models import Application, JobPosting, WorkerProfile, is_employer
from ..services import applications as application_services
from ..services import jobs as job_services
from .common import PER_PAGE, error_text, form_context, get_visible, partial_or_page, require_perm


@require_GET
def job_list(request):
    params = clean_params(request.GET)
    qs, applied = selectors.job_list(request.user, params)
    page = Paginator(selectors.with_job_relations(qs), PER_PAGE).get_page(params.get("page"))
    context = {
        "page": page,
        "applied": applied,
        "contract_types": JobPosting.ContractType.choices,
        "can_post": request.user.has_perm("talent.add_jobposting"),
    }
    return partial_or_page(request, "talent/job_list.html", "results", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def job_create(request):
    require_perm(request, "talent.add_jobposting")
    organisations = job_services.organisations_for(request.user).order_by("name")
    form = JobForm(request.POST if request.method == "POST" else None, user=request.user, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            job = job_services.create_job(
                acting_user=request.user,
                organisation=form.cleaned_data["organisation"],
                data={**form.job_data(), "status": request.POST.get("status") or JobPosting.Status.DRAFT},
                skills=form.cleaned_data["skills"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied:
            form.add_error("organisation", _("You may not post jobs for this organisation."))
        else:
            messages.success(
                request,
                _("The job posting is published.") if job.is_published else _("The job posting is saved as a draft."),
            )
            return redirect(job)
    return render(request, "talent/job_form.html", form_context(form, job=None))


@require_GET
def job_detail(request, pk):
    job = get_visible(JobPosting.objects.visible_to(request.user).select_related("organisation"), request, pk)
    user = request.user
    can_manage = user.has_perm("talent.change_jobposting", job)
    application = None
    if user.is_authenticated:
        application = Application.objects.filter(job=job, applicant=user).first()
    context = {
        "job": job,
        "skills": job.skills.order_by("-essential", "pk"),
        "can_manage": can_manage,
        "application": application,
        "candidates": matching.candidates_for_job(job, user=user) if can_manage and job.is_published else None,
        "status_steps": [(s, JobPosting.Status(s).label) for s in job_services.STATUS_STEPS[job.status]]
        if can_manage
        else [],
        "application_count": job.applications.count() if can_manage else None,
    }
    return render(request, "talent/job_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def job_edit(request, pk):
    job = get_visible(
        JobPosting.objects.visible_to(request.user).select_related("organisation"),
        request,
        pk,
        perm="talent.change_jobposting",
    )
    form = JobForm(request.POST if request.method == "POST" else None, instance=job, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            job = job_services.update_job(
                job, acting_user=request.user, data=form.job_data(), skills=form.cleaned_data["skills"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The job posting was saved."))
            return redirect(job)
    if request.method == "POST":
        job.refresh_from_db()  # the form put the refused values on it; the page heading shows the saved ones
    return render(request, "talent/job_form.html", form_context(form, job=job))


@login_required
@require_POST
def job_status(request, pk):
    job = get_visible(JobPosting.objects.visible_to(request.user), request, pk, perm="talent.change_jobposting")
    try:
        job = job_services.set_job_status(job, acting_user=request.user, status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The job posting is now: %(status)s.") % {"status": job.get_status_display()})
    return redirect(job)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def job_apply(request, pk):
    job = get_visible(JobPosting.objects.visible_to(request.user).select_related("organisation"), request, pk)
    existing = Application.objects.filter(job=job, applicant=request.user).first()
    if existing is not None:
        messages.info(request, _("You have already applied for this job."))
        return redirect(existing)
    if not job.is_published:
        messages.error(request, _("This job posting is not open for applications."))
        return redirect(job)
    has_profile = WorkerProfile.objects.filter(user=request.user).exists()
    form = ApplicationForm(request.POST if request.method == "POST" else None, has_profile=has_profile)
    if request.method == "POST" and form.is_valid():
        try:
            application = application_services.apply(
                acting_user=request.user,
                job=job,
                message=form.cleaned_data["message"],
                share_profile=form.cleaned_data.get("share_profile", False),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Your application was sent to %(organisation)s.") % {"organisation": job.organisation.name}
            )
            return redirect(application)
    return render(request, "talent/job_apply.html", {"job": job, "form": form})


@login_required
@require_GET
def job_applications(request, pk):
    job = get_visible(
        JobPosting.objects.visible_to(request.user).select_related("organisation"),
        request,
        pk,
        perm="talent.view_applications",
    )
    return render(request, "talent/job_applications.html", {"job": job, "stages": selectors.pipeline(job)})


@login_required
@require_GET
def my_jobs(request):
    if not is_employer(request.user):
        raise PermissionDenied
    return render(request, "talent/my_jobs.html", {"jobs": selectors.managed_jobs(request.user)})


@login_required
@require_GET
def my_applications(request):
    return render(request, "talent/my_applications.html", {"applications": selectors.my_applications(request.user)})


def _application(request, pk, perm=None):
    qs = Application.objects.visible_to(request.user).select_related("job__organisation", "applicant")
    return get_visible(qs, request, pk, perm=perm)


@login_required
@require_GET
def application_detail(request, pk):
    application = _application(request, pk)
    user = request.user
    is_employer_view = user.has_perm("talent.change_application", application)
    shared_profile = None
    if is_employer_view and application.share_profile:
        shared_profile = (
            WorkerProfile.objects.filter(user=application.applicant).prefetch_related("skills", "languages").first()
        )
    return render(
        request,
        "talent/application_detail.html",
        {
            "application": application,
            "job": application.job,
            "employer_view": is_employer_view,
            "is_applicant": application.applicant_id == user.pk,
            "status_form": StatusForm(application=application)
            if is_employer_view and application.next_statuses()
            else None,
            "note_form": NoteForm(initial={"note": application.note}) if is_employer_view else None,
            "shared_profile": shared_profile,
        },
    )


@login_required
@require_POST
def application_status(request, pk):
    application = _application(request, pk, perm="talent.change_application")
    form = StatusForm(request.POST, application=application)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(application)
    try:
        application = application_services.change_status(
            application,
            acting_user=request.user,
            status=form.cleaned_data["status"],
            message=form.cleaned_data["message"],
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("The application is now: %(status)s. We have e-mailed the applicant.")
            % {"status": application.get_status_display()},
        )
    return redirect(application)


@login_required
@require_POST
def application_note(request, pk):
    application = _application(request, pk, perm="talent.change_application")
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(application)
    try:
        application_services.save_note(application, acting_user=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The note was saved."))
    return redirect(application)


@login_required
@require_POST
def application_withdraw(request, pk):
    application = _application(request, pk, perm="talent.withdraw_application")
    try:
        application_services.withdraw(application, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect(application)
