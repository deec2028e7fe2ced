"""The marketplace pages: filters, htmx partials, bad input on every form, and query budgets."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crosscluster.marketplace import messaging
from crosscluster.marketplace.models import Message, Post, SavedSearch, Thread
from tests.factories import MembershipFactory, OrganisationFactory
from tests.marketplace.factories import PostFactory

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_list_filters_by_cluster_place_and_words(client_for, other_organisation, other_cluster):
    outsider = OrganisationFactory(slug="bremer-werft", name="Bremer Werft")
    MembershipFactory(organisation=outsider, cluster=other_cluster, status="ended")
    PostFactory(organisation=other_organisation, title_en="Laser cutting", title_de="Laserschneiden")
    PostFactory(organisation=outsider, title_en="Dry dock in Bremen", title_de="Trockendock", latitude=53.08,
                longitude=8.80)  # fmt: skip
    client = client_for("representative")

    assert ">Laser cutting<" in html(client.get("/marketplace/?cluster=life-science-nord"))
    assert ">Dry dock in Bremen<" not in html(client.get("/marketplace/?cluster=life-science-nord"))
    near_bremen = html(client.get("/marketplace/?near=Bremen&radius=20"))
    assert ">Dry dock in Bremen<" in near_bremen and ">Laser cutting<" not in near_bremen
    assert "0.0 km away" in near_bremen or "m away" in near_bremen
    assert ">Laser cutting<" in html(client.get("/marketplace/?q=laserschneiden"))


def test_bad_filters_are_named_and_the_rest_still_applies(client_for, other_organisation):
    PostFactory(organisation=other_organisation, kind="request", title_en="A request")
    PostFactory(organisation=other_organisation, kind="offer", title_en="An offer")

    page = html(client_for("representative").get("/marketplace/?kind=request&category=gold&near=Atlantis&radius=x"))

    assert 'role="alert"' in page
    assert "Unknown value “gold” for category" in page
    assert "We do not know the place “Atlantis”" in page
    assert "The radius must be a whole number of kilometres from 1 to 1000." in page
    assert ">A request<" in page and ">An offer<" not in page


def test_htmx_asks_only_for_the_results(client_for, other_organisation):
    PostFactory(organisation=other_organisation, title_en="Laser cutting")

    response = client_for("representative").get("/marketplace/?q=laser", HTTP_HX_REQUEST="true")

    page = html(response)
    assert page.lstrip().startswith('<section id="results"') and ">Laser cutting<" in page
    assert "HX-Request" in response["Vary"]


def form(**overrides):
    values = {"organisation": "elbe-drohnen", "kind": "offer", "category": "space", "title_de": "Halle",
              "radius_km": "50", "visibility": "all", "action": "publish"}  # fmt: skip
    values.update(overrides)
    return values


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title_de": "", "title_en": ""}, "title_de", "Give the post a title"),
        ({"kind": "gift"}, "kind", "Select a valid choice"),
        ({"category": ""}, "category", "This field is required"),
        ({"quantity": "viel"}, "quantity", "Enter a number"),
        ({"quantity": "-3"}, "quantity", "The quantity must be greater than zero"),
        ({"radius_km": "99999"}, "radius_km", "less than or equal to 2000"),
        ({"valid_from": "2030-05-02", "valid_to": "2030-05-01"}, "valid_to",
         "“Valid to” must not be before “valid from”"),
        ({"valid_to": "31.02.2030"}, "valid_to", "Enter a valid date"),
        ({"place": "Atlantis"}, "place", "We do not know the place “Atlantis”"),
        ({"visibility": "chosen"}, "visible_clusters", "Choose the clusters whose members may see this post"),
        ({"organisation": "alster-biotech"}, "organisation", "Choose an organisation you represent"),
        ({"valid_to": (timezone.localdate() - timedelta(days=1)).isoformat(),
          "valid_from": (timezone.localdate() - timedelta(days=5)).isoformat()}, "valid_to", "Extend “valid to”"),
        ({"title_de": "x" * 201}, "title_de", "at most 200 characters"),
    ],
)  # fmt: skip
def test_post_form_names_bad_input_and_saves_nothing(client_for, overrides, field, message):
    response = client_for("representative").post("/marketplace/new/", form(**overrides))

    page = html(response)
    assert any(message in error for error in response.context["form"].errors.get(field, [])), response.context[
        "form"
    ].errors
    assert "Please correct the errors below." in page
    assert not Post.objects.exists()


def test_edit_form_keeps_the_post_when_input_is_bad(client_for, organisation):
    post = PostFactory(organisation=organisation, title_de="Alt", title_en="Old")

    page = html(client_for("representative").post(f"/marketplace/{post.pk}/edit/", form(quantity="0", title_de="Neu")))

    assert "The quantity must be greater than zero" in page
    post.refresh_from_db()
    assert post.title_de == "Alt"


def test_a_draft_is_published_from_its_edit_page(client_for, organisation):
    post = PostFactory(organisation=organisation, status="draft", published_at=None)

    client_for("representative").post(f"/marketplace/{post.pk}/edit/", form(title_de="Fertig"))

    post.refresh_from_db()
    assert post.status == "published" and post.title_de == "Fertig" and post.published_at


def test_an_unknown_status_is_a_message_not_an_error(client_for, organisation):
    post = PostFactory(organisation=organisation)
    client = client_for("representative")

    response = client.post(f"/marketplace/{post.pk}/status/", {"status": "sold"}, follow=True)

    assert "Unknown status “sold”" in html(response)
    post.refresh_from_db()
    assert post.status == "published"


@pytest.mark.parametrize(("body", "message"), [("", "This field is required"), ("x" * 5001, "at most 5000")])
def test_empty_or_long_messages_are_refused(client_for, other_organisation, body, message):
    post = PostFactory(organisation=other_organisation)

    page = html(client_for("representative").post(f"/marketplace/{post.pk}/contact/", {"body": body}))

    assert message in page and not Thread.objects.exists()


def test_contacting_ones_own_post_explains_why_not(client_for, organisation):
    post = PostFactory(organisation=organisation)

    response = client_for("representative").post(f"/marketplace/{post.pk}/contact/", {"body": "Hallo"}, follow=True)

    assert "This is your own organisation" in html(response) and not Thread.objects.exists()


def test_a_closed_post_cannot_be_contacted(client_for, other_organisation):
    post = PostFactory(organisation=other_organisation, status="closed")

    response = client_for("representative").post(f"/marketplace/{post.pk}/contact/", {"body": "Hallo"}, follow=True)

    assert "no longer open for contact" in html(response) and not Thread.objects.exists()


def test_a_reply_with_nothing_in_it_is_refused(client_for, representative, organisation, other_organisation):
    post = PostFactory(organisation=other_organisation)
    thread = messaging.start_thread(acting_user=representative, post=post, organisation=organisation, body="Hallo")

    page = html(client_for("representative").post(f"/marketplace/messages/{thread.pk}/", {"body": "   "}))

    assert "This field is required" in page and Message.objects.count() == 1


def test_nul_bytes_in_filters_and_forms_do_no_harm(client_for):
    client = client_for("representative")

    assert client.get("/marketplace/?q=a%00b&near=Alt%00ona").status_code == 200
    response = client.post("/marketplace/searches/", {"q": "a\x00b", "alerts": "daily"})
    assert response.status_code in (200, 302)
    assert all("\x00" not in str(s.params) for s in SavedSearch.objects.all())


# --- query budgets -------------------------------------------------------------------------------------------


def grow(other_organisation, organisation, representative, n):
    for i in range(n):
        offer = PostFactory(organisation=other_organisation, category="production", title_de=f"Druck {i}",
                            description_de="3D-Druck Kapazität")  # fmt: skip
        PostFactory(organisation=other_organisation, kind="request", visibility="chosen",
                    visible_clusters=list(organisation.memberships.values_list("cluster", flat=True)))  # fmt: skip
        messaging.start_thread(acting_user=representative, post=offer, organisation=organisation, body=f"Frage {i}")


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx)


# The most queries each page may run, session and user lookups included (the detail page includes the matching
# index's look at rows saved since the last search and the loading of the matched posts).
BUDGETS = {
    "list": ("/marketplace/", 8),
    "list filtered": ("/marketplace/?kind=offer&category=production&q=druck&near=Altona&cluster=life-science-nord", 9),
    "detail with matches": ("/marketplace/{request}/", 15),
    "own posts": ("/marketplace/mine/", 8),
    "messages": ("/marketplace/messages/", 6),
    "API list": ("/api/v1/marketplace/posts/", 5),
    "API matches": ("/api/v1/marketplace/posts/{request}/matches/", 10),
}


@pytest.mark.parametrize("page", BUDGETS)
def test_page_query_count_is_fixed_and_within_budget(client_for, representative, organisation, other_organisation,
                                                     page):  # fmt: skip
    request = PostFactory(organisation=organisation, kind="request", category="production", title_de="Druck gesucht",
                          description_de="3D-Druck Kapazität")  # fmt: skip
    url, budget = BUDGETS[page]
    url = url.format(request=request.pk)
    client = client_for("representative")
    grow(other_organisation, organisation, representative, 1)
    one = count(client, url)
    grow(other_organisation, organisation, representative, 6)
    many = count(client, url)

    assert one == many, f"{page}: {one} queries with one item, {many} with several"
    assert many <= budget, f"{page}: {many} queries, budget {budget}"


def test_a_coordinator_names_the_organisation_by_its_address(client_for, coordinator):
    client = client_for("coordinator")

    page = html(client.post("/marketplace/new/", form(organisation="no-such-organisation")))
    assert "There is no organisation with this address in the directory." in page and not Post.objects.exists()

    response = client.post("/marketplace/new/", form(organisation="alster-biotech"))
    assert response.status_code == 302 and Post.objects.get().organisation.slug == "alster-biotech"


def test_admin_lists_and_opens_marketplace_records(client, representative, organisation, other_organisation):
    from tests.factories import UserFactory

    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    client.force_login(admin)
    post = PostFactory(organisation=other_organisation)
    thread = messaging.start_thread(acting_user=representative, post=post, organisation=organisation, body="Hallo")
    SavedSearch.objects.create(user=representative, name="Lager", params={"q": "Lager"})

    for url in (
        "/admin/marketplace/post/",
        f"/admin/marketplace/post/{post.pk}/change/",
        "/admin/marketplace/thread/",
        f"/admin/marketplace/thread/{thread.pk}/change/",
        "/admin/marketplace/savedsearch/",
        "/admin/marketplace/savedsearchalert/",
        "/admin/marketplace/matchnotice/",
    ):
        assert client.get(url).status_code == 200, url


def test_pages_speak_german(client_for, other_organisation):
    PostFactory(organisation=other_organisation, kind="request", title_de="Lagerfläche gesucht", status="in_talks")
    client = client_for("representative")
    client.cookies["django_language"] = "de"

    page = html(client.get("/marketplace/"))

    assert 'lang="de"' in page and "Angebote und Gesuche" in page and "Gespeicherte Suchen" in page
    assert "Gesuch" in page and "In Gesprächen" in page and ">Lagerfläche gesucht<" in page
