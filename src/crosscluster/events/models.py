"""Events, their programme, and who takes part.

``Registration`` is the participant: later parts of the events domain (live polls, B2B matchmaking) hang their
votes, profiles and meetings off a registration, so it is kept for good (cancelling changes its status, a new
registration for the same event reuses the row) and its primary key never changes meaning.

Who counts as a "member" for members-only events: a user who represents an organisation with an active
membership in any cluster, or who manages a cluster (``member_clusters``). Coordinators see everything.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crosscluster.directory.models import Cluster, Membership, Organisation, Person, Topic


def member_clusters(user):
    """Clusters whose members-only and cluster-only events ``user`` may see: managed ones and those their
    organisations are active members of (a queryset of cluster ids, used as a subquery)."""
    return Cluster.objects.filter(
        Q(managers=user)
        | Q(
            memberships__status=Membership.Status.ACTIVE,
            memberships__organisation__representatives=user,
        )
    ).values("pk")


def _open_to_members(collector, field, sub_objs, using):
    """When its cluster is deleted, a one-cluster event stays and becomes an event for members of any cluster."""
    collector.add_field_update(Event._meta.get_field("visibility"), Event.Visibility.MEMBERS, sub_objs)
    collector.add_field_update(field, None, sub_objs)


def _is_coordinator(user):
    return user.is_authenticated and (user.is_coordinator or user.is_superuser)


class EventQuerySet(models.QuerySet):
    def announced(self):
        """Published or cancelled: what the audience sees (a cancelled event stays listed, marked)."""
        return self.filter(status__in=(Event.Status.PUBLISHED, Event.Status.CANCELLED))

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now())

    def managed_by(self, user):
        """Events a user organises: coordinators all, cluster managers those of their clusters."""
        if not user.is_authenticated:
            return self.none()
        if _is_coordinator(user):
            return self.all()
        organised = Event.clusters.through.objects.filter(cluster__managers=user).values("event_id")
        return self.filter(pk__in=organised)

    def visible_to(self, user):
        """What a user may see: the announced events of their audience, what they organise, where they take part.

        Audience: public events for everyone; members-only events for members (see the module docstring);
        one-cluster events for that cluster's managers and the representatives of its active members.
        Drafts only for organisers.
        """
        announced = Q(status__in=(Event.Status.PUBLISHED, Event.Status.CANCELLED))
        if not user.is_authenticated:
            return self.filter(announced, visibility=Event.Visibility.PUBLIC)
        if _is_coordinator(user):
            return self.all()
        clusters = member_clusters(user)
        audience = (
            Q(visibility=Event.Visibility.PUBLIC)
            | (Q(visibility=Event.Visibility.MEMBERS) & Q(Exists(Cluster.objects.filter(pk__in=clusters))))
            | Q(visibility=Event.Visibility.CLUSTER, visible_cluster__in=clusters)
        )
        organised = Event.clusters.through.objects.filter(cluster__managers=user).values("event_id")
        taking_part = Registration.objects.filter(user=user).exclude(status=Registration.Status.CANCELLED)
        return self.filter(
            (announced & audience) | Q(pk__in=organised) | (announced & Q(pk__in=taking_part.values("event_id")))
        )


class Event(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIRTUAL = "virtual", _("Virtual")
        HYBRID = "hybrid", _("Hybrid")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members of any cluster")
        CLUSTER = "cluster", _("Members of one cluster")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    video_link = models.URLField(
        _("video link"), max_length=500, blank=True, help_text=_("Shown only to registered participants.")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    clusters = models.ManyToManyField(
        Cluster,
        verbose_name=_("organising clusters"),
        blank=True,
        related_name="organised_events",
        help_text=_("None: organised by the platform."),
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="events")
    visibility = models.CharField(_("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    visible_cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=_open_to_members,
        related_name="+",
        help_text=_("For events visible to the members of one cluster only."),
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: when the event begins.")
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty: no limit."))
    waitlist_enabled = models.BooleanField(_("waiting list"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)
    # Increased on every change that calendar programs must pick up (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="event_ends_after_start",
                violation_error_message=_("The event must end after it begins."),
            ),
            models.CheckConstraint(
                condition=~Q(visibility="cluster") | Q(visible_cluster__isnull=False),
                name="event_cluster_visibility_names_a_cluster",
                violation_error_message=_("Choose the cluster whose members may see this event."),
            ),
        ]
        indexes = [models.Index(fields=["status", "end"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The event must end after it begins.")})

    @property
    def registration_deadline(self):
        return self.registration_closes or self.start

    def registration_state(self, now=None) -> str:
        """``open``, ``not_yet``, ``closed``, ``cancelled`` or ``draft``."""
        now = now or timezone.now()
        if self.status == self.Status.CANCELLED:
            return "cancelled"
        if self.status == self.Status.DRAFT:
            return "draft"
        if self.registration_opens and now < self.registration_opens:
            return "not_yet"
        if now >= self.registration_deadline or now >= self.end:
            return "closed"
        return "open"

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def has_begun(self):
        return self.start <= timezone.now()

    @property
    def has_venue(self):
        return self.format in (self.Format.IN_PERSON, self.Format.HYBRID)

    @property
    def is_online(self):
        return self.format in (self.Format.VIRTUAL, self.Format.HYBRID)


class Track(models.Model):
    """A line of parallel sessions (e.g. "Aviation", "Maritime"); shown as a column of the programme."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="track_name_unique_per_event")]

    def __str__(self):
        return self.name


class Room(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="room_name_unique_per_event")]

    def __str__(self):
        return self.name


class Speaker(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=150)
    affiliation = models.CharField(_("organisation"), max_length=200, blank=True)
    bio = models.TextField(_("short biography"), blank=True, max_length=2000)
    person = models.ForeignKey(
        Person, verbose_name=_("person in the directory"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name


class Session(models.Model):
    class Kind(models.TextChoices):
        KEYNOTE = "keynote", _("Keynote")
        PANEL = "panel", _("Panel")
        BREAKOUT = "breakout", _("Breakout session")
        SPEED = "speed", _("Speed session")
        EXHIBITION = "exhibition", _("Exhibition")
        NETWORKING = "networking", _("Networking room")
        AWARD = "award", _("Award ceremony")

    # Formats one walks in and out of; they run alongside the programme and never clash in an agenda.
    DROP_IN_KINDS = (Kind.EXHIBITION, Kind.NETWORKING)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.BREAKOUT)
    track = models.ForeignKey(
        Track, verbose_name=_("track"), null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    room = models.ForeignKey(
        Room, verbose_name=_("room"), null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty: no limit."))
    speakers = models.ManyToManyField(Speaker, verbose_name=_("speakers"), blank=True, related_name="sessions")
    video_link = models.URLField(
        _("video link"),
        max_length=500,
        blank=True,
        help_text=_("Only if this session has its own link; shown only to registered participants."),
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "track__position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="session_ends_after_start",
                violation_error_message=_("The session must end after it begins."),
            )
        ]
        indexes = [models.Index(fields=["event", "start"])]

    def __str__(self):
        return self.title

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The session must end after it begins.")})

    @property
    def is_drop_in(self):
        return self.kind in self.DROP_IN_KINDS

    def overlaps(self, other) -> bool:
        return self.start < other.end and other.start < self.end


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED)

    def live(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def waiting_order(self):
        return self.waitlisted().order_by("queued_at", "pk")


class Registration(models.Model):
    """A user's place at an event: confirmed, on the waiting list, or cancelled. One row per event and user."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created = models.DateTimeField(_("registered"), default=timezone.now)
    # When the registration last joined the queue: the waiting list is served in this order.
    queued_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_event_and_user"),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status="confirmed"),
                name="only_confirmed_registrations_check_in",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self):
        return f"{self.user} — {self.event}"

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_waitlisted(self):
        return self.status == self.Status.WAITLISTED


class AgendaItem(models.Model):
    """A session a confirmed participant has chosen; counts against the session's capacity."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="agenda_items")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda_items")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agenda entry")
        verbose_name_plural = _("agenda entries")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="session_once_per_agenda"),
        ]

    def __str__(self):
        return f"{self.registration.user} — {self.session}"


class Feedback(models.Model):
    """The survey after the event: fixed questions, one answer per participant."""

    class MostUseful(models.TextChoices):
        TALKS = "talks", _("Keynotes and talks")
        WORKSHOPS = "workshops", _("Breakout sessions and workshops")
        NETWORKING = "networking", _("Networking")
        EXHIBITION = "exhibition", _("Exhibition")
        MEETINGS = "meetings", _("One-to-one meetings")
        OTHER = "other", _("Something else")

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("overall rating"))
    most_useful = models.CharField(_("most useful part"), max_length=12, choices=MostUseful.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5),
                name="feedback_rating_1_to_5",
                violation_error_message=_("Choose a rating from 1 to 5."),
            ),
        ]

    def __str__(self):
        return f"{self.registration} — {self.rating}"


def _new_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A secret address for one user's personal iCalendar feed; regenerating it retires the old one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("events:personal_feed", kwargs={"token": self.token})
