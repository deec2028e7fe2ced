"""Organisers' writes to polls: create, change, delete, open and close. Each runs in one transaction and leaves an
audit-log entry. Voting is in ``voting.py``.

A poll's structure (type, options, limits, whether it is named) is fixed once it has been opened, because
ballots refer to it and participants voted under it; its wording (question, labels) and when participants see
the results may change at any time.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from crosscluster.accounts import audit
from crosscluster.events.models import Event

from .models import Poll, PollOption

MAX_OPTIONS = 20
# Fields fixed once a poll has been opened.
STRUCTURE_FIELDS = ("kind", "max_choices", "scale_max", "text_max_length", "is_named")
# Fields of ``data`` a service accepts.
FIELDS = (
    "question_de",
    "question_en",
    "session",
    "kind",
    "max_choices",
    "scale_max",
    "scale_min_label_de",
    "scale_min_label_en",
    "scale_max_label_de",
    "scale_max_label_en",
    "text_max_length",
    "results_visibility",
    "is_named",
)


def _require(user, event: Event):
    if not user.is_authenticated or not user.has_perm("polls.manage_polls", event):
        raise PermissionDenied("polls.manage_polls")


def _clean_options(poll: Poll, options) -> list[tuple[str, str]]:
    """``options`` as ``(German, English)`` label pairs, checked for a choice poll; none for other types."""
    if not poll.is_choice:
        return []
    options = [(" ".join((de or "").split()), " ".join((en or "").split())) for de, en in options]
    options = [(de, en) for de, en in options if de or en]
    if len(options) < 2:
        raise ValidationError({"options_de": _("Give at least two options.")})
    if len(options) > MAX_OPTIONS:
        raise ValidationError({"options_de": _("Give at most %(max)s options.") % {"max": MAX_OPTIONS}})
    for de, en in options:
        if len(de) > 200 or len(en) > 200:
            raise ValidationError({"options_de": _("An option may be at most 200 characters long.")})
    labels = [(de or en).casefold() for de, en in options]
    if len(set(labels)) != len(labels):
        raise ValidationError({"options_de": _("Each option may appear only once.")})
    if poll.kind == Poll.Kind.MULTIPLE and poll.max_choices and poll.max_choices > len(options):
        raise ValidationError(
            {"max_choices": _("There are only %(count)s options to choose from.") % {"count": len(options)}}
        )
    return options


def _check(poll: Poll) -> None:
    errors = {}
    if not (poll.question_de or poll.question_en):
        errors["question_de"] = _("Ask a question.")
    if poll.session_id and poll.session.event_id != poll.event_id:
        errors["session"] = _("The session must belong to this event.")
    if errors:
        raise ValidationError(errors)
    if poll.kind != Poll.Kind.MULTIPLE:
        poll.max_choices = None


def _set_options(poll: Poll, options: list[tuple[str, str]]) -> None:
    existing = list(poll.options.order_by("position", "pk"))
    if poll.opened_at is not None:
        if len(existing) != len(options):
            raise ValidationError(
                {"options_de": _("The options of an opened poll can be reworded but not added or removed.")}
            )
        for option, (de, en) in zip(existing, options, strict=True):
            option.label_de, option.label_en = de, en
            option.save(update_fields=["label_de", "label_en"])
        return
    poll.options.all().delete()
    PollOption.objects.bulk_create(
        [PollOption(poll=poll, label_de=de, label_en=en, position=n) for n, (de, en) in enumerate(options)]
    )


@transaction.atomic
def create_poll(*, acting_user, event: Event, data: dict, options=()) -> Poll:
    _require(acting_user, event)
    poll = Poll(event=event, created_by=acting_user, **{k: v for k, v in data.items() if k in FIELDS})
    _check(poll)
    options = _clean_options(poll, options)
    last = Poll.objects.filter(event=event).aggregate(last=Max("position"))["last"]
    poll.position = 0 if last is None else last + 1
    poll.full_clean(exclude=["event"])
    poll.save()
    _set_options(poll, options)
    audit.log("poll.created", actor=acting_user, obj=poll, event=event.pk, kind=poll.kind)
    return poll


@transaction.atomic
def update_poll(poll: Poll, *, acting_user, data: dict, options=()) -> Poll:
    _require(acting_user, poll.event)
    poll = Poll.objects.select_for_update().select_related("event").get(pk=poll.pk)
    changed = []
    for name, value in data.items():
        if name not in FIELDS:
            continue
        if getattr(poll, name) != value:
            if poll.opened_at is not None and name in STRUCTURE_FIELDS:
                raise ValidationError(
                    {name: _("This cannot change once the poll has been opened; create a new poll instead.")}
                )
            changed.append(name)
            setattr(poll, name, value)
    _check(poll)
    options = _clean_options(poll, options)
    poll.full_clean(exclude=["event"])
    poll.save()
    _set_options(poll, options)
    audit.log("poll.updated", actor=acting_user, obj=poll, changed=sorted(changed))
    return poll


@transaction.atomic
def delete_poll(poll: Poll, *, acting_user) -> None:
    _require(acting_user, poll.event)
    audit.log("poll.deleted", actor=acting_user, obj=poll, event=poll.event_id, votes=poll.votes.count())
    poll.delete()


def change_state(poll: Poll, *, acting_user, action: str) -> Poll:
    """``open`` (a draft, or again after closing) or ``close``. Closing waits for votes being written right now
    (``voting.py``), so none lands after it."""
    _require(acting_user, poll.event)
    if action not in ("open", "close"):
        raise ValidationError(_("Unknown action."))
    with transaction.atomic():
        poll = Poll.objects.select_for_update().select_related("event").get(pk=poll.pk)
        was = poll.state
        now = timezone.now()
        if action == "open":
            if poll.is_open:
                raise ValidationError(_("This poll is already open."))
            if poll.is_choice and not poll.options.exists():
                raise ValidationError(_("Add options before opening the poll."))
            poll.state = Poll.State.OPEN
            poll.opened_at = poll.opened_at or now
            poll.closed_at = None
        else:
            if not poll.is_open:
                raise ValidationError(_("Only an open poll can be closed."))
            poll.state = Poll.State.CLOSED
            poll.closed_at = now
        poll.save(update_fields=["state", "opened_at", "closed_at", "updated"])
        audit.log(f"poll.{'opened' if action == 'open' else 'closed'}", actor=acting_user, obj=poll, was=was)
    return poll
