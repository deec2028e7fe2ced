"""Which match notifications went out, so each pair is announced once."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MatchNotification(models.Model):
    class Kind(models.TextChoices):
        JOB_TO_CANDIDATE = "job_candidate", _("New job told to a matching candidate")
        CANDIDATE_TO_EMPLOYER = "candidate_employer", _("New candidate told to the employer of a matching job")
        STAFF = "staff", _("Matching staff offer and request told to the other organisation")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    # job/profile ids, or (request, offer) ids for the staff exchange
    source_id = models.BigIntegerField()
    target_id = models.BigIntegerField()
    score = models.FloatField(default=0)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("match notification")
        verbose_name_plural = _("match notifications")
        constraints = [
            models.UniqueConstraint(fields=["kind", "source_id", "target_id"], name="match_notified_once_per_pair")
        ]

    def __str__(self):
        return f"{self.kind} {self.source_id} → {self.target_id}"
