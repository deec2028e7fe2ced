"""A member representative keeps their organisation's profile up to date, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at"),
]


@pytest.fixture
def english_representative(representative):
    """After logging in, the site speaks the user's language; this representative chose English."""
    representative.language = "en"
    representative.save(update_fields=["language"])
    return representative


def test_representative_edits_own_organisation_profile(page, english_representative, organisation):
    page.goto("/accounts/login/")
    main = page.get_by_role("main")
    main.get_by_label("E-mail address").fill("rep@example.org")
    main.get_by_label("Password").fill(PASSWORD)
    main.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Elbe Drohnen GmbH").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Elbe Drohnen GmbH")
    page.get_by_role("link", name="Edit profile").click()

    form = page.get_by_role("main")
    form.get_by_label("Description (German)").fill("Wir prüfen Brücken und Kaimauern mit Drohnen.")
    form.get_by_label("Website").fill("https://elbe-drohnen.example.org")
    form.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(r"/organisations/elbe-drohnen/$"))
    profile = page.get_by_role("main")
    expect(profile.get_by_role("status").or_(profile.locator(".messages"))).to_contain_text("saved")
    expect(profile.get_by_role("link", name="https://elbe-drohnen.example.org")).to_be_visible()

    page.get_by_role("banner").get_by_role("button", name="DE", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("main")).to_contain_text("Wir prüfen Brücken und Kaimauern mit Drohnen.")

    organisation.refresh_from_db()
    assert organisation.description_de == "Wir prüfen Brücken und Kaimauern mit Drohnen."
    assert organisation.website == "https://elbe-drohnen.example.org"


def test_representative_sees_clear_message_for_bad_website(page, english_representative, organisation):
    page.goto("/accounts/login/?next=/organisations/elbe-drohnen/edit/")
    main = page.get_by_role("main")
    main.get_by_label("E-mail address").fill("rep@example.org")
    main.get_by_label("Password").fill(PASSWORD)
    main.get_by_role("button", name="Log in").click()

    form = page.get_by_role("main")
    form.get_by_label("Website").fill("not a web address")
    form.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Edit")
    expect(form.get_by_label("Website")).to_have_value("not a web address")
    expect(form.locator(".errorlist").first).to_be_visible()
    organisation.refresh_from_db()
    assert organisation.website == ""
