"""Applications: applying, the employer's pipeline and note, withdrawing. Status changes are e-mailed."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crosscluster.accounts import audit

from .. import notifications
from ..models import Application, JobPosting, WorkerProfile
from .common import require

MAX_MESSAGE = 5000
MAX_NOTE = 5000


@transaction.atomic
def apply(*, acting_user, job: JobPosting, message: str = "", share_profile: bool = False) -> Application:
    require(acting_user, "talent.apply", job)
    job = JobPosting.objects.select_for_update().get(pk=job.pk)
    if not job.is_published:
        raise ValidationError(_("This job posting is not open for applications."))
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE:
        raise ValidationError(
            {"message": _("The cover letter may have at most %(max)s characters.") % {"max": MAX_MESSAGE}}
        )
    if share_profile and not WorkerProfile.objects.filter(user=acting_user).exists():
        raise ValidationError({"share_profile": _("You have no skilled-worker profile to share yet.")})
    if Application.objects.filter(job=job, applicant=acting_user).exists():
        raise ValidationError(_("You have already applied for this job."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                job=job, applicant=acting_user, message=message, share_profile=bool(share_profile)
            )
    except IntegrityError:  # a second click in the same instant
        raise ValidationError(_("You have already applied for this job.")) from None
    audit.log("talent.applied", actor=acting_user, obj=application, job=job.pk)
    notifications.application_received_after_commit(application)
    return application


@transaction.atomic
def change_status(application: Application, *, acting_user, status: str, message: str = "") -> Application:
    """Move an application along the pipeline; the applicant gets an e-mail (with ``message``, if any)."""
    require(acting_user, "talent.change_application", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if status not in application.next_statuses():
        if application.is_final:
            raise ValidationError(
                _("This application is closed (%(status)s); its status can no longer change.")
                % {"status": application.get_status_display()}
            )
        raise ValidationError(
            {
                "status": _("An application that is “%(current)s” cannot move to “%(status)s”.")
                % {
                    "current": application.get_status_display(),
                    "status": dict(Application.Status.choices).get(status, status),
                }
            }
        )
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE:
        raise ValidationError({"message": _("The message may have at most %(max)s characters.") % {"max": MAX_MESSAGE}})
    before = application.status
    application.status = status
    application.status_changed = timezone.now()
    application.save(update_fields=["status", "status_changed", "updated"])
    audit.log("talent.application_status", actor=acting_user, obj=application, before=before, status=status)
    notifications.status_changed_after_commit(application, message)
    return application


@transaction.atomic
def save_note(application: Application, *, acting_user, note: str) -> Application:
    """The employer's internal note (the applicant never sees it)."""
    require(acting_user, "talent.change_application", application)
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError({"note": _("The note may have at most %(max)s characters.") % {"max": MAX_NOTE}})
    application = Application.objects.select_for_update().get(pk=application.pk)
    application.note = note
    application.save(update_fields=["note", "updated"])
    audit.log("talent.application_note", actor=acting_user, obj=application)
    return application


@transaction.atomic
def withdraw(application: Application, *, acting_user) -> Application:
    require(acting_user, "talent.withdraw_application", application)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.is_final:
        raise ValidationError(
            _("This application is closed (%(status)s) and cannot be withdrawn.")
            % {"status": application.get_status_display()}
        )
    application.status = Application.Status.WITHDRAWN
    application.status_changed = timezone.now()
    application.save(update_fields=["status", "status_changed", "updated"])
    audit.log("talent.application_withdrawn", actor=acting_user, obj=application)
    return application
