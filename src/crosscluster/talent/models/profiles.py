"""Skilled-worker profiles: a person's own, shown to employers only while the person consents."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .common import MAX_LEVEL, MIN_LEVEL, EscoSkillRow, Located, SkillLevel, coordinates_constraints

# Languages a profile can list (ISO 639-1); the names come from Django's own (translated) language list.
PROFILE_LANGUAGES = (
    "de", "en", "ar", "bg", "cs", "da", "el", "es", "fa", "fi", "fr", "hr", "hu", "it", "ja", "ko", "lt", "nl",
    "no", "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "tr", "uk", "vi", "zh-hans",
)  # fmt: skip


def is_employer(user) -> bool:
    """Who may look for candidates: member representatives (they hire for their organisations) and coordinators."""
    from ..roles import is_employer

    return is_employer(user)


class WorkerProfileQuerySet(models.QuerySet):
    def consenting(self):
        return self.filter(consent=True)

    def visible_to(self, user):
        """The person's own profile; for employers the profiles whose owners consented. Nothing else, ever."""
        if not user.is_authenticated:
            return self.none()
        if is_employer(user):
            return self.filter(Q(consent=True) | Q(user=user))
        return self.filter(user=user)


class WorkerProfile(Located):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="worker_profile"
    )
    headline = models.CharField(
        _("headline"), max_length=200, help_text=_("For example “Welder with 10 years in shipbuilding”.")
    )
    about = models.TextField(_("about me"), blank=True)
    occupation_uri = models.CharField(_("ESCO occupation"), max_length=200, blank=True)
    occupation_label = models.CharField(_("occupation"), max_length=300, blank=True)
    years_experience = models.PositiveSmallIntegerField(_("years of professional experience"), default=0)
    available_from = models.DateField(_("available from"), null=True, blank=True, help_text=_("Empty: now."))
    available_to = models.DateField(_("available until"), null=True, blank=True, help_text=_("Empty: open-ended."))
    commute_km = models.PositiveSmallIntegerField(_("commute radius (km)"), null=True, blank=True)
    relocate = models.BooleanField(_("willing to relocate"), default=False)
    consent = models.BooleanField(
        _("visible to employers"),
        default=False,
        help_text=_("Only with your consent do employers see your profile and find it among their matches."),
    )
    consent_given = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_revoked = models.DateTimeField(_("consent revoked"), null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True, db_index=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = WorkerProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("skilled-worker profile")
        verbose_name_plural = _("skilled-worker profiles")
        ordering = ["-updated", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(available_to__isnull=True)
                | Q(available_from__isnull=True)
                | Q(available_to__gte=F("available_from")),
                name="profile_available_to_after_from",
                violation_error_message=_("“Available until” cannot be before “available from”."),
            ),
            models.CheckConstraint(
                condition=Q(years_experience__lte=70),
                name="profile_years_experience_at_most_70",
                violation_error_message=_("Years of experience must be between 0 and 70."),
            ),
            models.CheckConstraint(
                condition=Q(commute_km__isnull=True) | Q(commute_km__gte=1, commute_km__lte=1000),
                name="profile_commute_1_to_1000_km",
                violation_error_message=_("The commute radius must be between 1 and 1,000 km."),
            ),
            *coordinates_constraints("profile"),
        ]

    def __str__(self):
        return f"{self.display_name} — {self.headline}"

    def get_absolute_url(self):
        return reverse("talent:candidate", kwargs={"pk": self.pk})

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.email


class ProfileSkill(EscoSkillRow):
    profile = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="skills")
    level = models.PositiveSmallIntegerField(_("skill level"), choices=SkillLevel.choices, default=SkillLevel.ADVANCED)

    class Meta(EscoSkillRow.Meta):
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(fields=["profile", "uri"], name="profile_skill_once"),
            models.CheckConstraint(
                condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL),
                name="profile_skill_level_1_to_5",
                violation_error_message=_("Choose a level from 1 to 5."),
            ),
        ]


class ProfileLanguage(models.Model):
    class Level(models.TextChoices):
        A1 = "A1", _("A1 – beginner")
        A2 = "A2", _("A2 – elementary")
        B1 = "B1", _("B1 – intermediate")
        B2 = "B2", _("B2 – upper intermediate")
        C1 = "C1", _("C1 – advanced")
        C2 = "C2", _("C2 – proficient")
        NATIVE = "native", _("Native language")

    profile = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=10)
    level = models.CharField(_("language level"), max_length=6, choices=Level.choices, default=Level.B2)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["profile", "language"], name="profile_language_once")]

    def __str__(self):
        return f"{self.language} ({self.level})"
