"""Participants who pick the same slot at the same moment never share a table or a person: threads with their own
database connections accept at once. PostgreSQL only (SQLite serialises all writes anyway); CI runs it there."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from crosscluster import matchmaking
from crosscluster.b2b import scheduling, services
from crosscluster.b2b.models import Matchmaking, Meeting, MeetingRequest

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run with DATABASE_URL=postgres://…")


@pytest.fixture
def self_service(event):
    Matchmaking.objects.filter(event=event).update(mode=Matchmaking.Mode.PARTICIPANTS)
    return event


def race(action, items):
    barrier = threading.Barrier(len(items))

    def run(item):
        try:
            barrier.wait(timeout=30)
            return action(item)
        except ValidationError as error:
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        return list(pool.map(run, items))


def test_parallel_picks_of_one_slot_fill_exactly_its_tables(self_service, slots, person):
    pairs = [(person(f"A{i}"), person(f"B{i}")) for i in range(8)]
    requests = [MeetingRequest.objects.create(event=self_service, sender=a, recipient=b) for a, b in pairs]
    slot = slots[0]

    results = race(lambda r: services.accept_request(r, acting_user=r.recipient.registration.user, slot=slot), requests)

    assert sum(not isinstance(r, ValidationError) for r in results) == slot.tables
    assert Meeting.objects.filter(slot=slot).count() == slot.tables
    snap = scheduling.snapshot(self_service)
    assert matchmaking.check(snap.instance(), snap.solution()) == []


def test_parallel_picks_never_double_book_a_participant(self_service, slots, person):
    for slot in slots:
        slot.tables = 10
        slot.save()
    popular = person("Popular")
    requests = [
        MeetingRequest.objects.create(event=self_service, sender=popular, recipient=person(f"F{i}")) for i in range(6)
    ]

    results = race(
        lambda r: services.accept_request(r, acting_user=r.recipient.registration.user, slot=slots[1]), requests
    )

    assert sum(not isinstance(r, ValidationError) for r in results) == 1
    assert Meeting.objects.filter(slot=slots[1]).count() == 1
