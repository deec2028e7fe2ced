"""Accessibility and CSP smoke test of the main public pages in a real browser."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at"),
]

FORM_CONTROLS = "input:not([type=hidden]), select, textarea, button"


@pytest.mark.parametrize(
    "path",
    ["/", "/organisations/", "/organisations/elbe-drohnen/", "/accounts/login/"],
    ids=["home", "organisation-list", "organisation-profile", "login"],
)
def test_public_page_accessibility_basics_hold(page, console, organisation, other_organisation, path):
    stylesheets = []
    page.on("response", lambda r: stylesheets.append(r) if r.request.resource_type == "stylesheet" else None)
    response = page.goto(path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")

    assert stylesheets and all(r.ok for r in stylesheets), [(r.url, r.status) for r in stylesheets]
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^(en|de)$"))
    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)

    controls = page.locator(FORM_CONTROLS)
    unnamed = []
    for index in range(controls.count()):
        control = controls.nth(index)
        try:
            expect(control).to_have_accessible_name(re.compile(r"\S"), timeout=500)
        except AssertionError:
            unnamed.append(control.evaluate("el => el.outerHTML"))
    assert not unnamed, f"form controls without an accessible name on {path}: {unnamed}"

    assert not console.csp_violations(), f"CSP violations on {path}: {console.csp_violations()}"
    assert not console.errors, f"console errors on {path}: {console.errors}"
