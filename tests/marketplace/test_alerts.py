"""Saved searches and their e-mail alerts: at once after publication, as a daily digest, each post once, never
about one's own posts or posts one may not see, and an unsubscribe link that works without logging in."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from crosscluster.marketplace import alerts, services, tasks
from crosscluster.marketplace.models import Post, SavedSearch, SavedSearchAlert
from tests.marketplace.factories import PostFactory

pytestmark = pytest.mark.django_db


def offer_data(title="Desinfektionsmittel abzugeben", **overrides):
    return {"kind": "offer", "category": "materials", "title_de": title, "title_en": "", **overrides}


@pytest.fixture
def publish(other_rep, other_organisation, django_capture_on_commit_callbacks):
    """Publish an offer of Alster Biotech the way the web UI does (alerts run after the commit)."""

    def run(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return services.create_post(
                acting_user=other_rep, organisation=other_organisation, data=offer_data(**overrides), status="published"
            )

    return run


def save(user, alerts_mode="instant", **params):
    return alerts.save_search(acting_user=user, params=params, alerts=alerts_mode)


def test_saving_from_the_list_page_keeps_the_filters(client_for, representative):
    response = client_for("representative").post(
        "/marketplace/searches/", {"kind": "offer", "q": "Desinfektion", "near": "Altona", "radius": "30",
                                   "name": "", "alerts": "instant"}
    )  # fmt: skip

    saved = SavedSearch.objects.get()
    assert response.status_code == 302
    assert saved.user == representative and saved.alerts == "instant"
    assert saved.params == {"kind": "offer", "q": "Desinfektion", "near": "Altona", "radius": "30"}
    assert saved.name == "Offer · “Desinfektion” · within 30 km of Altona"


def test_a_search_with_a_bad_filter_is_not_saved(client_for):
    response = client_for("representative").post(
        "/marketplace/searches/", {"near": "Atlantis", "kind": "gift", "alerts": "daily"}
    )

    page = response.content.decode()
    assert response.status_code == 200 and not SavedSearch.objects.exists()
    assert "We do not know the place “Atlantis”" in page and "Unknown value “gift”" in page


def test_instant_alert_once_per_post_in_the_users_language(representative, publish):
    representative.language = "en"
    representative.save()
    saved = save(representative, q="Desinfektion", kind="offer")
    save(representative, category="materials")  # a second search finding the same post

    post = publish()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rep@example.org"]
    assert message.subject == "New on the marketplace — Offer: Desinfektionsmittel abzugeben"
    assert f"/marketplace/{post.pk}/" in message.body
    assert saved.get_unsubscribe_url() in message.body
    assert saved.get_unsubscribe_url() in message.extra_headers["List-Unsubscribe"]
    assert SavedSearchAlert.objects.filter(post=post).count() == 2

    # Going into talks and back to published is no new publication for the alerts.
    services.change_status(post, acting_user=post.organisation.representatives.get(), status="in_talks")
    tasks.post_published(post_id=post.pk)
    assert len(mail.outbox) == 1


def test_instant_alerts_only_for_matching_visible_posts_of_others(representative, other_rep, publish):
    save(representative, q="Desinfektion")
    save(other_rep, q="Desinfektion")  # the posting organisation's own representative

    publish(title="Schutzmasken abzugeben")  # does not match
    publish(visibility="own")  # Life Science Nord only: the representative (Hamburg Aviation) may not see it
    assert mail.outbox == []

    with pytest.raises(ValidationError):
        publish(visibility="chosen")  # refused: no cluster chosen
    assert mail.outbox == [] and not Post.objects.filter(visibility="chosen").exists()


def test_daily_digest_lists_new_matching_posts_once(representative, other_organisation):
    saved = save(representative, alerts_mode="daily", category="materials")
    SavedSearch.objects.filter(pk=saved.pk).update(last_digest_at=timezone.now() - timedelta(days=1))
    now = timezone.now()
    fresh = [
        PostFactory(
            organisation=other_organisation,
            category="materials",
            title_de=f"Neu {n}",
            title_en=f"New {n}",
            published_at=now - timedelta(hours=n + 1),
        )  # fmt: skip
        for n in range(2)
    ]
    PostFactory(organisation=other_organisation, category="materials", title_en="Old",
                published_at=now - timedelta(days=3))  # fmt: skip
    PostFactory(organisation=other_organisation, category="space", title_en="Space", published_at=now)

    tasks.send_daily_digests()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "2 neue Beiträge" in message.subject or "2 new posts" in message.subject
    assert all(f"/marketplace/{p.pk}/" in message.body for p in fresh)
    assert "Old" not in message.body and "Space" not in message.body
    assert saved.get_unsubscribe_url() in message.body

    tasks.send_daily_digests()
    assert len(mail.outbox) == 1  # nothing new since


def test_digest_skips_posts_already_reported_at_once(representative, publish):
    save(representative, q="Desinfektion")  # instant
    digest = save(representative, alerts_mode="daily", q="Desinfektion")
    SavedSearch.objects.filter(pk=digest.pk).update(last_digest_at=timezone.now() - timedelta(days=1))
    publish()
    assert len(mail.outbox) == 1

    alerts.send_daily_digests()

    assert len(mail.outbox) == 1


def test_unsubscribe_link_works_without_login_and_stops_alerts(representative, publish):
    saved = save(representative, q="Desinfektion")
    client = Client()

    page = client.get(saved.get_unsubscribe_url())
    assert page.status_code == 200 and "“Desinfektion”" in page.content.decode()
    saved.refresh_from_db()
    assert saved.alerts == "instant"  # a GET (a mail scanner following links) changes nothing

    response = client.post(saved.get_unsubscribe_url())
    assert response.status_code == 200 and "no more e-mails" in response.content.decode()
    saved.refresh_from_db()
    assert saved.alerts == "off"

    publish()
    assert mail.outbox == []


def test_alert_mode_can_be_changed_and_the_search_deleted_by_its_owner(client_for, representative):
    saved = save(representative, q="Lager")
    client = client_for("representative")

    client.post(f"/marketplace/searches/{saved.pk}/alerts/", {f"s{saved.pk}-alerts": "daily"})
    saved.refresh_from_db()
    assert saved.alerts == "daily"

    response = client.post(f"/marketplace/searches/{saved.pk}/alerts/", {f"s{saved.pk}-alerts": "hourly"})
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.alerts == "daily"

    client.post(f"/marketplace/searches/{saved.pk}/delete/")
    assert not SavedSearch.objects.exists()


def test_saved_search_link_reopens_the_filtered_list(client_for, representative, other_organisation):
    PostFactory(organisation=other_organisation, title_en="Lagerfläche im Hafen", title_de="Lagerfläche im Hafen")
    PostFactory(organisation=other_organisation, title_en="Laser", title_de="Laser")
    save(representative, q="Lagerfläche")
    client = client_for("representative")

    page = client.get("/marketplace/searches/").content.decode()
    link = page[page.index('href="/marketplace/?') + 6 :].split('"')[0].replace("&amp;", "&")
    listed = client.get(link).content.decode()

    assert ">Lagerfläche im Hafen<" in listed and ">Laser<" not in listed


def test_alerts_skip_deleted_or_unpublished_posts(representative, other_organisation):
    save(representative)
    draft = PostFactory(organisation=other_organisation, status="draft")

    assert alerts.send_instant_alerts(draft.pk) == 0
    assert alerts.send_instant_alerts(987654) == 0
    assert not Post.objects.filter(pk=987654).exists()
