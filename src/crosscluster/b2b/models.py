"""B2B matchmaking at an event: who takes part (profiles), who asks whom for a meeting, and when and where they meet.

Everything hangs off the events app: ``Matchmaking`` holds an event's settings, a ``Profile`` belongs to a
confirmed ``Registration``. Accepted ``MeetingRequest`` rows are what the optimiser schedules
(``crosscluster.matchmaking``); a ``Meeting`` is one of them placed into a ``Slot`` and at a table: a shared
table ``T1..Tk`` of the slot, or the booth of an exhibitor, or the video room of a remote participant
(``booth:p<profile id>``), exactly as in the optimiser's file format.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crosscluster.directory.models import Organisation, Topic
from crosscluster.events.models import Event, Registration

TIME_LIMIT_MIN, TIME_LIMIT_MAX = 2, 600


class Matchmaking(models.Model):
    """An event's matchmaking: switched on or off, how meetings get their slot, and how far the agenda is published."""

    class Mode(models.TextChoices):
        PARTICIPANTS = "participants", _("Participants pick a free slot when they accept a request")
        ORGANISER = "organiser", _("The organisers schedule all accepted requests")

    class AgendaState(models.TextChoices):
        DRAFT = "draft", _("Not published")
        PRELIMINARY = "preliminary", _("Preliminary")
        FINAL = "final", _("Final")

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="matchmaking")
    enabled = models.BooleanField(
        _("matchmaking is open"), default=False, help_text=_("Participants can create a profile and send requests.")
    )
    mode = models.CharField(_("scheduling"), max_length=12, choices=Mode.choices, default=Mode.ORGANISER)
    max_meetings = models.PositiveSmallIntegerField(
        _("most meetings per participant"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(200)],
        help_text=_("Empty: as many as there are slots."),
    )
    time_limit = models.PositiveSmallIntegerField(
        _("time limit of the optimiser (seconds)"),
        default=30,
        validators=[MinValueValidator(TIME_LIMIT_MIN), MaxValueValidator(TIME_LIMIT_MAX)],
    )
    video_link = models.URLField(
        _("video link for virtual meetings"),
        max_length=500,
        blank=True,
        help_text=_("Empty: the event's video link."),
    )
    agenda_state = models.CharField(
        _("meeting agendas"), max_length=12, choices=AgendaState.choices, default=AgendaState.DRAFT, editable=False
    )
    agenda_published_at = models.DateTimeField(_("agendas published"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("matchmaking")
        verbose_name_plural = _("matchmaking")

    def __str__(self):
        return str(self.event)

    @property
    def participants_pick_slots(self):
        return self.mode == self.Mode.PARTICIPANTS

    @property
    def meeting_video_link(self):
        return self.video_link or self.event.video_link


class ParticipationType(models.Model):
    """A kind of participant (buyer, supplier, remote, ...) with its own caps."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="b2b_types")
    name = models.CharField(_("name"), max_length=80)
    max_meetings = models.PositiveSmallIntegerField(
        _("most meetings"), null=True, blank=True, validators=[MaxValueValidator(200)], help_text=_("Empty: no cap.")
    )
    max_requests = models.PositiveSmallIntegerField(
        _("most requests sent"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(500)],
        help_text=_("How many open or accepted requests one participant of this type may have sent. Empty: no cap."),
    )
    virtual = models.BooleanField(
        _("meets online"),
        default=False,
        help_text=_("Remote participants: their meetings take place by video and need no table."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("participation type")
        verbose_name_plural = _("participation types")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class SlotQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("start", "pk")


class Slot(models.Model):
    """A time in which meetings run in parallel, with a number of shared tables."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="b2b_slots")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    tables = models.PositiveSmallIntegerField(_("shared tables"), validators=[MaxValueValidator(1000)])

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="b2b_slot_ends_after_start",
                violation_error_message=_("A slot must end after it begins."),
            ),
            models.UniqueConstraint(
                fields=["event", "start"],
                name="b2b_slot_start_unique_per_event",
                violation_error_message=_("There is already a slot at this time."),
            ),
        ]

    def __str__(self):
        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        return f"{start:%d.%m. %H:%M}–{end:%H:%M}"

    @property
    def key(self):
        """The slot's id in the optimiser's instance."""
        return f"s{self.pk}"


class ProfileQuerySet(models.QuerySet):
    def active(self):
        """Opted in, with a confirmed place at the event."""
        return self.filter(active=True, registration__status=Registration.Status.CONFIRMED)


class Profile(models.Model):
    """A participant's matchmaking profile at one event (opting in creates it; opting out deactivates it)."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="b2b_profile")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="b2b_profiles")
    active = models.BooleanField(_("takes part in matchmaking"), default=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation in the directory"), null=True, blank=True, on_delete=models.SET_NULL
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    participation_type = models.ForeignKey(
        ParticipationType,
        verbose_name=_("participation type"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="profiles",
    )
    offer = models.TextField(_("what I offer"), max_length=2000, blank=True)
    seek = models.TextField(_("what I am looking for"), max_length=2000, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    max_meetings = models.PositiveSmallIntegerField(
        _("most meetings"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(200)],
        help_text=_("Empty: as many as the event allows."),
    )
    unavailable = models.ManyToManyField(
        Slot, verbose_name=_("slots in which I am not available"), blank=True, related_name="+"
    )
    own_table = models.BooleanField(
        _("exhibitor with a booth"),
        default=False,
        help_text=_("Meetings with this participant take place at the booth."),
    )
    booth = models.CharField(_("booth"), max_length=60, blank=True, help_text=_("For example “Hall B, stand 12”."))
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("matchmaking profile")
        verbose_name_plural = _("matchmaking profiles")
        ordering = ["pk"]
        indexes = [models.Index(fields=["event", "active"])]

    def __str__(self):
        return self.display_name

    @property
    def key(self):
        """The participant's id in the optimiser's instance."""
        return f"p{self.pk}"

    @property
    def display_name(self):
        user = self.registration.user
        return user.get_full_name() or user.email

    @property
    def meets_online(self):
        return self.participation_type_id is not None and self.participation_type.virtual

    @property
    def has_own_room(self):
        """Meetings with this participant need no shared table: a booth or, for remote participants, a video room."""
        return self.own_table or self.meets_online


class MeetingRequestQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=MeetingRequest.LIVE)

    def involving(self, profile):
        return self.filter(Q(sender=profile) | Q(recipient=profile))


class MeetingRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CANCELLED = "cancelled", _("Cancelled (participant left)")

    class Interest(models.TextChoices):
        MUST = "must", _("Must meet")
        WOULD_LIKE = "would_like", _("Would like to meet")

    LIVE = (Status.PENDING, Status.ACCEPTED)
    WEIGHTS = {Interest.MUST: 3.0, Interest.WOULD_LIKE: 1.0}

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="b2b_requests")
    sender = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="sent_requests")
    recipient = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="received_requests")
    # "<lower profile id>-<higher profile id>": one open or accepted request per pair, in either direction.
    pair = models.CharField(max_length=40, editable=False)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    interest = models.CharField(_("interest"), max_length=12, choices=Interest.choices, default=Interest.WOULD_LIKE)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created = models.DateTimeField(_("sent"), default=timezone.now)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = MeetingRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=models.F("recipient")),
                name="b2b_request_not_to_oneself",
                violation_error_message=_("You cannot send a meeting request to yourself."),
            ),
            models.UniqueConstraint(
                fields=["pair"],
                condition=Q(status__in=["pending", "accepted"]),
                name="b2b_one_live_request_per_pair",
                violation_error_message=_("There is already an open or accepted request between you two."),
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.sender} → {self.recipient}"

    def save(self, *args, **kwargs):
        self.pair = self.pair_of(self.sender, self.recipient)
        super().save(*args, **kwargs)

    @staticmethod
    def pair_of(a, b) -> str:
        low, high = sorted((a.pk, b.pk))
        return f"{low}-{high}"

    @property
    def key(self):
        """The request's id in the optimiser's instance."""
        return f"r{self.pk}"

    @property
    def weight(self) -> float:
        return self.WEIGHTS[self.interest]

    @property
    def is_live(self):
        return self.status in self.LIVE

    def other(self, profile):
        return self.recipient if profile.pk == self.sender_id else self.sender


class Meeting(models.Model):
    """An accepted request placed into a slot and at a table (``T3``) or a booth / video room (``booth:p12``).

    ``published``: the participants see it. ``locked``: rescheduling keeps it exactly where it is (published
    meetings and meetings participants booked themselves are locked until an organiser frees them).
    """

    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="b2b_meetings")
    slot = models.ForeignKey(Slot, verbose_name=_("slot"), on_delete=models.RESTRICT, related_name="meetings")
    table = models.CharField(_("table"), max_length=80)
    published = models.BooleanField(_("published"), default=False)
    locked = models.BooleanField(_("kept when rescheduling"), default=False)
    video_link = models.URLField(
        _("video link"), max_length=500, blank=True, help_text=_("Only if this meeting has its own link.")
    )
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__start", "table", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "table"],
                name="b2b_one_meeting_per_table_and_slot",
                violation_error_message=_("This table is already taken in this slot."),
            )
        ]

    def __str__(self):
        return f"{self.request} @ {self.slot} {self.table}"

    def clean(self):
        if self.slot_id and self.event_id and self.slot.event_id != self.event_id:
            raise ValidationError(_("The slot belongs to another event."))

    @property
    def is_shared_table(self):
        return not self.table.startswith("booth:")

    @property
    def table_number(self):
        return int(self.table[1:]) if self.is_shared_table else None

    @property
    def room_profile_id(self):
        """The profile whose booth or video room hosts the meeting (None at a shared table)."""
        return None if self.is_shared_table else int(self.table.removeprefix("booth:p"))


class ScheduleRun(models.Model):
    """One press of "Schedule": the optimiser's progress while it runs in the background, then its result."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the background worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="b2b_runs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    time_limit = models.PositiveSmallIntegerField(_("time limit (seconds)"))
    progress = models.FloatField(_("progress"), default=0.0)
    message = models.CharField(_("phase"), max_length=200, blank=True)
    created = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated = models.DateTimeField(default=timezone.now)
    requests = models.PositiveIntegerField(_("accepted requests"), default=0)
    fixed = models.PositiveIntegerField(_("meetings kept"), default=0)
    meetings = models.PositiveIntegerField(_("meetings scheduled"), default=0)
    score = models.FloatField(_("score"), null=True, blank=True)
    bound = models.FloatField(_("upper bound"), null=True, blank=True)
    idle_slots = models.PositiveIntegerField(_("idle slots"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("scheduling run")
        verbose_name_plural = _("scheduling runs")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.event} #{self.pk} ({self.status})"

    @property
    def is_active(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def gap(self):
        if self.score is None or self.bound is None:
            return None
        if self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.score) / self.bound)

    @property
    def gap_percent(self):
        gap = self.gap
        return None if gap is None else round(gap * 100, 2)

    @property
    def percent(self):
        return round(min(max(self.progress, 0.0), 1.0) * 100)
