"""The organisers' services: who may, what a poll must contain, opening and closing, what stays fixed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from crosscluster.accounts.models import AuditLogEntry
from crosscluster.polls import services, voting
from crosscluster.polls.models import Poll
from tests.factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db

OPTIONS = [("Wasserstoff", "Hydrogen"), ("Drohnen", "Drones")]


def data(**changes):
    base = {"question_de": "Welches Thema?", "question_en": "Which theme?", "kind": "single"}
    return {**base, **changes}


def test_manager_creates_a_poll_of_their_event_as_draft_with_options_in_order(summit, manager):
    poll = services.create_poll(acting_user=manager, event=summit, data=data(), options=OPTIONS)

    assert poll.state == Poll.State.DRAFT and poll.created_by == manager
    assert [(o.label_de, o.label_en) for o in poll.options.all()] == OPTIONS
    assert AuditLogEntry.objects.filter(action="poll.created", object_id=str(poll.pk), actor=manager).exists()


def test_polls_of_an_event_are_numbered_in_the_order_they_were_created(summit, manager):
    first = services.create_poll(acting_user=manager, event=summit, data=data(), options=OPTIONS)
    second = services.create_poll(acting_user=manager, event=summit, data=data(kind="text"))
    assert (first.position, second.position) == (0, 1)


@pytest.mark.parametrize("role", ["individual", "representative"])
def test_only_organisers_create_polls(summit, users, role):
    with pytest.raises(PermissionDenied):
        services.create_poll(acting_user=users[role], event=summit, data=data(), options=OPTIONS)


def test_manager_of_another_cluster_cannot_create_polls(other_cluster, manager, coordinator):
    event = EventFactory(clusters=[other_cluster])
    with pytest.raises(PermissionDenied):
        services.create_poll(acting_user=manager, event=event, data=data(), options=OPTIONS)
    assert services.create_poll(acting_user=coordinator, event=event, data=data(), options=OPTIONS).pk


@pytest.mark.parametrize(
    ("changes", "options", "field", "message"),
    [
        ({}, [("Nur eine", "")], "options_de", "at least two options"),
        ({}, [("Ja", ""), ("ja", "")], "options_de", "only once"),
        ({}, [(f"Option {n}", "") for n in range(21)], "options_de", "at most 20 options"),
        ({"kind": "multiple", "max_choices": 3}, OPTIONS, "max_choices", "only 2 options"),
        ({"question_de": "", "question_en": ""}, OPTIONS, "question_de", "Ask a question"),
        ({"kind": "rating", "scale_max": 11}, [], "scale_max", "10"),
        ({"kind": "text", "text_max_length": 500}, [], "text_max_length", "200"),
    ],
)
def test_poll_that_cannot_work_is_refused_naming_the_field(summit, manager, changes, options, field, message):
    with pytest.raises(ValidationError) as refused:
        services.create_poll(acting_user=manager, event=summit, data=data(**changes), options=options)
    assert field in refused.value.message_dict
    assert message in " ".join(refused.value.message_dict[field])
    assert not Poll.objects.exists()


def test_session_must_belong_to_the_event(summit, manager):
    elsewhere = SessionFactory()
    with pytest.raises(ValidationError) as refused:
        services.create_poll(acting_user=manager, event=summit, data=data(session=elsewhere), options=OPTIONS)
    assert "session" in refused.value.message_dict


def test_options_are_ignored_for_ratings_and_texts(summit, manager):
    poll = services.create_poll(acting_user=manager, event=summit, data=data(kind="rating"), options=OPTIONS)
    assert not poll.options.exists()


def test_open_close_and_reopen(summit, manager, participant):
    poll = services.create_poll(acting_user=manager, event=summit, data=data(), options=OPTIONS)
    poll = services.change_state(poll, acting_user=manager, action="open")
    assert poll.state == "open" and poll.opened_at and poll.closed_at is None
    opened_at = poll.opened_at

    poll = services.change_state(poll, acting_user=manager, action="close")
    assert poll.state == "closed" and poll.closed_at

    poll = services.change_state(poll, acting_user=manager, action="open")
    assert poll.state == "open" and poll.opened_at == opened_at and poll.closed_at is None
    ballot = voting.read_ballot(poll, choices=[poll.options.first().pk])
    assert voting.cast_vote(acting_user=participant.user, poll=poll, ballot=ballot)
    actions = list(AuditLogEntry.objects.filter(object_id=str(poll.pk)).values_list("action", flat=True))
    assert actions.count("poll.opened") == 2 and actions.count("poll.closed") == 1


@pytest.mark.parametrize(
    ("state", "action", "message"),
    [("open", "open", "already open"), ("draft", "close", "Only an open poll"), ("closed", "close", "Only an open")],
)
def test_state_changes_that_make_no_sense_are_refused(summit, manager, make_poll, state, action, message):
    poll = make_poll(summit, state=state)
    with pytest.raises(ValidationError, match=message):
        services.change_state(poll, acting_user=manager, action=action)


def test_participant_cannot_open_or_close(summit, participant, make_poll):
    poll = make_poll(summit)
    with pytest.raises(PermissionDenied):
        services.change_state(poll, acting_user=participant.user, action="close")


def test_wording_of_an_opened_poll_may_change_but_not_its_structure(summit, manager):
    poll = services.create_poll(acting_user=manager, event=summit, data=data(), options=OPTIONS)
    services.change_state(poll, acting_user=manager, action="open")

    reworded = [("Grüner Wasserstoff", "Green hydrogen"), ("Drohnen", "Drones")]
    poll = services.update_poll(poll, acting_user=manager, data=data(question_en="Which topic?"), options=reworded)
    assert poll.question_en == "Which topic?"
    assert [o.label_en for o in poll.options.all()] == ["Green hydrogen", "Drones"]

    with pytest.raises(ValidationError) as refused:
        services.update_poll(poll, acting_user=manager, data=data(kind="multiple"), options=reworded)
    assert "kind" in refused.value.message_dict
    with pytest.raises(ValidationError, match="not added or removed"):
        services.update_poll(poll, acting_user=manager, data=data(), options=[*reworded, ("Logistik", "")])
    with pytest.raises(ValidationError) as refused:
        services.update_poll(poll, acting_user=manager, data=data(is_named=True), options=reworded)
    assert "is_named" in refused.value.message_dict


def test_draft_may_change_everything(summit, manager):
    poll = services.create_poll(acting_user=manager, event=summit, data=data(), options=OPTIONS)
    poll = services.update_poll(
        poll, acting_user=manager, data=data(kind="multiple", max_choices=2), options=[*OPTIONS, ("Logistik", "")]
    )
    assert poll.kind == "multiple" and poll.options.count() == 3


def test_deleting_a_poll_deletes_its_votes(summit, manager, participant, make_poll):
    poll = make_poll(summit, "text")
    voting.cast_vote(acting_user=participant.user, poll=poll, ballot=voting.read_ballot(poll, text="Ja"))
    services.delete_poll(poll, acting_user=manager)
    assert not Poll.objects.exists()
    entry = AuditLogEntry.objects.get(action="poll.deleted")
    assert entry.data["votes"] == 1
