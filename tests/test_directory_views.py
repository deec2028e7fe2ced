"""The directory's web pages as a user meets them: search and filters, profiles, editing, the membership workflow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crosscluster.accounts.models import AuditLogEntry
from crosscluster.directory.models import IndustryCode, Membership, Organisation, Person
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory, PersonFactory, TopicFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def names(response):
    return [org.name for org in response.context["page"]]


@pytest.fixture
def directory(cluster, other_cluster, organisation, other_organisation):
    """Elbe Drohnen (Aviation, Altona), Alster Biotech (LSN, Eppendorf), Hafen Logistik (no cluster, large)."""
    other_organisation.district = "Eppendorf"
    other_organisation.employees = 5
    other_organisation.save()
    organisation.industries.set([IndustryCode.objects.get(code="30.30")])
    other_organisation.industries.set([IndustryCode.objects.get(code="72.11")])
    logistics = OrganisationFactory(slug="hafen-logistik", name="Hafen Logistik KG", employees=800, district="Veddel")
    logistics.industries.set([IndustryCode.objects.get(code="52.10")])
    return organisation


# --- organisation directory -------------------------------------------------------------------------------------


def test_organisation_list_without_filters_shows_everyone(client, directory):
    response = client.get("/organisations/")
    assert response.status_code == 200
    assert names(response) == ["Alster Biotech AG", "Elbe Drohnen GmbH", "Hafen Logistik KG"]
    assert b'role="status"' in response.content
    assert b"3 organisations found" in response.content


def test_organisation_list_search_finds_by_word(client, directory):
    assert names(client.get("/organisations/", {"q": "drohnen"})) == ["Elbe Drohnen GmbH"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"cluster": "hamburg-aviation"}, ["Elbe Drohnen GmbH"]),
        ({"industry": "C"}, ["Elbe Drohnen GmbH"]),  # section: manufacturing
        ({"industry": "72"}, ["Alster Biotech AG"]),  # division: research and development
        ({"industry": "30.3"}, ["Elbe Drohnen GmbH"]),  # group: aircraft and spacecraft
        ({"industry": "30.30"}, ["Elbe Drohnen GmbH"]),  # the code itself
        ({"industry": "30.1"}, []),  # a sibling group: ships and boats
        ({"industry": "Z9"}, []),  # no such code
        ({"size": "micro"}, ["Alster Biotech AG"]),
        ({"size": "large"}, ["Hafen Logistik KG"]),
        ({"district": "Veddel"}, ["Hafen Logistik KG"]),
        ({"cluster": "life-science-nord", "district": "Altona"}, []),
    ],
    ids=[
        "cluster",
        "industry-section",
        "industry-division",
        "industry-group",
        "industry-code",
        "industry-sibling",
        "industry-unknown",
        "size-micro",
        "size-large",
        "district",
        "combined",
    ],
)
def test_organisation_list_filter_narrows_results(client, directory, params, expected):
    assert names(client.get("/organisations/", params)) == expected


def test_organisation_list_topic_filter_includes_subtopics(client, directory, other_organisation):
    parent = TopicFactory(slug="mobility", name_en="Mobility")
    child = TopicFactory(slug="drones", name_en="Drones", parent=parent)
    directory.topics.set([child])
    other_organisation.topics.set([TopicFactory(slug="health")])
    response = client.get("/organisations/", {"topic": "mobility"})
    assert names(response) == ["Elbe Drohnen GmbH"]
    html = response.content.decode()
    assert '<optgroup label="Mobility">' in html and '<option value="drones">– Drones</option>' in html
    assert names(client.get("/organisations/", {"topic": "unknown"})) == []
    # the cached topic tree follows a new sub-topic at once
    grandchild = TopicFactory(slug="cargo-drones", name_en="Cargo drones", parent=child)
    other_organisation.topics.set([grandchild])
    assert names(client.get("/organisations/", {"topic": "mobility"})) == ["Alster Biotech AG", "Elbe Drohnen GmbH"]


def test_organisation_list_sidebar_offers_filter_values(client, directory):
    response = client.get("/organisations/")
    html = response.content.decode()
    assert '<optgroup label="C ' in html
    assert '<option value="30">' in html  # a division of section C
    assert '<option value="30.30">' not in html  # classes are too fine for the filter
    assert response.context["districts"] == ["Altona", "Eppendorf", "Veddel"]
    assert '<option value="hamburg-aviation">' in html


def test_organisation_list_htmx_request_gets_only_the_results(client, directory):
    response = client.get("/organisations/", {"q": "biotech"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html and "<aside" not in html
    assert "Alster Biotech AG" in html and "Elbe Drohnen GmbH" not in html
    assert "HX-Request" in response["Vary"]


def test_organisation_list_without_htmx_gets_the_full_page(client, directory):
    html = client.get("/organisations/", {"q": "biotech"}).content.decode()
    assert "<html" in html and 'id="results"' in html and "<aside" in html


def test_organisation_list_pagination_keeps_filters(client, cluster):
    for n in range(30):
        MembershipFactory(organisation=OrganisationFactory(name=f"Werft {n:02}"), cluster=cluster)
    response = client.get("/organisations/", {"cluster": cluster.slug, "size": "small"})
    html = response.content.decode()
    assert response.context["page"].paginator.num_pages == 2
    assert "?cluster=hamburg-aviation&amp;size=small&amp;page=2" in html
    second = client.get("/organisations/", {"cluster": cluster.slug, "size": "small", "page": 2})
    assert len(second.context["page"]) == 5


def test_organisation_list_export_links_carry_the_query(client, directory):
    html = client.get("/organisations/", {"q": "drohnen", "page": "1"}).content.decode()
    assert 'href="/organisations/export.csv?q=drohnen"' in html
    assert 'href="/organisations/export.xlsx?q=drohnen"' in html


@pytest.mark.parametrize(
    "params",
    [{"page": "abc"}, {"page": "-1"}, {"size": "huge"}, {"q": "a\x00b"}, {"industry": "ZZ"}, {"q": "%" * 500}],
    ids=["page-text", "page-negative", "size-unknown", "nul", "industry-unknown", "long"],
)
def test_organisation_list_bad_parameters_answer_200(client, directory, params):
    assert client.get("/organisations/", params).status_code == 200


def _queries(client, url, params=None):
    # The first request after a change rebuilds this process's listing index (a fixed four queries, see
    # test_directory_listing.py); what is bounded here is every request after it.
    client.get(url, params or {})
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx)


def _members(cluster, count):
    topic = TopicFactory()
    code = IndustryCode.objects.get(code="30.30")
    for _ in range(count):
        org = OrganisationFactory()
        org.topics.add(topic)
        org.industries.add(code)
        MembershipFactory(organisation=org, cluster=cluster)


def test_organisation_list_query_count_does_not_grow_with_results(client, cluster, other_cluster):
    _members(cluster, 1)
    one = _queries(client, "/organisations/")
    _members(other_cluster, 9)
    ten = _queries(client, "/organisations/")
    assert one == ten
    assert ten <= 12


def test_cluster_member_list_query_count_does_not_grow_with_members(client, cluster):
    _members(cluster, 1)
    one = _queries(client, f"/clusters/{cluster.slug}/")
    _members(cluster, 9)
    ten = _queries(client, f"/clusters/{cluster.slug}/")
    assert one == ten
    assert ten <= 10


def test_cluster_manage_query_count_does_not_grow_with_members(client, cluster, manager):
    client.force_login(manager)
    _members(cluster, 1)
    one = _queries(client, f"/clusters/{cluster.slug}/members/manage/")
    _members(cluster, 9)
    ten = _queries(client, f"/clusters/{cluster.slug}/members/manage/")
    assert one == ten
    assert ten <= 16


# --- organisation profile ---------------------------------------------------------------------------------------


def test_organisation_profile_shows_public_fields(client, directory, cluster):
    directory.description_en = "Inspection drones for the port."
    directory.website = "https://elbe-drohnen.example"
    directory.founded = 2015
    directory.street, directory.postcode = "Hafenstraße 1", "22767"
    directory.is_demo = True
    directory.save()
    directory.topics.set([TopicFactory(slug="drones", name_en="Drones")])
    html = client.get("/organisations/elbe-drohnen/").content.decode()
    for text in (
        "Inspection drones for the port.",
        "30.30",
        "Luft- und Raumfahrzeugbau",  # no English title in WZ 2008: German shown
        "Small (10–49)",
        "2015",
        "Hafenstraße 1",
        "Altona",
        "https://elbe-drohnen.example",
        'href="/topics/drones/"',
        'href="/clusters/hamburg-aviation/"',
        "since 2020",
        "Demo data",
    ):
        assert text in html, text


def test_organisation_profile_shows_description_in_current_language(client, directory):
    directory.description_de, directory.description_en = "Drohnen für den Hafen.", "Drones for the port."
    directory.save()
    assert b"Drones for the port." in client.get("/organisations/elbe-drohnen/").content
    german = client.get("/organisations/elbe-drohnen/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Drohnen für den Hafen." in german


def test_organisation_profile_lists_only_consenting_people(client, directory):
    PersonFactory(
        organisation=directory, title="Dr.", first_name="Anna", last_name="Listed", position="CTO", listing_consent=True
    )
    PersonFactory(organisation=directory, first_name="Bernd", last_name="Hidden", listing_consent=False)
    html = client.get("/organisations/elbe-drohnen/").content.decode()
    assert "Dr. Anna Listed, CTO" in html and "Bernd Hidden" not in html


def test_organisation_profile_hides_ended_memberships(client, directory, other_cluster):
    MembershipFactory(organisation=directory, cluster=other_cluster, status=Membership.Status.ENDED)
    html = client.get("/organisations/elbe-drohnen/").content.decode()
    assert "Life Science Nord" not in html


@pytest.mark.parametrize(
    ("role", "edit", "join"),
    [
        ("anonymous", False, False),
        ("individual", False, False),
        ("representative", True, True),
        ("manager", True, False),
        ("coordinator", True, True),
    ],
)
def test_organisation_profile_buttons_follow_permissions(client_for, role, edit, join):
    html = client_for(role).get("/organisations/elbe-drohnen/").content.decode()
    assert ('href="/organisations/elbe-drohnen/edit/"' in html) is edit
    assert ('href="/organisations/elbe-drohnen/people/"' in html) is edit
    assert ('href="/organisations/elbe-drohnen/join/"' in html) is join


def test_unknown_organisation_answers_friendly_404(client, db):
    response = client.get("/organisations/no-such-org/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_forbidden_page_answers_friendly_403(client_for):
    response = client_for("individual").get("/organisations/elbe-drohnen/edit/")
    assert response.status_code == 403
    assert b"You may not do this" in response.content


# --- create and edit --------------------------------------------------------------------------------------------


def form_data(**overrides):
    data = {
        "name": "Elbe Drohnen GmbH",
        "legal_form": "GmbH",
        "description_de": "Inspektionsdrohnen für Hafen und Flughafen.",
        "description_en": "Inspection drones for port and airport.",
        "industry_codes": "30.30; 62.01",
        "street": "Hafenstraße 1",
        "postcode": "22767",
        "city": "Hamburg",
        "district": "Altona",
        "latitude": "53.54500",
        "longitude": "9.95000",
        "website": "https://elbe-drohnen.example",
        "email": "info@elbe-drohnen.example",
        "employees": "120",
        "founded": "2015",
    }
    data.update(overrides)
    return data


def test_organisation_edit_round_trip_saves_everything(client_for, representative, organisation):
    topic = TopicFactory(slug="drones", name_en="Drones")
    client = client_for("representative")
    form = client.get("/organisations/elbe-drohnen/edit/")
    html = form.content.decode()
    for label in ("Description (German)", "Description (English)", "Website", "Industries (WZ 2008 codes)"):
        assert f">{label}</label>" in html, label
    assert '<button type="submit">Save</button>' in html

    response = client.post("/organisations/elbe-drohnen/edit/", form_data(topics=[topic.pk]), follow=True)
    assert response.redirect_chain == [("/organisations/elbe-drohnen/", 302)]
    assert b"Your changes to Elbe Drohnen GmbH were saved." in response.content
    org = Organisation.objects.get(slug="elbe-drohnen")
    assert org.description_en == "Inspection drones for port and airport."
    assert org.description_de == "Inspektionsdrohnen für Hafen und Flughafen."
    assert sorted(org.industries.values_list("code", flat=True)) == ["30.30", "62.01"]
    assert list(org.topics.all()) == [topic]
    assert org.size_class == Organisation.SizeClass.MEDIUM
    assert str(org.latitude) == "53.54500"
    entry = AuditLogEntry.objects.get(action="organisation.updated")
    assert entry.actor == representative and "description_en" in entry.data["changed"]


def test_organisation_edit_form_shows_current_codes(client_for, organisation):
    organisation.industries.set(IndustryCode.objects.filter(code__in=["30.30", "62.01"]))
    html = client_for("representative").get("/organisations/elbe-drohnen/edit/").content.decode()
    assert 'value="30.30, 62.01"' in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"industry_codes": "30.30, 99.99, XX"}, "Unknown WZ 2008 code: “99.99”, “XX”."),
        ({"website": "not a url"}, "Enter a valid URL."),
        ({"employees": "-3"}, "Ensure this value is greater than or equal to 0."),
        ({"latitude": "123"}, "Enter a value between -90 and 90."),
        ({"longitude": ""}, "Give both latitude and longitude, or neither."),
        ({"name": ""}, "This field is required."),
        ({"founded": "20155"}, "Enter a value between 1000 and 2100."),
    ],
    ids=["industry", "website", "employees", "latitude", "half-coordinates", "name", "founded"],
)
def test_organisation_edit_invalid_input_shows_error_and_saves_nothing(client_for, organisation, overrides, message):
    before = Organisation.objects.get(pk=organisation.pk)
    response = client_for("representative").post("/organisations/elbe-drohnen/edit/", form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    after = Organisation.objects.get(pk=organisation.pk)
    assert after.description_en == before.description_en and after.website == before.website
    assert not after.industries.exists()
    assert not AuditLogEntry.objects.filter(action="organisation.updated").exists()


def test_organisation_create_makes_creator_representative(client_for, individual):
    client = client_for("individual")
    assert client.get("/organisations/new/").status_code == 200
    response = client.post("/organisations/new/", form_data(name="Neue Werft GmbH"))
    org = Organisation.objects.get(name="Neue Werft GmbH")
    assert response.status_code == 302 and response["Location"] == "/organisations/neue-werft-gmbh/"
    assert list(org.representatives.all()) == [individual]
    assert AuditLogEntry.objects.filter(action="organisation.created", actor=individual).exists()


def test_organisation_create_never_takes_a_reserved_slug(client_for):
    client_for("individual").post("/organisations/new/", form_data(name="New"))
    assert Organisation.objects.get(name="New").slug == "new-2"


def test_organisation_create_invalid_input_saves_nothing(client_for):
    count = Organisation.objects.count()
    response = client_for("individual").post("/organisations/new/", form_data(name="X GmbH", industry_codes="1234"))
    assert "Unknown WZ 2008 code: “1234”." in response.content.decode()
    assert Organisation.objects.count() == count


# --- membership workflow ----------------------------------------------------------------------------------------


def test_join_request_is_approved_by_the_cluster_manager(client, representative, manager, organisation, other_cluster):
    other_cluster.managers.add(manager)
    client.force_login(representative)
    response = client.post(
        "/organisations/elbe-drohnen/join/", {"cluster": other_cluster.pk, "message": "We build drones."}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(organisation=organisation, cluster=other_cluster)
    assert membership.status == Membership.Status.REQUESTED

    client.force_login(manager)
    page = client.get(f"/clusters/{other_cluster.slug}/members/manage/").content.decode()
    assert "We build drones." in page and f"/memberships/{membership.pk}/approve/" in page
    response = client.post(f"/memberships/{membership.pk}/approve/")
    assert response["Location"] == f"/clusters/{other_cluster.slug}/members/manage/"
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE and membership.since is not None


def test_join_request_offers_only_clusters_without_membership(client_for, cluster, other_cluster):
    form = client_for("representative").get("/organisations/elbe-drohnen/join/").context["form"]
    assert list(form.fields["cluster"].queryset) == [other_cluster]


def test_join_request_for_a_cluster_already_joined_is_refused(client_for, cluster):
    response = client_for("representative").post("/organisations/elbe-drohnen/join/", {"cluster": cluster.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Membership.objects.filter(cluster=cluster).count() == 1


def test_join_request_is_declined_by_the_cluster_manager(client, manager, cluster):
    membership = MembershipFactory(cluster=cluster, status=Membership.Status.REQUESTED)
    client.force_login(manager)
    client.post(f"/memberships/{membership.pk}/decline/")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.DECLINED


def test_representative_cannot_approve_own_join_request(client_for, organisation, other_cluster):
    membership = MembershipFactory(organisation=organisation, cluster=other_cluster, status=Membership.Status.REQUESTED)
    response = client_for("representative").post(f"/memberships/{membership.pk}/approve/")
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REQUESTED


def test_invitation_is_accepted_by_the_representative(client, manager, representative, other_organisation, cluster):
    other_organisation.representatives.add(representative)
    client.force_login(manager)
    search = client.get(f"/clusters/{cluster.slug}/members/manage/", {"org_q": "alster"}).content.decode()
    assert "Alster Biotech AG" in search
    client.post(
        f"/clusters/{cluster.slug}/members/manage/", {"organisation": other_organisation.pk, "message": "Join us!"}
    )
    membership = Membership.objects.get(organisation=other_organisation, cluster=cluster)
    assert membership.status == Membership.Status.INVITED

    client.force_login(representative)
    profile = client.get("/organisations/alster-biotech/").content.decode()
    assert "Join us!" in profile and "Accept invitation from Hamburg Aviation" in profile
    response = client.post(f"/memberships/{membership.pk}/approve/")
    assert response["Location"] == "/organisations/alster-biotech/"
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_invitation_is_declined_by_the_representative(client, representative, organisation, other_cluster):
    membership = MembershipFactory(organisation=organisation, cluster=other_cluster, status=Membership.Status.INVITED)
    client.force_login(representative)
    client.post(f"/memberships/{membership.pk}/decline/")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.DECLINED


def test_invite_search_with_htmx_returns_only_candidates(client, manager, cluster, other_organisation, organisation):
    client.force_login(manager)
    url = f"/clusters/{cluster.slug}/members/manage/"
    response = client.get(url, {"org_q": "biotech"}, HTTP_HX_TARGET="invite-candidates", **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="invite-candidates">')
    assert "<html" not in html and "Alster Biotech AG" in html
    members = client.get(url, {"org_q": "drohnen"}, HTTP_HX_TARGET="invite-candidates", **HTMX).content.decode()
    assert "Elbe Drohnen GmbH" not in members  # already a member
    assert "No organisation without a membership here matches this name." in members


def test_inviting_a_member_again_shows_the_reason(client, manager, cluster, organisation):
    client.force_login(manager)
    response = client.post(f"/clusters/{cluster.slug}/members/manage/", {"organisation": organisation.pk})
    assert response.status_code == 200
    assert "Elbe Drohnen GmbH already has a membership in Hamburg Aviation (Active)." in response.content.decode()


def test_manager_ends_a_membership_on_a_date(client, manager, cluster, organisation):
    membership = Membership.objects.get(organisation=organisation, cluster=cluster)
    client.force_login(manager)
    response = client.post(f"/memberships/{membership.pk}/end/", {"until": "2025-06-30"}, follow=True)
    assert b"ends on 2025-06-30" in response.content
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ENDED and membership.until == datetime.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("until", "message"),
    [
        ("yesterday", "Enter a valid date."),
        ("2001-01-01", "cannot end (2001-01-01) before it began (2020-"),
        ("", "This field is required."),
    ],
)
def test_manager_ending_membership_with_bad_date_sees_why(client, manager, cluster, organisation, until, message):
    membership = Membership.objects.get(organisation=organisation, cluster=cluster)
    client.force_login(manager)
    response = client.post(f"/memberships/{membership.pk}/end/", {"until": until}, follow=True)
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_membership_action_redirects_only_to_local_next(client, manager, cluster):
    membership = MembershipFactory(cluster=cluster, status=Membership.Status.REQUESTED)
    client.force_login(manager)
    response = client.post(f"/memberships/{membership.pk}/decline/", {"next": "https://evil.example/"})
    assert response["Location"] == f"/clusters/{cluster.slug}/members/manage/"


def test_hidden_membership_answers_404(client_for, other_organisation, other_cluster):
    membership = Membership.objects.get(organisation=other_organisation)
    membership.status = Membership.Status.REQUESTED
    membership.save()
    assert client_for("individual").post(f"/memberships/{membership.pk}/approve/").status_code == 404


# --- people -----------------------------------------------------------------------------------------------------


def person_data(**overrides):
    data = {
        "title": "Dr.",
        "first_name": "Anna",
        "last_name": "Becker",
        "position": "CEO",
        "email": "anna@elbe-drohnen.example",
        "phone": "+49 40 123",
        "listing_consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_representative_adds_edits_and_removes_a_person(client_for, representative, organisation):
    client = client_for("representative")
    topic = TopicFactory()
    response = client.post("/organisations/elbe-drohnen/people/new/", person_data(topics=[topic.pk]))
    assert response["Location"] == "/organisations/elbe-drohnen/people/"
    person = Person.objects.get(last_name="Becker")
    assert person.organisation == organisation and person.consent_given is not None
    assert list(person.topics.all()) == [topic]
    assert "Dr. Anna Becker" in client.get("/organisations/elbe-drohnen/").content.decode()

    client.post(f"/organisations/elbe-drohnen/people/{person.pk}/edit/", person_data(listing_consent=None), follow=True)
    person.refresh_from_db()
    assert not person.listing_consent and person.consent_given is None
    assert "Anna Becker" not in client.get("/organisations/elbe-drohnen/").content.decode()
    assert "Anna Becker" in client.get("/organisations/elbe-drohnen/people/").content.decode()

    client.post(f"/organisations/elbe-drohnen/people/{person.pk}/delete/")
    assert not Person.objects.filter(pk=person.pk).exists()
    actions = list(AuditLogEntry.objects.filter(object_type="directory.person").values_list("action", flat=True))
    assert sorted(actions) == ["person.created", "person.deleted", "person.updated"]


def test_person_with_invalid_email_is_not_saved(client_for):
    response = client_for("representative").post("/organisations/elbe-drohnen/people/new/", person_data(email="anna@"))
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not Person.objects.exists()


def test_person_of_another_organisation_answers_404(client_for, other_organisation):
    person = PersonFactory(organisation=other_organisation)
    response = client_for("representative").get(f"/organisations/elbe-drohnen/people/{person.pk}/edit/")
    assert response.status_code == 404


# --- clusters and topics ----------------------------------------------------------------------------------------


def test_cluster_list_separates_clusters_and_networks_with_counts(client, cluster, organisation):
    ClusterFactory(name="Hamburg@Work", kind="network")
    response = client.get("/clusters/")
    assert [c.name for c in response.context["clusters"]] == ["Hamburg Aviation"]
    assert [c.name for c in response.context["networks"]] == ["Hamburg@Work"]
    assert b"1 member" in response.content


def test_member_counts_on_home_and_cluster_overview_follow_every_change_at_once(client, cluster, organisation):
    def shown():
        home = client.get("/")
        overview = client.get("/clusters/")
        counts = {c.name: c.member_count for c in overview.context["clusters"]}
        assert counts == {c.name: c.member_count for c in home.context["clusters"]}
        return counts["Hamburg Aviation"], home.context["organisation_count"]

    assert shown() == (1, 1)
    second = MembershipFactory(cluster=cluster)  # a save: another organisation joins
    assert shown() == (2, 2)
    second.status = Membership.Status.ENDED
    second.save()
    assert shown() == (1, 2)
    Membership.objects.bulk_create(  # as the import does
        [Membership(organisation=OrganisationFactory(), cluster=cluster, status=Membership.Status.ACTIVE)]
    )
    assert shown() == (2, 3)
    organisation.delete()
    assert shown() == (1, 2)


def test_home_page_counts_from_the_cache_between_changes(client, cluster, organisation):
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)


def test_cluster_profile_shows_members_managers_and_topics(client, cluster, organisation, manager):
    manager.first_name, manager.last_name = "Maren", "Meyer"
    manager.save()
    cluster.topics.set([TopicFactory(slug="aviation", name_en="Aviation")])
    MembershipFactory(cluster=cluster, status=Membership.Status.REQUESTED)
    response = client.get("/clusters/hamburg-aviation/")
    html = response.content.decode()
    assert names(response) == ["Elbe Drohnen GmbH"]
    assert "Maren Meyer" in html and 'href="/topics/aviation/"' in html
    assert "manager@example.org" not in html


def test_cluster_profile_member_search_with_htmx(client, cluster, organisation):
    MembershipFactory(organisation=OrganisationFactory(name="Werft Nord AG"), cluster=cluster)
    response = client.get("/clusters/hamburg-aviation/", {"q": "werft"}, **HTMX)
    assert response.content.decode().lstrip().startswith('<div id="members">')
    assert names(response) == ["Werft Nord AG"]


def test_topic_list_shows_hierarchy(client, db):
    parent = TopicFactory(name_en="Mobility")
    TopicFactory(name_en="Drones", parent=parent)
    html = client.get("/topics/").content.decode()
    assert html.index("Mobility") < html.index("Drones")
    assert html.count('<ul class="topic-tree">') == 2


def test_topic_page_includes_subtopic_members(client, cluster, organisation, other_organisation):
    parent = TopicFactory(slug="mobility", name_en="Mobility")
    child = TopicFactory(slug="drones", name_en="Drones", parent=parent)
    organisation.topics.set([child])
    cluster.topics.set([parent])
    response = client.get("/topics/mobility/")
    assert [o.name for o in response.context["page"]] == ["Elbe Drohnen GmbH"]
    assert list(response.context["clusters"]) == [cluster]


def test_result_and_member_rows_show_their_facts_escaped(client, cluster):
    org = OrganisationFactory(
        slug="evil-co", name="<b>Evil & Co</b>", district="Altona", employees=20, is_demo=True, description_de="Drohnen"
    )
    org.industries.set([IndustryCode.objects.get(code="30.30")])
    MembershipFactory(organisation=org, cluster=cluster, since=datetime.date(2019, 5, 1))
    listing = client.get("/organisations/", {"q": "Drohnen"}).content.decode()
    assert '<a href="/organisations/evil-co/">&lt;b&gt;Evil &amp; Co&lt;/b&gt;</a>' in listing
    assert '<span class="badge">Demo</span>' in listing
    assert '<p class="meta">Altona · Small (10–49) · 30.30 Luft- und Raumfahrzeugbau</p>' in listing
    assert '<span class="tag">Aviation</span>' in listing
    members = client.get(f"/clusters/{cluster.slug}/").content.decode()
    assert '<a href="/organisations/evil-co/">&lt;b&gt;Evil &amp; Co&lt;/b&gt;</a>' in members
    assert "since 2019 · Altona" in members
    assert "<b>Evil" not in listing + members
    nothing = client.get("/organisations/", {"q": "Quantenschaum"}).content.decode()
    assert "No organisation matches your search." in nothing


def test_cluster_page_lists_members_by_their_current_name(client, cluster, organisation):
    """The member list sorts by a copy of each organisation's name; saving, renaming and bulk creation keep it."""
    from crosscluster.directory.models import Membership

    zebra = OrganisationFactory(slug="zebra", name="Zebra Logistik")
    anchor = OrganisationFactory(slug="anker", name="Anker Werft")
    MembershipFactory(organisation=zebra, cluster=cluster)
    Membership.objects.bulk_create([Membership(organisation_id=anchor.pk, cluster=cluster)])  # as imports do

    def member_names():
        return [row.name for row in client.get(f"/clusters/{cluster.slug}/").context["page"]]

    assert member_names() == ["Anker Werft", "Elbe Drohnen GmbH", "Zebra Logistik"]
    zebra.name = "Aalto Logistik"
    zebra.save()
    assert member_names() == ["Aalto Logistik", "Anker Werft", "Elbe Drohnen GmbH"]
    assert set(Membership.objects.values_list("organisation_name", flat=True)) == {
        "Aalto Logistik",
        "Anker Werft",
        "Elbe Drohnen GmbH",
    }


@pytest.mark.parametrize("language", ["de", "en"])
def test_result_rows_show_what_the_orm_finds_with_translation_fallback(cluster, organisation, language):
    """The result rows' two hand-written queries answer exactly as the ORM (and modeltranslation's fallback) do."""
    from django.utils import translation

    from crosscluster.directory import selectors

    IndustryCode.objects.filter(code="62.01").update(title_en="")  # falls back to the German title in English
    organisation.industries.set(IndustryCode.objects.filter(code__in=["30.30", "62.01", "72.11"]))
    second = ClusterFactory(name="Cluster Erneuerbare Energien", short_name="EEHH")
    MembershipFactory(organisation=organisation, cluster=second)
    MembershipFactory(organisation=organisation, cluster=ClusterFactory(name="Alt"), status=Membership.Status.ENDED)
    lonely = OrganisationFactory(name="Ohne Alles GmbH")

    with translation.override(language):
        rows = selectors.result_rows(
            selectors.result_values(Organisation.objects.filter(pk__in=[organisation.pk, lonely.pk]).order_by("name"))
        )
        expected_codes = [
            (c.code, c.title) for c in organisation.industries.order_by("code")[:2]
        ]  # modeltranslation's descriptor: the current language, else German
        active = organisation.memberships.filter(status="active").select_related("cluster")
        expected_tags = [m.cluster.short_name or m.cluster.name for m in active.order_by("cluster__name", "cluster_id")]

    assert [r.name for r in rows] == ["Elbe Drohnen GmbH", "Ohne Alles GmbH"]
    assert rows[0].industries == expected_codes and len(expected_codes) == 2
    assert rows[0].cluster_tags == expected_tags == ["EEHH", cluster.short_name or cluster.name]
    assert rows[1].industries == [] and rows[1].cluster_tags == []
    assert selectors.result_rows([]) == []
    if language == "en":
        german = IndustryCode.objects.get(code="62.01").title_de
        assert dict(rows[0].industries)["62.01"] == german != ""


def test_site_header_links_every_area_for_visitors_and_members(client, client_for):
    visitor = client.get("/").content.decode()
    for href in ["/", "/clusters/", "/organisations/", "/topics/", "/events/", "/talent/", "/accounts/login/"]:
        assert f'href="{href}"' in visitor, href
    assert 'action="/i18n/setlang/"' in visitor and 'href="/api/docs/"' in visitor
    assert 'href="/marketplace/"' not in visitor and 'href="/matchmaking/"' not in visitor

    member = client_for("representative").get("/").content.decode()
    for href in ["/marketplace/", "/matchmaking/", "/accounts/"]:
        assert f'href="{href}"' in member, href
    assert 'action="/accounts/logout/"' in member and 'href="/import/"' not in member
    assert 'href="/import/"' in client_for("coordinator").get("/").content.decode()


@pytest.mark.parametrize("language", ["de", "en"])
def test_profile_lists_what_the_orm_finds_for_industries_topics_and_active_memberships(
    client, cluster, organisation, language
):
    """The profile's three hand-written queries answer as the ORM does; the page shows them with their links."""
    from django.utils import translation

    from crosscluster.directory import selectors

    IndustryCode.objects.filter(code="62.01").update(title_en="")  # English falls back to German
    organisation.industries.set(IndustryCode.objects.filter(code__in=["62.01", "30.30"]))
    organisation.topics.set(
        [TopicFactory(slug="wasserstoff", name_de="Wasserstoff", name_en="Hydrogen"), TopicFactory(slug="drohnen")]
    )
    Membership.objects.filter(organisation=organisation).update(since=datetime.date(2019, 5, 1), role="board")
    second = ClusterFactory(name="Cluster Erneuerbare Energien", slug="eehh")
    MembershipFactory(organisation=organisation, cluster=second)
    MembershipFactory(organisation=organisation, cluster=ClusterFactory(name="Alt"), status=Membership.Status.ENDED)

    with translation.override(language):
        shown = selectors.profile_relations(organisation)
        assert [(i.code, i.title) for i in shown["industries"]] == [
            (c.code, c.title) for c in organisation.industries.all()
        ]
        assert sorted((t.name, t.url) for t in shown["topics"]) == sorted(
            (t.name, t.get_absolute_url()) for t in organisation.topics.all()
        )
        active = organisation.memberships.filter(status="active").select_related("cluster")
        assert [(m.cluster_name, m.cluster_url, m.role_label, m.since) for m in shown["memberships"]] == [
            (m.cluster.name, m.cluster.get_absolute_url(), m.get_role_display(), m.since) for m in active
        ]
    assert {i.code: i.title for i in shown["industries"]}["62.01"] != ""

    html = client.get(f"/organisations/{organisation.slug}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'href="/topics/wasserstoff/"' in html and ("Hydrogen" if language == "en" else "Wasserstoff") in html
    assert 'href="/clusters/eehh/"' in html and 'href="/clusters/hamburg-aviation/"' in html
    assert "2019" in html and "Alt<" not in html


@pytest.mark.parametrize("language", ["de", "en"])
def test_cluster_page_lists_topics_and_managers_as_the_orm_does(client, cluster, manager, language):
    from django.utils import translation

    from crosscluster.directory import selectors
    from tests.factories import UserFactory

    manager.first_name, manager.last_name = "Maren", "Meyer"
    manager.save()
    cluster.managers.add(UserFactory(first_name="Ali", last_name="Yilmaz"), UserFactory(first_name="", last_name=""))
    cluster.topics.set(
        [TopicFactory(slug="wasserstoff", name_de="Wasserstoff", name_en="Hydrogen"), TopicFactory(slug="drohnen")]
    )
    with translation.override(language):
        shown = selectors.cluster_relations(cluster)
        assert sorted((t.name, t.url) for t in shown["topics"]) == sorted(
            (t.name, t.get_absolute_url()) for t in cluster.topics.all()
        )
        assert [m.full_name for m in shown["managers"]] == [
            u.get_full_name() for u in cluster.managers.order_by("last_name", "first_name", "pk")
        ]
    assert [m.full_name for m in shown["managers"]][1:] == ["Maren Meyer", "Ali Yilmaz"]

    html = client.get("/clusters/hamburg-aviation/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    unnamed = {"en": "Cluster manager", "de": "Clustermanagement"}[language]  # someone who gave no name
    assert f"{unnamed}, Maren Meyer, Ali Yilmaz" in html
    assert 'href="/topics/wasserstoff/"' in html


def test_cluster_page_member_count_follows_joins_and_departures_at_once(client, cluster, organisation):
    def shown():
        return client.get("/clusters/hamburg-aviation/").context["page"].paginator.count

    assert shown() == 1
    joined = MembershipFactory(cluster=cluster)
    assert shown() == 2
    joined.status = Membership.Status.ENDED
    joined.save()
    assert shown() == 1
    assert client.get("/clusters/hamburg-aviation/", {"q": "Elbe"}).context["page"].paginator.count == 1


def test_the_layout_links_the_stylesheet_script_and_icon_by_their_static_addresses(client, db):
    from django.templatetags.static import static

    html = client.get("/").content.decode()
    for path in ("crosscluster/site.css", "vendor/htmx.min.js", "crosscluster/favicon.svg"):
        assert f'"{static(path)}"' in html


@pytest.mark.parametrize("language", ["de", "en"])
def test_cluster_member_pages_show_what_the_orm_finds(cluster, other_cluster, language):
    import datetime

    from django.core.paginator import Paginator
    from django.db.models import F
    from django.utils import translation

    from crosscluster.directory import selectors

    roles = list(Membership.Role)
    for n in range(23):  # equal names too: the id settles their order
        org = OrganisationFactory(name=f"Mitglied {n % 9}", district=["Altona", ""][n % 2])
        since = None if n % 4 == 0 else datetime.date(2000 + n, 3, 1)
        MembershipFactory(organisation=org, cluster=cluster, role=roles[n % len(roles)], since=since)
    MembershipFactory(organisation=OrganisationFactory(name="Mitglied 0"), cluster=other_cluster)
    ended = OrganisationFactory(name="Ehemalig")
    MembershipFactory(organisation=ended, cluster=cluster, status=Membership.Status.ENDED)
    expected_rows = (
        Membership.objects.filter(cluster=cluster, status=Membership.Status.ACTIVE)
        .order_by("organisation_name", "organisation_id")
        .values("role", "since", slug=F("organisation__slug"), name=F("organisation__name"))
    )
    with translation.override(language):
        members, _applied = selectors.cluster_member_rows(cluster, {})
        assert members.cluster_id == cluster.pk  # the plain SQL path
        labels = {value: str(label) for value, label in Membership.Role.choices}
        for number in (1, 2, 3):
            page = Paginator(members, 10).get_page(number)
            shown = [(m.role, m.role_label, m.since, m.slug, m.name, m.url) for m in page.object_list]
            orm = list(expected_rows[(number - 1) * 10 : number * 10])
            assert shown == [
                (r["role"], labels[r["role"]], r["since"], r["slug"], r["name"], f"/organisations/{r['slug']}/")
                for r in orm
            ]
        assert [m.slug for m in Paginator(members, 10).get_page(3).object_list]  # the last page is not empty
