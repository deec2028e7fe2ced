"""An event world on top of the fixed role users (tests/conftest.py).

- ``event``: published, public, organised by ``cluster`` (Hamburg Aviation, which ``manager`` manages), two weeks
  ahead, 10 places, with a keynote and two parallel breakouts;
- ``other_event``: published, public, organised by ``other_cluster`` (nobody's).
"""

import pytest

from tests.factories import EventFactory, SessionFactory, UserFactory


@pytest.fixture
def event(cluster):
    event = EventFactory(slug="summit", title_de="Gipfel", title_en="Summit", clusters=[cluster], capacity=10)
    start = event.start
    SessionFactory(event=event, title_en="Opening keynote", kind="keynote", start=start, end=start.replace(hour=10))
    SessionFactory(event=event, title_en="Drones", start=start.replace(hour=10), end=start.replace(hour=11), capacity=2)
    SessionFactory(event=event, title_en="Hydrogen", start=start.replace(hour=10), end=start.replace(hour=11))
    return event


@pytest.fixture
def other_event(other_cluster):
    return EventFactory(slug="biotech-day", title_en="Biotech Day", clusters=[other_cluster])


@pytest.fixture
def session_named(event):
    return lambda title: event.sessions.get(title_en=title)


@pytest.fixture
def make_users(db):
    return lambda n: [UserFactory(language="en") for _ in range(n)]
