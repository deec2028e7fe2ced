"""E-mails of the marketplace, each in its recipient's language: new messages, saved-search alerts (at once or
as a daily digest, always with an unsubscribe link that needs no login) and new good matches.

They are sent from background tasks (``tasks.py``). A mail that cannot be sent is logged, not raised: the
message, the alert record or the match notice stands, and the recipient finds it on the platform.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send(user, template: str, context: dict, *, headers=None) -> int:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {"user": user, **context}
        subject = " ".join(render_to_string(f"marketplace/email/{template}_subject.txt", context).split())
        body = render_to_string(f"marketplace/email/{template}.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], headers=headers or {})
    try:
        return message.send()
    except Exception:
        logger.exception("could not send the marketplace %s mail to user %s", template, user.pk)
        return 0


def send_new_message(user, *, message) -> int:
    thread = message.thread
    sender = thread.post.organisation.name if message.from_poster else thread.asking_party_name
    return _send(
        user,
        "message",
        {
            "message": message,
            "thread": thread,
            "post": thread.post,
            "sender": sender,
            "thread_url": absolute(thread.get_absolute_url()),
        },
    )


def _unsubscribe_headers(saved_searches) -> dict:
    urls = ", ".join(f"<{absolute(s.get_unsubscribe_url())}>" for s in saved_searches)
    return {"List-Unsubscribe": urls}


def send_instant_alert(user, *, post, saved_searches) -> int:
    return _send(
        user,
        "alert",
        {
            "post": post,
            "post_url": absolute(post.get_absolute_url()),
            "searches": [(s, absolute(s.get_unsubscribe_url())) for s in saved_searches],
        },
        headers=_unsubscribe_headers(saved_searches),
    )


def send_digest(user, *, saved_search, posts) -> int:
    return _send(
        user,
        "digest",
        {
            "search": saved_search,
            "posts": [(p, absolute(p.get_absolute_url())) for p in posts],
            "unsubscribe_url": absolute(saved_search.get_unsubscribe_url()),
            "searches_url": absolute(reverse("marketplace:searches")),
        },
        headers=_unsubscribe_headers([saved_search]),
    )


def send_match_notice(user, *, new_post, own_post, match) -> int:
    return _send(
        user,
        "match",
        {
            "new_post": new_post,
            "own_post": own_post,
            "match": match,
            "new_post_url": absolute(new_post.get_absolute_url()),
            "own_post_url": absolute(own_post.get_absolute_url()),
        },
    )
