"""The directory API: reading, writing through the services, visibility, tokens, bad input, query counts."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from crosscluster.accounts.models import AuditLogEntry
from crosscluster.directory.models import Cluster, Membership, Organisation, Person
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, TopicFactory


def send(client, method, url, body=None, **headers):
    if body is None:
        return getattr(client, method)(url, headers=headers)
    raw = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(url, data=raw, content_type="application/json", headers=headers)


# Reading


def test_organisation_detail_nests_industries_topics_and_active_memberships(client, organisation, other_cluster):
    topic = TopicFactory(slug="drohnen")
    organisation.topics.add(topic)
    organisation.industries.add("62.01")
    MembershipFactory(organisation=organisation, cluster=other_cluster, status=Membership.Status.REQUESTED)

    data = client.get("/api/v1/organisations/elbe-drohnen/").json()

    assert data["name"] == "Elbe Drohnen GmbH"
    assert data["industries"] == [{"code": "62.01", "title": data["industries"][0]["title"]}]
    assert data["industries"][0]["title"]
    assert data["topics"] == ["drohnen"]
    assert [m["cluster"] for m in data["memberships"]] == ["hamburg-aviation"]


def test_organisation_description_follows_request_language(client, organisation):
    german = client.get("/api/v1/organisations/elbe-drohnen/", headers={"accept-language": "de"}).json()
    english = client.get("/api/v1/organisations/elbe-drohnen/", headers={"accept-language": "en"}).json()

    assert german["description"] == "Ein Mitgliedsunternehmen."
    assert english["description"] == "A member company."
    assert english["description_de"] == "Ein Mitgliedsunternehmen."


def test_organisation_list_filters_like_the_web_directory(client, organisation, other_organisation):
    by_cluster = client.get("/api/v1/organisations/?cluster=hamburg-aviation").json()
    by_query = client.get("/api/v1/organisations/?q=Biotech").json()

    assert [o["slug"] for o in by_cluster["results"]] == ["elbe-drohnen"]
    assert [o["slug"] for o in by_query["results"]] == ["alster-biotech"]


def test_organisation_list_pages_with_page_size_capped(client, db):
    OrganisationFactory.create_batch(3)

    first = client.get("/api/v1/organisations/?page_size=2").json()
    capped = client.get("/api/v1/organisations/?page_size=5000")

    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert "page=2" in first["next"]
    assert capped.status_code == 200


def test_organisation_list_queries_stay_fixed_with_more_organisations(client, cluster):
    topic = TopicFactory()

    def make_organisation():
        org = OrganisationFactory()
        org.industries.add("62.01", "30.30")
        org.topics.add(topic)
        MembershipFactory(organisation=org, cluster=cluster)

    make_organisation()
    with CaptureQueriesContext(connection) as one:
        assert client.get("/api/v1/organisations/").status_code == 200
    for _ in range(9):
        make_organisation()
    with CaptureQueriesContext(connection) as ten:
        response = client.get("/api/v1/organisations/")

    assert len(response.json()["results"]) == 10
    assert len(ten) == len(one) <= 8


def test_cluster_list_shows_member_counts(client, organisation, other_organisation):
    data = client.get("/api/v1/clusters/").json()

    counts = {c["slug"]: c["member_count"] for c in data["results"]}
    assert counts == {"hamburg-aviation": 1, "life-science-nord": 1}


def test_industry_codes_are_looked_up_by_code(client, db):
    data = client.get("/api/v1/industry-codes/62.01/").json()

    assert data["code"] == "62.01"
    assert data["parent"] == "62.0"


def test_memberships_filter_by_cluster_and_status(client_for, organisation, other_organisation, cluster):
    MembershipFactory(organisation=other_organisation, cluster=cluster, status=Membership.Status.REQUESTED)
    client = client_for("manager")

    requested = client.get("/api/v1/memberships/?cluster=hamburg-aviation&status=requested").json()

    assert [m["organisation"] for m in requested["results"]] == ["alster-biotech"]


def test_people_filter_by_organisation(client, organisation, other_organisation):
    PersonFactory(organisation=organisation, last_name="Albers")
    PersonFactory(organisation=other_organisation, last_name="Brandt")

    data = client.get("/api/v1/people/?organisation=elbe-drohnen").json()

    assert [p["last_name"] for p in data["results"]] == ["Albers"]


# Visibility


def test_people_without_consent_are_invisible_to_outsiders(client_for, users, organisation):
    PersonFactory(organisation=organisation, last_name="Listed", listing_consent=True)
    hidden = PersonFactory(organisation=organisation, last_name="Hidden", listing_consent=False)

    for role, sees_hidden in [("anonymous", False), ("individual", False), ("representative", True)]:
        names = [p["last_name"] for p in client_for(role).get("/api/v1/people/").json()["results"]]
        assert ("Hidden" in names) is sees_hidden, role
        assert "Listed" in names
    assert client_for("individual").get(f"/api/v1/people/{hidden.pk}/").status_code == 404


def test_requested_memberships_are_invisible_to_outsiders(client_for, users, organisation, other_cluster):
    MembershipFactory(organisation=organisation, cluster=other_cluster, status=Membership.Status.REQUESTED)

    outsider = client_for("individual").get("/api/v1/memberships/?status=requested").json()

    assert outsider["count"] == 0


def test_active_membership_message_is_not_published(client, organisation):
    Membership.objects.filter(organisation=organisation).update(message="Bitte um Aufnahme")

    data = client.get("/api/v1/memberships/").json()

    assert data["results"][0]["message"] == ""


# Writing


def test_representative_creates_organisation_and_becomes_its_representative(client_for, users):
    response = send(
        client_for("individual"),
        "post",
        "/api/v1/organisations/",
        {"name": "Hafenlicht GmbH", "industries": ["62.01"], "employees": 12, "description_en": "Lights."},
    )

    assert response.status_code == 201, response.content
    assert response.json()["slug"] == "hafenlicht-gmbh"
    assert response.json()["size_class"] == "small"
    organisation = Organisation.objects.get(slug="hafenlicht-gmbh")
    assert list(organisation.representatives.all()) == [users["individual"]]
    assert AuditLogEntry.objects.filter(action="organisation.created", object_id=str(organisation.pk)).exists()


def test_organisation_update_sets_topics_by_slug(client_for, users, organisation):
    TopicFactory(slug="wasserstoff")

    response = send(
        client_for("representative"),
        "patch",
        "/api/v1/organisations/elbe-drohnen/",
        {"topics": ["wasserstoff"], "industries": ["30.30"]},
    )

    assert response.status_code == 200, response.content
    organisation.refresh_from_db()
    assert [t.slug for t in organisation.topics.all()] == ["wasserstoff"]
    assert [i.code for i in organisation.industries.all()] == ["30.30"]


def test_organisation_delete_by_coordinator_is_audited(client_for, users, organisation):
    response = send(client_for("coordinator"), "delete", "/api/v1/organisations/elbe-drohnen/")

    assert response.status_code == 204
    assert not Organisation.objects.filter(slug="elbe-drohnen").exists()
    assert AuditLogEntry.objects.filter(action="organisation.deleted").exists()


def test_cluster_crud_by_coordinator(client_for, users):
    client = client_for("coordinator")

    created = send(client, "post", "/api/v1/clusters/", {"name": "Hamburg Cruise Net", "kind": "network"})
    changed = send(client, "patch", "/api/v1/clusters/hamburg-cruise-net/", {"description_en": "Cruise."})
    deleted = send(client, "delete", "/api/v1/clusters/hamburg-cruise-net/")

    assert (created.status_code, changed.status_code, deleted.status_code) == (201, 200, 204)
    assert changed.json()["description_en"] == "Cruise."
    assert not Cluster.objects.filter(slug="hamburg-cruise-net").exists()


@pytest.mark.parametrize(
    ("role", "organisation_slug", "cluster_slug", "status"),
    [
        ("representative", "elbe-drohnen", "life-science-nord", "requested"),
        ("manager", "alster-biotech", "hamburg-aviation", "invited"),
        ("coordinator", "alster-biotech", "hamburg-aviation", "active"),
    ],
)
def test_membership_status_follows_who_creates_it(client_for, users, role, organisation_slug, cluster_slug, status):
    response = send(
        client_for(role), "post", "/api/v1/memberships/", {"organisation": organisation_slug, "cluster": cluster_slug}
    )

    assert response.status_code == 201, response.content
    assert response.json()["status"] == status


def test_membership_request_is_approved_by_cluster_manager(client_for, users, other_organisation, cluster):
    membership = MembershipFactory(
        organisation=other_organisation, cluster=cluster, status=Membership.Status.REQUESTED, since=None
    )

    response = send(client_for("manager"), "post", f"/api/v1/memberships/{membership.pk}/approve/")

    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert membership.since is not None


def test_membership_end_with_date_before_start_is_refused(client_for, users, organisation):
    membership = organisation.memberships.get()

    response = send(
        client_for("representative"), "post", f"/api/v1/memberships/{membership.pk}/end/", {"until": "2000-01-01"}
    )

    assert response.status_code == 400
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_duplicate_membership_request_is_refused_with_message(client_for, users):
    response = send(
        client_for("representative"),
        "post",
        "/api/v1/memberships/",
        {"organisation": "elbe-drohnen", "cluster": "hamburg-aviation"},
    )

    assert response.status_code == 400
    assert "already has a membership" in response.json()["non_field_errors"][0]


def test_person_crud_by_representative_stamps_consent_and_audits(client_for, users, organisation):
    client = client_for("representative")

    created = send(
        client,
        "post",
        "/api/v1/people/",
        {"first_name": "Jana", "last_name": "Kühn", "organisation": "elbe-drohnen", "listing_consent": True},
    )
    assert created.status_code == 201, created.content
    person_id = created.json()["id"]
    assert created.json()["consent_given"]

    changed = send(client, "patch", f"/api/v1/people/{person_id}/", {"listing_consent": False})
    assert changed.json()["consent_given"] is None

    assert send(client, "delete", f"/api/v1/people/{person_id}/").status_code == 204
    assert not Person.objects.filter(pk=person_id).exists()
    actions = set(AuditLogEntry.objects.filter(object_id=str(person_id)).values_list("action", flat=True))
    assert actions == {"person.created", "person.updated", "person.deleted"}


def test_person_cannot_be_moved_to_a_foreign_organisation(client_for, users, organisation):
    person = PersonFactory(organisation=organisation)

    response = send(
        client_for("representative"), "patch", f"/api/v1/people/{person.pk}/", {"organisation": "alster-biotech"}
    )

    assert response.status_code == 400
    assert "organisation" in response.json()
    person.refresh_from_db()
    assert person.organisation == organisation


# Tokens


def test_token_obtain_use_and_revoke(client, representative, password):
    obtained = send(client, "post", "/api/v1/auth/token/", {"email": "REP@example.org", "password": password})
    assert obtained.status_code == 200, obtained.content
    auth = {"authorization": f"Token {obtained.json()['token']}"}

    used = send(client, "patch", "/api/v1/organisations/elbe-drohnen/", {"district": "Altona"}, **auth)
    revoked = send(client, "delete", "/api/v1/auth/token/", **auth)
    after = send(client, "patch", "/api/v1/organisations/elbe-drohnen/", {"district": "Altona"}, **auth)

    assert used.status_code == 200
    assert revoked.status_code == 204
    assert after.status_code == 401
    assert not Token.objects.exists()


def test_token_with_wrong_password_is_refused(client, representative):
    response = send(client, "post", "/api/v1/auth/token/", {"email": "rep@example.org", "password": "wrong"})

    assert response.status_code == 400
    assert response.json()["non_field_errors"]
    assert not Token.objects.exists()


def test_token_requests_are_locked_out_after_repeated_failures(client, representative, password, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        send(client, "post", "/api/v1/auth/token/", {"email": "rep@example.org", "password": "wrong"})

    response = send(client, "post", "/api/v1/auth/token/", {"email": "rep@example.org", "password": password})

    assert response.status_code == 429
    assert "detail" in response.json()
    assert not Token.objects.exists()


def test_token_revoke_needs_authentication(client, db):
    assert send(client, "delete", "/api/v1/auth/token/").status_code == 401


# Bad input: always a 4xx with a JSON body naming the field, never a 500


BAD_ORGANISATION_INPUT = [
    ({"name": ""}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"name": "Ok", "employees": -3}, "employees"),
    ({"name": "Ok", "employees": "many"}, "employees"),
    ({"name": "Ok", "employees": 10**30}, "employees"),
    ({"name": "Ok", "industries": ["99.99"]}, "industries"),
    ({"name": "Ok", "industries": "62.01"}, "industries"),
    ({"name": "Ok", "industries": [{"code": "62.01"}]}, "industries"),
    ({"name": "Ok", "topics": ["no-such-topic"]}, "topics"),
    ({"name": "Ok", "website": "not a url"}, "website"),
    ({"name": "Ok", "legal_form": "Limited"}, "legal_form"),
    ({"name": "Ok", "latitude": 123.456}, "latitude"),
    ({"name": "Ok", "founded": 99999}, "founded"),
    ({"name": "Ok", "slug": "elbe-drohnen"}, "slug"),
    ({"name": "Ok", "slug": "not a slug!"}, "slug"),
    ({"name": "Nul\x00byte"}, "name"),
    ({"name": ["list"]}, "name"),
]


@pytest.mark.parametrize(("body", "field"), BAD_ORGANISATION_INPUT)
def test_organisation_bad_input_names_the_field(client_for, users, body, field):
    response = send(client_for("representative"), "post", "/api/v1/organisations/", body)

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Organisation.objects.count() == 2  # nothing half-saved


def test_unknown_code_is_named_in_the_message(client_for, users):
    response = send(
        client_for("representative"), "post", "/api/v1/organisations/", {"name": "Ok", "industries": ["99.99"]}
    )

    assert "99.99" in response.json()["industries"][0]


@pytest.mark.parametrize(
    ("method", "url", "body", "expected"),
    [
        ("post", "/api/v1/organisations/", "{not json", 400),
        ("post", "/api/v1/organisations/", "[1, 2]", 400),
        ("post", "/api/v1/memberships/", {"organisation": "nope", "cluster": "hamburg-aviation"}, 400),
        ("post", "/api/v1/memberships/", {"organisation": "elbe-drohnen", "cluster": 7}, 400),
        (
            "post",
            "/api/v1/memberships/",
            {"organisation": "elbe-drohnen", "cluster": "life-science-nord", "role": "king"},
            400,
        ),
        ("post", "/api/v1/people/", {"first_name": "A"}, 400),
        ("post", "/api/v1/people/", {"first_name": "A", "last_name": "B", "email": "nope"}, 400),
        ("post", "/api/v1/memberships/1/end/", {"until": "yesterday"}, 400),
        ("get", "/api/v1/organisations/?page=999", None, 404),
        ("get", "/api/v1/organisations/?page=abc", None, 404),
        ("get", "/api/v1/organisations/?page_size=-1", None, 200),
        ("get", "/api/v1/organisations/?size=huge", None, 400),
        ("get", "/api/v1/organisations/?q=" + "x" * 500, None, 400),
        ("get", "/api/v1/organisations/?cluster=not%20a%20slug", None, 400),
        ("get", "/api/v1/memberships/?status=everything", None, 400),
        ("get", "/api/v1/organisations/?q=a%00b", None, 400),
        ("get", "/api/v1/memberships/?organisation=a%00b", None, 400),
        ("get", "/api/v1/people/?organisation=a%00b", None, 400),
        ("post", "/api/v1/auth/token/", {"email": "a@example.org", "password": "a\x00b"}, 400),
        ("post", "/api/v1/auth/token/", {"email": ["a@example.org"], "password": 1}, 400),
        ("get", "/api/v1/organisations/no-such-org/", None, 404),
        ("get", "/api/v1/memberships/abc/", None, 404),
        ("get", "/api/v1/people/999999/", None, 404),
        ("get", "/api/v1/industry-codes/99.99/", None, 404),
    ],
)
def test_bad_requests_answer_4xx_json(client_for, users, method, url, body, expected):
    response = send(client_for("coordinator"), method, url, body)

    assert response.status_code == expected, response.content
    if expected == 400:
        assert response["content-type"].startswith("application/json")
        assert response.json()


def test_bad_input_message_is_in_the_request_language(client_for, users):
    english = send(client_for("representative"), "post", "/api/v1/organisations/", {}, **{"accept-language": "en"})
    german = send(client_for("representative"), "post", "/api/v1/organisations/", {}, **{"accept-language": "de"})

    assert english.json()["name"] == ["This field is required."]
    assert german.status_code == 400
    assert german.json()["name"] != english.json()["name"]
