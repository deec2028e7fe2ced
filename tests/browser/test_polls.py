"""Live voting in real browsers: the organiser prepares a poll, opens it and watches the presenter screen while a
participant votes on a phone, changes the vote and finds the poll closed. No page is reloaded by hand: the
participants' page and the presenter screen refresh themselves."""

import os
import re

import pytest
from playwright.sync_api import expect

from crosscluster.polls.models import Poll, Vote
from tests.browser.conftest import ARTIFACTS, CHROMIUM_ARGS, ConsoleLog
from tests.factories import PASSWORD, EventFactory, RegistrationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at"),
]

# The participants' page asks every 4 s whether its polls changed (the answer may be up to 1 s old); the
# presenter screen asks every half second. Web-first assertions wait at most this long.
REFRESH_TIMEOUT = 8_000
PRESENTER_TIMEOUT = 4_000


@pytest.fixture
def summit(cluster, manager, representative):
    for user, (first, last) in ((representative, ("Mira", "Hansen")), (manager, ("Jonas", "Petersen"))):
        user.first_name, user.last_name, user.language = first, last, "en"
        user.save()
    event = EventFactory(slug="summit", title_en="Cluster Summit", clusters=[cluster], capacity=50)
    RegistrationFactory(event=event, user=representative)
    return event


@pytest.fixture
def phone_console():
    return ConsoleLog()


@pytest.fixture
def phone(request, playwright_instance, chromium_path, tmp_path, live_server, phone_console):
    """A second browser with a phone's screen, for the participant."""
    context = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path / "phone-profile"),
        executable_path=chromium_path,
        headless=True,
        args=CHROMIUM_ARGS,
        locale="en-GB",
        base_url=live_server.url,
        # A phone: its screen, touch and Chromium's mobile emulation (the layout must fit 390 px: the site
        # header's navigation wraps).
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(10_000)
    page = context.pages[0] if context.pages else context.new_page()
    page.on("console", phone_console.on_console)
    page.on("pageerror", phone_console.on_page_error)
    yield page
    report = getattr(request.node, "report_call", None)
    if (report is not None and report.failed) or os.environ.get("BROWSER_SCREENSHOTS"):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid) + "-phone"
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            (ARTIFACTS / f"{name}.html").write_text(page.content())
        except Exception as error:  # a failed screenshot must not hide the test failure
            print(f"could not save a screenshot: {error}")
    context.close()


def log_in(page, email, next_path):
    page.goto(f"/accounts/login/?next={next_path}")
    main = page.get_by_role("main")
    main.get_by_label("E-mail address").fill(email)
    main.get_by_label("Password").fill(PASSWORD)
    main.get_by_role("button", name="Log in").click()


def option_count(presenter, label):
    """The presenter screen's table behind the chart: the row of one option (label, votes, share)."""
    return presenter.locator("#presenter-results tbody tr", has_text=label).locator("td").nth(1)


def test_participant_votes_on_a_phone_while_the_presenter_screen_follows(page, phone, console, phone_console, summit):
    presenter = page

    # The organiser prepares a single-choice poll with three options.
    log_in(presenter, "manager@example.org", "/events/summit/")
    expect(presenter).to_have_url(re.compile(r"/events/summit/$"))
    presenter.get_by_role("navigation", name="Organise this event").get_by_role("link", name="Live polls").click()
    expect(presenter.get_by_role("heading", level=1)).to_have_text("Live polls")
    presenter.get_by_role("main").get_by_role("link", name="New poll").click()
    form = presenter.get_by_role("main").locator("form.form")
    form.get_by_label("Question (German)").fill("Welches Thema zuerst?")
    form.get_by_label("Question (English)").fill("Which topic first?")
    form.get_by_label("Single choice").check()
    form.get_by_label("Options (German), one per line").fill("Wasserstoff\nDrohnen\nLogistik")
    form.get_by_label("Options (English), one per line").fill("Hydrogen\nDrones\nLogistics")
    form.get_by_label("Live, while voting").check()
    form.get_by_role("button", name="Save").click()
    notices = presenter.get_by_role("main").locator(".messages")
    expect(notices).to_contain_text("The poll “Which topic first?” was saved.")
    row = presenter.get_by_role("row", name=re.compile("Which topic first"))
    expect(row).to_contain_text("Draft")

    # The participant opens the voting page on the phone before the poll is open.
    log_in(phone, "rep@example.org", "/events/summit/")
    expect(phone).to_have_url(re.compile(r"/events/summit/$"))
    # Nothing sticks out sideways on the phone (the logged-in navigation wraps instead).
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_role("main").get_by_role("link", name="Live voting").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Live voting")
    live = phone.locator("#live-polls")
    expect(live.get_by_role("status")).to_have_text("No poll is open right now. The next one appears here by itself.")

    # The organiser opens the poll and goes to the presenter screen.
    row.get_by_role("button", name="Open voting").click()
    expect(notices).to_contain_text("“Which topic first?” is open for voting.")
    row = presenter.get_by_role("row", name=re.compile("Which topic first"))
    expect(row).to_contain_text("Open")
    row.get_by_role("link", name="Presenter screen").click()
    expect(presenter.get_by_role("heading", level=1)).to_have_text("Which topic first?")
    results = presenter.locator("#presenter-results")
    expect(results.locator(".presenter-count")).to_have_text("0 votes")
    poll = Poll.objects.get(question_en="Which topic first?")

    # The poll appears on the phone by itself; the participant votes.
    card = live.get_by_role("region", name="Which topic first?")
    expect(card).to_be_visible(timeout=REFRESH_TIMEOUT)
    expect(live.get_by_role("status")).to_have_count(0)
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box  # the ballot fits the phone's screen
    card.get_by_label("Drones").check()
    card.get_by_role("button", name="Vote").click()
    status = card.locator(f"#poll-{poll.pk}-status")
    expect(status.get_by_role("status")).to_have_text(
        "Your vote has been recorded. You can change it until the poll closes."
    )
    expect(card.get_by_role("button")).to_have_text("Change my vote")

    # The presenter screen follows without a reload.
    expect(results.locator(".presenter-count")).to_have_text("1 vote", timeout=PRESENTER_TIMEOUT)
    expect(option_count(presenter, "Drones")).to_have_text("1", timeout=PRESENTER_TIMEOUT)
    expect(option_count(presenter, "Hydrogen")).to_have_text("0")

    # The participant changes the vote; it moves on the presenter screen, still one voter.
    card.get_by_label("Logistics").check()
    with phone.expect_response(re.compile(rf"/polls/{poll.pk}/vote/$")) as answer:
        card.get_by_role("button", name="Change my vote").click()
    assert answer.value.status == 200
    expect(status.get_by_role("status")).to_have_text(
        "Your vote has been recorded. You can change it until the poll closes."
    )
    expect(option_count(presenter, "Logistics")).to_have_text("1", timeout=PRESENTER_TIMEOUT)
    expect(option_count(presenter, "Drones")).to_have_text("0")
    expect(results.locator(".presenter-count")).to_have_text("1 vote")

    # The organiser closes the poll from the presenter screen; the phone's ballot goes away by itself.
    presenter.get_by_role("navigation", name="Presenter controls").get_by_role("button", name="Close voting").click()
    expect(results.locator(".status")).to_have_text("Closed")
    expect(presenter.get_by_role("button", name="Reopen voting")).to_be_visible()
    expect(card).to_have_count(0, timeout=REFRESH_TIMEOUT)
    expect(live.get_by_role("status")).to_have_text("No poll is open right now. The next one appears here by itself.")
    expect(live.get_by_role("link", name="Which topic first?")).to_be_visible()  # its results are shown live

    # A ballot sent after closing (as a phone that missed the refresh would send it) is refused.
    token = next(c["value"] for c in phone.context.cookies() if c["name"] == "csrftoken")
    drones = poll.options.get(label_en="Drones")
    late = phone.context.request.post(
        f"/events/summit/polls/{poll.pk}/vote/",
        form={"csrfmiddlewaretoken": token, "choices": str(drones.pk)},
        headers={"HX-Request": "true", "Referer": phone.url},
    )
    assert late.status == 200
    assert "This poll has closed; votes are no longer accepted." in late.text()

    vote = Vote.objects.get(poll=poll)
    assert vote.choices == [poll.options.get(label_en="Logistics").pk]
    assert vote.registration.user.email == "rep@example.org"
    for log in (console, phone_console):
        assert not log.csp_violations(), log.csp_violations()
        assert not log.errors, log.errors
