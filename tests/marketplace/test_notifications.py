"""New good matches are announced to the other organisation once per pair; new messages reach the other side."""

import pytest
from django.core import mail

from crosscluster.marketplace import matching, messaging, services, tasks
from crosscluster.marketplace.models import MatchNotice
from tests.factories import UserFactory
from tests.marketplace.factories import PostFactory

pytestmark = pytest.mark.django_db

DISINFECTANT = {
    "category": "production",
    "title_de": "Produktionskapazität für Desinfektionsmittel",
    "title_en": "Production capacity for disinfectant",
    "description_de": "Abfüllung von Handdesinfektionsmittel.",
    "description_en": "Filling hand disinfectant.",
}


@pytest.fixture
def offer(other_organisation):
    return PostFactory(organisation=other_organisation, kind="offer", **DISINFECTANT)


def publish_request(user, organisation, capture, **overrides):
    data = {"kind": "request", **DISINFECTANT, **overrides}
    with capture(execute=True):
        return services.create_post(acting_user=user, organisation=organisation, data=data, status="published")


def test_a_good_match_is_announced_once_per_pair(
    representative, organisation, other_rep, offer, django_capture_on_commit_callbacks
):
    request = publish_request(representative, organisation, django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [["other-rep@example.org"]]
    message = mail.outbox[0]
    assert "Gute Übereinstimmung" in message.subject or "good match" in message.subject
    assert f"/marketplace/{request.pk}/" in message.body and f"/marketplace/{offer.pk}/" in message.body
    notice = MatchNotice.objects.get()
    assert (notice.offer, notice.request) == (offer, request)
    assert notice.score >= 0.5

    # In talks and published again: the pair was announced already.
    services.change_status(request, acting_user=representative, status="in_talks")
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(request, acting_user=representative, status="published")
    tasks.post_published(post_id=request.pk)
    assert len(mail.outbox) == 1 and MatchNotice.objects.count() == 1


def test_weak_matches_are_not_announced(
    representative, organisation, other_rep, offer, settings, django_capture_on_commit_callbacks
):
    settings.MARKETPLACE_MATCH_NOTIFY_SCORE = 0.99
    request = publish_request(
        representative, organisation, django_capture_on_commit_callbacks, title_de="Desinfektion", title_en="",
        description_de="", description_en="", place="München",
    )  # fmt: skip

    assert mail.outbox == [] and not MatchNotice.objects.exists()
    assert matching.matches_for(request, user=representative)  # it does match, only not well enough


def test_no_announcement_to_those_who_may_not_see_the_new_post(
    representative, organisation, other_rep, offer, django_capture_on_commit_callbacks
):
    # A request for Hamburg Aviation's members only: Alster Biotech (Life Science Nord) may not see it.
    publish_request(representative, organisation, django_capture_on_commit_callbacks, visibility="own")

    assert mail.outbox == [] and not MatchNotice.objects.exists()


def test_the_publishing_organisation_is_not_told_about_its_own_posts(
    representative, organisation, django_capture_on_commit_callbacks
):
    PostFactory(organisation=organisation, kind="offer", **DISINFECTANT)

    publish_request(representative, organisation, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_messages_reach_the_other_side_only(
    representative, organisation, other_rep, other_organisation, offer, django_capture_on_commit_callbacks
):
    colleague = UserFactory(email="colleague@example.org", language="en")
    organisation.representatives.add(colleague)
    inactive = UserFactory(email="gone@example.org", is_active=False)
    other_organisation.representatives.add(inactive)

    with django_capture_on_commit_callbacks(execute=True):
        thread = messaging.start_thread(
            acting_user=representative, post=offer, organisation=organisation, body="Haben Sie noch Kapazität?"
        )
    assert [m.to for m in mail.outbox] == [["other-rep@example.org"]]
    assert "Haben Sie noch Kapazität?" in mail.outbox[0].body
    assert "Neue Nachricht von Elbe Drohnen GmbH" in mail.outbox[0].subject  # other_rep reads German
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        messaging.reply(acting_user=other_rep, thread=thread, body="Ja.")
    assert sorted(m.to[0] for m in mail.outbox) == ["colleague@example.org", "rep@example.org"]
    english = next(m for m in mail.outbox if m.to == ["colleague@example.org"])
    assert english.subject == "New message from Alster Biotech AG about “Production capacity for disinfectant”"


def test_a_new_offer_is_announced_to_the_organisation_that_asked_for_it(
    representative, organisation, other_rep, other_organisation, django_capture_on_commit_callbacks
):
    request = PostFactory(organisation=organisation, kind="request", **DISINFECTANT)
    PostFactory(organisation=organisation, kind="request", category="production", title_de="CNC-Fräsen",
                title_en="CNC milling", description_de="", description_en="")  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        offer = services.create_post(
            acting_user=other_rep,
            organisation=other_organisation,
            data={"kind": "offer", **DISINFECTANT},
            status="published",
        )

    assert [m.to for m in mail.outbox] == [["rep@example.org"]]
    assert f"/marketplace/{offer.pk}/" in mail.outbox[0].body and f"/marketplace/{request.pk}/" in mail.outbox[0].body
    notice = MatchNotice.objects.get()
    assert (notice.offer, notice.request) == (offer, request)
