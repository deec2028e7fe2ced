"""Who may open and submit which marketplace page and API endpoint: URL × method × role → status.

Pages: anonymous users are sent to the login page (302) wherever an account is needed (everywhere but the
unsubscribe link); a post or conversation a role may not see answers 404, one it may only read answers 403; a
permitted POST redirects (302).
API: anonymous requests answer 401; invisible posts 404; refused writes 403; DELETE is not offered (405).

The world (tests/conftest.py roles): ``elbe`` posts of the representative's organisation (Elbe Drohnen, member of
Hamburg Aviation, which the manager manages); ``alster`` posts of Alster Biotech (member of Life Science Nord,
nobody's) — visible to all members, to Life Science Nord only (``own``), or to chosen Hamburg Aviation; drafts of
both; a conversation between Alster's offer and Elbe; a saved search of the representative.
"""

import json

import pytest
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, resolve
from django.urls.resolvers import URLResolver

from crosscluster.marketplace import messaging
from crosscluster.marketplace import urls as marketplace_urls
from crosscluster.marketplace.matching import POSTS
from crosscluster.marketplace.models import Post, SavedSearch
from tests.conftest import ROLES
from tests.marketplace.factories import PostFactory

pytestmark = pytest.mark.django_db


def expect(anonymous, individual, representative, manager, coordinator):
    return dict(zip(ROLES, (anonymous, individual, representative, manager, coordinator), strict=True))


ALL_200 = expect(302, 200, 200, 200, 200)
MEMBERS_200 = expect(302, 404, 200, 200, 200)
COORDINATOR_ONLY = expect(302, 404, 404, 404, 200)
LOGIN_405 = expect(302, 405, 405, 405, 405)


@pytest.fixture
def world(users, organisation, other_organisation, cluster, representative, other_rep):
    world = {
        "elbe": PostFactory(organisation=organisation, title_en="Elbe offer"),
        "elbe_draft": PostFactory(organisation=organisation, status="draft"),
        "alster": PostFactory(organisation=other_organisation, title_en="Alster offer"),
        "alster_own": PostFactory(organisation=other_organisation, visibility="own"),
        "alster_chosen": PostFactory(organisation=other_organisation, visibility="chosen", visible_clusters=[cluster]),
        "alster_draft": PostFactory(organisation=other_organisation, status="draft"),
        "alster_closed": PostFactory(organisation=other_organisation, status="closed"),
    }
    world["thread"] = messaging.start_thread(
        acting_user=representative, post=world["alster"], organisation=organisation, body="Hallo"
    )
    world["search"] = SavedSearch.objects.create(user=representative, name="Druck", params={"q": "Druck"})
    return world


def url(template):
    return lambda w: template.format(**{k: getattr(v, "pk", v) for k, v in w.items()})


def post_form(organisation="elbe-drohnen"):
    return lambda w: {
        "organisation": organisation,
        "kind": "offer",
        "category": "space",
        "title_de": "Lagerfläche",
        "place": "",
        "radius_km": "50",
        "visibility": "all",
        "action": "publish",
    }


def edit_form(w):
    return {"kind": "offer", "category": "space", "title_de": "Geändert", "radius_km": "50", "visibility": "all"}


def body(data):
    return lambda w: data


# (name, method, url, body, expected statuses by role)
PAGES = [
    ("list", "get", url("/marketplace/"), None, ALL_200),
    ("list-filtered", "get", url("/marketplace/?kind=offer&category=production&near=Altona&q=Angebot"), None, ALL_200),
    ("list", "post", url("/marketplace/"), None, expect(302, 405, 405, 405, 405)),
    ("create", "get", url("/marketplace/new/"), None, expect(302, 403, 200, 403, 200)),
    ("create-own", "post", url("/marketplace/new/"), post_form(), expect(302, 403, 302, 403, 302)),
    ("create-other", "post", url("/marketplace/new/"), post_form("alster-biotech"), expect(302, 403, 200, 403, 302)),
    ("mine", "get", url("/marketplace/mine/"), None, ALL_200),
    ("mine", "post", url("/marketplace/mine/"), None, LOGIN_405),
    ("detail-all", "get", url("/marketplace/{alster}/"), None, MEMBERS_200),
    ("detail-own-clusters", "get", url("/marketplace/{alster_own}/"), None, COORDINATOR_ONLY),
    ("detail-chosen", "get", url("/marketplace/{alster_chosen}/"), None, MEMBERS_200),
    ("detail-closed", "get", url("/marketplace/{alster_closed}/"), None, MEMBERS_200),
    ("detail-own-draft", "get", url("/marketplace/{elbe_draft}/"), None, expect(302, 404, 200, 404, 200)),
    ("detail-other-draft", "get", url("/marketplace/{alster_draft}/"), None, COORDINATOR_ONLY),
    ("detail-unknown", "get", url("/marketplace/999999/"), None, expect(302, 404, 404, 404, 404)),
    ("detail", "post", url("/marketplace/{alster}/"), None, expect(302, 405, 405, 405, 405)),
    ("edit-own", "get", url("/marketplace/{elbe}/edit/"), None, expect(302, 404, 200, 403, 200)),
    ("edit-own", "post", url("/marketplace/{elbe}/edit/"), edit_form, expect(302, 404, 302, 403, 302)),
    ("edit-other", "get", url("/marketplace/{alster}/edit/"), None, expect(302, 404, 403, 403, 200)),
    ("edit-other", "post", url("/marketplace/{alster}/edit/"), edit_form, expect(302, 404, 403, 403, 302)),
    ("edit-other-draft", "get", url("/marketplace/{alster_draft}/edit/"), None, COORDINATOR_ONLY),
    (
        "status-own",
        "post",
        url("/marketplace/{elbe}/status/"),
        body({"status": "in_talks"}),
        expect(302, 404, 302, 403, 302),
    ),  # fmt: skip
    (
        "status-other",
        "post",
        url("/marketplace/{alster}/status/"),
        body({"status": "in_talks"}),
        expect(302, 404, 403, 403, 302),
    ),  # fmt: skip
    ("status", "get", url("/marketplace/{elbe}/status/"), None, expect(302, 405, 405, 405, 405)),
    ("contact", "get", url("/marketplace/{alster}/contact/"), None, MEMBERS_200),
    (
        "contact",
        "post",
        url("/marketplace/{alster}/contact/"),
        body({"body": "Interesse!"}),
        expect(302, 404, 302, 302, 302),
    ),  # fmt: skip
    (
        "contact-invisible",
        "post",
        url("/marketplace/{alster_own}/contact/"),
        body({"body": "Hallo"}),
        expect(302, 404, 404, 404, 302),
    ),  # fmt: skip
    ("threads", "get", url("/marketplace/messages/"), None, ALL_200),
    ("threads", "post", url("/marketplace/messages/"), None, LOGIN_405),
    ("thread", "get", url("/marketplace/messages/{thread}/"), None, expect(302, 404, 200, 404, 200)),
    (
        "thread-reply",
        "post",
        url("/marketplace/messages/{thread}/"),
        body({"body": "Antwort"}),
        expect(302, 404, 302, 404, 403),
    ),  # fmt: skip
    ("searches", "get", url("/marketplace/searches/"), None, ALL_200),
    (
        "search-save",
        "post",
        url("/marketplace/searches/"),
        body({"q": "Lager", "alerts": "daily"}),
        expect(302, 302, 302, 302, 302),
    ),  # fmt: skip
    (
        "search-alerts",
        "post",
        url("/marketplace/searches/{search}/alerts/"),
        body({"s{}-alerts": "off"}),
        expect(302, 404, 302, 404, 404),
    ),  # fmt: skip
    ("search-alerts", "get", url("/marketplace/searches/{search}/alerts/"), None, LOGIN_405),
    ("search-delete", "post", url("/marketplace/searches/{search}/delete/"), None, expect(302, 404, 302, 404, 404)),
    ("search-delete", "get", url("/marketplace/searches/{search}/delete/"), None, expect(302, 405, 405, 405, 405)),
    ("unsubscribe", "get", lambda w: w["search"].get_unsubscribe_url(), None, expect(200, 200, 200, 200, 200)),
    ("unsubscribe", "post", lambda w: w["search"].get_unsubscribe_url(), None, expect(200, 200, 200, 200, 200)),
    ("unsubscribe-bad", "post", url("/marketplace/alerts/unsubscribe/nope/"), None, expect(404, 404, 404, 404, 404)),
    ("unsubscribe-bad", "get", url("/marketplace/alerts/unsubscribe/nope/"), None, expect(404, 404, 404, 404, 404)),
]


def statuses(users, world, method, make_url, make_body, *, api=False):
    """Each role's answer, every role on the same world: its writes are rolled back before the next role."""
    found = {}
    for role in ROLES:
        client = Client()
        if users[role] is not None:
            client.force_login(users[role])
        data = make_body(world) if make_body else None
        if data and any("{}" in key for key in data):
            data = {key.format(world["search"].pk): value for key, value in data.items()}
        with transaction.atomic():
            if api:
                kwargs = {"content_type": "application/json"}
                if data is not None:
                    kwargs["data"] = json.dumps(data)
                response = getattr(client, method)(make_url(world), **kwargs)
            else:
                response = getattr(client, method)(make_url(world), data)
            transaction.set_rollback(True)
        if method != "get":
            POSTS.reset()  # the index may have seen rows that were rolled back
        found[role] = response.status_code
        if response.status_code == 302 and role == "anonymous":
            assert response["Location"].startswith("/accounts/login/"), response["Location"]
    return found


@pytest.mark.parametrize(("name", "method", "make_url", "make_body", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_page_permissions(users, world, name, method, make_url, make_body, expected):
    assert statuses(users, world, method, make_url, make_body) == expected


API_POST = {"organisation": "elbe-drohnen", "kind": "request", "category": "space", "title_de": "Lager gesucht"}

API = [
    ("list", "get", url("/api/v1/marketplace/posts/"), None, expect(401, 200, 200, 200, 200)),
    ("detail-all", "get", url("/api/v1/marketplace/posts/{alster}/"), None, expect(401, 404, 200, 200, 200)),
    (
        "detail-own-clusters",
        "get",
        url("/api/v1/marketplace/posts/{alster_own}/"),
        None,
        expect(401, 404, 404, 404, 200),
    ),  # fmt: skip
    (
        "detail-own-draft",
        "get",
        url("/api/v1/marketplace/posts/{elbe_draft}/"),
        None,
        expect(401, 404, 200, 404, 200),
    ),  # fmt: skip
    ("matches", "get", url("/api/v1/marketplace/posts/{alster}/matches/"), None, expect(401, 404, 200, 200, 200)),
    ("create-own", "post", url("/api/v1/marketplace/posts/"), body(API_POST), expect(401, 403, 201, 403, 201)),
    (
        "create-other",
        "post",
        url("/api/v1/marketplace/posts/"),
        body({**API_POST, "organisation": "alster-biotech"}),
        expect(401, 403, 403, 403, 201),
    ),  # fmt: skip
    (
        "change-own",
        "patch",
        url("/api/v1/marketplace/posts/{elbe}/"),
        body({"title_en": "Changed"}),
        expect(401, 404, 200, 403, 200),
    ),  # fmt: skip
    (
        "change-other",
        "patch",
        url("/api/v1/marketplace/posts/{alster}/"),
        body({"title_en": "Changed"}),
        expect(401, 404, 403, 403, 200),
    ),  # fmt: skip
    (
        "status-own",
        "patch",
        url("/api/v1/marketplace/posts/{elbe}/"),
        body({"status": "closed"}),
        expect(401, 404, 200, 403, 200),
    ),  # fmt: skip
    (
        "replace-own",
        "put",
        url("/api/v1/marketplace/posts/{elbe}/"),
        body({"kind": "offer", "category": "space", "title_de": "Ersetzt", "visibility": "all"}),
        expect(401, 404, 200, 403, 200),
    ),  # fmt: skip
    (
        "replace-other",
        "put",
        url("/api/v1/marketplace/posts/{alster}/"),
        body({"kind": "offer", "category": "space", "title_de": "Ersetzt", "visibility": "all"}),
        expect(401, 404, 403, 403, 200),
    ),  # fmt: skip
    ("list", "delete", url("/api/v1/marketplace/posts/"), None, expect(401, 405, 405, 405, 405)),
    ("matches", "post", url("/api/v1/marketplace/posts/{alster}/matches/"), None, expect(401, 405, 405, 405, 405)),
    ("delete", "delete", url("/api/v1/marketplace/posts/{elbe}/"), None, expect(401, 405, 405, 405, 405)),
]


@pytest.mark.parametrize(("name", "method", "make_url", "make_body", "expected"), API, ids=[a[0] for a in API])
def test_api_permissions(users, world, name, method, make_url, make_body, expected):
    assert statuses(users, world, method, make_url, make_body, api=True) == expected


def test_refused_writes_change_nothing(client_for, world):
    client = client_for("representative")
    before = {p.pk: (p.title_de, p.status) for p in Post.objects.all()}

    client.post(f"/marketplace/{world['alster'].pk}/edit/", edit_form(world))
    client.post(f"/marketplace/{world['alster'].pk}/status/", {"status": "closed"})
    client.patch(
        f"/api/v1/marketplace/posts/{world['alster'].pk}/", '{"title_de": "x"}', content_type="application/json"
    )

    assert {p.pk: (p.title_de, p.status) for p in Post.objects.all()} == before


def api_methods(name_prefix: str) -> set[tuple[str, str]]:
    """(route name, method) for every API route whose name starts with ``name_prefix``, as the router offers them."""

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif (pattern.name or "").startswith(name_prefix):
                yield pattern

    found = set()
    for pattern in walk(get_resolver("crosscluster.api.urls").url_patterns):
        view = pattern.callback
        actions = getattr(view, "actions", None)
        if actions is None:
            cls = view.view_class
            actions = [m for m in ("get", "post", "put", "patch", "delete") if hasattr(cls, m)]
        found |= {(pattern.name, method) for method in actions if method not in ("head", "options")}
    return found


def test_matrix_covers_every_page_and_endpoint_with_each_method(world):
    """A new page or endpoint without rows in the tables above fails here: GET and POST of every page, and every
    method the API offers."""
    covered = {(resolve(make_url(world).split("?")[0]).url_name, method) for _n, method, make_url, _b, _e in PAGES}
    pages = {(pattern.name, method) for pattern in marketplace_urls.urlpatterns for method in ("get", "post")}
    assert pages - covered == set()

    covered = {(resolve(make_url(world)).url_name, method) for _n, method, make_url, _b, _e in API}
    assert api_methods("marketplace-") - covered == set()
