"""E-mails about meeting requests and meetings, in the recipient's language, sent once the change has committed.

A mail that cannot be sent is logged, not raised: the request or meeting stands and the participant sees it on
the matchmaking pages.
"""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from crosscluster.accounts.services import send_mail_in_language
from crosscluster.events.models import Event

from . import selectors
from .models import MeetingRequest, Profile, Slot

logger = logging.getLogger(__name__)

KINDS = {
    "request_received",  # to the recipient of a new request
    "request_accepted",  # to the sender
    "request_declined",  # to the sender
    "request_withdrawn",  # to the recipient
    "meeting_cancelled",  # to the other participant when one leaves matchmaking or the event
    "meeting_moved",  # to both when an organiser moves a published meeting
    "meeting_removed",  # to both when an organiser takes a published meeting out of the schedule
    "agenda_published",  # to everyone with a meeting
    "reminder",  # to participants without any meeting yet
}


def notify_after_commit(kind: str, *, user_id: int, event_id: int, request_id=None, slot_id=None) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown matchmaking mail {kind!r}")
    transaction.on_commit(
        partial(send_notice, kind=kind, user_id=user_id, event_id=event_id, request_id=request_id, slot_id=slot_id)
    )


def _url(name, **kwargs):
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def send_notice(*, kind: str, user_id: int, event_id: int, request_id=None, slot_id=None) -> None:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    event = Event.objects.filter(pk=event_id).first()
    if user is None or event is None:
        return
    request = None
    if request_id is not None:
        request = (
            MeetingRequest.objects.select_related(
                "sender__registration__user", "recipient__registration__user", "meeting__slot"
            )
            .filter(pk=request_id)
            .first()
        )
        if request is None:
            return
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "kind": kind,
            "user": user,
            "event": event,
            "request": request,
            "home_url": _url("b2b:home", slug=event.slug),
            "agenda_url": _url("b2b:agenda", slug=event.slug),
            "requests_url": _url("b2b:requests", slug=event.slug),
            "participants_url": _url("b2b:participants", slug=event.slug),
        }
        if request is not None:
            mine_is_sender = request.sender.registration.user_id == user.pk
            context["other"] = request.recipient if mine_is_sender else request.sender
            meeting = getattr(request, "meeting", None)
            if meeting is not None:
                context["meeting"] = meeting
                context["table_label"] = selectors.table_label(meeting.table, selectors.room_hosts([meeting]))
        if slot_id is not None:
            context["slot"] = Slot.objects.filter(pk=slot_id).first()
        if kind == "agenda_published":
            profile = Profile.objects.filter(event=event, registration__user=user).first()
            context["agenda"] = selectors.agenda_rows(profile) if profile else []
            context["state"] = event.matchmaking.get_agenda_state_display()
    try:
        send_mail_in_language(to=user.email, language=language, template="b2b/email/notice", context=context)
    except Exception:  # the change stands; the participant sees it on the matchmaking pages
        logger.exception("could not send the matchmaking mail %s to user %s", kind, user_id)
