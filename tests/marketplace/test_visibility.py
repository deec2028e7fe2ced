"""Who sees which post, the same on the list, the detail page, the matches and the API.

Alster Biotech (a member of Life Science Nord) posts four open offers of 3D printing capacity: for all clusters,
for its own clusters, for chosen Hamburg Aviation and for a chosen third cluster; plus a draft. Viewers: the
representative and manager of Hamburg Aviation, the representative of another Life Science Nord member, a
representative whose Life Science Nord membership has ended, and a user with no role.
"""

import pytest
from django.test import Client

from crosscluster.marketplace import matching
from crosscluster.marketplace.models import Post
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.marketplace.factories import PostFactory

pytestmark = pytest.mark.django_db

OFFER_TEXT = {"description_de": "3D-Druck-Kapazität frei", "description_en": "3D printing capacity available"}


@pytest.fixture
def offers(other_organisation, cluster):
    third = ClusterFactory(slug="third", name="Third Cluster")
    make = lambda title, **kw: PostFactory(organisation=other_organisation, title_en=title, **OFFER_TEXT, **kw)  # noqa: E731
    return {
        "all": make("For all"),
        "own": make("For LSN", visibility="own"),
        "chosen_ha": make("For Aviation", visibility="chosen", visible_clusters=[cluster]),
        "chosen_third": make("For Third", visibility="chosen", visible_clusters=[third]),
        "draft": make("Alster draft", status="draft"),
    }


@pytest.fixture
def viewers(representative, manager, individual, coordinator, other_cluster):
    lsn_member = OrganisationFactory(slug="nord-labor", name="Nord Labor")
    MembershipFactory(organisation=lsn_member, cluster=other_cluster)
    lsn_rep = UserFactory(email="lsn@example.org")
    lsn_member.representatives.add(lsn_rep)
    former = OrganisationFactory(slug="former", name="Former Member")
    MembershipFactory(organisation=former, cluster=other_cluster, status="ended")
    former_rep = UserFactory(email="former@example.org")
    former.representatives.add(former_rep)
    return {
        "representative": representative,
        "manager": manager,
        "lsn_rep": lsn_rep,
        "former_rep": former_rep,
        "individual": individual,
        "coordinator": coordinator,
    }


EXPECTED = {
    "representative": {"For all", "For Aviation"},
    "manager": {"For all", "For Aviation"},
    "lsn_rep": {"For all", "For LSN"},
    "former_rep": set(),
    "individual": set(),
    "coordinator": {"For all", "For LSN", "For Aviation", "For Third"},
}


def titles_in(html, candidates):
    return {title for title in candidates if f">{title}<" in html}


@pytest.mark.parametrize("viewer", EXPECTED)
def test_list_detail_and_api_show_the_same_posts(offers, viewers, viewer):
    client = Client()
    client.force_login(viewers[viewer])
    every = {p.title_en for p in offers.values()}

    listed = titles_in(client.get("/marketplace/").content.decode(), every)
    detail = {p.title_en for p in offers.values() if client.get(p.get_absolute_url()).status_code == 200}
    api = {row["title_en"] for row in client.get("/api/v1/marketplace/posts/").json()["results"]}

    expected = EXPECTED[viewer]
    assert listed == expected
    assert api == expected
    # Details also show drafts, but only to the coordinator here (the draft's organisation has no viewer).
    assert detail == expected | ({"Alster draft"} if viewer == "coordinator" else set())


@pytest.mark.parametrize("viewer", EXPECTED)
def test_matches_show_only_visible_posts(offers, viewers, viewer, organisation):
    request = PostFactory(
        organisation=organisation, kind="request", title_en="Wanted: 3D printing capacity", **OFFER_TEXT
    )

    found = {m.post.title_en for m in matching.matches_for(request, user=viewers[viewer], k=10)}

    assert found == EXPECTED[viewer]


def test_representatives_see_their_own_drafts_and_closed_posts(client_for, organisation):
    for status in ("draft", "closed", "expired"):
        PostFactory(organisation=organisation, status=status, visibility="chosen", title_en=f"Own {status}")

    client = client_for("representative")
    assert all(
        client.get(p.get_absolute_url()).status_code == 200 for p in Post.objects.filter(organisation=organisation)
    )
    # the list shows open posts only, also for their own organisation
    assert titles_in(client.get("/marketplace/").content.decode(), {"Own draft", "Own closed", "Own expired"}) == set()


def test_visibility_follows_membership_changes_at_once(offers, viewers, other_cluster):
    lsn_rep = viewers["lsn_rep"]
    assert Post.objects.visible_to(lsn_rep).filter(pk=offers["own"].pk).exists()

    lsn_rep.represented_organisations.get().memberships.update(status="ended")

    assert not Post.objects.visible_to(lsn_rep).filter(pk=offers["own"].pk).exists()
    assert not Post.objects.visible_to(lsn_rep).filter(pk=offers["all"].pk).exists()
