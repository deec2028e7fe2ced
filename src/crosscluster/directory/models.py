from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .search import search_document

# Hamburg's seven boroughs; districts (Stadtteile) are free text below them.
HAMBURG_BOROUGHS = [
    "Hamburg-Mitte",
    "Altona",
    "Eimsbüttel",
    "Hamburg-Nord",
    "Wandsbek",
    "Bergedorf",
    "Harburg",
]


class IndustryCode(models.Model):
    """A WZ 2008 code (the German edition of NACE Rev. 2), levels 1 (section) to 5 (sub-class)."""

    code = models.CharField(_("code"), max_length=10, primary_key=True)
    level = models.PositiveSmallIntegerField(_("level"))
    title = models.CharField(_("title"), max_length=300)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    section = models.CharField(_("section"), max_length=1, db_index=True)

    class Meta:
        verbose_name = _("industry code (WZ 2008)")
        verbose_name_plural = _("industry codes (WZ 2008)")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"


class Topic(models.Model):
    """A theme in a small hierarchy; cross-cluster themes span several clusters."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_cross_cluster = models.BooleanField(_("cross-cluster theme"), default=False)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:topic", kwargs={"slug": self.slug})

    def descendant_ids(self):
        """This topic's id and those of all topics below it (the hierarchy is shallow)."""
        ids, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = list(Topic.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids.update(frontier)
        return ids


class Cluster(models.Model):
    """An innovation cluster or a friendly network, run by a cluster-management organisation."""

    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("Cluster")
        NETWORK = "network", _("Network")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CLUSTER)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True, default="Hamburg")
    founded = models.PositiveSmallIntegerField(_("founded"), null=True, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="clusters")
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("cluster managers"), blank=True, related_name="managed_clusters"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:cluster", kwargs={"slug": self.slug})


class OrganisationQuerySet(models.QuerySet):
    def search(self, query: str):
        from .search import filter_by_query

        return filter_by_query(self, query)

    def in_cluster(self, cluster):
        return self.filter(memberships__cluster=cluster, memberships__status=Membership.Status.ACTIVE).distinct()

    def managed_by(self, user):
        """Organisations a user may edit: coordinators all, managers their clusters' members, reps their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_coordinator or user.is_superuser:
            return self.all()
        return self.filter(
            Q(representatives=user)
            | Q(memberships__cluster__managers=user, memberships__status__in=Membership.LIVE_STATUSES)
        ).distinct()


class Organisation(models.Model):
    class SizeClass(models.TextChoices):
        # The EU SME definition by head count.
        MICRO = "micro", _("Micro (fewer than 10)")
        SMALL = "small", _("Small (10–49)")
        MEDIUM = "medium", _("Medium (50–249)")
        LARGE = "large", _("Large (250 or more)")

    class LegalForm(models.TextChoices):
        GMBH = "GmbH", "GmbH"
        UG = "UG", "UG (haftungsbeschränkt)"
        AG = "AG", "AG"
        KG = "KG", "KG"
        GMBH_CO_KG = "GmbH & Co. KG", "GmbH & Co. KG"
        OHG = "OHG", "OHG"
        EK = "e.K.", "e.K."
        GBR = "GbR", "GbR"
        EV = "e.V.", "e.V."
        EG = "eG", "eG"
        STIFTUNG = "Stiftung", _("Foundation")
        PUBLIC = "public", _("Public body")
        UNIVERSITY = "university", _("University or research institute")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices, blank=True)
    industries = models.ManyToManyField(
        IndustryCode, verbose_name=_("industries (WZ 2008)"), blank=True, related_name="organisations"
    )
    size_class = models.CharField(_("size"), max_length=10, choices=SizeClass.choices, blank=True, db_index=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    founded = models.PositiveSmallIntegerField(_("founding year"), null=True, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True, db_index=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    description = models.TextField(_("description"), blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="organisations")
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member representatives"),
        blank=True,
        related_name="represented_organisations",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)
    search_document = models.TextField(editable=False, blank=True, default="")

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.employees is not None:
            self.size_class = size_class_for(self.employees)
        self.search_document = search_document(
            self.name, self.description_de, self.description_en, self.city, self.district, self.street
        )
        super().save(*args, **kwargs)
        self.memberships.exclude(organisation_name=self.name).update(organisation_name=self.name)

    def get_absolute_url(self):
        return reverse("directory:organisation", kwargs={"slug": self.slug})


def size_class_for(employees):
    """The EU SME size class for a head count."""
    if employees is None:
        return ""
    if employees < 10:
        return Organisation.SizeClass.MICRO
    if employees < 50:
        return Organisation.SizeClass.SMALL
    if employees < 250:
        return Organisation.SizeClass.MEDIUM
    return Organisation.SizeClass.LARGE


def _is_coordinator(user):
    return user.is_authenticated and (user.is_coordinator or user.is_superuser)


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Membership.Status.ACTIVE)

    def bulk_create(self, objs, *args, **kwargs):
        """Fills ``organisation_name`` (the sort key of a cluster's member list) as ``save()`` does."""
        objs = list(objs)
        missing = [m for m in objs if not m.organisation_name]
        unloaded = sorted({m.organisation_id for m in missing if not Membership.organisation.is_cached(m)})
        names = {}
        for start in range(0, len(unloaded), 5000):
            chunk = unloaded[start : start + 5000]
            names.update(Organisation.objects.filter(pk__in=chunk).values_list("pk", "name"))
        for m in missing:
            name = names.get(m.organisation_id)
            m.organisation_name = m.organisation.name if name is None else name  # a loaded organisation: no query
        created = super().bulk_create(objs, *args, **kwargs)
        from .selectors import forget_figures, forget_listing  # (selectors imports the models)

        forget_figures()  # member counts on the home page and the cluster overview (no signals on bulk_create)
        forget_listing()  # the filtered lists' index
        return created

    def visible_to(self, user):
        """Everyone sees active memberships; requests, invitations and ended ones only those involved."""
        if not user.is_authenticated:
            return self.active()
        if _is_coordinator(user):
            return self
        return self.filter(
            Q(status=Membership.Status.ACTIVE)
            | Q(cluster__in=user.managed_clusters.all())
            | Q(organisation__in=user.represented_organisations.all())
        )


class Membership(models.Model):
    """An organisation's membership in a cluster; an organisation may belong to several clusters."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        FOUNDING_MEMBER = "founding_member", _("Founding member")
        BOARD = "board", _("Board member")
        PARTNER = "partner", _("Partner")
        SPONSOR = "sponsor", _("Sponsor")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Join requested")
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")
        DECLINED = "declined", _("Declined")

    LIVE_STATUSES = (Status.REQUESTED, Status.INVITED, Status.ACTIVE)

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    since = models.DateField(_("member since"), null=True, blank=True)
    until = models.DateField(_("member until"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    # The organisation's name, kept here so a cluster's member list pages along one index
    # (cluster, status, organisation_name) instead of joining and sorting thousands of members per page.
    organisation_name = models.CharField(max_length=200, editable=False, default="")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["cluster__name", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "cluster"],
                condition=Q(status__in=["requested", "invited", "active"]),
                name="one_live_membership_per_cluster",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=models.F("since")),
                name="membership_until_after_since",
            ),
        ]
        indexes = [
            models.Index(fields=["cluster", "status"]),
            models.Index(fields=["cluster", "status", "organisation_name"], name="membership_member_list"),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.cluster}"

    def save(self, *args, **kwargs):
        self.organisation_name = self.organisation.name
        if (fields := kwargs.get("update_fields")) is not None:
            kwargs["update_fields"] = {*fields, "organisation_name"}
        super().save(*args, **kwargs)


class PersonQuerySet(models.QuerySet):
    def listed(self):
        """People who consented to being shown in the public directory."""
        return self.filter(listing_consent=True)

    def visible_to(self, user):
        """Listed people for everyone; the others for themselves and whoever may edit their organisation."""
        if not user.is_authenticated:
            return self.listed()
        if _is_coordinator(user):
            return self
        editable = Organisation.objects.managed_by(user).values("pk")
        return self.filter(Q(listing_consent=True) | Q(user=user) | Q(organisation__in=editable))


class Person(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    title = models.CharField(_("academic title"), max_length=30, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="people")
    listing_consent = models.BooleanField(
        _("listed in the directory"),
        default=False,
        help_text=_("Shown on public pages only with this person's consent."),
    )
    consent_given = models.DateTimeField(_("consent given"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)
