"""No double counts and no vote after closing, also when requests arrive at the same moment: threads with their
own database connections race. PostgreSQL only (SQLite serialises all writes anyway); CI runs the suite there
with DATABASE_URL.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from crosscluster.polls import results, services, voting
from crosscluster.polls.models import Poll, Vote
from tests.factories import RegistrationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

RACERS = 16


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run with DATABASE_URL=postgres://…")


def race(actions):
    """Run every callable at once: all threads wait at a barrier, then go together."""
    barrier = threading.Barrier(len(actions))

    def run(action):
        try:
            barrier.wait(timeout=30)
            return action()
        except ValidationError as error:
            return error
        finally:
            connections.close_all()  # each thread opened its own connection

    with ThreadPoolExecutor(max_workers=len(actions)) as pool:
        return list(pool.map(run, actions))


def cast(user, poll, **raw):
    return lambda: voting.cast_vote(acting_user=user, poll=poll, ballot=voting.read_ballot(poll, **raw))


def test_concurrent_double_submits_from_one_participant_count_once(summit, make_poll, option_ids):
    poll = make_poll(summit)
    first = option_ids(poll)[0]
    people = [RegistrationFactory(event=summit) for _ in range(4)]
    # Every participant's phone sends the same vote four times at the same moment.
    outcome = race([cast(r.user, poll, choices=[first]) for r in people for _ in range(4)])

    assert not [o for o in outcome if isinstance(o, Exception)]
    assert Vote.objects.filter(poll=poll).count() == 4
    counts = results.count(poll)
    assert counts.voters == 4 and counts.options == {first: 4}


def test_concurrent_different_votes_of_one_participant_leave_one_of_them(summit, make_poll, option_ids):
    poll = make_poll(summit)
    registration = RegistrationFactory(event=summit)
    ids = option_ids(poll)

    race([cast(registration.user, poll, choices=[ids[n % 3]]) for n in range(RACERS)])

    stored = Vote.objects.get(poll=poll)
    assert stored.choices[0] in ids
    assert results.count(poll).voters == 1


def test_no_vote_lands_after_the_poll_closed(summit, manager, make_poll, option_ids):
    """Votes racing the close either commit before it or are refused: whatever is stored was cast while open,
    and every vote that was not refused is stored."""
    poll = make_poll(summit)
    first = option_ids(poll)[0]
    people = [RegistrationFactory(event=summit) for _ in range(RACERS - 1)]
    actions = [cast(r.user, poll, choices=[first]) for r in people]
    actions.append(lambda: services.change_state(poll, acting_user=manager, action="close"))

    outcome = race(actions)

    accepted = [o for o in outcome[:-1] if isinstance(o, Vote)]
    refused = [o for o in outcome[:-1] if isinstance(o, ValidationError)]
    assert len(accepted) + len(refused) == RACERS - 1
    assert all("has closed" in " ".join(e.messages) for e in refused)
    poll.refresh_from_db()
    assert poll.state == Poll.State.CLOSED
    assert Vote.objects.filter(poll=poll).count() == len(accepted)
    # Nothing was written after the close committed.
    assert not Vote.objects.filter(poll=poll, updated__gt=poll.closed_at).exists()


def test_vote_arriving_while_the_poll_is_being_closed_waits_and_is_refused(summit, manager, make_poll, option_ids):
    """The close has locked the poll row but not committed yet: a vote arriving now waits for it (it does not read
    the old "open" state and slip in) and is refused once the close commits."""
    from django.db import transaction

    poll = make_poll(summit)
    registration = RegistrationFactory(event=summit)
    closing, voted = threading.Event(), threading.Event()
    outcome = {}

    def close():
        try:
            with transaction.atomic():
                locked = Poll.objects.select_for_update().get(pk=poll.pk)
                locked.state = Poll.State.CLOSED
                locked.save(update_fields=["state"])
                closing.set()
                outcome["vote_done_before_commit"] = voted.wait(timeout=1.0)
        finally:
            connections.close_all()

    def vote():
        try:
            closing.wait(timeout=30)
            try:
                outcome["vote"] = cast(registration.user, poll, choices=[option_ids(poll)[0]])()
            except ValidationError as error:
                outcome["vote"] = error
            voted.set()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=close), threading.Thread(target=vote)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert outcome["vote_done_before_commit"] is False  # the vote waited for the close
    assert isinstance(outcome["vote"], ValidationError)
    assert "has closed" in " ".join(outcome["vote"].messages)
    assert not Vote.objects.filter(poll=poll).exists()
