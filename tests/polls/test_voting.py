"""The one-vote rule and what a ballot must look like, through the voting service (``voting.py``)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from crosscluster.polls import results, voting
from crosscluster.polls.models import Poll, Vote
from tests.factories import RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def vote(user, poll, **raw):
    ballot = voting.read_ballot(poll, **raw)
    return voting.cast_vote(acting_user=user, poll=poll, ballot=ballot)


def test_vote_is_recorded_once_per_participant(summit, participant, make_poll, option_ids):
    poll = make_poll(summit)
    first, second, _third = option_ids(poll)

    vote(participant.user, poll, choices=[str(first)])

    stored = Vote.objects.get(poll=poll)
    assert stored.registration == participant
    assert stored.choices == [first]
    assert results.count(poll).options == {first: 1}


def test_changing_a_vote_replaces_it(summit, participant, make_poll, option_ids):
    poll = make_poll(summit)
    first, second, _third = option_ids(poll)
    vote(participant.user, poll, choices=[first])
    created = Vote.objects.get(poll=poll).created

    vote(participant.user, poll, choices=[second])

    assert Vote.objects.filter(poll=poll).count() == 1
    stored = Vote.objects.get(poll=poll)
    assert stored.choices == [second]
    assert stored.created == created and stored.updated > created
    counts = results.count(poll)
    assert counts.voters == 1 and counts.options == {second: 1}


def test_submitting_the_same_vote_twice_counts_once(summit, participant, make_poll, option_ids):
    poll = make_poll(summit, "rating")
    vote(participant.user, poll, rating="4")
    vote(participant.user, poll, rating="4")

    counts = results.count(poll)
    assert counts.voters == 1 and counts.ratings == {4: 1}


def test_votes_of_many_participants_are_counted_per_option(summit, make_poll, option_ids):
    poll = make_poll(summit, "multiple", max_choices=2)
    a, b, c = option_ids(poll)
    ballots = [[a], [a, b], [b, c], [a, c], [a]]
    for choices in ballots:
        registration = RegistrationFactory(event=summit)
        vote(registration.user, poll, choices=choices)

    counts = results.count(poll)
    assert counts.voters == 5
    assert counts.options == {a: 4, b: 2, c: 2}
    rows = results.option_rows(poll, counts)
    assert [(r.count, r.share) for r in rows] == [(4, 0.8), (2, 0.4), (2, 0.4)]


@pytest.mark.parametrize(("state", "message"), [("closed", "has closed"), ("draft", "not open for voting yet")])
def test_poll_that_is_not_open_refuses_votes(summit, participant, make_poll, option_ids, state, message):
    poll = make_poll(summit, state=state)
    with pytest.raises(ValidationError, match=message):
        vote(participant.user, poll, choices=[option_ids(poll)[0]])
    assert not Vote.objects.exists()


def test_closed_poll_keeps_the_votes_cast_while_open(summit, participant, make_poll, option_ids):
    poll = make_poll(summit)
    vote(participant.user, poll, choices=[option_ids(poll)[0]])
    Poll.objects.filter(pk=poll.pk).update(state=Poll.State.CLOSED)
    poll.refresh_from_db()

    with pytest.raises(ValidationError, match="has closed"):
        vote(participant.user, poll, choices=[option_ids(poll)[1]])
    assert Vote.objects.get(poll=poll).choices == [option_ids(poll)[0]]


def test_vote_checks_the_state_in_the_database_not_the_callers_copy(summit, participant, make_poll, option_ids):
    poll = make_poll(summit)
    Poll.objects.filter(pk=poll.pk).update(state=Poll.State.CLOSED)  # closed after the page was loaded

    with pytest.raises(ValidationError, match="has closed"):
        vote(participant.user, poll, choices=[option_ids(poll)[0]])
    assert not Vote.objects.exists()


@pytest.mark.parametrize("status", ["waitlisted", "cancelled"])
def test_participant_without_confirmed_place_cannot_vote(summit, make_poll, option_ids, status):
    registration = RegistrationFactory(event=summit, status=status)
    poll = make_poll(summit)
    with pytest.raises(voting.NotParticipant, match="confirmed registration"):
        vote(registration.user, poll, choices=[option_ids(poll)[0]])
    assert not Vote.objects.exists()


def test_user_registered_for_another_event_cannot_vote(summit, other_cluster, make_poll, option_ids):
    from tests.factories import EventFactory

    elsewhere = RegistrationFactory(event=EventFactory(clusters=[other_cluster]))
    poll = make_poll(summit)
    with pytest.raises(voting.NotParticipant):
        vote(elsewhere.user, poll, choices=[option_ids(poll)[0]])


def test_organiser_without_registration_cannot_vote(summit, manager, make_poll, option_ids):
    poll = make_poll(summit)
    with pytest.raises(voting.NotParticipant):
        vote(manager, poll, choices=[option_ids(poll)[0]])


# --- what a ballot must look like ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ([], "Choose an option."),
        (None, "Choose an option."),
        ("", "Choose an option."),
        (["first", "second"], "Choose only one option."),
        (["999999"], "does not belong to this poll"),
        (["abc"], "does not belong to this poll"),
        ([True], "does not belong to this poll"),
    ],
)
def test_single_choice_needs_exactly_one_of_its_options(summit, participant, make_poll, option_ids, choices, message):
    poll = make_poll(summit, "single")
    ids = dict(zip(("first", "second"), option_ids(poll)[:2], strict=True))
    raw = [ids.get(c, c) for c in choices] if isinstance(choices, list) else choices
    with pytest.raises(ValidationError, match=message):
        voting.read_ballot(poll, choices=raw)


def test_multiple_choice_respects_the_maximum(summit, make_poll, option_ids):
    poll = make_poll(summit, "multiple", options=("A", "B", "C", "D"), max_choices=2)
    a, b, c, _d = option_ids(poll)
    assert voting.read_ballot(poll, choices=[str(b), str(a), str(a)]).choices == (a, b)  # repeated once, sorted
    with pytest.raises(ValidationError, match="Choose at most 2 options."):
        voting.read_ballot(poll, choices=[a, b, c])
    with pytest.raises(ValidationError, match="Choose at least one option."):
        voting.read_ballot(poll, choices=[])


def test_multiple_choice_without_maximum_allows_every_option(summit, make_poll, option_ids):
    poll = make_poll(summit, "multiple")
    assert voting.read_ballot(poll, choices=option_ids(poll)).choices == tuple(option_ids(poll))


def test_option_of_another_poll_is_refused(summit, make_poll, option_ids):
    poll, other = make_poll(summit), make_poll(summit)
    with pytest.raises(ValidationError, match="does not belong to this poll"):
        voting.read_ballot(poll, choices=[option_ids(other)[0]])


@pytest.mark.parametrize("rating", [None, "", "0", "6", "-1", "2.5", "five", 7])
def test_rating_must_lie_on_the_scale(summit, make_poll, rating):
    poll = make_poll(summit, "rating", scale_max=5)
    with pytest.raises(ValidationError, match="Choose a value from 1 to 5."):
        voting.read_ballot(poll, rating=rating)


def test_rating_accepts_each_value_of_the_scale(summit, make_poll):
    poll = make_poll(summit, "rating", scale_max=7)
    assert [voting.read_ballot(poll, rating=str(v)).rating for v in range(1, 8)] == list(range(1, 8))


@pytest.mark.parametrize("text", [None, "", "   ", "\x00\t\n"])
def test_empty_answer_is_refused(summit, make_poll, text):
    poll = make_poll(summit, "text")
    with pytest.raises(ValidationError, match="Please write an answer."):
        voting.read_ballot(poll, text=text)


def test_answer_longer_than_allowed_is_refused_with_both_lengths(summit, make_poll):
    poll = make_poll(summit, "text", text_max_length=20)
    assert voting.read_ballot(poll, text="x" * 20).text == "x" * 20
    with pytest.raises(ValidationError, match="at most 20 characters, yours has 21"):
        voting.read_ballot(poll, text="x" * 21)


def test_answer_is_stored_without_control_characters_and_extra_spaces(summit, participant, make_poll):
    poll = make_poll(summit, "text")
    vote(participant.user, poll, text="  grüner\x00 Wasserstoff \n\n  ")
    assert Vote.objects.get(poll=poll).text == "grüner Wasserstoff"


def test_refusals_are_in_german_for_german_users(summit, make_poll):
    poll = make_poll(summit, "text", state="closed")
    with translation.override("de"):
        with pytest.raises(voting.NotParticipant) as refused:
            vote(UserFactory(), poll, text="x")
        assert "bestätigten Anmeldung" in str(refused.value)
        registration = RegistrationFactory(event=summit)
        with pytest.raises(ValidationError) as closed:
            vote(registration.user, poll, text="x")
        assert "geschlossen" in " ".join(closed.value.messages)
