"""Event pages run a fixed number of SQL queries however long the programme and the participant list are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crosscluster.events import registrations, stats
from tests.factories import EventFactory, RegistrationFactory, SessionFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db

# The most queries each page may run (logged-in pages include the session and user lookups).
BUDGETS = {
    "event list (anonymous)": ("anonymous", "/events/", 4),
    "event list (manager)": ("manager", "/events/?cluster=hamburg-aviation", 8),
    "programme (participant)": ("representative", "/events/summit/", 13),  # + is matchmaking on (the B2B link)
    "programme (anonymous)": ("anonymous", "/events/summit/", 6),
    "agenda": ("representative", "/events/summit/agenda/", 7),
    "check-in": ("manager", "/events/summit/check-in/?q=example", 8),
    "statistics": ("manager", "/events/summit/statistics/", 11),
    "API list": ("anonymous", "/api/v1/events/", 3),
    "API detail": ("representative", "/api/v1/events/summit/", 8),
}


def grow(event, representative, n):
    """n more sessions (with speakers), participants and agenda choices; one more event per call."""
    EventFactory(clusters=list(event.clusters.all()))
    registration = event.registrations.get(user=representative)
    for i in range(n):
        speaker = SpeakerFactory(event=event)
        start = event.start.replace(hour=11 + i % 5)
        session = SessionFactory(event=event, start=start, end=start.replace(minute=30), capacity=50)
        session.speakers.add(speaker, SpeakerFactory(event=event))
        RegistrationFactory(event=event, user=UserFactory(email=f"p{event.sessions.count()}-{i}@example.org"))
        if i == 0:
            registration.agenda_items.create(session=session)


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx)


@pytest.fixture
def own_figures_only(monkeypatch):
    """Statistics without the figures other apps plug in (polls, matchmaking): those guard their own queries."""
    monkeypatch.setattr(stats, "_METRICS", {key: (label, None) for key, (label, _p) in stats._METRICS.items()})


@pytest.mark.parametrize("page", BUDGETS)
def test_event_page_query_count_is_fixed_and_within_budget(client_for, event, representative, page, own_figures_only):
    registrations.register(acting_user=representative, event=event)
    role, url, budget = BUDGETS[page]
    client = client_for(role)
    grow(event, representative, 1)
    one = count(client, url)
    grow(event, representative, 6)
    many = count(client, url)
    assert one == many, f"{page}: {one} queries with one item, {many} with several"
    assert many <= budget, f"{page}: {many} queries, budget {budget}"
