"""The voting pages and the results endpoints run a fixed, small number of SQL queries however many polls,
options and votes there are: 2,000 phones poll them. Logged-in requests include the session and user lookups."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crosscluster.polls import selectors
from crosscluster.polls.models import Vote
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

# The most queries each request may run, counting the results afresh every time (in operation they are counted at
# most every 0.3 s per process). Logged-in requests include the session and the user; pages (not fragments) the
# navigation's role lookup. A vote is one statement on PostgreSQL; on SQLite a transaction of two (a savepoint pair
# here), so its budget is SQLite's.
BUDGETS = {
    "vote page": ("representative", "get", "/events/summit/polls/", 7),
    "live list (changed)": ("representative", "get", "/events/summit/polls/live/?v=old", 6),
    "live list (unchanged)": ("representative", "get", "/events/summit/polls/live/?v={version}", 3),
    "vote": ("representative", "post", "/events/summit/polls/{poll}/vote/", 7),
    "results page (participant)": ("representative", "get", "/events/summit/polls/{poll}/results/", 7),
    "results fragment (participant)": ("representative", "get", "/events/summit/polls/{poll}/results/live/", 6),
    "presenter fragment": ("manager", "get", "/events/summit/polls/{poll}/present/live/", 7),
    "API list": ("representative", "get", "/api/v1/events/summit/polls/", 7),
    "API results": ("representative", "get", "/api/v1/events/summit/polls/{poll}/results/", 7),
    "API vote": ("representative", "post", "/api/v1/events/summit/polls/{poll}/vote/", 7),
}


@pytest.fixture
def grow(summit, make_poll):
    """n more open polls with votes of n more participants; the measured poll is the first."""
    polls = []

    def add(n):
        for _ in range(n):
            poll = make_poll(summit, "multiple", results_visibility="live")
            polls.append(poll)
            options = list(poll.options.values_list("pk", flat=True))
            for registration in [RegistrationFactory(event=summit) for _ in range(n)]:
                Vote.objects.create(poll=polls[0], registration=registration, choices=options[:2])
        return polls[0]

    return add


def count(client, method, url, data):
    """Queries of the second request (the first fills the per-process caches of options and versions)."""
    kwargs = {"content_type": "application/json"} if "/api/" in url and method == "post" else {}
    send = client.get if method == "get" else client.post
    send(url, data, **kwargs)
    with CaptureQueriesContext(connection) as ctx:
        response = send(url, data, **kwargs)
    assert response.status_code in (200, 204, 302), (response.status_code, response.content[:300])
    return len(ctx)


@pytest.mark.parametrize("page", BUDGETS)
def test_poll_page_query_count_is_fixed_and_within_budget(
    client_for, summit, participant, grow, settings, monkeypatch, page
):
    settings.POLLS_RESULTS_MAX_AGE = 0  # results counted on every request: the worst case
    monkeypatch.setattr(selectors, "VERSION_MAX_AGE", 3600)  # the polls version as within its second of validity
    role, method, template, budget = BUDGETS[page]
    client = client_for(role)
    measured = []
    for n in (1, 5):
        poll = grow(n)
        version = client.get("/events/summit/polls/").context["version"] if "version" in template else ""
        url = template.format(poll=poll.pk, version=version)
        data = {}
        if method == "post":
            data = {"choices": [poll.options.first().pk]} if "/api/" in url else {"choices": poll.options.first().pk}
        measured.append(count(client, method, url, data))
    one, many = measured
    assert one == many, f"{page}: {one} queries with one poll, {many} with several"
    assert many <= budget, f"{page}: {many} queries, budget {budget}"
