"""The demo marketplace: about forty invented posts across the clusters, with matching pairs and every status."""

import pytest

from crosscluster.accounts.models import User
from crosscluster.directory.demo import loader
from crosscluster.marketplace import demo, matching, messaging
from crosscluster.marketplace.models import Post, Thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data():
    return loader.load()


def test_demo_posts_cover_categories_clusters_statuses_matches_and_a_conversation(demo_data):
    posts = Post.objects.filter(is_demo=True)

    assert demo_data["marketplace_posts"] == posts.count() >= 40
    assert set(posts.values_list("category", flat=True)) == set(Post.Category.values)
    assert set(posts.values_list("status", flat=True)) == set(Post.Status.values)
    assert posts.values("organisation").distinct().count() >= 25
    clusters = set(posts.values_list("organisation__memberships__cluster__slug", flat=True))
    assert len(clusters) >= 10
    assert all(p.latitude is not None and p.is_demo for p in posts)
    titles = " ".join(posts.values_list("title_de", flat=True))
    for crisis_word in ("Desinfektionsmittel", "Schutzmasken", "3D-Druck", "Lagerfläche", "Labor-Zeit"):
        assert crisis_word in titles

    # The demo representative sees a matching offer for their request and an unread conversation.
    representative = User.objects.get(email="mitglied@demo.crosscluster.invalid")
    request = Post.objects.get(organisation__slug=demo.SHOWCASE, title_en__startswith="Wanted: 3D printing")
    matching.POSTS.reset()

    found = matching.matches_for(request, user=representative, k=5)

    assert found[0].post.title_en.startswith("Free 3D printing capacity")
    thread = Thread.objects.get(post__organisation__slug=demo.SHOWCASE)
    assert thread.messages.count() == 3
    assert messaging.unread_count(representative) == 1

    # Loading again replaces the demo posts; removing the demo data removes them.
    count = Post.objects.count()
    assert demo.load() == count and Post.objects.count() == count
    loader.remove()
    assert not Post.objects.exists()
