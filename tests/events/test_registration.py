"""Registration: seats up to the capacity, then the waiting list, automatic promotion, mails with a calendar file."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from icalendar import Calendar

from crosscluster.accounts.models import AuditLogEntry
from crosscluster.events import registrations, services
from crosscluster.events.models import Event, Registration
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def register_all(event, users):
    return [registrations.register(acting_user=u, event=event) for u in users]


def statuses(event):
    return list(event.registrations.order_by("pk").values_list("status", flat=True))


def test_register_confirms_until_capacity_then_waitlists(event, make_users):
    event.capacity = 2
    event.save()
    register_all(event, make_users(4))
    assert statuses(event) == ["confirmed", "confirmed", "waitlisted", "waitlisted"]


def test_register_without_capacity_confirms_everyone(make_users):
    event = EventFactory(capacity=None)
    register_all(event, make_users(5))
    assert set(statuses(event)) == {"confirmed"}


def test_register_when_full_without_waiting_list_is_refused(make_users):
    event = EventFactory(capacity=1, waitlist_enabled=False)
    first, second = make_users(2)
    registrations.register(acting_user=first, event=event)
    with pytest.raises(ValidationError, match="fully booked"):
        registrations.register(acting_user=second, event=event)
    assert event.registrations.count() == 1


def test_register_twice_is_refused_with_a_clear_message(event, individual):
    registrations.register(acting_user=individual, event=event)
    with pytest.raises(ValidationError, match="already registered"):
        registrations.register(acting_user=individual, event=event)
    assert event.registrations.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"registration_opens": timedelta(days=1)}, "Registration opens on"),
        ({"registration_closes": timedelta(days=-1)}, "has closed"),
        ({"status": Event.Status.CANCELLED}, "cancelled"),
        ({"status": Event.Status.DRAFT}, "not been published"),
    ],
)
def test_register_outside_the_registration_window_is_refused(individual, change, message):
    event = EventFactory()
    for field, value in change.items():
        setattr(event, field, timezone.now() + value if isinstance(value, timedelta) else value)
    event.save()
    with pytest.raises((ValidationError, PermissionDenied)) as error:
        registrations.register(acting_user=individual, event=event)
    if isinstance(error.value, ValidationError):
        assert message in " ".join(error.value.messages)
    else:  # a draft is not even visible to a participant
        assert change == {"status": Event.Status.DRAFT}
    assert not event.registrations.exists()


def test_register_after_the_event_began_is_refused(individual):
    now = timezone.now()
    event = EventFactory(start=now - timedelta(hours=1), end=now + timedelta(hours=2))
    with pytest.raises(ValidationError, match="has closed"):
        registrations.register(acting_user=individual, event=event)


def test_cancelling_a_confirmed_place_promotes_the_first_on_the_waiting_list(event, make_users):
    event.capacity = 1
    event.save()
    holder, first_waiting, second_waiting = make_users(3)
    seat, first, second = register_all(event, [holder, first_waiting, second_waiting])

    registrations.cancel_registration(seat, acting_user=holder)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED and first.confirmed_at is not None
    assert second.status == Registration.Status.WAITLISTED
    assert event.registrations.confirmed().count() == 1


def test_deleting_a_participants_account_gives_the_seat_to_the_first_waiting(
    event, make_users, mailoutbox, django_capture_on_commit_callbacks
):
    event.capacity = 1
    event.save()
    holder, first_waiting, second_waiting = make_users(3)
    _seat, first, second = register_all(event, [holder, first_waiting, second_waiting])
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        holder.delete()  # e.g. a coordinator removes the account in the admin

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED and first.confirmed_at is not None
    assert second.status == Registration.Status.WAITLISTED
    assert [m.to for m in mailoutbox] == [[first_waiting.email]]
    assert "A place has become free" in mailoutbox[0].subject


def test_deleting_the_event_promotes_nobody_and_mails_nobody(
    event, make_users, mailoutbox, django_capture_on_commit_callbacks
):
    event.capacity = 1
    event.save()
    register_all(event, make_users(2))
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event.delete()

    assert not Registration.objects.exists()
    assert mailoutbox == []


def test_leaving_the_waiting_list_promotes_nobody(event, make_users):
    event.capacity = 1
    event.save()
    holder, waiting, later = register_all(event, make_users(3))
    registrations.cancel_registration(waiting, acting_user=waiting.user)
    later.refresh_from_db()
    assert later.status == Registration.Status.WAITLISTED
    assert statuses(event) == ["confirmed", "cancelled", "waitlisted"]


def test_registering_again_after_cancelling_joins_the_back_of_the_queue(event, make_users):
    event.capacity = 1
    event.save()
    holder, waiting = make_users(2)
    seat, _queued = register_all(event, [holder, waiting])
    registrations.cancel_registration(seat, acting_user=holder)  # waiting moves up

    again = registrations.register(acting_user=holder, event=event)

    assert again.pk == seat.pk  # one registration per event and user, kept for polls and meetings
    assert again.status == Registration.Status.WAITLISTED


def test_raising_the_capacity_promotes_from_the_waiting_list(event, manager, make_users):
    event.capacity = 1
    event.save()
    register_all(event, make_users(3))
    services.update_event(event, acting_user=manager, data={"capacity": 2})
    assert statuses(event) == ["confirmed", "confirmed", "waitlisted"]


def test_capacity_below_confirmed_places_is_refused(event, manager, make_users):
    register_all(event, make_users(3))
    with pytest.raises(ValidationError) as error:
        services.update_event(event, acting_user=manager, data={"capacity": 2})
    assert "capacity" in error.value.message_dict
    event.refresh_from_db()
    assert event.capacity == 10


def test_cancelling_after_the_event_began_is_refused_for_participants(individual):
    event = EventFactory()
    registration = registrations.register(acting_user=individual, event=event)
    Event.objects.filter(pk=event.pk).update(start=timezone.now() - timedelta(minutes=5))
    registration.refresh_from_db()
    with pytest.raises(ValidationError, match="already begun"):
        registrations.cancel_registration(registration, acting_user=individual)


def test_someone_else_cannot_cancel_a_registration(event, individual, representative, manager):
    registration = registrations.register(acting_user=individual, event=event)
    with pytest.raises(PermissionDenied):
        registrations.cancel_registration(registration, acting_user=representative)
    registrations.cancel_registration(registration, acting_user=manager)  # organisers may
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_cancelling_frees_the_chosen_sessions(event, individual, session_named):
    registration = registrations.register(acting_user=individual, event=event)
    registrations.add_to_agenda(acting_user=individual, session=session_named("Drones"))
    registrations.cancel_registration(registration, acting_user=individual)
    assert not session_named("Drones").agenda_items.exists()


def test_registration_records_the_participants_organisation(event, representative, organisation):
    registration = registrations.register(acting_user=representative, event=event)
    assert registration.organisation == organisation


def test_registration_writes_the_audit_log(event, individual):
    registration = registrations.register(acting_user=individual, event=event)
    entry = AuditLogEntry.objects.get(action="event.registered")
    assert entry.actor == individual and entry.object_id == str(registration.pk)


def _calendar(mail):
    name, content, mimetype = mail.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_confirmation_mail_has_the_event_as_calendar_file(
    event, individual, mailoutbox, django_capture_on_commit_callbacks
):
    event.video_link = "https://meet.example.org/summit"
    event.save()
    individual.language = "en"
    individual.save()
    with django_capture_on_commit_callbacks(execute=True):
        registrations.register(acting_user=individual, event=event)

    (mail,) = mailoutbox
    assert mail.to == [individual.email]
    assert "Registration confirmed: Summit" in mail.subject
    (vevent,) = _calendar(mail).walk("VEVENT")
    assert vevent["SUMMARY"] == "Summit"
    assert vevent.decoded("DTSTART") == event.start
    assert "https://meet.example.org/summit" in vevent["DESCRIPTION"]


def test_mails_are_in_the_participants_language(event, mailoutbox, django_capture_on_commit_callbacks):
    german = UserFactory(language="de")
    with django_capture_on_commit_callbacks(execute=True):
        registrations.register(acting_user=german, event=event)
    assert mailoutbox[0].subject == "Anmeldung bestätigt: Gipfel"
    assert "Sie sind für Gipfel angemeldet." in mailoutbox[0].body


def test_waiting_list_and_promotion_mails(event, make_users, mailoutbox, django_capture_on_commit_callbacks):
    event.capacity = 1
    event.save()
    holder, waiting = make_users(2)
    with django_capture_on_commit_callbacks(execute=True):
        seat, _queued = register_all(event, [holder, waiting])
    assert [m.to[0] for m in mailoutbox] == [holder.email, waiting.email]
    assert "Waiting list" in mailoutbox[1].subject and not mailoutbox[1].attachments

    with django_capture_on_commit_callbacks(execute=True):
        registrations.cancel_registration(seat, acting_user=holder)

    promoted = mailoutbox[2]
    assert promoted.to == [waiting.email] and "A place has become free" in promoted.subject
    assert _calendar(promoted).walk("VEVENT")


def test_no_mail_when_registration_fails(event, individual, mailoutbox, django_capture_on_commit_callbacks):
    registrations.register(acting_user=individual, event=event)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        registrations.register(acting_user=individual, event=event)
    assert mailoutbox == []


def test_cancelling_an_event_tells_everyone_registered(
    event, manager, make_users, mailoutbox, django_capture_on_commit_callbacks
):
    register_all(event, make_users(2))
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event, acting_user=manager, data={"status": Event.Status.CANCELLED})
    assert len(mailoutbox) == 2
    assert all(m.subject == "Cancelled: Summit" for m in mailoutbox)


def test_a_failing_mail_server_does_not_undo_the_registration(
    event, individual, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        registration = registrations.register(acting_user=individual, event=event)
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.CONFIRMED
