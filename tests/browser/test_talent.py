"""An employer posts a job with ESCO skills chosen through the autocomplete and sees a matching candidate with the
explanation of the match. In a real browser, under the strict Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import expect

from crosscluster.talent import matching
from crosscluster.talent.models import JobPosting
from tests.factories import PASSWORD, UserFactory
from tests.talent.conftest import ARC_WELDING, MIG_WELDING, TIG_WELDING, WELDER, WELDING_EQUIPMENT
from tests.talent.factories import WorkerProfileFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at"),
]


@pytest.fixture
def candidate(db):
    matching.reset_indexes()  # the live server runs in this process: start from the test's database
    user = UserFactory(email="mira@example.org", first_name="Mira", last_name="Hansen", language="en")
    profile = WorkerProfileFactory(
        user=user,
        headline_en="Welder with eight years in shipbuilding",
        skills=[(ARC_WELDING, 4), (TIG_WELDING, 5), (WELDING_EQUIPMENT, 4), (MIG_WELDING, 3)],
    )
    yield profile
    matching.reset_indexes()


def log_in(page, email, next_path):
    page.goto(f"/accounts/login/?next={next_path}")
    main = page.get_by_role("main")
    main.get_by_label("E-mail address").fill(email)
    main.get_by_label("Password").fill(PASSWORD)
    main.get_by_role("button", name="Log in").click()


def test_employer_posts_job_with_esco_autocomplete_and_sees_matching_candidate(
    page, console, representative, organisation, candidate
):
    representative.first_name, representative.language = "Jonas", "en"
    representative.save()
    log_in(page, "rep@example.org", "/talent/")
    page.get_by_role("main").get_by_role("link", name="Post a job").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Post a job")
    form = page.get_by_role("main")
    form.get_by_label("Title (English)").fill("Welder for shipbuilding")
    form.get_by_label("Title (German)").fill("Schweißer (m/w/d) Schiffbau")

    # The occupation: type German letters with an umlaut, choose with the mouse.
    occupation = form.get_by_role("combobox", name="Occupation (ESCO)")
    occupation.press_sequentially("Schweiß", delay=40)
    options = page.get_by_role("listbox", name="Suggested ESCO occupations")
    expect(options).to_be_visible()
    expect(occupation).to_have_attribute("aria-expanded", "true")
    options.get_by_role("option", name=re.compile(r"^welder \(")).first.click()
    expect(occupation).to_have_attribute("aria-expanded", "false")

    # Two skills: one chosen with the keyboard, one with the mouse; the second marked optional.
    first = form.get_by_role("combobox", name="Skill 1", exact=True)
    first.press_sequentially("apply arc weld", delay=30)
    expect(page.locator("#id_skills_1_listbox")).to_be_visible()
    first.press("ArrowDown")
    expect(first).to_have_attribute("aria-activedescendant", "id_skills_1_listbox-0")
    first.press("Enter")
    expect(first).to_have_value("apply arc welding techniques")

    second = form.get_by_role("combobox", name="Skill 2", exact=True)
    second.press_sequentially("tungsten inert", delay=30)
    page.locator("#id_skills_2_listbox").get_by_role(
        "option", name="perform tungsten inert gas welding", exact=True
    ).click()
    expect(second).to_have_value("perform tungsten inert gas welding")

    # A fourth row through "Add another skill" (the page starts with three).
    form.get_by_role("button", name="Add another skill").click()
    fourth = form.get_by_role("combobox", name="Skill 4", exact=True)
    expect(fourth).to_be_focused()
    fourth.press_sequentially("operate welding equip", delay=30)
    page.locator("#id_skills_4_listbox").get_by_role("option", name="operate welding equipment", exact=True).click()
    form.get_by_label("Skill 4: required or optional").select_option("optional")

    form.get_by_role("button", name="Publish").click()

    expect(page.locator(".messages")).to_contain_text("The job posting is published.")
    job = JobPosting.objects.get()
    assert job.occupation_uri == WELDER
    assert {(s.uri, s.essential) for s in job.skills.all()} == {
        (ARC_WELDING, True),
        (TIG_WELDING, True),
        (WELDING_EQUIPMENT, False),
    }
    expect(page).to_have_url(re.compile(rf"/talent/jobs/{job.pk}/$"))

    # The matching candidate with the explanation of the match.
    matches = page.get_by_role("region", name="Matching candidates")
    match = matches.get_by_role("listitem").filter(has_text="Mira Hansen")
    expect(match).to_contain_text("Welder with eight years in shipbuilding")
    expect(match).to_contain_text(re.compile(r"\d+ % match"))
    expect(match).to_contain_text("Shared skills:")
    expect(match).to_contain_text("apply arc welding techniques")
    expect(match).to_contain_text("perform tungsten inert gas welding")
    expect(match).to_contain_text(re.compile(r"Distance: \d+ km"))
    match.get_by_text("How the score is made up").click()
    expect(match.get_by_role("table")).to_contain_text("Skills")

    match.get_by_role("link", name="Mira Hansen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mira Hansen")
    expect(page.get_by_role("main")).to_contain_text("mira@example.org")

    assert console.csp_violations() == []
    assert console.errors == []
