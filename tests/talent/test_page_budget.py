"""Talent pages run a fixed number of SQL queries however many jobs, skills, applications, matches and agreements
there are (N+1 guards), within a budget. Pages with matches include about ten queries of the live index: its look
at the rows changed lately (in a test, all rows are recent) and the check of the matched rows against the
database before they are shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import ARC_WELDING, MIG_WELDING, TIG_WELDING, WELDING_EQUIPMENT
from .factories import (
    ApplicationFactory,
    JobPostingFactory,
    StaffAgreementFactory,
    StaffPostFactory,
    WorkerProfileFactory,
)

pytestmark = pytest.mark.django_db

SKILLS = [(ARC_WELDING, True), (TIG_WELDING, True), (MIG_WELDING, False)]
PROFILE_SKILLS = [(ARC_WELDING, 4), (TIG_WELDING, 3), (WELDING_EQUIPMENT, 5)]

# page: (role, url template, budget)
BUDGETS = {
    "job board (anonymous)": ("anonymous", "/talent/", 3),
    "job board (representative)": ("representative", "/talent/?q=Stelle", 8),
    "job with candidates (employer)": ("representative", "/talent/jobs/{job}/", 20),
    "job (anonymous)": ("anonymous", "/talent/jobs/{job}/", 3),
    "pipeline": ("representative", "/talent/jobs/{job}/applications/", 7),
    "our job postings": ("representative", "/talent/jobs/mine/", 6),
    "my applications": ("individual", "/talent/applications/", 5),
    "my profile with matching jobs": ("individual", "/talent/profile/", 14),
    "staff exchange": ("representative", "/talent/exchange/", 10),
    "staff request with offers": ("representative", "/talent/exchange/{request}/", 20),
    "agreements": ("representative", "/talent/agreements/", 6),
    "exchange dashboard": ("manager", "/talent/exchange/dashboard/", 9),
    "API jobs": ("anonymous", "/api/v1/jobs/", 3),
    "API my applications": ("individual", "/api/v1/applications/", 4),
    "API staff posts": ("representative", "/api/v1/staff-posts/", 6),
    "API job candidates": ("representative", "/api/v1/jobs/{job}/candidates/", 15),
}


@pytest.fixture
def talent(organisation, other_organisation, individual, representative):
    WorkerProfileFactory(user=individual, skills=PROFILE_SKILLS, languages=[("de", "native")])
    job = JobPostingFactory(organisation=organisation, title_de="Schweißer", skills=SKILLS)
    request = StaffPostFactory(organisation=organisation, kind="request", skills=PROFILE_SKILLS)
    return {"job": job, "request": request}


def grow(talent, organisation, other_organisation, individual, n):
    """n more of everything the pages list: jobs, candidates, applications, offers, agreements."""
    for _ in range(n):
        JobPostingFactory(organisation=organisation, title_de="Stelle", skills=SKILLS)
        JobPostingFactory(organisation=other_organisation, title_de="Stelle", skills=SKILLS)
        profile = WorkerProfileFactory(skills=PROFILE_SKILLS, languages=[("en", "C1"), ("de", "B2")])
        ApplicationFactory(job=talent["job"], applicant=profile.user)
        StaffPostFactory(organisation=other_organisation, kind="offer", skills=PROFILE_SKILLS)
        StaffAgreementFactory(lender=other_organisation, borrower=organisation)
    if not talent["job"].applications.filter(applicant=individual).exists():
        ApplicationFactory(job=talent["job"], applicant=individual)


def count(client, url):
    client.get(url)  # builds the indexes and fills caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx)


@pytest.mark.parametrize("page", BUDGETS)
def test_talent_page_query_count_is_fixed_and_within_budget(
    client_for, talent, organisation, other_organisation, individual, page
):
    role, template, budget = BUDGETS[page]
    url = template.format(job=talent["job"].pk, request=talent["request"].pk)
    client = client_for(role)
    grow(talent, organisation, other_organisation, individual, 1)
    one = count(client, url)
    grow(talent, organisation, other_organisation, individual, 5)
    many = count(client, url)
    assert one == many, f"{page}: {one} queries with one item, {many} with several"
    assert many <= budget, f"{page}: {many} queries, budget {budget}"


def test_pages_with_matches_really_list_them(client_for, talent, organisation, other_organisation, individual):
    grow(talent, organisation, other_organisation, individual, 3)
    job_page = client_for("representative").get(f"/talent/jobs/{talent['job'].pk}/").content.decode()
    assert job_page.count('class="match"') == 4  # three grown profiles and the individual's
    request_page = client_for("representative").get(f"/talent/exchange/{talent['request'].pk}/").content.decode()
    assert request_page.count('class="match"') == 3
