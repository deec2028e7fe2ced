"""Writes to marketplace posts. Every function runs in one transaction and leaves an audit-log entry.

Conversations are in ``messaging.py``, saved searches and alerts in ``alerts.py``.

Status workflow: draft → published ⇄ in talks → closed; published or in talks → expired (the daily job, when
"valid to" has passed); an expired post can be published again once its validity is extended. Closed is final.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from crosscluster.accounts import audit
from crosscluster.directory.search import fold, search_document

from . import places
from .models import Post

Status = Post.Status

TRANSITIONS = {
    Status.DRAFT: {Status.PUBLISHED, Status.CLOSED},
    Status.PUBLISHED: {Status.IN_TALKS, Status.CLOSED},
    Status.IN_TALKS: {Status.PUBLISHED, Status.CLOSED},
    Status.EXPIRED: {Status.PUBLISHED, Status.CLOSED},
    Status.CLOSED: set(),
}
# What a new post may start as.
INITIAL_STATUSES = {Status.DRAFT, Status.PUBLISHED}
# Fields a create/update call may set (everything else belongs to the service).
EDITABLE_FIELDS = {
    "kind",
    "category",
    "title_de",
    "title_en",
    "description_de",
    "description_en",
    "quantity",
    "unit",
    "place",
    "latitude",
    "longitude",
    "radius_km",
    "valid_from",
    "valid_to",
    "visibility",
}
LOCATION_FIELDS = {"place", "latitude", "longitude"}


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def _date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _locate(post: Post, *, explicit_coordinates: bool) -> None:
    """Coordinates for the post's place: typed coordinates as given, a known place name from the gazetteer,
    an empty place (or the organisation's own city or district) from the organisation's address."""
    if explicit_coordinates:
        if (post.latitude is None) != (post.longitude is None):
            field = "longitude" if post.longitude is None else "latitude"
            raise ValidationError({field: _("Give both latitude and longitude, or neither.")})
        if post.latitude is not None:
            post.place = post.place or f"{post.latitude:.4f}, {post.longitude:.4f}"
            return
    organisation = post.organisation
    place = " ".join((post.place or "").split())
    own = {fold(v) for v in (organisation.city, organisation.district, organisation.postcode) if v}
    if not place or fold(place) in own:
        post.place = place or ", ".join(v for v in (organisation.district, organisation.city) if v)
        post.latitude, post.longitude = organisation.latitude, organisation.longitude
        return
    found = places.resolve(place)
    if found is None:
        raise ValidationError(
            {
                "place": _(
                    "We do not know the place “%(place)s”. Enter a Hamburg district or postcode, a German city, "
                    "or coordinates such as “53.55, 9.99”; or leave the field empty to use your organisation's "
                    "address."
                )
                % {"place": place[:80]}
            }
        )
    post.place = place
    post.latitude = Decimal(str(round(found.latitude, 5)))
    post.longitude = Decimal(str(round(found.longitude, 5)))


def _check(post: Post, visible_clusters) -> None:
    errors = {}
    if not (post.title_de or "").strip() and not (post.title_en or "").strip():
        errors["title_de"] = _("Give the post a title (in German, English or both).")
    if post.valid_from and post.valid_to and post.valid_to < post.valid_from:
        errors["valid_to"] = _("“Valid to” must not be before “valid from”.")
    if post.quantity is not None and post.quantity <= 0:
        errors["quantity"] = _("The quantity must be greater than zero.")
    if post.radius_km is not None and not 0 <= post.radius_km <= Post.MAX_RADIUS_KM:
        errors["radius_km"] = _("The radius must be between 0 and %(max)s km.") % {"max": Post.MAX_RADIUS_KM}
    if post.visibility == Post.Visibility.CHOSEN and not visible_clusters:
        errors["visible_clusters"] = _("Choose the clusters whose members may see this post.")
    if errors:
        raise ValidationError(errors)


def _check_publishable(post: Post) -> None:
    today = timezone.localdate()
    if post.valid_to and post.valid_to < today:
        raise ValidationError(
            {
                "valid_to": _("The post was valid until %(date)s. Extend “valid to” before publishing it (again).")
                % {"date": _date(post.valid_to)}
            }
        )


def _index_text(post: Post) -> None:
    post.search_document = search_document(
        post.title_de, post.title_en, post.description_de, post.description_en, post.place, post.unit
    )


def _after_publish(post: Post) -> None:
    from . import tasks

    post_id = post.pk
    transaction.on_commit(lambda: tasks.post_published(post_id=post_id))


def _set_status(post: Post, status: str) -> None:
    if status == post.status:
        return
    if status not in TRANSITIONS.get(post.status, set()):
        if post.status == Status.CLOSED:
            message = _("This post is closed; it cannot change any more. Create a new post instead.")
        elif status == Status.EXPIRED:
            message = _("Posts expire on their own when “valid to” has passed.")
        else:
            message = _("A post cannot go from “%(old)s” to “%(new)s”.") % {
                "old": Status(post.status).label,
                "new": Status(status).label,
            }
        raise ValidationError({"status": message})
    if status == Status.PUBLISHED:
        _check_publishable(post)
        if post.published_at is None or post.status in (Status.EXPIRED, Status.DRAFT):
            post.published_at = timezone.now()
        _after_publish(post)
    post.status = status


def _visible_clusters(post, clusters):
    return list(clusters) if post.visibility == Post.Visibility.CHOSEN else []


@transaction.atomic
def create_post(*, acting_user, organisation, data: dict, visible_clusters=(), status=Status.DRAFT) -> Post:
    """A new post of ``organisation``; ``status`` draft (default) or published."""
    _require(acting_user, "marketplace.add_post_for", organisation)
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if status not in INITIAL_STATUSES:
        raise ValidationError({"status": _("A new post is saved as a draft or published at once.")})
    post = Post(organisation=organisation, created_by=acting_user, **data)
    post.valid_from = post.valid_from or timezone.localdate()
    visible_clusters = _visible_clusters(post, visible_clusters)
    _check(post, visible_clusters)
    _locate(post, explicit_coordinates="latitude" in data or "longitude" in data)
    if status == Status.PUBLISHED:
        _check_publishable(post)
        post.status, post.published_at = Status.PUBLISHED, timezone.now()
    _index_text(post)
    post.full_clean()
    post.save()
    post.visible_clusters.set(visible_clusters)
    if post.status == Status.PUBLISHED:
        _after_publish(post)
    audit.log("marketplace.post_created", actor=acting_user, obj=post, status=post.status)
    return post


@transaction.atomic
def update_post(post: Post, *, acting_user, data: dict, visible_clusters=None, status=None) -> Post:
    """Change a post's fields and, optionally, its status (both or nothing)."""
    _require(acting_user, "marketplace.change_post", post)
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    post = Post.objects.select_for_update().select_related("organisation").get(pk=post.pk)
    if post.status == Status.CLOSED and data:
        raise ValidationError(_("This post is closed; it cannot change any more. Create a new post instead."))
    changed = sorted(field for field, value in data.items() if getattr(post, field) != value)
    for field, value in data.items():
        setattr(post, field, value)
    if visible_clusters is None:
        visible_clusters = list(post.visible_clusters.all())
    visible_clusters = _visible_clusters(post, visible_clusters)
    _check(post, visible_clusters)
    if LOCATION_FIELDS & set(changed):
        explicit = ("latitude" in data or "longitude" in data) and (
            data.get("latitude") is not None or data.get("longitude") is not None
        )
        _locate(post, explicit_coordinates=explicit)
    old_status = post.status
    if status is not None:
        _set_status(post, status)
    elif post.status in Post.OPEN_STATUSES:
        _check_publishable(post)  # an open post cannot be edited into the past; close it instead
    _index_text(post)
    post.full_clean()
    post.save()
    post.visible_clusters.set(visible_clusters)
    audit.log("marketplace.post_updated", actor=acting_user, obj=post, changed=changed, status=post.status,
              old_status=old_status)  # fmt: skip
    return post


@transaction.atomic
def change_status(post: Post, *, acting_user, status: str) -> Post:
    _require(acting_user, "marketplace.change_post", post)
    post = Post.objects.select_for_update().get(pk=post.pk)
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status “%(status)s”.") % {"status": str(status)[:40]}})
    old = post.status
    _set_status(post, status)
    post.save(update_fields=["status", "published_at", "updated"])
    audit.log("marketplace.post_status", actor=acting_user, obj=post, old=old, new=post.status)
    return post


@transaction.atomic
def expire_posts(*, today=None) -> int:
    """Mark open posts whose "valid to" has passed as expired (the daily background job)."""
    today = today or timezone.localdate()
    due = Post.objects.select_for_update().open().filter(valid_to__lt=today)
    ids = list(due.values_list("pk", flat=True))
    if not ids:
        return 0
    Post.objects.filter(pk__in=ids).update(status=Status.EXPIRED, updated=timezone.now())
    audit.log("marketplace.posts_expired", actor=None, count=len(ids), posts=ids[:1000])
    return len(ids)
