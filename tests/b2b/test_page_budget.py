"""Matchmaking pages run a fixed number of SQL queries however many participants, requests and meetings there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crosscluster.b2b.models import Meeting, MeetingRequest, ParticipationType, Slot
from tests.factories import TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

# The most queries each page may run (logged-in pages include the session and user lookups).
BUDGETS = {
    "participants": ("representative", "/matchmaking/summit/participants/", 14),
    "participants filtered": ("representative", "/matchmaking/summit/participants/?q=a&type={type}", 14),
    "participants (htmx)": ("representative", "/matchmaking/summit/participants/?q=a", 11),
    "requests": ("representative", "/matchmaking/summit/requests/", 10),
    "agenda": ("representative", "/matchmaking/summit/agenda/", 10),
    "schedule grid": ("manager", "/matchmaking/summit/manage/schedule/", 13),
    "organisers' participant list": ("manager", "/matchmaking/summit/manage/participants/", 9),
    "API requests": ("representative", "/api/v1/meeting-requests/", 4),
    "API meetings": ("representative", "/api/v1/meetings/", 4),
}


@pytest.fixture
def world(event, slots, join, representative):
    me = join(representative, organisation_name="Elbe Drohnen GmbH")
    kind = ParticipationType.objects.create(event=event, name_en="Buyer", virtual=False)
    return {"me": me, "type": kind, "n": 0}


def grow(world, event, join, n):
    """2n more participants: one with a topic and a booth every third time, whom "me" asked (accepted, with a
    meeting where the slots allow), and one who asked "me" (open)."""
    me = world["me"]
    slots = list(Slot.objects.filter(event=event).order_by("start"))
    for _ in range(n):
        world["n"] += 1
        k = world["n"]
        user = UserFactory(first_name=f"Anna{k}", email=f"p{k}@example.org")
        other = join(user, participation_type=world["type"], own_table=k % 3 == 0, booth=f"B{k}")
        other.topics.add(TopicFactory())
        sent = MeetingRequest.objects.create(event=event, sender=me, recipient=other, status="accepted", message="x")
        asker = join(UserFactory(first_name=f"Ben{k}", email=f"q{k}@example.org"), participation_type=world["type"])
        MeetingRequest.objects.create(event=event, sender=asker, recipient=me, message="y")
        slot = slots[(k - 1) % len(slots)]
        if not Meeting.objects.filter(slot=slot, request__sender=me).exists():
            table = f"booth:p{other.pk}" if other.own_table else "T1"
            if not Meeting.objects.filter(slot=slot, table=table).exists():
                Meeting.objects.create(request=sent, event=event, slot=slot, table=table, published=True)


def count(client, url, **headers):
    client.get(url, **headers)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:300]
    return len(ctx)


@pytest.mark.parametrize("page", BUDGETS)
def test_matchmaking_page_query_count_is_fixed_and_within_budget(client_for, event, join, world, page):
    role, template, budget = BUDGETS[page]
    url = template.format(type=world["type"].pk)
    headers = {"HTTP_HX_REQUEST": "true"} if "htmx" in page else {}
    client = client_for(role)
    grow(world, event, join, 1)
    one = count(client, url, **headers)
    grow(world, event, join, 3)
    many = count(client, url, **headers)
    assert Meeting.objects.count() >= 3
    assert one == many, f"{page}: {one} queries with one item, {many} with several"
    assert many <= budget, f"{page}: {many} queries, budget {budget}"
