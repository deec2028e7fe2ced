"""Job postings of organisations and the applications they receive."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crosscluster.directory.models import Organisation

from .common import EscoSkillRow, Located, coordinates_constraints, is_coordinator


class JobPostingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=JobPosting.Status.PUBLISHED)

    def managed_by(self, user):
        """Postings a user may edit and whose applications they handle: their organisations' (coordinators all)."""
        if not user.is_authenticated:
            return self.none()
        if is_coordinator(user):
            return self.all()
        return self.filter(organisation__representatives=user)

    def visible_to(self, user):
        """Published postings for everyone; drafts and closed ones for their organisation and their applicants."""
        published = Q(status=JobPosting.Status.PUBLISHED)
        if not user.is_authenticated:
            return self.filter(published)
        if is_coordinator(user):
            return self.all()
        mine = Organisation.objects.filter(representatives=user).values("pk")
        applied = Application.objects.filter(applicant=user).values("job_id")
        return self.filter(published | Q(organisation__in=mine) | Q(pk__in=applied))


class JobPosting(Located):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    class ContractType(models.TextChoices):
        PERMANENT = "permanent", _("Permanent")
        FIXED_TERM = "fixed_term", _("Fixed-term")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
        INTERNSHIP = "internship", _("Internship")
        WORKING_STUDENT = "working_student", _("Working student")
        FREELANCE = "freelance", _("Freelance")

    class WorkingTime(models.TextChoices):
        FULL_TIME = "full_time", _("Full-time")
        PART_TIME = "part_time", _("Part-time")
        FULL_OR_PART_TIME = "full_or_part_time", _("Full- or part-time")

    class SalaryPeriod(models.TextChoices):
        YEAR = "year", _("per year")
        MONTH = "month", _("per month")
        HOUR = "hour", _("per hour")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="job_postings"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    occupation_uri = models.CharField(_("ESCO occupation"), max_length=200, blank=True)
    occupation_label = models.CharField(_("occupation"), max_length=300, blank=True)
    remote_share = models.PositiveSmallIntegerField(
        _("remote work (%)"), default=0, help_text=_("Share of working time that can be done remotely, 0 to 100.")
    )
    working_time = models.CharField(
        _("working time"), max_length=20, choices=WorkingTime.choices, default=WorkingTime.FULL_TIME
    )
    weekly_hours = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True, help_text=_("Empty: as soon as possible."))
    contract_type = models.CharField(
        _("contract type"), max_length=20, choices=ContractType.choices, default=ContractType.PERMANENT
    )
    salary_min = models.PositiveIntegerField(_("salary from (EUR)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salary up to (EUR)"), null=True, blank=True)
    salary_period = models.CharField(
        _("salary period"), max_length=10, choices=SalaryPeriod.choices, default=SalaryPeriod.YEAR
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True, db_index=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = JobPostingQuerySet.as_manager()

    class Meta:
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(remote_share__lte=100),
                name="job_remote_share_at_most_100",
                violation_error_message=_("The share of remote work is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=Q(weekly_hours__isnull=True) | Q(weekly_hours__gte=1, weekly_hours__lte=60),
                name="job_weekly_hours_1_to_60",
                violation_error_message=_("Hours per week must be between 1 and 60."),
            ),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True) | Q(salary_max__isnull=True) | Q(salary_max__gte=F("salary_min")),
                name="job_salary_min_at_most_max",
                violation_error_message=_("The lowest salary cannot be higher than the highest."),
            ),
            *coordinates_constraints("job"),
        ]
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("talent:job_detail", kwargs={"pk": self.pk})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class JobSkill(EscoSkillRow):
    """A skill a posting asks for: required (essential) or optional (nice to have)."""

    job = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="skills")
    essential = models.BooleanField(pgettext_lazy("skill", "required"), default=True)

    class Meta(EscoSkillRow.Meta):
        verbose_name = _("required skill")
        verbose_name_plural = _("skills")
        constraints = [models.UniqueConstraint(fields=["job", "uri"], name="job_skill_once")]


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The applicant's own; those of postings the user manages."""
        if not user.is_authenticated:
            return self.none()
        if is_coordinator(user):
            return self.all()
        managed = JobPosting.objects.managed_by(user).values("pk")
        return self.filter(Q(applicant=user) | Q(job__in=managed))

    def open(self):
        return self.exclude(status__in=Application.FINAL_STATUSES)


class Application(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_REVIEW = "in_review", _("In review")
        INTERVIEW = "interview", _("Interview")
        OFFER = "offer", _("Offer made")
        HIRED = "hired", _("Hired")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    FINAL_STATUSES = (Status.HIRED, Status.REJECTED, Status.WITHDRAWN)
    # The pipeline as the employer moves it: each stage may go to the next ones or end in a rejection.
    EMPLOYER_STEPS = {
        Status.RECEIVED: (Status.IN_REVIEW, Status.INTERVIEW, Status.REJECTED),
        Status.IN_REVIEW: (Status.INTERVIEW, Status.OFFER, Status.REJECTED),
        Status.INTERVIEW: (Status.OFFER, Status.REJECTED),
        Status.OFFER: (Status.HIRED, Status.REJECTED),
    }

    job = models.ForeignKey(
        JobPosting, verbose_name=_("job posting"), on_delete=models.CASCADE, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applicant"), on_delete=models.CASCADE, related_name="job_applications"
    )
    message = models.TextField(_("cover letter"), blank=True)
    share_profile = models.BooleanField(_("skilled-worker profile shared"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    note = models.TextField(_("internal note"), blank=True)
    created = models.DateTimeField(_("applied"), default=timezone.now)
    status_changed = models.DateTimeField(_("status changed"), default=timezone.now)
    updated = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["job", "applicant"], name="one_application_per_job")]
        indexes = [models.Index(fields=["job", "status"])]

    def __str__(self):
        return f"{self.applicant} — {self.job}"

    def get_absolute_url(self):
        return reverse("talent:application_detail", kwargs={"pk": self.pk})

    @property
    def is_final(self):
        return self.status in self.FINAL_STATUSES

    def next_statuses(self):
        return self.EMPLOYER_STEPS.get(self.status, ())
