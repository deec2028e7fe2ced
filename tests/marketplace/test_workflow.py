"""End to end through the web pages: a representative posts a request, sees a matching offer with its explanation,
contacts the offering organisation, gets a reply, and the offer goes into talks and is closed."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from crosscluster.marketplace.models import Message, Post, Thread
from tests.marketplace.factories import PostFactory

pytestmark = pytest.mark.django_db


def request_form(**overrides):
    today = timezone.localdate()
    values = {
        "organisation": "elbe-drohnen",
        "kind": "request",
        "category": "production",
        "title_de": "Gesucht: Produktionskapazität für Desinfektionsmittel",
        "title_en": "Wanted: production capacity for disinfectant",
        "description_de": "Wir suchen einen Hersteller, der Handdesinfektionsmittel abfüllt.",
        "description_en": "We are looking for a manufacturer who fills hand disinfectant.",
        "quantity": "2000",
        "unit": "Liter/Woche",
        "place": "Ottensen",
        "radius_km": "100",
        "valid_from": today.isoformat(),
        "valid_to": (today + timedelta(days=30)).isoformat(),
        "visibility": "all",
        "action": "publish",
    }
    values.update(overrides)
    return values


@pytest.fixture
def disinfectant_offer(other_organisation):
    return PostFactory(
        organisation=other_organisation,
        kind="offer",
        category="production",
        title_de="Produktionskapazität für Desinfektionsmittel",
        title_en="Production capacity for hand disinfectant",
        description_de="Abfüllanlage frei: Handdesinfektionsmittel nach WHO-Rezeptur.",
        description_en="Filling line free: hand disinfectant to the WHO formulation.",
        latitude=Decimal("53.5660"),
        longitude=Decimal("9.9000"),
        place="Bahrenfeld",
        valid_to=timezone.localdate() + timedelta(days=60),
    )


@pytest.fixture
def unrelated_offer(other_organisation):
    return PostFactory(
        organisation=other_organisation,
        kind="offer",
        category="production",
        title_de="CNC-Fräsen",
        title_en="CNC milling",
        description_de="Fünfachsige Fräszentren.",
        description_en="Five-axis machining centres.",
    )


def test_request_to_match_to_contact_to_reply_to_in_talks_to_closed(
    client_for, representative, other_rep, disinfectant_offer, unrelated_offer, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    client = client_for("representative")

    # 1. The representative publishes a request.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/marketplace/new/", request_form())
    request_post = Post.objects.get(kind="request")
    assert response.status_code == 302 and response["Location"] == f"/marketplace/{request_post.pk}/"
    assert request_post.status == "published" and request_post.place == "Ottensen"

    # The offering organisation hears of the good match (its representative may see the request).
    match_mails = [m for m in mailoutbox if m.to == ["other-rep@example.org"]]
    assert len(match_mails) == 1
    assert "Produktionskapazität für Desinfektionsmittel" in match_mails[0].subject  # German: other_rep's language
    assert f"/marketplace/{request_post.pk}/" in match_mails[0].body
    mailoutbox.clear()

    # 2. Its page lists the matching offer first, with the explanation.
    page = client.get(request_post.get_absolute_url()).content.decode()
    matches = page[page.index('id="matches-h"') :]
    assert "Production capacity for hand disinfectant" in matches
    assert "CNC milling" not in matches  # same category, but nothing in common
    first = matches
    assert re.search(r"\d+ % match", first)
    assert "Words in common" in first and "disinfectant" in first.lower()
    assert re.search(r"Distance</dt><dd>\d+(\.\d)? km \(within the radius\)", first)
    assert "overlap" in first

    # 3. Contact: a thread with the offering organisation, and an e-mail to its representative.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/marketplace/{disinfectant_offer.pk}/contact/",
            {"organisation": "elbe-drohnen", "body": "Könnten Sie ab nächster Woche 2.000 Liter abfüllen?"},
        )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/marketplace/messages/{thread.pk}/"
    assert thread.asking_organisation.slug == "elbe-drohnen" and thread.post == disinfectant_offer
    assert [m.to for m in mailoutbox] == [["other-rep@example.org"]]
    assert "Elbe Drohnen GmbH" in mailoutbox[0].subject and f"/marketplace/messages/{thread.pk}/" in mailoutbox[0].body
    mailoutbox.clear()

    # 4. The other side sees it unread, reads it and replies; the representative is told by e-mail.
    other = Client()
    other.force_login(other_rep)
    assert "1 unread" in other.get("/marketplace/").content.decode()
    assert "2.000 Liter" in other.get(f"/marketplace/messages/{thread.pk}/").content.decode()
    assert "unread" not in other.get("/marketplace/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = other.post(f"/marketplace/messages/{thread.pk}/", {"body": "Ja, das geht. Wir melden uns."})
    assert response.status_code == 302
    assert list(Message.objects.values_list("from_poster", flat=True)) == [False, True]
    assert [m.to for m in mailoutbox] == [["rep@example.org"]]
    assert "1 unread" in client.get("/marketplace/").content.decode()

    # 5. The offering organisation marks the offer "in talks", then closes it.
    other.post(f"/marketplace/{disinfectant_offer.pk}/status/", {"status": "in_talks"})
    disinfectant_offer.refresh_from_db()
    assert disinfectant_offer.status == "in_talks"
    assert "In talks" in client.get(disinfectant_offer.get_absolute_url()).content.decode()
    other.post(f"/marketplace/{disinfectant_offer.pk}/status/", {"status": "closed"})
    disinfectant_offer.refresh_from_db()
    assert disinfectant_offer.status == "closed"

    # A closed offer leaves the list and the matches, but the conversation stays readable.
    assert "hand disinfectant" not in client.get("/marketplace/").content.decode()
    page = client.get(request_post.get_absolute_url()).content.decode()
    assert "Production capacity for hand disinfectant" not in page[page.index('id="matches-h"') :]
    assert client.get(f"/marketplace/messages/{thread.pk}/").status_code == 200
    assert client.post(f"/marketplace/{disinfectant_offer.pk}/contact/", {"body": "Noch da?"}).status_code == 302
    assert Thread.objects.get().messages.count() == 2


def test_a_second_contact_of_the_same_organisation_continues_its_thread(client_for, representative, disinfectant_offer):
    client = client_for("representative")
    for text in ("Erste Frage", "Zweite Frage"):
        client.post(f"/marketplace/{disinfectant_offer.pk}/contact/", {"organisation": "elbe-drohnen", "body": text})

    thread = Thread.objects.get()
    assert list(thread.messages.values_list("body", flat=True)) == ["Erste Frage", "Zweite Frage"]


def test_a_cluster_manager_without_organisation_contacts_as_a_person(client_for, manager, disinfectant_offer):
    response = client_for("manager").post(f"/marketplace/{disinfectant_offer.pk}/contact/", {"body": "Hallo"})

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert thread.asking_organisation is None and thread.asker == manager
    assert thread.asking_party_name == str(manager)


def test_own_posts_dashboard_lists_every_status_with_conversations(client_for, organisation, other_organisation):
    for status in ("draft", "published", "in_talks", "closed", "expired"):
        PostFactory(organisation=organisation, status=status, title_en=f"Own {status}")
    PostFactory(organisation=other_organisation, title_en="Someone else's")

    page = client_for("representative").get("/marketplace/mine/").content.decode()

    for status in ("draft", "published", "in_talks", "closed", "expired"):
        assert f"Own {status}" in page
    assert "Someone else" not in page
