"""E-mails of the talent area, each in its recipient's language.

Services call the ``*_after_commit`` helpers, so nothing is sent for a change that is rolled back; the match
notifications run in a background task and send at once. A mail that cannot be sent is logged, not raised: the
change it reports stands and is visible on the platform.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from crosscluster.accounts.models import User

logger = logging.getLogger(__name__)


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def send(user, build) -> None:
    """``build()`` runs in the recipient's language and returns (subject, paragraphs, link path, link text)."""
    if not user.email or not user.is_active:
        return
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject, paragraphs, path, link_text = build()
        context = {
            "user": user,
            "subject": subject,
            "paragraphs": paragraphs,
            "link_url": _url(path) if path else "",
            "link_text": link_text,
        }
        subject = " ".join(render_to_string("talent/email/notice_subject.txt", context).split())
        body = render_to_string("talent/email/notice.txt", context)
        html = render_to_string("talent/email/notice.html", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:  # the change stands; the recipient sees it on the platform
        logger.exception("could not send a talent mail to user %s", user.pk)


def _representatives(organisation):
    return list(User.objects.filter(represented_organisations=organisation, is_active=True).order_by("pk"))


def _percent(score: float) -> str:
    return f"{round(score * 100)} %"


# --- applications ------------------------------------------------------------------------------------------------


def application_received_after_commit(application) -> None:
    transaction.on_commit(partial(application_received, application_id=application.pk))


def application_received(*, application_id: int) -> None:
    from .models import Application

    application = Application.objects.select_related("job__organisation", "applicant").filter(pk=application_id).first()
    if application is None:
        return
    job = application.job

    def build():
        return (
            _("New application for “%(job)s”") % {"job": job.title},
            [
                _("%(name)s has applied for your job posting “%(job)s”.")
                % {"name": application.applicant.get_full_name() or application.applicant.email, "job": job.title}
            ],
            application.get_absolute_url(),
            _("Open the application"),
        )

    for user in _representatives(job.organisation):
        send(user, build)


def status_changed_after_commit(application, message: str = "") -> None:
    transaction.on_commit(partial(application_status_changed, application_id=application.pk, message=message))


def application_status_changed(*, application_id: int, message: str = "") -> None:
    from .models import Application

    application = Application.objects.select_related("job__organisation", "applicant").filter(pk=application_id).first()
    if application is None:
        return
    job = application.job

    def build():
        paragraphs = [
            _("The status of your application for “%(job)s” at %(organisation)s is now: %(status)s.")
            % {"job": job.title, "organisation": job.organisation.name, "status": application.get_status_display()}
        ]
        if message:
            paragraphs.append(_("Message from the employer:"))
            paragraphs.append(message)
        return (
            _("Your application for “%(job)s”: %(status)s")
            % {"job": job.title, "status": application.get_status_display()},
            paragraphs,
            application.get_absolute_url(),
            _("See your application"),
        )

    send(application.applicant, build)


# --- new good matches ----------------------------------------------------------------------------------------------


def job_matches_candidate(*, job, profile, score: float) -> None:
    def build():
        return (
            _("A new job matches your profile: %(job)s") % {"job": job.title},
            [
                _("The job posting “%(job)s” of %(organisation)s matches your skilled-worker profile (%(score)s).")
                % {"job": job.title, "organisation": job.organisation.name, "score": _percent(score)},
                _(
                    "You receive this because your profile is visible to employers; you can change that on your "
                    "profile."
                ),
            ],
            job.get_absolute_url(),
            _("See the job posting"),
        )

    send(profile.user, build)


def candidate_matches_job(*, job, profile, score: float) -> None:
    def build():
        return (
            _("A new candidate matches “%(job)s”") % {"job": job.title},
            [
                _(
                    "A skilled worker made their profile visible to employers, and it matches your job posting "
                    "“%(job)s” (%(score)s): %(headline)s"
                )
                % {"job": job.title, "score": _percent(score), "headline": profile.headline},
            ],
            profile.get_absolute_url(),
            _("See the profile"),
        )

    for user in _representatives(job.organisation):
        send(user, build)


def staff_post_matches(*, post, other, score: float) -> None:
    """``post`` was just published; ``other`` (another organisation's) fits it: tell ``other``'s organisation."""

    def build():
        kind = _("staff offer") if post.is_offer else _("staff request")
        return (
            _("A new %(kind)s matches “%(title)s”") % {"kind": kind, "title": other.title},
            [
                _(
                    "%(organisation)s published the %(kind)s “%(post)s”, which matches your post “%(title)s” "
                    "(%(score)s)."
                )
                % {
                    "organisation": post.organisation.name,
                    "kind": kind,
                    "post": post.title,
                    "title": other.title,
                    "score": _percent(score),
                }
            ],
            post.get_absolute_url(),
            _("See the post"),
        )

    for user in _representatives(other.organisation):
        send(user, build)


# --- staff exchange agreements -------------------------------------------------------------------------------------


def agreement_after_commit(agreement, event: str, *, acting_side: str) -> None:
    transaction.on_commit(partial(agreement_changed, agreement_id=agreement.pk, event=event, acting_side=acting_side))


def agreement_changed(*, agreement_id: int, event: str, acting_side: str) -> None:
    """Tell the other side what happened (``proposed``, ``accepted``, ``active``, ``completed``, ``cancelled``);
    when the agreement is accepted by both, both sides hear it."""
    from .models import StaffAgreement

    agreement = StaffAgreement.objects.select_related("lender", "borrower").filter(pk=agreement_id).first()
    if agreement is None:
        return
    acting = agreement.lender if acting_side == StaffAgreement.Side.LENDER else agreement.borrower
    other = agreement.borrower if acting_side == StaffAgreement.Side.LENDER else agreement.lender
    recipients = [other] if event != "accepted" else [agreement.lender, agreement.borrower]

    def build():
        values = {"organisation": acting.name, "lender": agreement.lender.name, "borrower": agreement.borrower.name}
        texts = {
            "proposed": _(
                "%(organisation)s proposes a staff exchange agreement: %(lender)s lends staff to %(borrower)s."
            ),
            "accepted": _("Both sides accepted the staff exchange agreement between %(lender)s and %(borrower)s."),
            "active": _("%(organisation)s marked the staff exchange between %(lender)s and %(borrower)s as started."),
            "completed": _(
                "%(organisation)s marked the staff exchange between %(lender)s and %(borrower)s as completed."
            ),
            "cancelled": _(
                "%(organisation)s cancelled the staff exchange agreement between %(lender)s and %(borrower)s."
            ),
        }
        return (
            _("Staff exchange: %(status)s") % {"status": agreement.get_status_display()},
            [texts.get(event, texts["proposed"]) % values],
            agreement.get_absolute_url(),
            _("Open the agreement"),
        )

    for organisation in recipients:
        for user in _representatives(organisation):
            send(user, build)
