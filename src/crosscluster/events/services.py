"""Writes to events and their programme. Every function runs in one transaction and leaves an audit-log entry.

Registrations, agendas, check-in and feedback are in ``registrations.py``.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from crosscluster.accounts import audit

from . import notifications
from .models import Event, Registration, Room, Session, Speaker, Track

# Words the web UI uses in URLs next to event slugs ("/events/new/"): never a slug.
RESERVED_SLUGS = {"new", "my", "calendar", "feed"}
# Changes that calendar programs must pick up (the iCalendar SEQUENCE goes up).
CALENDAR_FIELDS = {"title_de", "title_en", "start", "end", "venue", "address", "format", "status"}


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def unique_event_slug(title: str, *, exclude_pk=None) -> str:
    base = slugify(title.replace("ß", "ss"))[:100] or "event"
    slug, n = base, 1
    qs = Event.objects.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while slug in RESERVED_SLUGS or qs.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _is_coordinator(user):
    return user.is_coordinator or user.is_superuser


def _check_event(event: Event, *, acting_user, clusters) -> None:
    """Rules that need more than the event row: who may organise, which cluster may see it, time order."""
    errors = {}
    if event.start and event.end and event.end <= event.start:
        errors["end"] = _("The event must end after it begins.")
    opens, closes = event.registration_opens, event.registration_closes
    if opens and closes and closes <= opens:
        errors["registration_closes"] = _("Registration must close after it opens.")
    if closes and event.end and closes > event.end:
        errors["registration_closes"] = _("Registration cannot close after the event has ended.")
    if opens and event.end and opens >= event.end:
        errors["registration_opens"] = _("Registration must open before the event ends.")
    if not _is_coordinator(acting_user):
        managed = set(acting_user.managed_clusters.values_list("pk", flat=True))
        if not managed & {c.pk for c in clusters}:
            errors["clusters"] = _("Choose at least one cluster you manage as an organiser.")
    if event.visibility == Event.Visibility.CLUSTER:
        if event.visible_cluster is None:
            errors["visible_cluster"] = _("Choose the cluster whose members may see this event.")
        elif clusters and event.visible_cluster not in clusters:
            errors["visible_cluster"] = _("The cluster must be one of the organising clusters.")
    else:
        event.visible_cluster = None
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_event(*, acting_user, data: dict, clusters=(), topics=()) -> Event:
    _require(acting_user, "events.add_event")
    clusters = list(clusters)
    event = Event(**data, created_by=acting_user)
    _check_event(event, acting_user=acting_user, clusters=clusters)
    event.slug = unique_event_slug(event.title_de or event.title_en or "")
    event.full_clean()
    event.save()
    event.clusters.set(clusters)
    event.topics.set(topics)
    audit.log("event.created", actor=acting_user, obj=event)
    return event


@transaction.atomic
def update_event(event: Event, *, acting_user, data: dict, clusters=None, topics=None) -> Event:
    """Change an event. More capacity promotes people from the waiting list; cancelling tells participants."""
    _require(acting_user, "events.change_event", event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    was_cancelled = event.status == Event.Status.CANCELLED
    changed = []
    for field, value in data.items():
        if getattr(event, field) != value:
            changed.append(field)
            setattr(event, field, value)
    clusters = list(event.clusters.all()) if clusters is None else list(clusters)
    _check_event(event, acting_user=acting_user, clusters=clusters)
    confirmed = event.registrations.confirmed().count()
    if event.capacity is not None and event.capacity < confirmed:
        raise ValidationError(
            {
                "capacity": _("%(count)s participants are already confirmed; the capacity cannot be lower than that.")
                % {"count": confirmed}
            }
        )
    if CALENDAR_FIELDS & set(changed):
        event.sequence += 1
    event.full_clean()
    event.save()
    event.clusters.set(clusters)
    if topics is not None:
        event.topics.set(topics)
    promoted = []
    if event.status == Event.Status.CANCELLED and not was_cancelled:
        for registration in event.registrations.live():
            notifications.send_after_commit(registration, "event_cancelled")
    elif event.status == Event.Status.PUBLISHED:
        from .registrations import promote_waitlisted

        promoted = promote_waitlisted(event, acting_user=acting_user)
    audit.log("event.updated", actor=acting_user, obj=event, changed=sorted(changed), promoted=len(promoted))
    return event


# --- programme -------------------------------------------------------------------------------------------------


def _named(model, event, name: str):
    """The track or room of this event with that name, created on first use; None for an empty name."""
    name = " ".join((name or "").split())
    if not name:
        return None
    found = model.objects.filter(event=event, name__iexact=name).first()
    if found:
        return found
    if model is Track:
        position = event.tracks.count()
        return Track.objects.create(event=event, name=name, position=position)
    return model.objects.create(event=event, name=name)


def _check_session(session: Session, event: Event, speakers) -> None:
    errors = {}
    if session.start and session.end:
        if session.end <= session.start:
            errors["end"] = _("The session must end after it begins.")
        elif session.start < event.start or session.end > event.end:
            errors["start"] = _("The session must lie within the event (%(start)s to %(end)s).") % {
                "start": _local(event.start),
                "end": _local(event.end),
            }
    foreign = [s for s in speakers if s.event_id != event.pk]
    if foreign:
        errors["speakers"] = _("Speakers must belong to this event.")
    if session.pk and session.capacity is not None:
        chosen = session.agenda_items.count()
        if session.capacity < chosen:
            errors["capacity"] = _(
                "%(count)s participants have already chosen this session; the capacity cannot be lower than that."
            ) % {"count": chosen}
    if errors:
        raise ValidationError(errors)


def _local(moment):
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


@transaction.atomic
def create_session(*, acting_user, event: Event, data: dict, track="", room="", speakers=()) -> Session:
    _require(acting_user, "events.change_event", event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    speakers = list(speakers)
    session = Session(event=event, **data)
    _check_session(session, event, speakers)
    session.track = _named(Track, event, track)
    session.room = _named(Room, event, room)
    session.full_clean()
    session.save()
    session.speakers.set(speakers)
    audit.log("event.session_created", actor=acting_user, obj=session, event=event.pk)
    return session


@transaction.atomic
def update_session(session: Session, *, acting_user, data: dict, track="", room="", speakers=()) -> Session:
    event = session.event
    _require(acting_user, "events.change_event", event)
    session = Session.objects.select_for_update().get(pk=session.pk)
    speakers = list(speakers)
    changed = [field for field, value in data.items() if getattr(session, field) != value]
    for field, value in data.items():
        setattr(session, field, value)
    _check_session(session, event, speakers)
    session.track = _named(Track, event, track)
    session.room = _named(Room, event, room)
    session.full_clean()
    session.save()
    session.speakers.set(speakers)
    _drop_unused(event)
    audit.log("event.session_updated", actor=acting_user, obj=session, event=event.pk, changed=sorted(changed))
    return session


@transaction.atomic
def delete_session(session: Session, *, acting_user) -> None:
    event = session.event
    _require(acting_user, "events.change_event", event)
    audit.log("event.session_deleted", actor=acting_user, obj=session, event=event.pk)
    session.delete()
    _drop_unused(event)


def _drop_unused(event):
    """Tracks and rooms exist through their sessions; one no session uses any more goes."""
    Track.objects.filter(event=event).annotate(n=Count("sessions")).filter(n=0).delete()
    Room.objects.filter(event=event).annotate(n=Count("sessions")).filter(n=0).delete()


@transaction.atomic
def save_speaker(*, acting_user, event: Event, data: dict, speaker: Speaker | None = None) -> Speaker:
    _require(acting_user, "events.change_event", event)
    if speaker is not None and speaker.event_id != event.pk:
        raise PermissionDenied
    speaker = speaker or Speaker(event=event)
    for field, value in data.items():
        setattr(speaker, field, value)
    speaker.full_clean()
    created = speaker.pk is None
    speaker.save()
    audit.log("event.speaker_created" if created else "event.speaker_updated", actor=acting_user, obj=speaker)
    return speaker


@transaction.atomic
def delete_speaker(speaker: Speaker, *, acting_user) -> None:
    _require(acting_user, "events.change_event", speaker.event)
    audit.log("event.speaker_deleted", actor=acting_user, obj=speaker, event=speaker.event_id)
    speaker.delete()


def registration_counts(event: Event) -> dict:
    counts = dict(event.registrations.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: counts.get(status, 0) for status in Registration.Status.values}
