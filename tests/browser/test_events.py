"""A participant registers for an event and builds an agenda; the organiser checks them in. In a real browser."""

import re

import pytest
from playwright.sync_api import expect

from crosscluster.events import registrations
from crosscluster.events.models import Registration
from tests.factories import PASSWORD, EventFactory, SessionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at"),
]


@pytest.fixture
def summit(cluster, manager, individual):
    for user, (first, last) in ((individual, ("Mira", "Hansen")), (manager, ("Jonas", "Petersen"))):
        user.first_name, user.last_name, user.language = first, last, "en"
        user.save()
    event = EventFactory(slug="summit", title_en="Cluster Summit", clusters=[cluster], capacity=50)
    start = event.start
    SessionFactory(event=event, title_en="Opening keynote", kind="keynote", start=start, end=start.replace(hour=10))
    SessionFactory(
        event=event, title_en="Drones in the port", start=start.replace(hour=10), end=start.replace(hour=11), capacity=2
    )
    return event


def log_in(page, email, next_path):
    page.goto(f"/accounts/login/?next={next_path}")
    main = page.get_by_role("main")
    main.get_by_label("E-mail address").fill(email)
    main.get_by_label("Password").fill(PASSWORD)
    main.get_by_role("button", name="Log in").click()


def test_participant_registers_and_organiser_checks_them_in(page, console, summit):
    # The participant finds the event and registers.
    log_in(page, "individual@example.org", "/events/")
    page.get_by_role("main").get_by_role("link", name="Cluster Summit").click()
    expect(page).to_have_url(re.compile(r"/events/summit/$"))
    page.get_by_role("button", name="Register").click()

    main = page.get_by_role("main")
    expect(main.locator(".messages")).to_contain_text("You are registered for Cluster Summit")
    expect(main.get_by_role("complementary")).to_contain_text("You are registered.")

    # ... and puts a session into the agenda; htmx swaps the session card in place.
    drones = main.locator("li.session", has_text="Drones in the port")
    expect(drones).to_contain_text("0 of 2 seats taken")
    drones.get_by_role("button", name="Add to my agenda").click()
    expect(drones.get_by_role("status")).to_have_text("Added to your agenda.")
    expect(drones).to_contain_text("1 of 2 seats taken")
    expect(drones.get_by_role("button", name="Remove from my agenda")).to_be_visible()

    main.get_by_role("link", name="My agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My agenda")
    expect(page.get_by_role("main")).to_contain_text("Drones in the port")
    expect(page.get_by_role("main")).not_to_contain_text("Opening keynote")

    page.get_by_role("banner").get_by_role("button", name="Log out").click()

    # The organiser finds the participant at the check-in desk and checks them in.
    log_in(page, "manager@example.org", "/events/summit/")
    page.get_by_role("navigation", name="Organise this event").get_by_role("link", name="Check-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check-in")
    search = page.get_by_role("searchbox", name="Find a participant by name, e-mail or organisation")
    search.fill("hansen")
    results = page.locator("#checkin-results")
    expect(results.get_by_role("status")).to_have_text("1 participant")
    expect(page).to_have_url(re.compile(r"q=hansen"))
    row = results.get_by_role("row", name=re.compile("Mira Hansen"))
    row.get_by_role("button", name="Check in Mira Hansen").click()
    expect(row).to_contain_text("Checked in at")
    expect(row.get_by_role("button", name="Undo check-in of Mira Hansen")).to_be_visible()

    taken = Registration.objects.get(event=summit, user__email="individual@example.org")
    assert taken.status == "confirmed" and taken.checked_in_at is not None
    assert list(taken.agenda_items.values_list("session__title_en", flat=True)) == ["Drones in the port"]
    assert not console.csp_violations(), console.csp_violations()
    assert not console.errors, console.errors


FORM_CONTROLS = "input:not([type=hidden]), select, textarea, button"


def assert_accessible_basics(page, console, path):
    response = page.goto(path)
    assert response.status == 200, path
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_have_count(1)
    controls = page.locator(FORM_CONTROLS)
    unnamed = []
    for index in range(controls.count()):
        control = controls.nth(index)
        try:
            expect(control).to_have_accessible_name(re.compile(r"\S"), timeout=300)
        except AssertionError:
            unnamed.append(control.evaluate("el => el.outerHTML"))
    assert not unnamed, f"form controls without an accessible name on {path}: {unnamed}"
    assert not console.csp_violations(), f"CSP violations on {path}: {console.csp_violations()}"
    assert not console.errors, f"console errors on {path}: {console.errors}"


def test_event_pages_have_named_controls_and_no_csp_violations(page, console, summit, individual):
    registrations.register(acting_user=individual, event=summit)
    for path in ("/events/", "/events/summit/"):
        assert_accessible_basics(page, console, path)
    log_in(page, "manager@example.org", "/events/summit/")
    for path in (
        "/events/summit/",
        "/events/summit/edit/",
        "/events/summit/sessions/new/",
        "/events/summit/check-in/",
        "/events/summit/statistics/",
        "/events/my/",
    ):
        assert_accessible_basics(page, console, path)
        if path.endswith("/statistics/"):  # the server-drawn charts show under the strict CSP
            expect(page.get_by_role("img", name="Registrations by status")).to_be_visible()
