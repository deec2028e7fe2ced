"""The personal agenda: confirmed participants choose sessions within their seats and without time clashes."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from crosscluster.events import registrations
from crosscluster.events.models import AgendaItem
from tests.factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant(event, individual):
    registrations.register(acting_user=individual, event=event)
    return individual


def chosen(user, event):
    return sorted(
        AgendaItem.objects.filter(registration__user=user, registration__event=event).values_list(
            "session__title_en", flat=True
        )
    )


def test_agenda_add_and_remove_sessions(participant, event, session_named):
    registrations.add_to_agenda(acting_user=participant, session=session_named("Opening keynote"))
    registrations.add_to_agenda(acting_user=participant, session=session_named("Drones"))
    assert chosen(participant, event) == ["Drones", "Opening keynote"]

    registrations.remove_from_agenda(acting_user=participant, session=session_named("Drones"))
    assert chosen(participant, event) == ["Opening keynote"]


def test_agenda_adding_twice_keeps_one_entry(participant, event, session_named):
    for _ in range(2):
        registrations.add_to_agenda(acting_user=participant, session=session_named("Drones"))
    assert chosen(participant, event) == ["Drones"]


def test_agenda_refuses_a_parallel_session(participant, event, session_named):
    registrations.add_to_agenda(acting_user=participant, session=session_named("Drones"))
    with pytest.raises(ValidationError) as error:
        registrations.add_to_agenda(acting_user=participant, session=session_named("Hydrogen"))
    assert "“Hydrogen” overlaps with “Drones” (10:00–11:00)" in error.value.messages[0]
    assert chosen(participant, event) == ["Drones"]


def test_agenda_sessions_that_only_touch_do_not_clash(participant, event, session_named):
    registrations.add_to_agenda(acting_user=participant, session=session_named("Opening keynote"))  # 09–10
    registrations.add_to_agenda(acting_user=participant, session=session_named("Hydrogen"))  # 10–11
    assert chosen(participant, event) == ["Hydrogen", "Opening keynote"]


def test_agenda_drop_in_formats_never_clash(participant, event, session_named):
    exhibition = SessionFactory(event=event, title_en="Exhibition", kind="exhibition", start=event.start, end=event.end)
    registrations.add_to_agenda(acting_user=participant, session=session_named("Drones"))
    registrations.add_to_agenda(acting_user=participant, session=exhibition)
    registrations.add_to_agenda(acting_user=participant, session=session_named("Opening keynote"))
    assert chosen(participant, event) == ["Drones", "Exhibition", "Opening keynote"]


def test_agenda_respects_session_capacity(event, make_users, session_named):
    drones = session_named("Drones")  # 2 seats
    users = make_users(3)
    for user in users:
        registrations.register(acting_user=user, event=event)
    registrations.add_to_agenda(acting_user=users[0], session=drones)
    registrations.add_to_agenda(acting_user=users[1], session=drones)
    with pytest.raises(ValidationError, match="“Drones” is fully booked"):
        registrations.add_to_agenda(acting_user=users[2], session=drones)
    assert drones.agenda_items.count() == 2

    registrations.remove_from_agenda(acting_user=users[0], session=drones)
    registrations.add_to_agenda(acting_user=users[2], session=drones)
    assert drones.agenda_items.count() == 2


@pytest.mark.parametrize("who", ["nobody", "waitlisted", "cancelled"])
def test_agenda_only_for_confirmed_participants(event, make_users, session_named, who):
    event.capacity = 1
    event.save()
    holder, user = make_users(2)
    registrations.register(acting_user=holder, event=event)
    if who == "waitlisted":
        registrations.register(acting_user=user, event=event)
    elif who == "cancelled":
        event.capacity = 2
        event.save()
        registration = registrations.register(acting_user=user, event=event)
        registrations.cancel_registration(registration, acting_user=user)
    with pytest.raises(ValidationError, match="confirmed place"):
        registrations.add_to_agenda(acting_user=user, session=session_named("Drones"))
    assert not session_named("Drones").agenda_items.exists()


def test_agenda_refuses_a_session_that_is_over(individual):
    now = timezone.now()
    event = EventFactory(start=now - timedelta(hours=3), end=now + timedelta(hours=3))
    past = SessionFactory(event=event, start=event.start, end=now - timedelta(hours=1))
    # Registered before the event began.
    registration = event.registrations.create(user=individual, status="confirmed", confirmed_at=now)
    with pytest.raises(ValidationError, match="over"):
        registrations.add_to_agenda(acting_user=individual, session=past)
    assert not registration.agenda_items.exists()
