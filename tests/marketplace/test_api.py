"""The marketplace API: filters, writing posts with status changes, matches, bad input, and the schema."""

import json
from datetime import timedelta

import pytest
import yaml
from django.utils import timezone

from crosscluster.marketplace.models import Post
from tests.marketplace.factories import PostFactory

pytestmark = pytest.mark.django_db

POSTS = "/api/v1/marketplace/posts/"


def send(client, method, url, data):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def api(client_for):
    return client_for("representative")


def test_list_filters_by_kind_category_words_and_place(api, other_organisation):
    PostFactory(organisation=other_organisation, title_de="Lagerfläche im Hafen", category="space", kind="offer")
    PostFactory(organisation=other_organisation, title_de="Lagerfläche gesucht", category="space", kind="request")
    PostFactory(organisation=other_organisation, title_de="Laserschneiden", category="production")
    PostFactory(
        organisation=other_organisation, title_de="Lagerhalle in München", category="space", latitude=48.14,
        longitude=11.58,
    )  # fmt: skip

    def titles(query):
        response = api.get(POSTS + query)
        assert response.status_code == 200, response.content
        return sorted(row["title_de"] for row in response.json()["results"])

    assert titles("?category=space&kind=offer&q=lager") == ["Lagerfläche im Hafen", "Lagerhalle in München"]
    assert titles("?q=Lagerflächen") == ["Lagerfläche gesucht", "Lagerfläche im Hafen"]  # stemmed
    near = api.get(POSTS + "?category=space&near=20457&radius=20").json()["results"]
    assert sorted(r["title_de"] for r in near) == ["Lagerfläche gesucht", "Lagerfläche im Hafen"]
    assert all(3 < r["distance_km"] < 5 for r in near)  # Altona to the port's postcode


def test_bad_list_filters_answer_400_naming_each(api):
    response = api.get(POSTS + "?kind=gift&near=Atlantis&radius=0&cluster=nope")

    assert response.status_code == 400
    assert set(response.json()) == {"kind", "near", "radius", "cluster"}
    assert "Atlantis" in response.json()["near"][0]


def test_create_publish_and_read_back(api, organisation, cluster):
    response = send(api, "post", POSTS, {
        "organisation": "elbe-drohnen", "kind": "offer", "category": "equipment", "title_de": "Prüfstand",
        "title_en": "Test bench", "quantity": "2", "unit": "Tage", "place": "Harburg", "radius_km": 80,
        "valid_to": (timezone.localdate() + timedelta(days=30)).isoformat(), "visibility": "chosen",
        "visible_clusters": ["hamburg-aviation"], "status": "published",
    })  # fmt: skip

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "published" and body["organisation"] == "elbe-drohnen"
    assert body["visible_clusters"] == ["hamburg-aviation"] and body["place"] == "Harburg"
    assert 53.4 < body["latitude"] < 53.5 and body["published_at"]
    assert api.get(f"{POSTS}{body['id']}/").json()["title_en"] == "Test bench"


def test_coordinates_may_be_given_instead_of_a_place(api, organisation):
    response = send(api, "post", POSTS, {
        "organisation": "elbe-drohnen", "kind": "request", "category": "space", "title_en": "Hall",
        "latitude": 53.1, "longitude": 8.8,
    })  # fmt: skip

    assert response.status_code == 201, response.content
    post = Post.objects.get()
    assert (float(post.latitude), float(post.longitude)) == (53.1, 8.8) and post.place == "53.1000, 8.8000"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"category": "weapons"}, "category"),
        ({"kind": None}, "kind"),
        ({"title_de": "", "title_en": ""}, "title_de"),
        ({"titel_de": "Tippfehler"}, "titel_de"),
        ({"quantity": "0"}, "quantity"),
        ({"quantity": "viel"}, "quantity"),
        ({"radius_km": -5}, "radius_km"),
        ({"latitude": 53.5}, "longitude"),
        ({"latitude": 123, "longitude": 9}, "latitude"),
        ({"place": "Atlantis"}, "place"),
        ({"valid_from": "2030-05-01", "valid_to": "2030-04-01"}, "valid_to"),
        ({"valid_to": "morgen"}, "valid_to"),
        ({"visibility": "chosen"}, "visible_clusters"),
        ({"visible_clusters": ["no-such-cluster"]}, "visible_clusters"),
        ({"status": "in_talks"}, "status"),
        ({"organisation": "no-such-org"}, "organisation"),
    ],
)
def test_bad_input_answers_400_at_the_field_and_saves_nothing(api, organisation, data, field):
    base = {"organisation": "elbe-drohnen", "kind": "offer", "category": "space", "title_de": "Halle"}

    response = send(api, "post", POSTS, {**base, **data})

    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert not Post.objects.exists()


def test_not_json_answers_400(api):
    response = api.post(POSTS, "{not json", content_type="application/json")

    assert response.status_code == 400 and "detail" in response.json()


def test_status_moves_along_the_workflow_and_refuses_jumps(api, organisation):
    post = PostFactory(organisation=organisation, status="draft")
    url = f"{POSTS}{post.pk}/"

    assert send(api, "patch", url, {"status": "published"}).json()["status"] == "published"
    assert send(api, "patch", url, {"status": "in_talks"}).json()["status"] == "in_talks"
    refused = send(api, "patch", url, {"status": "draft", "title_de": "Neu"})
    assert refused.status_code == 400 and "status" in refused.json()
    post.refresh_from_db()
    assert post.status == "in_talks" and post.title_de != "Neu"
    assert send(api, "patch", url, {"status": "closed"}).json()["status"] == "closed"
    assert send(api, "patch", url, {"title_de": "Neu"}).status_code == 400


def test_a_post_cannot_move_to_another_organisation(api, organisation, other_organisation):
    post = PostFactory(organisation=organisation)

    response = send(api, "patch", f"{POSTS}{post.pk}/", {"organisation": "alster-biotech"})

    assert response.status_code == 400 and "organisation" in response.json()


def test_matches_come_with_their_explanation(api, organisation, other_organisation):
    request = PostFactory(organisation=organisation, kind="request", title_de="Gesucht: Desinfektionsmittel")
    offer = PostFactory(organisation=other_organisation, kind="offer", title_de="Desinfektionsmittel abzugeben")

    rows = api.get(f"{POSTS}{request.pk}/matches/").json()

    assert [row["post"]["id"] for row in rows] == [offer.pk]
    explanation = rows[0]["explanation"]
    assert 0 < rows[0]["score"] <= 1 and rows[0]["percent"] == round(rows[0]["score"] * 100)
    assert "Desinfektionsmittel" in explanation["text_terms"]
    assert explanation["distance_km"] == 0.0 and set(explanation["components"]) >= {"text", "distance", "time"}


def test_schema_documents_the_marketplace_endpoints(client, db):
    schema = yaml.safe_load(client.get("/api/schema/").content)

    assert {POSTS, POSTS + "{id}/", POSTS + "{id}/matches/"} <= set(schema["paths"])
    names = {p["name"] for p in schema["paths"][POSTS]["get"]["parameters"]}
    assert {"kind", "category", "cluster", "q", "near", "radius", "page"} <= names
    assert "PostStatusEnum" in schema["components"]["schemas"]
