"""Offers and requests of capacities, materials, services and expertise, the conversations about them, saved
searches with e-mail alerts, and what the platform has already told whom.

Who sees a post (``PostQuerySet.visible_to``): the representatives of the posting organisation always, platform
coordinators always, and — once it is no longer a draft — its audience:

- ``all``: every member of the cross-cluster space, i.e. a user who represents an organisation with an active
  membership in some cluster or who manages a cluster;
- ``own``: members of the clusters the posting organisation is an active member of (their representatives and
  managers);
- ``chosen``: members of the clusters chosen on the post.

Lists show open posts (published or in talks); a closed or expired post stays reachable for its audience by its
address, marked as such, so that people who talked about it can still look it up.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crosscluster.directory.models import Cluster, Membership, Organisation


def in_member_clusters(field: str, user) -> Q:
    """``field`` (a cluster id) is one of the clusters ``user`` belongs to as a member: managed ones and those an
    organisation they represent is an active member of. Two index lookups, no scan over all clusters."""
    managed = Cluster.managers.through.objects.filter(user=user).values("cluster_id")
    member_of = Membership.objects.filter(
        status=Membership.Status.ACTIVE, organisation__in=user.represented_organisations.values("pk")
    ).values("cluster_id")
    return Q(**{f"{field}__in": managed}) | Q(**{f"{field}__in": member_of})


def is_cluster_member(user) -> Q:
    """``user`` belongs to some cluster as a member (manager, or representative of an active member)."""
    managed = Cluster.managers.through.objects.filter(user=user)
    member_of = Membership.objects.filter(
        status=Membership.Status.ACTIVE, organisation__in=user.represented_organisations.values("pk")
    )
    return Q(Exists(managed)) | Q(Exists(member_of))


def _is_coordinator(user):
    return user.is_authenticated and (user.is_coordinator or user.is_superuser)


def _today():
    return timezone.localdate()


class PostQuerySet(models.QuerySet):
    def open(self):
        """Published or in talks: what the lists show and what can be contacted."""
        return self.filter(status__in=Post.OPEN_STATUSES)

    def current(self, today=None):
        """Still valid today (no end, or an end today or later)."""
        today = today or _today()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))

    def matchable(self):
        """What the matching index holds: open and still valid."""
        return self.open().current()

    def of_organisations_represented_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation__in=user.represented_organisations.values("pk"))

    def audience_of(self, user):
        """Posts whose audience includes ``user`` (any status): see the module docstring."""
        return self.filter(_audience(user))

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if _is_coordinator(user):
            return self.all()
        own = Q(organisation__in=user.represented_organisations.values("pk"))
        return self.filter(own | (~Q(status=Post.Status.DRAFT) & _audience(user)))


def _audience(user) -> Q:
    in_own_clusters = Exists(
        Membership.objects.filter(
            in_member_clusters("cluster_id", user), organisation=OuterRef("organisation"),
            status=Membership.Status.ACTIVE,
        )
    )  # fmt: skip
    in_chosen = Exists(
        Post.visible_clusters.through.objects.filter(in_member_clusters("cluster_id", user), post=OuterRef("pk"))
    )
    return (
        (Q(visibility=Post.Visibility.ALL) & is_cluster_member(user))
        | (Q(visibility=Post.Visibility.OWN) & Q(in_own_clusters))
        | (Q(visibility=Post.Visibility.CHOSEN) & Q(in_chosen))
    )


class Post(models.Model):
    """An organisation's offer or request."""

    class Kind(models.TextChoices):
        OFFER = "offer", pgettext_lazy("marketplace post", "Offer")
        REQUEST = "request", pgettext_lazy("marketplace post", "Request")

    class Category(models.TextChoices):
        PRODUCTION = "production", _("Production capacity")
        MATERIALS = "materials", _("Materials and goods")
        SERVICES = "services", _("Services")
        EXPERTISE = "expertise", _("Expertise")
        EQUIPMENT = "equipment", _("Equipment")
        SPACE = "space", _("Space")
        COOPERATION = "cooperation", _("R&D / cooperation partner")

    class Visibility(models.TextChoices):
        ALL = "all", _("Members of all clusters")
        OWN = "own", _("Members of our clusters")
        CHOSEN = "chosen", _("Members of chosen clusters")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        IN_TALKS = "in_talks", _("In talks")
        CLOSED = "closed", pgettext_lazy("marketplace post", "Closed")
        EXPIRED = "expired", _("Expired")

    OPEN_STATUSES = (Status.PUBLISHED, Status.IN_TALKS)
    MAX_RADIUS_KM = 2000

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="marketplace_posts"
    )
    kind = models.CharField(_("offer or request"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    radius_km = models.PositiveIntegerField(_("radius (km)"), default=50)
    valid_from = models.DateField(_("valid from"), default=_today)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    visibility = models.CharField(_("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.ALL)
    visible_clusters = models.ManyToManyField(
        Cluster, verbose_name=_("chosen clusters"), blank=True, related_name="marketplace_posts"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True, db_index=True)  # the matching index follows this column
    search_document = models.TextField(editable=False, blank=True, default="")
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("marketplace post")
        verbose_name_plural = _("marketplace posts")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="marketplace_post_valid_to_after_valid_from",
                violation_error_message=_("“Valid to” must not be before “valid from”."),
            ),
            models.CheckConstraint(
                condition=Q(radius_km__gte=0, radius_km__lte=2000),
                name="marketplace_post_radius_range",
                violation_error_message=_("The radius must be between 0 and 2000 km."),
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0),
                name="marketplace_post_quantity_positive",
                violation_error_message=_("The quantity must be greater than zero."),
            ),
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__gte=-90, latitude__lte=90) & Q(longitude__gte=-180, longitude__lte=180)),
                name="marketplace_post_coordinates",
                violation_error_message=_("Give both coordinates: latitude −90 to 90, longitude −180 to 180."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "kind", "category"]),
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["status", "valid_to"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("marketplace:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def counterpart_kind(self):
        return self.Kind.REQUEST if self.kind == self.Kind.OFFER else self.Kind.OFFER


class ThreadQuerySet(models.QuerySet):
    def of_participant(self, user):
        """Threads ``user`` takes part in: as a representative of the posting or the asking organisation, or as
        the person who asked without an organisation."""
        if not user.is_authenticated:
            return self.none()
        organisations = user.represented_organisations.values("pk")
        return self.filter(
            Q(post__organisation__in=organisations)
            | Q(asking_organisation__in=organisations)
            | Q(asking_organisation__isnull=True, asker=user)
        )

    def visible_to(self, user):
        """Only the two sides and platform coordinators read a conversation."""
        if _is_coordinator(user):
            return self.all()
        return self.of_participant(user)


class Thread(models.Model):
    """The conversation between the posting organisation and one asking organisation (or one asking person
    without an organisation) about one post."""

    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="threads")
    asking_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("asking organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="marketplace_threads",
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "asking_organisation"],
                condition=Q(asking_organisation__isnull=False),
                name="marketplace_one_thread_per_post_and_organisation",
            ),
            models.UniqueConstraint(
                fields=["post", "asker"],
                condition=Q(asking_organisation__isnull=True),
                name="marketplace_one_thread_per_post_and_person",
            ),
        ]

    def __str__(self):
        return f"{self.post} — {self.asking_party_name}"

    def get_absolute_url(self):
        return reverse("marketplace:thread", kwargs={"pk": self.pk})

    @property
    def asking_party_name(self):
        if self.asking_organisation_id:
            return self.asking_organisation.name
        return str(self.asker) if self.asker_id else "—"

    def side_of(self, user) -> str | None:
        """``poster`` or ``asker`` for a participant, None for anyone else (coordinators only read)."""
        if not user.is_authenticated:
            return None
        represented = set(user.represented_organisations.values_list("pk", flat=True))
        if self.post.organisation_id in represented:
            return "poster"
        if self.asking_organisation_id:
            return "asker" if self.asking_organisation_id in represented else None
        return "asker" if self.asker_id == user.pk else None


class Message(models.Model):
    MAX_LENGTH = 5000

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_poster = models.BooleanField(_("from the posting organisation"))
    body = models.TextField(_("message"), max_length=MAX_LENGTH)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["thread", "created"])]

    def __str__(self):
        return f"{self.thread_id}: {self.body[:40]}"


class ThreadRead(models.Model):
    """When a user last read a thread: newer messages are unread for them."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="marketplace_one_read_mark")]

    def __str__(self):
        return f"{self.user_id} read {self.thread_id} at {self.read_at:%Y-%m-%d %H:%M}"


def _new_token():
    return secrets.token_urlsafe(24)


class SavedSearch(models.Model):
    """A user's filters (and words) kept for later, with e-mail alerts about new posts that match."""

    class Alerts(models.TextChoices):
        INSTANT = "instant", _("At once")
        DAILY = "daily", _("Daily digest")
        OFF = "off", _("No e-mails")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(_("name"), max_length=200)
    params = models.JSONField(_("filters"), default=dict)
    alerts = models.CharField(_("e-mail alerts"), max_length=10, choices=Alerts.choices, default=Alerts.DAILY)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    created = models.DateTimeField(default=timezone.now)
    # The daily digest covers posts published after this moment.
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created", "-pk"]

    def __str__(self):
        return self.name

    def get_unsubscribe_url(self):
        return reverse("marketplace:unsubscribe", kwargs={"token": self.token})


class SavedSearchAlert(models.Model):
    """A post that a saved search has already reported (instant or digest): reported once only."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="alerts_sent")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    sent = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["saved_search", "post"], name="marketplace_alert_once_per_post")]

    def __str__(self):
        return f"{self.saved_search} → {self.post}"


class MatchNotice(models.Model):
    """An offer and a request whose good match has been announced: each pair is announced once."""

    offer = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("match notice")
        verbose_name_plural = _("match notices")
        constraints = [models.UniqueConstraint(fields=["offer", "request"], name="marketplace_match_notice_once")]

    def __str__(self):
        return f"{self.offer} ↔ {self.request}"
