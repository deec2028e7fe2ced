import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, is_coordinator=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person who can log in. Roles beyond 'individual' come from flags and role links:

    platform coordinator (``is_coordinator``), cluster manager (``Cluster.managers``),
    member representative (``Organisation.representatives``).
    """

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    is_coordinator = models.BooleanField(
        _("platform coordinator"), default=False, help_text=_("Runs the cross-cluster space.")
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="de")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email


def _new_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An e-mailed link that creates an account with a role, or adds the role to an existing one."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Platform coordinator")
        CLUSTER_MANAGER = "cluster_manager", _("Cluster manager")
        REPRESENTATIVE = "representative", _("Member representative")
        INDIVIDUAL = "individual", _("Individual")

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    cluster = models.ForeignKey(
        "directory.Cluster", verbose_name=_("cluster"), null=True, blank=True, on_delete=models.CASCADE
    )
    organisation = models.ForeignKey(
        "directory.Organisation", verbose_name=_("organisation"), null=True, blank=True, on_delete=models.CASCADE
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    accepted = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked = models.DateTimeField(null=True, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="de")
    message = models.TextField(_("personal message"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"

    @property
    def is_usable(self):
        return self.accepted is None and self.revoked is None and self.expires > timezone.now()

    @property
    def is_new_organisation(self):
        """A representative invitation without an organisation brings a new organisation into ``cluster``."""
        return self.role == self.Role.REPRESENTATIVE and self.organisation_id is None and self.cluster_id is not None

    @property
    def status(self):
        if self.accepted:
            return "accepted"
        if self.revoked:
            return "revoked"
        if self.expires <= timezone.now():
            return "expired"
        return "pending"

    def get_status_display(self):
        return {
            "accepted": _("accepted"),
            "revoked": _("revoked"),
            "expired": _("expired"),
            "pending": _("pending"),
        }[self.status]

    def target_display(self):
        """What the role is for, in words: the organisation, the cluster, or a new organisation in a cluster."""
        if self.organisation_id:
            return str(self.organisation)
        if self.is_new_organisation:
            return _("new organisation in %(cluster)s") % {"cluster": self.cluster}
        if self.cluster_id:
            return str(self.cluster)
        return ""


# What the audit log shows for an action code; unknown codes are shown as they are.
AUDIT_ACTION_LABELS = {
    "cluster.created": _("Cluster created"),
    "cluster.updated": _("Cluster changed"),
    "cluster.deleted": _("Cluster deleted"),
    "organisation.created": _("Organisation created"),
    "organisation.updated": _("Organisation changed"),
    "organisation.deleted": _("Organisation deleted"),
    "membership.requested": _("Membership requested"),
    "membership.invited": _("Organisation invited to a cluster"),
    "membership.approved": _("Membership approved"),
    "membership.declined": _("Membership declined"),
    "membership.ended": _("Membership ended"),
    "membership.created_by_invitation": _("Membership created by invitation"),
    "person.created": _("Person added"),
    "person.updated": _("Person changed"),
    "person.deleted": _("Person removed"),
    "invitation.sent": _("Invitation sent"),
    "invitation.accepted": _("Invitation accepted"),
    "invitation.revoked": _("Invitation revoked"),
    "user.created_by_invitation": _("Account created by invitation"),
    "user.profile_updated": _("Profile changed"),
    "directory.import.organisations": _("Organisations imported"),
    "directory.import.memberships": _("Memberships imported"),
    "demo.loaded": _("Demo data loaded"),
}


def register_audit_labels(labels: dict) -> None:
    """Each app names its own audit actions (call it from the app's ``AppConfig.ready``)."""
    AUDIT_ACTION_LABELS.update(labels)


def audit_action_label(action: str) -> str:
    return AUDIT_ACTION_LABELS.get(action, action)


class AuditLogEntry(models.Model):
    """Who changed what, when: written by every service function that writes."""

    created = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.created:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    @property
    def action_label(self):
        return audit_action_label(self.action)
