"""Live polls of an event: the question and its options, and one ballot per participant.

A poll belongs to an event and, optionally, to one of its sessions. Organisers open and close it live; a
confirmed participant (``events.Registration``) casts one ballot (``Vote``) and may change it while the poll is
open: the ballot row is replaced in place, so a participant never counts twice (unique on poll and
registration, written with an upsert). Ballots record who voted for the one-vote rule only: results show
counts, never names, unless the organiser marked the poll as named (and then only in the export).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crosscluster.events.models import Event, Registration, Session

SCALE_MIN = 1
SCALE_MAX_LIMIT = 10
TEXT_LENGTH_LIMIT = 200


class PollQuerySet(models.QuerySet):
    def of_event(self, event):
        return self.filter(event=event)

    def announced(self):
        """Polls participants know about: open or closed (drafts are the organisers' own)."""
        return self.exclude(state=Poll.State.DRAFT)

    def open(self):
        return self.filter(state=Poll.State.OPEN)


class Poll(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        RATING = "rating", _("Rating scale")
        TEXT = "text", _("Short text (word cloud)")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", pgettext_lazy("poll", "Open")
        CLOSED = "closed", pgettext_lazy("poll", "Closed")

    class ResultsVisibility(models.TextChoices):
        NEVER = "never", _("Never (organisers only)")
        AFTER_CLOSE = "after_close", _("After the poll has closed")
        LIVE = "live", _("Live, while voting")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="polls")
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="polls",
        help_text=_("Empty: a poll of the whole event."),
    )
    question = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    max_choices = models.PositiveSmallIntegerField(
        _("at most this many choices"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Multiple choice only. Empty: as many as there are options."),
    )
    scale_max = models.PositiveSmallIntegerField(
        _("scale from 1 to"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(SCALE_MAX_LIMIT)],
    )
    scale_min_label = models.CharField(_("label of the lowest value"), max_length=60, blank=True)
    scale_max_label = models.CharField(_("label of the highest value"), max_length=60, blank=True)
    text_max_length = models.PositiveSmallIntegerField(
        _("longest answer (characters)"),
        default=80,
        validators=[MinValueValidator(10), MaxValueValidator(TEXT_LENGTH_LIMIT)],
    )
    results_visibility = models.CharField(
        _("results shown to participants"),
        max_length=12,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.AFTER_CLOSE,
    )
    is_named = models.BooleanField(
        _("named poll"),
        default=False,
        help_text=_("The results export lists who voted what. Participants are told before they vote."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    position = models.PositiveIntegerField(_("position"), default=0)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)

    objects = PollQuerySet.as_manager()

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gte=2, scale_max__lte=SCALE_MAX_LIMIT),
                name="poll_scale_2_to_10",
                violation_error_message=_("The scale must reach from 1 to between 2 and 10."),
            ),
            models.CheckConstraint(
                condition=Q(text_max_length__gte=10, text_max_length__lte=TEXT_LENGTH_LIMIT),
                name="poll_text_length_10_to_200",
                violation_error_message=_("Answers may be between 10 and 200 characters long."),
            ),
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | Q(max_choices__gte=1),
                name="poll_max_choices_at_least_1",
                violation_error_message=_("Allow at least one choice."),
            ),
        ]
        indexes = [models.Index(fields=["event", "state"])]

    def __str__(self):
        return self.question

    @property
    def is_choice(self):
        return self.kind in self.CHOICE_KINDS

    @property
    def is_open(self):
        return self.state == self.State.OPEN

    @property
    def is_closed(self):
        return self.state == self.State.CLOSED

    @property
    def is_draft(self):
        return self.state == self.State.DRAFT

    @property
    def choice_limit(self) -> int | None:
        """How many options a ballot may mark: 1 for single choice, ``max_choices`` (or all) for multiple."""
        if self.kind == self.Kind.SINGLE:
            return 1
        if self.kind == self.Kind.MULTIPLE:
            return self.max_choices
        return None

    @property
    def results_public(self) -> bool:
        """Whether participants may see the results now (organisers always may)."""
        if self.results_visibility == self.ResultsVisibility.LIVE:
            return self.state != self.State.DRAFT
        if self.results_visibility == self.ResultsVisibility.AFTER_CLOSE:
            return self.state == self.State.CLOSED
        return False

    def scale_values(self) -> list[int]:
        return list(range(SCALE_MIN, self.scale_max + 1))


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("option"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class Vote(models.Model):
    """One participant's ballot in one poll; changing the vote rewrites this row (the latest counts).

    ``choices`` holds the chosen option ids in ascending order (single and multiple choice), ``rating`` a value
    of the scale, ``text`` a short answer; the other fields stay empty.
    """

    poll = models.ForeignKey(Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="votes")
    registration = models.ForeignKey(
        Registration, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="poll_votes"
    )
    choices = models.JSONField(_("chosen options"), default=list, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    text = models.CharField(_("answer"), max_length=TEXT_LENGTH_LIMIT, blank=True)
    created = models.DateTimeField(_("first voted"), default=timezone.now)
    updated = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "registration"],
                name="one_vote_per_poll_and_participant",
                violation_error_message=_("This participant has already voted in this poll."),
            ),
        ]

    def __str__(self):
        return f"{self.poll} — {self.registration_id}"
