"""A visitor finds an organisation in the directory, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # WhiteNoise warns that STATIC_ROOT is empty; the live server serves static files from the apps.
    pytest.mark.filterwarnings("ignore:No directory at"),
]


@pytest.fixture
def directory(cluster, other_cluster, organisation, other_organisation):
    organisation.description_en = "Inspection drones for the port and the airport."
    organisation.description_de = "Inspektionsdrohnen für Hafen und Flughafen."
    organisation.save()
    OrganisationFactory(slug="hafen-logistik", name="Hafen Logistik KG", legal_form="KG")
    MembershipFactory(organisation=OrganisationFactory(slug="werft-nord", name="Werft Nord AG"), cluster=cluster)
    return organisation


def test_visitor_finds_organisation_from_home_page(page, directory):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Hamburg Aviation")).to_be_visible()
    expect(main.get_by_role("link", name="Life Science Nord")).to_be_visible()

    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Organisations").click()
    expect(page).to_have_url(re.compile(r"/organisations/$"))
    search = page.get_by_role("main").get_by_role("searchbox").first
    search.fill("Drohnen")
    search.press("Enter")

    expect(page).to_have_url(re.compile(r"[?&]q=Drohnen"))
    results = page.get_by_role("main")
    expect(results.get_by_role("link", name="Elbe Drohnen GmbH")).to_be_visible()
    expect(results.get_by_role("link", name="Alster Biotech AG")).to_have_count(0)
    expect(results.get_by_role("link", name="Werft Nord AG")).to_have_count(0)

    results.get_by_role("link", name="Elbe Drohnen GmbH").click()
    expect(page).to_have_url(re.compile(r"/organisations/elbe-drohnen/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Elbe Drohnen GmbH")
    profile = page.get_by_role("main")
    expect(profile).to_contain_text("Inspection drones for the port and the airport.")
    expect(profile.get_by_role("link", name="Hamburg Aviation")).to_be_visible()
    expect(profile.get_by_role("link", name="Life Science Nord")).to_have_count(0)


def test_language_switch_changes_page_language(page, directory):
    page.goto("/organisations/")
    header = page.get_by_role("banner")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(header.get_by_role("link", name="Log in", exact=True)).to_be_visible()

    header.get_by_role("button", name="DE", exact=True).click()
    expect(page).to_have_url(re.compile(r"/organisations/$"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(header.get_by_role("link", name="Anmelden", exact=True)).to_be_visible()
    expect(header.get_by_role("button", name="DE", exact=True)).to_have_attribute("aria-current", "true")

    page.goto("/")  # the choice sticks for the next page
    expect(page.locator("html")).to_have_attribute("lang", "de")

    header.get_by_role("button", name="EN", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(header.get_by_role("link", name="Log in", exact=True)).to_be_visible()
