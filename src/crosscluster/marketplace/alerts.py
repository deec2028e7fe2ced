"""Saved searches and their e-mail alerts.

A user saves the marketplace filters (and words) they are looking at. Alerts come at once, after a post is
published (background task), or as a daily digest (periodic task); every mail carries an unsubscribe link with a
secret token that works without logging in. A post is reported to a user once: re-publishing it, or several of
the user's searches finding it, sends no second mail (``SavedSearchAlert``). Posts of the user's own
organisations are never reported to them.
"""

from itertools import groupby

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from crosscluster.accounts import audit

from . import notifications, selectors
from .models import Post, SavedSearch, SavedSearchAlert

MAX_SAVED_SEARCHES = 50
DIGEST_LIMIT = 50
STORED_FILTERS = ("kind", "category", "cluster", "q", "near", "radius")


def stored_params(applied: dict) -> dict:
    """The filters as a saved search keeps them: strings, the radius only together with a place."""
    params = {key: str(applied[key]) for key in STORED_FILTERS if key in applied}
    if "near" not in params:
        params.pop("radius", None)
    return params


def describe(params: dict) -> str:
    """A short name for a search, e.g. "Offers · Production capacity · “Desinfektion” · within 50 km of Altona"."""
    parts = []
    if kind := params.get("kind"):
        parts.append(str(Post.Kind(kind).label))
    if category := params.get("category"):
        parts.append(str(Post.Category(category).label))
    if cluster := params.get("cluster"):
        parts.append(_("cluster %(cluster)s") % {"cluster": cluster})
    if q := params.get("q"):
        parts.append(f"“{q}”")
    if near := params.get("near"):
        parts.append(_("within %(radius)s km of %(place)s") % {"radius": params.get("radius", 50), "place": near})
    return " · ".join(parts) or _("All posts")


@transaction.atomic
def save_search(*, acting_user, params: dict, name: str = "", alerts: str = SavedSearch.Alerts.DAILY) -> SavedSearch:
    if not acting_user.is_authenticated:
        raise PermissionDenied
    applied, errors = selectors.parse_filters(params)
    if errors:
        raise ValidationError(errors)
    if alerts not in SavedSearch.Alerts.values:
        raise ValidationError({"alerts": _("Choose how often you want e-mails: at once, daily or never.")})
    name = " ".join((name or "").replace("\x00", "").split())
    if len(name) > 200:
        raise ValidationError({"name": _("The name can have at most 200 characters.")})
    if SavedSearch.objects.filter(user=acting_user).count() >= MAX_SAVED_SEARCHES:
        raise ValidationError(
            _("You can keep at most %(max)s saved searches. Delete one you no longer need.")
            % {"max": MAX_SAVED_SEARCHES}
        )
    params = stored_params(applied)
    saved = SavedSearch.objects.create(
        user=acting_user,
        name=name or describe(params)[:200],
        params=params,
        alerts=alerts,
        last_digest_at=timezone.now(),
    )
    audit.log("marketplace.search_saved", actor=acting_user, obj=saved, alerts=alerts)
    return saved


def _require_owner(saved: SavedSearch, user):
    if not user.is_authenticated or saved.user_id != user.pk:
        raise PermissionDenied


@transaction.atomic
def change_alerts(saved: SavedSearch, *, acting_user, alerts: str) -> SavedSearch:
    _require_owner(saved, acting_user)
    if alerts not in SavedSearch.Alerts.values:
        raise ValidationError({"alerts": _("Choose how often you want e-mails: at once, daily or never.")})
    if alerts == SavedSearch.Alerts.DAILY and saved.alerts != alerts:
        saved.last_digest_at = timezone.now()  # the first digest starts from now, not from long ago
    saved.alerts = alerts
    saved.save(update_fields=["alerts", "last_digest_at"])
    audit.log("marketplace.search_alerts", actor=acting_user, obj=saved, alerts=alerts)
    return saved


@transaction.atomic
def delete_search(saved: SavedSearch, *, acting_user) -> None:
    _require_owner(saved, acting_user)
    audit.log("marketplace.search_deleted", actor=acting_user, obj=saved)
    saved.delete()


@transaction.atomic
def unsubscribe(token: str) -> SavedSearch | None:
    """Switch the alerts of the saved search with this token off (no login: the token is the proof)."""
    saved = SavedSearch.objects.select_related("user").filter(token=(token or "")[:64]).first()
    if saved is None:
        return None
    if saved.alerts != SavedSearch.Alerts.OFF:
        saved.alerts = SavedSearch.Alerts.OFF
        saved.save(update_fields=["alerts"])
        audit.log("marketplace.search_unsubscribed", actor=None, obj=saved, user=saved.user_id)
    return saved


def _own_organisation_ids(user) -> set[int]:
    return set(user.represented_organisations.values_list("pk", flat=True))


def _record(saved: SavedSearch, post: Post) -> bool:
    """Remember that ``saved`` reported ``post``; False when it already had."""
    try:
        with transaction.atomic():
            _alert, created = SavedSearchAlert.objects.get_or_create(saved_search=saved, post=post)
    except IntegrityError:
        return False
    return created


def send_instant_alerts(post_id: int) -> int:
    """After ``post_id`` was published: one mail per user whose instant searches find it. Returns mails sent."""
    post = Post.objects.open().select_related("organisation").filter(pk=post_id).first()
    if post is None:
        return 0
    searches = (
        SavedSearch.objects.filter(alerts=SavedSearch.Alerts.INSTANT, user__is_active=True)
        .filter(Q(params__kind=post.kind) | ~Q(params__has_key="kind"))
        .filter(Q(params__category=post.category) | ~Q(params__has_key="category"))
        .select_related("user")
        .order_by("user_id", "pk")
    )
    sent = 0
    for _user_id, group in groupby(searches, key=lambda s: s.user_id):
        group = list(group)
        user = group[0].user
        if post.organisation_id in _own_organisation_ids(user):
            continue
        matching = [s for s in group if selectors.saved_search_matches(s, post)]
        if not matching:
            continue
        already = SavedSearchAlert.objects.filter(saved_search__user=user, post=post).exists()
        # Whoever records the user's first matching search sends the mail: parallel runs never both send.
        first = _record(matching[0], post)
        for other in matching[1:]:
            _record(other, post)
        if already or not first:
            continue
        sent += notifications.send_instant_alert(user, post=post, saved_searches=matching)
    return sent


def send_daily_digests(*, now=None) -> int:
    """The daily digest: per saved search, the matching posts published since its last digest (at most
    ``DIGEST_LIMIT``, not reported before). Returns the mails sent."""
    now = now or timezone.now()
    sent = 0
    searches = SavedSearch.objects.filter(alerts=SavedSearch.Alerts.DAILY, user__is_active=True).select_related("user")
    for saved in searches.order_by("pk").iterator(chunk_size=500):
        since = saved.last_digest_at or saved.created
        qs, _applied, errors = selectors.post_list(saved.user, saved.params)
        posts = []
        if not errors:
            reported = SavedSearchAlert.objects.filter(saved_search__user=saved.user).values("post_id")
            posts = list(
                qs.filter(published_at__gt=since, published_at__lte=now)
                .exclude(organisation__in=saved.user.represented_organisations.values("pk"))
                .exclude(pk__in=reported)
                .select_related("organisation")[:DIGEST_LIMIT]
            )
        posts = [p for p in posts if _record(saved, p)]
        if posts:
            sent += notifications.send_digest(saved.user, saved_search=saved, posts=posts)
        SavedSearch.objects.filter(pk=saved.pk).update(last_digest_at=now)
    return sent
