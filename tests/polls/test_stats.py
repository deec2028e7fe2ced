"""Poll participation in the event statistics: distinct voters among the confirmed participants."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crosscluster.events import stats as event_stats
from crosscluster.polls import stats
from crosscluster.polls.models import Vote
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def metric(event):
    return {m.key: m for m in event_stats.event_statistics(event).metrics}["poll_participation"]


def test_participation_is_not_recorded_while_no_poll_was_opened(summit, participant, make_poll):
    make_poll(summit, state="draft")
    figure = metric(summit)
    assert not figure.recorded and figure.value == 0


def test_participation_counts_each_voter_once_across_polls(summit, participant, make_poll):
    first, second = make_poll(summit), make_poll(summit, "text", state="closed")
    others = [RegistrationFactory(event=summit) for _ in range(3)]
    Vote.objects.create(poll=first, registration=participant, choices=[first.options.first().pk])
    Vote.objects.create(poll=second, registration=participant, text="Ja")
    Vote.objects.create(poll=second, registration=others[0], text="Nein")
    cancelled = RegistrationFactory(event=summit, status="cancelled")
    Vote.objects.create(poll=second, registration=cancelled, text="Vielleicht")  # voted, then cancelled

    assert stats.participation_counts(summit) == (2, 4)
    figure = metric(summit)
    assert figure.recorded and figure.value == "2 / 4 (50 %)"


def test_participation_figure_runs_two_queries_however_many_votes(summit, make_poll):
    poll = make_poll(summit, "text")
    for _ in range(10):
        Vote.objects.create(poll=poll, registration=RegistrationFactory(event=summit), text="x")
    with CaptureQueriesContext(connection) as ctx:
        assert stats.participation(summit) == "10 / 10 (100 %)"
    assert len(ctx) == 2


def test_statistics_page_shows_the_participation(client_for, summit, participant, make_poll):
    poll = make_poll(summit, "text")
    Vote.objects.create(poll=poll, registration=participant, text="Ja")
    html = client_for("manager").get("/events/summit/statistics/").content.decode()
    assert "1 / 1 (100 %)" in html
    assert "Poll participation (confirmed participants who voted in at least one poll)" in html
