"""Casting a vote: one ballot per participant and poll, changeable while the poll is open (the latest counts).

No double counts, also when a phone sends the same vote twice at once: the ballot is written with one
``INSERT … ON CONFLICT (poll, registration) DO UPDATE`` (a unique constraint backs it), so concurrent
submissions from one participant end in one row. No vote after closing: the vote's transaction holds a share
lock on the poll row and checks the state under it, while closing takes the row's update lock, so a vote either
commits before the close or sees the poll closed. On PostgreSQL lock, check and upsert are one statement
(``INSERT … SELECT … FROM poll JOIN registration … WHERE state = 'open' FOR SHARE OF poll ON CONFLICT …``),
which also checks that the user takes part: a vote costs a single round trip, which is what lets 2,000 phones
vote within seconds. Elsewhere (SQLite, which serialises write
transactions anyway) the same happens through the ORM in a transaction.

Votes leave no audit-log entry: the ballot row is the record, and a second record of who voted when would
only weaken the anonymity of the poll.
"""

import json
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from crosscluster.events.models import Registration

from . import selectors
from .models import Poll, Vote


class NotParticipant(PermissionDenied):
    """The user has no confirmed registration for the poll's event; ``str()`` is the message for them."""


def not_participant_message() -> str:
    return _("Only participants with a confirmed registration for this event can vote.")


@dataclass(frozen=True)
class Ballot:
    choices: tuple[int, ...] = ()
    rating: int | None = None
    text: str = ""


def _clean_text(value) -> str:
    """Whitespace collapsed, control characters (NUL included) removed."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in str(value or ""))
    return " ".join(text.split())


def _as_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def state_message(poll_or_state) -> str | None:
    """Why a poll takes no votes now, or None when it is open."""
    state = poll_or_state.state if isinstance(poll_or_state, Poll) else poll_or_state
    if state == Poll.State.OPEN:
        return None
    if state == Poll.State.DRAFT:
        return _("This poll is not open for voting yet.")
    return _("This poll has closed; votes are no longer accepted.")


def read_ballot(poll: Poll, *, choices=None, rating=None, text=None) -> Ballot:
    """Check raw input (form fields or JSON) against the poll and return the ballot, or raise ValidationError
    with a message that says what is wrong."""
    if poll.is_choice:
        raw = choices if isinstance(choices, list | tuple) else ([] if choices in (None, "") else [choices])
        ids = [_as_int(c) for c in raw]
        valid_ids = {o.pk for o in selectors.poll_options(poll)}
        if any(i is None or i not in valid_ids for i in ids):
            raise ValidationError(
                _("This option does not belong to this poll. Reload the page and vote again."), code="option"
            )
        chosen = tuple(sorted(set(ids)))
        if not chosen:
            if poll.kind == Poll.Kind.SINGLE:
                raise ValidationError(_("Choose an option."), code="empty")
            raise ValidationError(_("Choose at least one option."), code="empty")
        if poll.kind == Poll.Kind.SINGLE and len(chosen) > 1:
            raise ValidationError(_("Choose only one option."), code="too_many")
        limit = poll.choice_limit
        if limit is not None and len(chosen) > limit:
            raise ValidationError(
                ngettext("Choose at most %(max)s option.", "Choose at most %(max)s options.", limit) % {"max": limit},
                code="too_many",
            )
        return Ballot(choices=chosen)
    if poll.kind == Poll.Kind.RATING:
        value = _as_int(rating)
        if value is None or not 1 <= value <= poll.scale_max:
            raise ValidationError(_("Choose a value from 1 to %(max)s.") % {"max": poll.scale_max}, code="rating")
        return Ballot(rating=value)
    answer = _clean_text(text)
    if not answer:
        raise ValidationError(_("Please write an answer."), code="empty")
    if len(answer) > poll.text_max_length:
        raise ValidationError(
            ngettext(
                "Your answer is too long: at most %(max)s character, yours has %(length)s.",
                "Your answer is too long: at most %(max)s characters, yours has %(length)s.",
                poll.text_max_length,
            )
            % {"max": poll.text_max_length, "length": len(answer)},
            code="too_long",
        )
    return Ballot(text=answer)


def _state(poll_pk: int) -> str | None:
    return Poll.objects.filter(pk=poll_pk).values_list("state", flat=True).first()


_UPSERT = """
    INSERT INTO {vote} (poll_id, registration_id, choices, rating, text, created, updated)
    SELECT poll.id, registration.id, %s::jsonb, %s, %s, %s, %s
    FROM {poll} AS poll JOIN {registration} AS registration
        ON registration.event_id = poll.event_id AND registration.user_id = %s AND registration.status = %s
    WHERE poll.id = %s AND poll.state = %s
    FOR SHARE OF poll
    ON CONFLICT (poll_id, registration_id) DO UPDATE
    SET choices = EXCLUDED.choices, rating = EXCLUDED.rating, text = EXCLUDED.text, updated = EXCLUDED.updated
    RETURNING id, registration_id
"""


def _write(vote: Vote, user) -> bool:
    """Upsert the ballot if the user takes part and the poll is open (see the module docstring); else False."""
    if connection.vendor == "postgresql":
        sql = _UPSERT.format(
            vote=Vote._meta.db_table, poll=Poll._meta.db_table, registration=Registration._meta.db_table
        )
        params = [json.dumps(vote.choices), vote.rating, vote.text, vote.created, vote.updated]
        params += [user.pk, Registration.Status.CONFIRMED, vote.poll_id, Poll.State.OPEN]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        if row:
            vote.pk, vote.registration_id = row
        return row is not None
    with transaction.atomic():
        vote.registration_id = selectors.confirmed_registration_id(user, vote.poll.event_id)
        if vote.registration_id is None or _state(vote.poll_id) != Poll.State.OPEN:
            return False
        Vote.objects.bulk_create(
            [vote],
            update_conflicts=True,
            unique_fields=["poll", "registration"],
            update_fields=["choices", "rating", "text", "updated"],
        )
    return True


def cast_vote(*, acting_user, poll: Poll, ballot: Ballot) -> Vote:
    """Record ``ballot`` as the user's vote, replacing an earlier one. Raises ``NotParticipant`` unless the user
    has a confirmed registration for the poll's event, ``ValidationError`` unless the poll is open (the state in
    the database decides, not ``poll.state``, which may be a cached copy's)."""
    if not acting_user.is_authenticated:
        raise NotParticipant(not_participant_message())
    now = timezone.now()
    vote = Vote(
        poll=poll,
        choices=list(ballot.choices),
        rating=ballot.rating,
        text=ballot.text,
        created=now,
        updated=now,
    )
    if _write(vote, acting_user):
        return vote
    # Not written: say why.
    if selectors.confirmed_registration_id(acting_user, poll.event_id) is None:
        raise NotParticipant(not_participant_message())
    state = _state(poll.pk)
    if state is None:
        raise ValidationError(_("This poll no longer exists."), code="state")
    raise ValidationError(state_message(state) or _("This poll has closed; votes are no longer accepted."))
