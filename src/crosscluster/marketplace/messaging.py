"""Conversations about a post: one thread per post and asking organisation (or asking person without an
organisation), messages, unread markers, and an e-mail to the other side for every new message."""

import rules
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Case, F, OuterRef, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from crosscluster.accounts import audit

from .models import Message, Post, Thread, ThreadRead


def _clean_body(body: str) -> str:
    body = (body or "").replace("\x00", "").strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    if len(body) > Message.MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("A message can have at most %(max)s characters (this one has %(n)s).")
                % {"max": Message.MAX_LENGTH, "n": len(body)}
            }  # fmt: skip
        )
    return body


def _notify_after_commit(message: Message) -> None:
    from . import tasks

    message_id = message.pk
    transaction.on_commit(lambda: tasks.message_posted(message_id=message_id))


def mark_read(thread: Thread, user) -> None:
    ThreadRead.objects.update_or_create(thread=thread, user=user, defaults={"read_at": timezone.now()})


def existing_thread(post: Post, *, user, organisation=None) -> Thread | None:
    if organisation is not None:
        return Thread.objects.filter(post=post, asking_organisation=organisation).first()
    return Thread.objects.filter(post=post, asking_organisation__isnull=True, asker=user).first()


@transaction.atomic
def start_thread(*, acting_user, post: Post, organisation=None, body: str) -> Thread:
    """Contact the posting organisation about ``post``, for ``organisation`` (one the user represents) or for
    oneself. An existing conversation of the same side is continued, never duplicated."""
    if not rules.test_rule("marketplace.contact", acting_user, post):
        if post.organisation.representatives.filter(pk=acting_user.pk).exists():
            raise ValidationError(_("This is your own organisation's post."))
        if not post.is_open:
            raise ValidationError(_("This post is no longer open for contact (%(status)s).")
                                  % {"status": post.get_status_display()})  # fmt: skip
        raise PermissionDenied
    if organisation is not None:
        if not organisation.representatives.filter(pk=acting_user.pk).exists():
            raise ValidationError({"organisation": _("You can only write for an organisation you represent.")})
        if organisation.pk == post.organisation_id:
            raise ValidationError({"organisation": _("This is your own organisation's post.")})
    body = _clean_body(body)
    thread = existing_thread(post, user=acting_user, organisation=organisation)
    created = thread is None
    if created:
        try:
            with transaction.atomic():
                thread = Thread.objects.create(post=post, asking_organisation=organisation, asker=acting_user)
        except IntegrityError:  # someone of the same organisation started it a moment ago
            thread = existing_thread(post, user=acting_user, organisation=organisation)
    message = Message.objects.create(thread=thread, author=acting_user, from_poster=False, body=body)
    thread.last_message_at = message.created
    thread.save(update_fields=["last_message_at"])
    mark_read(thread, acting_user)
    _notify_after_commit(message)
    audit.log("marketplace.thread_started" if created else "marketplace.message_sent", actor=acting_user,
              obj=thread, post=post.pk)  # fmt: skip
    return thread


@transaction.atomic
def reply(*, acting_user, thread: Thread, body: str) -> Message:
    """A message in an existing conversation, from whichever side the user belongs to."""
    side = thread.side_of(acting_user)
    if side is None or not rules.test_rule("marketplace.write_in_thread", acting_user, thread):
        raise PermissionDenied
    body = _clean_body(body)
    message = Message.objects.create(thread=thread, author=acting_user, from_poster=side == "poster", body=body)
    Thread.objects.filter(pk=thread.pk).update(last_message_at=message.created)
    thread.last_message_at = message.created
    mark_read(thread, acting_user)
    _notify_after_commit(message)
    audit.log("marketplace.message_sent", actor=acting_user, obj=thread, post=thread.post_id)
    return message


def with_unread(threads, user):
    """Annotate ``unread``: a message arrived after the user last read the thread."""
    read_at = ThreadRead.objects.filter(thread=OuterRef("pk"), user=user).values("read_at")[:1]
    return threads.annotate(read_at=Subquery(read_at)).annotate(
        unread=Case(
            When(Q(read_at__isnull=True) | Q(read_at__lt=F("last_message_at")), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return with_unread(Thread.objects.of_participant(user), user).filter(unread=True).count()


def recipients(message: Message):
    """Who hears of a new message: the other side's active users (never the author)."""
    thread = message.thread
    if message.from_poster:
        if thread.asking_organisation_id:
            users = thread.asking_organisation.representatives.all()
        else:
            users = get_user_model().objects.filter(pk=thread.asker_id)
    else:
        users = thread.post.organisation.representatives.all()
    users = users.filter(is_active=True)
    if message.author_id:
        users = users.exclude(pk=message.author_id)
    return list(users.order_by("pk"))
