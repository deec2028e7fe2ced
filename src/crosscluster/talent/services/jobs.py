"""Writes to job postings: create, change, publish and close. One transaction and one audit entry each."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crosscluster.accounts import audit
from crosscluster.directory.models import Organisation

from ..models import JobPosting, JobSkill
from .common import check_occupation, check_skills, check_title, organisation_location, place_and_coordinates, require

JOB_FIELDS = (
    "title_de",
    "title_en",
    "description_de",
    "description_en",
    "remote_share",
    "working_time",
    "weekly_hours",
    "start_date",
    "contract_type",
    "salary_min",
    "salary_max",
    "salary_period",
)
STATUS_STEPS = {
    JobPosting.Status.DRAFT: (JobPosting.Status.PUBLISHED, JobPosting.Status.CLOSED),
    JobPosting.Status.PUBLISHED: (JobPosting.Status.CLOSED, JobPosting.Status.DRAFT),
    JobPosting.Status.CLOSED: (JobPosting.Status.PUBLISHED,),
}


def organisations_for(user):
    """Organisations a user may post jobs and staff posts for: represented ones (coordinators: any)."""
    if user.is_coordinator or user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(representatives=user)


def _check(job: JobPosting, errors: dict) -> None:
    if job.remote_share is not None and not 0 <= job.remote_share <= 100:
        errors["remote_share"] = _("The share of remote work is a percentage from 0 to 100.")
    if job.weekly_hours is not None and not 1 <= job.weekly_hours <= 60:
        errors["weekly_hours"] = _("Hours per week must be between 1 and 60.")
    if job.salary_min is not None and job.salary_max is not None and job.salary_min > job.salary_max:
        errors["salary_max"] = _("The highest salary (%(max)s) cannot be lower than the lowest (%(min)s).") % {
            "max": job.salary_max,
            "min": job.salary_min,
        }
    for name in ("salary_min", "salary_max"):
        value = getattr(job, name)
        if value is not None and value > 10_000_000:
            errors[name] = _("Enter a salary up to 10,000,000 EUR.")


def _apply(job: JobPosting, data: dict, skills) -> list:
    """Put ``data`` and ``skills`` on ``job`` (unsaved) and check everything; raise one ValidationError for all."""
    errors = {}
    for field in JOB_FIELDS:
        if field in data:
            setattr(job, field, data[field])
    for step in (
        lambda: check_title({"title_de": job.title_de, "title_en": job.title_en}),
        lambda: _set_occupation(job, data),
        lambda: _set_place(job, data),
    ):
        try:
            step()
        except ValidationError as error:
            errors.update(error.message_dict)
    checked = None
    if skills is not None:
        try:
            checked = check_skills(skills, levels=False)
        except ValidationError as error:
            errors.update(error.message_dict)
    _check(job, errors)
    if errors:
        raise ValidationError(errors)
    job.full_clean(exclude=["organisation", "created_by"])
    return checked


def _set_occupation(job, data):
    if "occupation_uri" in data:
        job.occupation_uri, job.occupation_label = check_occupation(
            data.get("occupation_uri") or "", data.get("occupation_label") or ""
        )


def _set_place(job, data):
    if {"place", "latitude", "longitude"} & set(data):
        job.place, job.latitude, job.longitude = place_and_coordinates(
            data.get("place"),
            data.get("latitude"),
            data.get("longitude"),
            default=organisation_location(job.organisation),
        )
    elif job.pk is None:
        job.place, job.latitude, job.longitude = organisation_location(job.organisation)


def _save_skills(job, checked):
    if checked is None:
        return
    job.skills.all().delete()
    JobSkill.objects.bulk_create(JobSkill(job=job, uri=s.uri, label=s.label, essential=s.essential) for s in checked)


def _after_publish(job):
    from ..tasks import notify_job_matches

    transaction.on_commit(lambda: notify_job_matches(job_id=job.pk))


@transaction.atomic
def create_job(*, acting_user, organisation: Organisation, data: dict, skills=None) -> JobPosting:
    require(acting_user, "talent.add_jobposting")
    if not organisations_for(acting_user).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    status = data.get("status") or JobPosting.Status.DRAFT
    if status not in (JobPosting.Status.DRAFT, JobPosting.Status.PUBLISHED):
        raise ValidationError({"status": _("A new job posting is saved as a draft or published.")})
    job = JobPosting(organisation=organisation, created_by=acting_user, status=status)
    checked = _apply(job, data, skills if skills is not None else [])
    if status == JobPosting.Status.PUBLISHED:
        job.published_at = timezone.now()
    job.save()
    _save_skills(job, checked)
    audit.log("talent.job_created", actor=acting_user, obj=job, status=status)
    if job.is_published:
        _after_publish(job)
    return job


@transaction.atomic
def update_job(job: JobPosting, *, acting_user, data: dict, skills=None) -> JobPosting:
    require(acting_user, "talent.change_jobposting", job)
    job = JobPosting.objects.select_for_update().select_related("organisation").get(pk=job.pk)
    status = data.get("status")
    if status is not None and status != job.status and status not in STATUS_STEPS[job.status]:
        raise ValidationError({"status": _("Unknown status or not allowed from the current one.")})
    before = {field: getattr(job, field) for field in JOB_FIELDS}
    checked = _apply(job, data, skills)
    if status is not None and status != job.status:
        _set_status(job, status)
    job.save()  # also when only the skills changed: the live index looks at ``updated``
    _save_skills(job, checked)
    changed = sorted(field for field in JOB_FIELDS if before[field] != getattr(job, field))
    audit.log("talent.job_updated", actor=acting_user, obj=job, changed=changed, skills=checked is not None)
    if job.is_published:
        _after_publish(job)  # changed requirements may fit new candidates; each pair is told once anyway
    return job


def _set_status(job, status):
    job.status = status
    if status == JobPosting.Status.PUBLISHED and job.published_at is None:
        job.published_at = timezone.now()


@transaction.atomic
def set_job_status(job: JobPosting, *, acting_user, status: str) -> JobPosting:
    """Publish, close, reopen or take back to draft."""
    require(acting_user, "talent.change_jobposting", job)
    job = JobPosting.objects.select_for_update().get(pk=job.pk)
    if status == job.status:
        return job
    if status not in STATUS_STEPS.get(job.status, ()):
        raise ValidationError(
            _("A job posting that is “%(current)s” cannot become “%(status)s”.")
            % {"current": job.get_status_display(), "status": dict(JobPosting.Status.choices).get(status, status)}
        )
    _set_status(job, status)
    job.save()
    audit.log("talent.job_status", actor=acting_user, obj=job, status=status)
    if job.is_published:
        _after_publish(job)
    return job
