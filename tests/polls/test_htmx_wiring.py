"""How htmx will read the participants' page: where a vote's answer lands, and that it can land there again.

htmx inherits ``hx-swap`` and ``hx-target`` from ancestors. The poll list (``#live-polls``) refreshes itself with
``hx-swap="outerHTML"``; a vote form inside it that inherited that swap replaced its status container with the
answer, so the next vote ("Change my vote") found no target and htmx sent nothing (found by
tests/browser/test_polls.py). These tests resolve the attributes as htmx does, on the page and on the refreshed
list.
"""

from html.parser import HTMLParser

import pytest

from crosscluster.polls import voting

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, attrs, parent

    def inherited(self, name, default=None):
        """The attribute as htmx reads it: on the element or the nearest ancestor that has it."""
        node = self
        while node is not None:
            if name in node.attrs:
                return node.attrs[name]
            node = node.parent
        return default

    def inside(self, element_id):
        node = self.parent
        while node is not None:
            if node.attrs.get("id") == element_id:
                return True
            node = node.parent
        return False


class Tree(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.nodes, self._open = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self._open[-1] if self._open else None)
        self.nodes.append(node)
        if tag not in VOID:
            self._open.append(node)

    def handle_endtag(self, tag):
        for depth in range(len(self._open) - 1, -1, -1):  # tolerate unclosed elements like <p>
            if self._open[depth].tag == tag:
                del self._open[depth:]
                break

    def ids(self):
        return {n.attrs["id"] for n in self.nodes if "id" in n.attrs}


def vote_forms(tree):
    return [n for n in tree.nodes if n.tag == "form" and "hx-post" in n.attrs]


def assert_votes_land_in_their_status(tree, polls):
    forms = vote_forms(tree)
    assert len(forms) == len(polls)
    ids = tree.ids()
    for form, poll in zip(forms, polls, strict=True):
        assert form.inside("live-polls")
        assert form.inherited("hx-target") == f"#poll-{poll.pk}-status"
        assert f"poll-{poll.pk}-status" in ids
        assert f"poll-{poll.pk}-label" in ids  # the button label the answer swaps out of band
        # innerHTML keeps the container, so the next vote finds it again (htmx's default when nothing is inherited)
        assert form.inherited("hx-swap", "innerHTML") == "innerHTML", form.attrs


def test_vote_forms_swap_into_their_status_on_the_page_and_the_refreshed_list(
    client_for, summit, participant, make_poll
):
    polls = [make_poll(summit, kind) for kind in ("single", "multiple", "rating", "text")]
    voting.cast_vote(
        acting_user=participant.user, poll=polls[2], ballot=voting.read_ballot(polls[2], rating="3")
    )  # a card with a vote already cast looks different
    client = client_for("representative")

    page = Tree(client.get("/events/summit/polls/").content.decode())
    assert_votes_land_in_their_status(page, polls)

    refreshed = Tree(client.get("/events/summit/polls/live/", {"v": "stale"}, **HTMX).content.decode())
    assert refreshed.nodes[0].attrs.get("id") == "live-polls"  # the list that replaces the old one
    assert_votes_land_in_their_status(refreshed, polls)


def test_answer_to_a_vote_replaces_the_button_label_it_names(client_for, summit, participant, make_poll, option_ids):
    poll = make_poll(summit)
    client = client_for("representative")
    page = Tree(client.get("/events/summit/polls/").content.decode())

    answer = Tree(
        client.post(f"/events/summit/polls/{poll.pk}/vote/", {"choices": option_ids(poll)[0]}, **HTMX).content.decode()
    )

    out_of_band = [n for n in answer.nodes if n.attrs.get("hx-swap-oob")]
    assert [n.attrs["id"] for n in out_of_band] == [f"poll-{poll.pk}-label"]
    label = next(n for n in page.nodes if n.attrs.get("id") == f"poll-{poll.pk}-label")
    assert label.parent.tag == "button"
