"""B2B matchmaking in a real browser: two participants (request → accept), the organiser schedules with the real
optimiser and moves the meeting in the grid, and both participants see the meeting in their agenda."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from crosscluster.b2b.models import Matchmaking, Meeting, Slot
from tests.factories import PASSWORD, EventFactory, RegistrationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at"),
]

FORM_CONTROLS = "input:not([type=hidden]), select, textarea, button"


@pytest.fixture
def summit(cluster, manager, representative, individual):
    people = ((individual, ("Mira", "Hansen")), (representative, ("Lena", "Brandt")), (manager, ("Jonas", "Petersen")))
    for user, (first, last) in people:
        user.first_name, user.last_name, user.language = first, last, "en"
        user.save()
    event = EventFactory(slug="summit", title_en="Cluster Summit", clusters=[cluster])
    Matchmaking.objects.create(event=event, enabled=True, time_limit=3)
    first = event.start.replace(hour=10)
    for i in range(3):
        start = first + timedelta(minutes=20 * i)
        Slot.objects.create(event=event, start=start, end=start + timedelta(minutes=20), tables=2)
    RegistrationFactory(event=event, user=individual)
    RegistrationFactory(event=event, user=representative)
    return event


def log_in(page, email, next_path):
    page.goto(f"/accounts/login/?next={next_path}")
    main = page.get_by_role("main")
    main.get_by_label("E-mail address").fill(email)
    main.get_by_label("Password").fill(PASSWORD)
    main.get_by_role("button", name="Log in").click()


def log_out(page):
    page.get_by_role("banner").get_by_role("button", name="Log out").click()


def create_profile(page, offer):
    page.get_by_role("link", name="Create my profile").click()
    main = page.get_by_role("main")
    main.get_by_label("Organisation").fill("Elbe GmbH")
    main.get_by_label("What I offer").fill(offer)
    main.get_by_role("button", name="Take part in the matchmaking").click()
    expect(main.locator(".messages")).to_contain_text("Welcome to the matchmaking!")


def test_two_participants_meet_after_the_organiser_schedules(page, console, summit):
    # Lena takes part; then Mira finds her by what she offers and asks for a meeting.
    log_in(page, "rep@example.org", "/matchmaking/summit/")
    create_profile(page, "Hydrogen electrolysers")
    log_out(page)

    log_in(page, "individual@example.org", "/matchmaking/summit/")
    create_profile(page, "Drone inspections")
    main = page.get_by_role("main")
    main.get_by_label("Search names, organisations, offers and wishes").fill("hydrogen")
    results = page.locator("#participant-results")
    expect(results.get_by_role("status")).to_have_text("1 participant")
    expect(page).to_have_url(re.compile(r"q=hydrogen"))
    results.get_by_role("link", name="Lena Brandt").click()
    main = page.get_by_role("main")
    main.get_by_label("Must meet").check()
    main.get_by_label("Message").fill("Hydrogen for our drones?")
    main.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("main").locator(".messages")).to_contain_text("Your request was sent to Lena Brandt")
    log_out(page)

    # Lena accepts.
    log_in(page, "rep@example.org", "/matchmaking/summit/requests/")
    page.get_by_role("link", name="Accept the request of Mira Hansen").click()
    expect(page.get_by_role("main")).to_contain_text("Hydrogen for our drones?")
    page.get_by_role("main").get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_role("main").locator(".messages")).to_contain_text("The organisers will schedule the meeting")
    log_out(page)

    # The organiser schedules (the optimiser runs as a background task; tests run it at once) ...
    log_in(page, "manager@example.org", "/matchmaking/summit/manage/schedule/")
    page.get_by_role("button", name="Schedule all accepted requests").click()
    run = page.locator("#run")
    expect(run.get_by_role("status")).to_contain_text("1 meeting scheduled")
    expect(run).to_contain_text("optimal")
    grid = page.locator(".schedule-grid")
    card = grid.locator(".meeting", has_text="Mira Hansen & Lena Brandt")
    expect(card).to_be_visible()
    before = Meeting.objects.get()

    # ... moves the meeting by hand: the free cells light up, one click moves it there ...
    card.get_by_role("link", name=re.compile("Move")).click()
    targets = grid.get_by_role("button", name="Move here")
    expect(targets.first).to_be_visible()
    assert targets.count() == 5  # 3 slots × 2 tables, less the cell it is in
    targets.last.click()
    expect(page.get_by_role("main").locator(".messages")).to_contain_text("is now at")
    after = Meeting.objects.get()
    assert (after.slot_id, after.table) != (before.slot_id, before.table)

    # ... and publishes the agendas.
    page.get_by_role("button", name="Publish as final agendas").click()
    expect(page.get_by_role("main").locator(".messages")).to_contain_text("2 participants were notified")
    log_out(page)

    for email, partner in (("individual@example.org", "Lena Brandt"), ("rep@example.org", "Mira Hansen")):
        log_in(page, email, "/matchmaking/summit/agenda/")
        main = page.get_by_role("main")
        expect(page.get_by_role("heading", level=1)).to_have_text("My meetings")
        expect(main.get_by_role("status").filter(has_text="agenda")).to_have_text("Final agenda")
        row = main.get_by_role("row", name=re.compile(partner))
        expect(row).to_contain_text("Table")
        expect(row).to_contain_text("Hydrogen for our drones?")
        log_out(page)

    assert not console.csp_violations(), console.csp_violations()
    assert not console.errors, console.errors


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


def test_matchmaking_pages_have_named_controls_and_no_csp_violations(page, console, summit):
    log_in(page, "manager@example.org", "/matchmaking/summit/")
    for path in (
        "/matchmaking/",
        "/matchmaking/summit/",
        "/matchmaking/summit/participants/",
        "/matchmaking/summit/manage/",
        "/matchmaking/summit/manage/types/",
        "/matchmaking/summit/manage/slots/",
        "/matchmaking/summit/manage/participants/",
        "/matchmaking/summit/manage/schedule/",
    ):
        assert_accessible_basics(page, console, path)
    log_out(page)
    log_in(page, "individual@example.org", "/matchmaking/summit/profile/")
    assert_accessible_basics(page, console, "/matchmaking/summit/profile/")
