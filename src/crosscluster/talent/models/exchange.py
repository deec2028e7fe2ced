"""The staff exchange ("Personalpartnerschaft"): organisations offer or request staff for a while, and agree.

A staff post never names a person: it describes skills, period, place, conditions and head count (an anonymised
profile). Organisations settle who goes in the agreement they make between themselves; the platform only
brokers and records the state of the agreement.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crosscluster.directory.models import Membership, Organisation

from .common import EscoSkillRow, Located, SkillLevel, coordinates_constraints, is_coordinator


def uses_staff_exchange(user) -> bool:
    """Member representatives, cluster managers and coordinators; individuals have no organisation to lend from."""
    from ..roles import uses_staff_exchange

    return uses_staff_exchange(user)


class StaffPostQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=StaffPost.Status.PUBLISHED)

    def managed_by(self, user):
        if not user.is_authenticated:
            return self.none()
        if is_coordinator(user):
            return self.all()
        return self.filter(organisation__representatives=user)

    def visible_to(self, user):
        """Published posts for everyone who uses the staff exchange; drafts and closed ones for their organisation."""
        if not uses_staff_exchange(user):
            return self.none()
        if is_coordinator(user):
            return self.all()
        mine = Organisation.objects.filter(representatives=user).values("pk")
        return self.filter(Q(status=StaffPost.Status.PUBLISHED) | Q(organisation__in=mine))


class StaffPost(Located):
    class Kind(models.TextChoices):
        OFFER = "offer", _("Staff offered")
        REQUEST = "request", _("Staff requested")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="staff_posts"
    )
    kind = models.CharField(_("offer or request"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("tasks and profile"), blank=True)
    conditions = models.TextField(
        _("conditions"), blank=True, help_text=_("Working hours, cost sharing, equipment, preferred legal model…")
    )
    occupation_uri = models.CharField(_("ESCO occupation"), max_length=200, blank=True)
    occupation_label = models.CharField(_("occupation"), max_length=300, blank=True)
    head_count = models.PositiveSmallIntegerField(_("number of people"), default=1)
    period_from = models.DateField(_("from"))
    period_to = models.DateField(_("until"))
    radius_km = models.PositiveSmallIntegerField(_("radius (km)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True, db_index=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = StaffPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff exchange post")
        verbose_name_plural = _("staff exchange posts")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_to__gte=F("period_from")),
                name="staff_post_period_order",
                violation_error_message=_("The period cannot end before it begins."),
            ),
            models.CheckConstraint(
                condition=Q(head_count__gte=1, head_count__lte=1000),
                name="staff_post_head_count_1_to_1000",
                violation_error_message=_("The number of people must be between 1 and 1,000."),
            ),
            models.CheckConstraint(
                condition=Q(radius_km__isnull=True) | Q(radius_km__gte=1, radius_km__lte=1000),
                name="staff_post_radius_1_to_1000",
                violation_error_message=_("The radius must be between 1 and 1,000 km."),
            ),
            *coordinates_constraints("staff_post"),
        ]
        indexes = [models.Index(fields=["status", "kind", "-published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("talent:staff_detail", kwargs={"pk": self.pk})

    @property
    def is_offer(self):
        return self.kind == self.Kind.OFFER

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class StaffPostSkill(EscoSkillRow):
    post = models.ForeignKey(StaffPost, on_delete=models.CASCADE, related_name="skills")
    level = models.PositiveSmallIntegerField(_("skill level"), choices=SkillLevel.choices, default=SkillLevel.ADVANCED)

    class Meta(EscoSkillRow.Meta):
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [models.UniqueConstraint(fields=["post", "uri"], name="staff_post_skill_once")]


class StaffAgreementQuerySet(models.QuerySet):
    def current(self):
        return self.filter(status__in=StaffAgreement.CURRENT_STATUSES)

    def of_organisations(self, organisations):
        return self.filter(Q(lender__in=organisations) | Q(borrower__in=organisations))

    def party_of(self, user):
        """Agreements the user's organisations are party to (and may act on)."""
        if not user.is_authenticated:
            return self.none()
        return self.of_organisations(Organisation.objects.filter(representatives=user).values("pk"))

    def visible_to(self, user):
        """The parties' representatives; the managers of a cluster either party is an active member of;
        coordinators all."""
        if not user.is_authenticated:
            return self.none()
        if is_coordinator(user):
            return self.all()
        mine = Organisation.objects.filter(representatives=user).values("pk")
        members = Membership.objects.active().filter(cluster__managers=user).values("organisation_id")
        return self.filter(Q(lender__in=mine) | Q(borrower__in=mine) | Q(lender__in=members) | Q(borrower__in=members))


class StaffAgreement(models.Model):
    """Who lends whom (by head count), when, for which tasks, under which legal model, and how far it got."""

    class LegalModel(models.TextChoices):
        SIDE_JOB = "side_job", _("Permitted side job (Nebentätigkeit)")
        PAUSED_CONTRACT = "paused_contract", _("Paused main contract plus fixed-term contract with the partner")
        AGENCY_WORK = "agency_work", _("Temporary agency work under the AÜG (Arbeitnehmerüberlassung)")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted by both")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", pgettext_lazy("agreement", "Cancelled")

    class Side(models.TextChoices):
        LENDER = "lender", _("lending organisation")
        BORROWER = "borrower", _("borrowing organisation")

    CURRENT_STATUSES = (Status.PROPOSED, Status.ACCEPTED, Status.ACTIVE)

    lender = models.ForeignKey(
        Organisation, verbose_name=_("lending organisation"), on_delete=models.CASCADE, related_name="staff_lent"
    )
    borrower = models.ForeignKey(
        Organisation, verbose_name=_("borrowing organisation"), on_delete=models.CASCADE, related_name="staff_borrowed"
    )
    offer = models.ForeignKey(
        StaffPost,
        verbose_name=_("staff offer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements_as_offer",
    )
    request = models.ForeignKey(
        StaffPost,
        verbose_name=_("staff request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements_as_request",
    )
    legal_model = models.CharField(_("legal model"), max_length=20, choices=LegalModel.choices)
    period_from = models.DateField(_("from"))
    period_to = models.DateField(_("until"))
    head_count = models.PositiveSmallIntegerField(_("number of people"), default=1)
    tasks = models.TextField(_("tasks"))
    region = models.CharField(_("region or place of work"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_by_side = models.CharField(_("proposed by"), max_length=10, choices=Side.choices)
    lender_accepted_at = models.DateTimeField(_("accepted by the lending organisation"), null=True, blank=True)
    lender_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    borrower_accepted_at = models.DateTimeField(_("accepted by the borrowing organisation"), null=True, blank=True)
    borrower_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activated_at = models.DateTimeField(_("started"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    # Keys of the checklist items (legal.py) the parties marked as settled.
    checklist_done = models.JSONField(_("settled checklist items"), default=list, blank=True)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = StaffAgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff exchange agreement")
        verbose_name_plural = _("staff exchange agreements")
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(lender=F("borrower")),
                name="agreement_between_two_organisations",
                violation_error_message=_("An organisation cannot lend staff to itself."),
            ),
            models.CheckConstraint(
                condition=Q(period_to__gte=F("period_from")),
                name="agreement_period_order",
                violation_error_message=_("The period cannot end before it begins."),
            ),
            models.CheckConstraint(
                condition=Q(head_count__gte=1, head_count__lte=1000),
                name="agreement_head_count_1_to_1000",
                violation_error_message=_("The number of people must be between 1 and 1,000."),
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.lender} → {self.borrower} ({self.period_from:%Y-%m-%d}–{self.period_to:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("talent:agreement_detail", kwargs={"pk": self.pk})

    @property
    def is_current(self):
        return self.status in self.CURRENT_STATUSES

    def accepted_by(self, side: str) -> bool:
        return (self.lender_accepted_at if side == self.Side.LENDER else self.borrower_accepted_at) is not None

    @property
    def months(self) -> float:
        return ((self.period_to - self.period_from).days + 1) / 30.44
