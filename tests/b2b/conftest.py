"""A matchmaking world on top of the fixed role users (tests/conftest.py).

- ``event``: "summit", published, public, organised by ``cluster`` (which ``manager`` manages), two weeks ahead,
  09:00–17:00; matchmaking open, scheduled by the organisers; four 20-minute slots from 10:00 with two shared
  tables each (``slots``);
- ``join(user, **profile)``: a confirmed registration and an active matchmaking profile for ``user``;
- ``person(name)``: a new user (English mails) who has joined.
"""

from datetime import timedelta

import pytest

from crosscluster.b2b.models import Matchmaking, Profile, Slot
from tests.factories import EventFactory, RegistrationFactory, UserFactory


@pytest.fixture
def event(cluster):
    event = EventFactory(slug="summit", title_de="Gipfel", title_en="Summit", clusters=[cluster])
    Matchmaking.objects.create(event=event, enabled=True, mode=Matchmaking.Mode.ORGANISER, time_limit=5)
    return event


@pytest.fixture
def slots(event):
    first = event.start.replace(hour=10)
    return [
        Slot.objects.create(
            event=event, start=first + timedelta(minutes=20 * i), end=first + timedelta(minutes=20 * (i + 1)), tables=2
        )
        for i in range(4)
    ]


@pytest.fixture
def join(event):
    def make(user, *, target=None, **fields):
        target = target or event
        registration = RegistrationFactory(event=target, user=user)
        fields.setdefault("organisation_name", f"{user.last_name} GmbH")
        return Profile.objects.create(registration=registration, event=target, **fields)

    return make


@pytest.fixture
def person(join):
    def make(first, last="Example", **fields):
        user = UserFactory(first_name=first, last_name=last, language="en", email=f"{first.lower()}@example.org")
        return join(user, **fields)

    return make
