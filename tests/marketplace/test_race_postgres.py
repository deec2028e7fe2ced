"""Conversations, match notices and alerts hold when things happen at the same moment: threads with their own
database connections race. PostgreSQL only (SQLite serialises all writes anyway); CI runs the suite there."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection, connections

from crosscluster.marketplace import alerts, matching, messaging
from crosscluster.marketplace.models import MatchNotice, Message, SavedSearch, SavedSearchAlert, Thread
from tests.factories import UserFactory
from tests.marketplace.factories import PostFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

RACERS = 8


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run with DATABASE_URL=postgres://…")


def race(action, arguments):
    barrier = threading.Barrier(len(arguments))

    def run(argument):
        try:
            barrier.wait(timeout=30)
            return action(argument)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(arguments)) as pool:
        return list(pool.map(run, arguments))


def test_colleagues_contacting_at_once_share_one_conversation(organisation, other_organisation):
    offer = PostFactory(organisation=other_organisation)
    colleagues = [UserFactory() for _ in range(RACERS)]
    organisation.representatives.add(*colleagues)

    race(lambda u: messaging.start_thread(acting_user=u, post=offer, organisation=organisation, body=u.email).pk,
         colleagues)  # fmt: skip

    assert Thread.objects.count() == 1
    assert Message.objects.filter(thread__post=offer).count() == RACERS


def test_a_new_match_is_announced_once_however_many_workers_look(organisation, other_organisation, other_rep):
    offer = PostFactory(organisation=other_organisation, title_de="Desinfektionsmittel abzugeben")
    request = PostFactory(organisation=organisation, kind="request", title_de="Desinfektionsmittel gesucht")
    matching.POSTS.reset()

    race(lambda _n: matching.notify_good_matches(request.pk), list(range(RACERS)))

    assert MatchNotice.objects.filter(offer=offer, request=request).count() == 1
    assert [m.to for m in mail.outbox] == [["other-rep@example.org"]]


def test_an_instant_alert_is_sent_once_however_many_workers_look(representative, other_organisation):
    for q in ("Desinfektion", "Desinfektionsmittel"):
        SavedSearch.objects.create(user=representative, name=q, params={"q": q}, alerts="instant")
    post = PostFactory(organisation=other_organisation, title_de="Desinfektionsmittel abzugeben")

    race(lambda _n: alerts.send_instant_alerts(post.pk), list(range(RACERS)))

    assert [m.to for m in mail.outbox] == [["rep@example.org"]]
    assert SavedSearchAlert.objects.filter(post=post).count() == 2
