"""E-mails to participants, in their language, sent by the background worker once the transaction that caused
them has committed (``tasks.registration_mail``).

A failing mail server must not undo a registration: a mail that cannot be sent is logged, not raised.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from . import ics

logger = logging.getLogger(__name__)

# Mails that carry the event as an .ics attachment: the participant has a confirmed place.
WITH_CALENDAR = {"confirmed", "promoted"}
KINDS = {"confirmed", "waitlisted", "promoted", "event_cancelled"}


def send_after_commit(registration, kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown registration mail {kind!r}")
    from .tasks import registration_mail  # (tasks imports this module)

    transaction.on_commit(partial(registration_mail, registration_id=registration.pk, kind=kind))


def send_registration_mail(*, registration_id: int, kind: str) -> None:
    from .models import Registration

    registration = Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    if registration is None:
        return
    user, event = registration.user, registration.event
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "kind": kind,
            "user": user,
            "event": event,
            "registration": registration,
            "event_url": settings.SITE_URL.rstrip("/") + event.get_absolute_url(),
            "show_video_link": kind in WITH_CALENDAR and bool(event.video_link),
        }
        subject = " ".join(render_to_string("events/email/registration_subject.txt", context).split())
        body = render_to_string("events/email/registration.txt", context)
        html = render_to_string("events/email/registration.html", context)
        attachment = ics.registration_calendar(registration) if kind in WITH_CALENDAR else None
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.attach_alternative(html, "text/html")
    if attachment:
        message.attach(f"{event.slug}.ics", attachment, "text/calendar; charset=utf-8; method=PUBLISH")
    try:
        message.send()
    except Exception:  # the registration stands; the participant sees it on the event page
        logger.exception("could not send the %s mail for registration %s", kind, registration_id)
