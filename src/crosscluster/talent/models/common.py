"""Parts the talent models share: a place with coordinates, and an ESCO skill stored as URI plus label."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MIN_LEVEL, MAX_LEVEL = 1, 5


class SkillLevel(models.IntegerChoices):
    BASIC = 1, _("1 – basic")
    INTERMEDIATE = 2, _("2 – intermediate")
    ADVANCED = 3, _("3 – advanced")
    PROFICIENT = 4, _("4 – proficient")
    EXPERT = 5, _("5 – expert")


class Located(models.Model):
    """A place name with optional coordinates (WGS 84); the matching engine measures distances from these."""

    place = models.CharField(_("place"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def coordinates_constraints(prefix: str) -> list:
    return [
        models.CheckConstraint(
            condition=Q(latitude__isnull=True, longitude__isnull=True)
            | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
            name=f"{prefix}_coordinates_valid",
            violation_error_message=_("Give both latitude (−90 to 90) and longitude (−180 to 180), or neither."),
        )
    ]


class EscoSkillRow(models.Model):
    """One ESCO skill of a job, profile or staff post: the URI identifies it, the label is kept for display."""

    uri = models.CharField(_("ESCO skill"), max_length=200)
    label = models.CharField(_("label"), max_length=300)

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self):
        return self.label


def is_coordinator(user) -> bool:
    return bool(user.is_authenticated and (user.is_coordinator or user.is_superuser))
