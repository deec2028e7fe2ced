"""Taking part: registration with waiting list, the personal agenda, check-in, feedback, the calendar feed.

Capacity is never exceeded, also when many people register at the same moment: every change to who holds a
seat locks the event row first (``select_for_update``; on SQLite the write transaction is taken at BEGIN), so
counting the confirmed places and taking one happen as one step. Session seats lock the session row likewise.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from crosscluster.accounts import audit

from . import notifications
from .models import AgendaItem, CalendarFeed, Event, Feedback, Registration, Session


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _closed_message(event: Event, state: str) -> str:
    if state == "not_yet":
        return _("Registration opens on %(date)s.") % {"date": _when(event.registration_opens)}
    if state == "cancelled":
        return _("This event has been cancelled.")
    if state == "draft":
        return _("This event has not been published yet.")
    return _("Registration for this event has closed.")


def _participant_organisation(user):
    """The organisation a participant comes from: their directory entry's, else the one they represent."""
    person = getattr(user, "person", None)
    if person is not None and person.organisation_id:
        return person.organisation
    return user.represented_organisations.order_by("name").first()


def _locked_event(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def register(*, acting_user, event: Event) -> Registration:
    """Give the user a seat, or a place on the waiting list when the event is full."""
    if not acting_user.is_authenticated:
        raise PermissionDenied
    _require(acting_user, "events.register", event)
    with transaction.atomic():
        event = _locked_event(event)
        state = event.registration_state()
        if state != "open":
            raise ValidationError(_closed_message(event, state))
        registration = Registration.objects.filter(event=event, user=acting_user).first()
        if registration is not None and registration.status == Registration.Status.CONFIRMED:
            raise ValidationError(_("You are already registered for this event."))
        if registration is not None and registration.status == Registration.Status.WAITLISTED:
            raise ValidationError(_("You are already on the waiting list for this event."))
        confirmed = event.registrations.confirmed().count()
        someone_waiting = event.registrations.waitlisted().exists()
        now = timezone.now()
        if event.capacity is None or (confirmed < event.capacity and not someone_waiting):
            status = Registration.Status.CONFIRMED
        elif event.waitlist_enabled:
            status = Registration.Status.WAITLISTED
        else:
            raise ValidationError(_("This event is fully booked."))
        if registration is None:
            registration = Registration(event=event, user=acting_user, created=now)
        registration.status = status
        registration.organisation = _participant_organisation(acting_user)
        registration.queued_at = now
        registration.confirmed_at = now if status == Registration.Status.CONFIRMED else None
        registration.cancelled_at = None
        registration.save()
        audit.log("event.registered", actor=acting_user, obj=registration, event=event.pk, status=status)
        notifications.send_after_commit(
            registration, "confirmed" if status == Registration.Status.CONFIRMED else "waitlisted"
        )
    return registration


def promote_waitlisted(event: Event, *, acting_user=None) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served. Call with the event row locked."""
    if event.status != Event.Status.PUBLISHED or timezone.now() >= event.start:
        return []
    promoted = []
    confirmed = event.registrations.confirmed().count()
    for registration in event.registrations.waiting_order().select_for_update():
        if event.capacity is not None and confirmed >= event.capacity:
            break
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
        confirmed += 1
        promoted.append(registration)
        audit.log("event.promoted", actor=acting_user, obj=registration, event=event.pk)
        notifications.send_after_commit(registration, "promoted")
    return promoted


def may_cancel(user, registration: Registration) -> bool:
    return registration.user_id == user.pk or user.has_perm("events.manage_registrations", registration.event)


def cancel_registration(registration: Registration, *, acting_user) -> Registration:
    """Give up a seat or a waiting-list place; the first person waiting moves up."""
    if not acting_user.is_authenticated or not may_cancel(acting_user, registration):
        raise PermissionDenied
    with transaction.atomic():
        event = _locked_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise ValidationError(_("This registration has already been cancelled."))
        if timezone.now() >= event.start and registration.user_id == acting_user.pk:
            raise ValidationError(_("The event has already begun; a registration can no longer be cancelled."))
        was = registration.status
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.checked_in_at = None
        registration.checked_in_by = None
        registration.save()
        registration.agenda_items.all().delete()
        promoted = promote_waitlisted(event, acting_user=acting_user) if was == Registration.Status.CONFIRMED else []
        audit.log(
            "event.registration_cancelled",
            actor=acting_user,
            obj=registration,
            event=event.pk,
            was=was,
            promoted=[p.pk for p in promoted],
        )
    return registration


# --- personal agenda -------------------------------------------------------------------------------------------


def _confirmed_registration(user, event) -> Registration:
    registration = (
        Registration.objects.select_for_update().filter(event=event, user=user, status="confirmed").first()
        if user.is_authenticated
        else None
    )
    if registration is None:
        raise ValidationError(_("Only participants with a confirmed place can choose sessions."))
    return registration


def add_to_agenda(*, acting_user, session: Session) -> AgendaItem:
    """Put a session into the user's agenda if a seat is free and it does not clash with another choice."""
    with transaction.atomic():
        registration = _confirmed_registration(acting_user, session.event)
        session = Session.objects.select_for_update().select_related("event").get(pk=session.pk)
        if session.end <= timezone.now():
            raise ValidationError(_("This session is over."))
        existing = AgendaItem.objects.filter(registration=registration, session=session).first()
        if existing is not None:
            return existing
        if session.capacity is not None and session.agenda_items.count() >= session.capacity:
            raise ValidationError(_("“%(session)s” is fully booked.") % {"session": session.title})
        if not session.is_drop_in:
            clash = (
                registration.agenda_items.filter(session__start__lt=session.end, session__end__gt=session.start)
                .exclude(session__kind__in=Session.DROP_IN_KINDS)
                .select_related("session")
                .first()
            )
            if clash is not None:
                raise ValidationError(
                    _("“%(session)s” overlaps with “%(other)s” (%(start)s–%(end)s) in your agenda.")
                    % {
                        "session": session.title,
                        "other": clash.session.title,
                        "start": formats.time_format(timezone.localtime(clash.session.start), "H:i"),
                        "end": formats.time_format(timezone.localtime(clash.session.end), "H:i"),
                    }
                )
        item = AgendaItem.objects.create(registration=registration, session=session)
        audit.log("event.agenda_added", actor=acting_user, obj=item, session=session.pk)
    return item


@transaction.atomic
def remove_from_agenda(*, acting_user, session: Session) -> None:
    registration = _confirmed_registration(acting_user, session.event)
    item = AgendaItem.objects.filter(registration=registration, session=session).first()
    if item is None:
        return
    audit.log("event.agenda_removed", actor=acting_user, obj=item, session=session.pk)
    item.delete()


# --- check-in --------------------------------------------------------------------------------------------------


@transaction.atomic
def check_in(registration: Registration, *, acting_user, undo: bool = False) -> Registration:
    _require(acting_user, "events.manage_registrations", registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(_("Only participants with a confirmed place can be checked in."))
    if undo:
        registration.checked_in_at = registration.checked_in_by = None
    elif registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.checked_in_by = acting_user
    registration.save(update_fields=["checked_in_at", "checked_in_by"])
    audit.log("event.check_in_undone" if undo else "event.checked_in", actor=acting_user, obj=registration)
    return registration


# --- feedback --------------------------------------------------------------------------------------------------


_LOOK_UP = object()


def feedback_state(user, event: Event, registration=_LOOK_UP) -> str:
    """``open``, ``given``, ``not_yet`` (event not over) or ``not_participant``; pass the user's registration
    if the caller has it already."""
    if registration is _LOOK_UP:
        registration = Registration.objects.filter(event=event, user=user).first() if user.is_authenticated else None
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        return "not_participant"
    if timezone.now() < event.end:
        return "not_yet"
    if Feedback.objects.filter(registration=registration).exists():
        return "given"
    return "open"


@transaction.atomic
def submit_feedback(*, acting_user, event: Event, rating: int, most_useful: str, comment: str = "") -> Feedback:
    state = feedback_state(acting_user, event)
    if state == "not_participant":
        raise PermissionDenied
    if state == "given":
        raise ValidationError(_("You have already given feedback on this event. Thank you!"))
    if state == "not_yet":
        raise ValidationError(_("The survey opens when the event is over."))
    registration = Registration.objects.select_for_update().get(event=event, user=acting_user)
    feedback = Feedback(registration=registration, rating=rating, most_useful=most_useful, comment=comment.strip())
    feedback.full_clean()
    feedback.save()
    audit.log("event.feedback_given", actor=acting_user, obj=feedback, event=event.pk)
    return feedback


# --- personal calendar feed ------------------------------------------------------------------------------------


def calendar_feed_for(user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def regenerate_calendar_feed(*, acting_user) -> CalendarFeed:
    """A new secret address; calendar programs subscribed to the old one stop receiving updates."""
    if not acting_user.is_authenticated:
        raise PermissionDenied
    CalendarFeed.objects.filter(user=acting_user).delete()
    feed = CalendarFeed.objects.create(user=acting_user)
    audit.log("event.calendar_feed_regenerated", actor=acting_user, obj=feed)
    return feed
