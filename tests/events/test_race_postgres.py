"""Capacity holds when many people act at the same moment: threads with their own database connections race for
the last seats of an event and of a session. Runs on PostgreSQL only (SQLite serialises all writes anyway);
CI runs the suite there with DATABASE_URL.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from crosscluster.events import registrations
from crosscluster.events.models import Registration
from tests.factories import EventFactory, RegistrationFactory, SessionFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

RACERS = 24


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run with DATABASE_URL=postgres://…")


def race(action, users):
    """Run ``action(user)`` for every user at once: all threads wait at a barrier, then go together."""
    barrier = threading.Barrier(len(users))

    def run(user):
        try:
            barrier.wait(timeout=30)
            return action(user)
        except ValidationError as error:
            return error
        finally:
            connections.close_all()  # each thread opened its own connection

    with ThreadPoolExecutor(max_workers=len(users)) as pool:
        return list(pool.map(run, users))


def test_parallel_registrations_for_the_last_seats_fill_exactly_the_capacity():
    event = EventFactory(capacity=30)
    for _ in range(25):
        RegistrationFactory(event=event)
    users = [UserFactory(language="en") for _ in range(RACERS)]

    results = race(lambda u: registrations.register(acting_user=u, event=event).status, users)

    assert sorted(results).count("confirmed") == 5
    assert sorted(results).count("waitlisted") == RACERS - 5
    assert event.registrations.confirmed().count() == 30
    assert event.registrations.waitlisted().count() == RACERS - 5
    # The waiting list has one place per person and a strict order.
    queue = list(event.registrations.waiting_order().values_list("user_id", flat=True))
    assert len(queue) == len(set(queue)) == RACERS - 5


def test_parallel_registrations_without_waiting_list_refuse_the_rest():
    event = EventFactory(capacity=3, waitlist_enabled=False)
    users = [UserFactory(language="en") for _ in range(RACERS)]

    results = race(lambda u: registrations.register(acting_user=u, event=event).status, users)

    assert results.count("confirmed") == 3
    assert sum(isinstance(r, ValidationError) for r in results) == RACERS - 3
    assert event.registrations.count() == 3


def test_parallel_cancellations_and_registrations_keep_every_seat_taken():
    event = EventFactory(capacity=10)
    holders = [UserFactory(language="en") for _ in range(10)]
    for user in holders:
        registrations.register(acting_user=user, event=event)
    waiting = [UserFactory(language="en") for _ in range(5)]
    for user in waiting:
        registrations.register(acting_user=user, event=event)
    newcomers = [UserFactory(language="en") for _ in range(8)]

    def act(user):
        if user in holders[:8]:
            registration = Registration.objects.get(event=event, user=user)
            return registrations.cancel_registration(registration, acting_user=user).status
        return registrations.register(acting_user=user, event=event).status

    race(act, holders[:8] + newcomers)

    # 2 holders stayed, 5 waited, 8 came: 15 people for 10 seats.
    assert event.registrations.confirmed().count() == 10
    assert event.registrations.waitlisted().count() == 5
    # Those who waited before the race were promoted before any newcomer.
    assert event.registrations.confirmed().filter(user__in=waiting).count() == 5


def test_parallel_agenda_choices_for_the_last_session_seats():
    event = EventFactory(capacity=None)
    session = SessionFactory(event=event, capacity=4)
    users = [UserFactory(language="en") for _ in range(RACERS)]
    for user in users:
        registrations.register(acting_user=user, event=event)

    results = race(lambda u: registrations.add_to_agenda(acting_user=u, session=session), users)

    assert sum(not isinstance(r, ValidationError) for r in results) == 4
    assert session.agenda_items.count() == 4
