"""The talent demo: jobs of demo organisations, about thirty consenting profiles, applications, staff offers and
requests and two agreements; loading twice gives the same, removing leaves nothing (the full demo is loaded by
tests/test_demo.py through the directory's loader)."""

import pytest

from crosscluster.accounts.models import User
from crosscluster.talent import demo, matching
from crosscluster.talent.models import Application, JobPosting, StaffAgreement, StaffPost, WorkerProfile
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SLUGS = [
    "hamburg-aviation",
    "maritimes-cluster-norddeutschland",
    "logistik-initiative-hamburg",
    "life-science-nord",
    "gesundheitswirtschaft-hamburg",
    "nextmedia-hamburg",
    "erneuerbare-energien-hamburg",
]


@pytest.fixture
def demo_directory():
    clusters = [ClusterFactory(slug=slug, name=slug, is_demo=True) for slug in SLUGS]
    showcase = OrganisationFactory(slug=demo.SHOWCASE_SLUG, name="Elbflug Avionik GmbH", is_demo=True)
    MembershipFactory(organisation=showcase, cluster=clusters[0])
    for n, cluster in enumerate(clusters):
        for k in range(2):
            MembershipFactory(
                organisation=OrganisationFactory(name=f"Demo {n}-{k} GmbH", is_demo=True), cluster=cluster
            )
    return UserFactory(email=demo.DEMO_INDIVIDUAL)


def test_demo_loads_jobs_profiles_staff_posts_and_agreements(demo_directory):
    demo.load()

    assert JobPosting.objects.filter(is_demo=True, status="published").count() == len(demo.JOBS)
    assert WorkerProfile.objects.filter(consent=True).count() >= 30
    assert WorkerProfile.objects.filter(user=demo_directory).exists()  # the demo individual has one too
    assert set(Application.objects.values_list("status", flat=True)) >= {"received", "in_review", "interview", "offer"}
    assert StaffPost.objects.filter(kind="offer").count() >= 4 and StaffPost.objects.filter(kind="request").count() >= 3
    assert sorted(StaffAgreement.objects.values_list("status", flat=True)) == ["active", "proposed"]
    assert all(job.skills.exists() and job.occupation_uri for job in JobPosting.objects.all())
    assert all("Demo" in job.description_de for job in JobPosting.objects.all())


def test_demo_profiles_find_fitting_jobs(demo_directory):
    demo.load()
    welder = WorkerProfile.objects.filter(headline_de__startswith="Schweißer").first()

    jobs = [job.title_de for job, _match in matching.jobs_for_profile(welder, k=3)]

    assert jobs[0] == "Schweißer (m/w/d) Schiffbau"


def test_demo_loads_twice_the_same_and_removes_everything(demo_directory):
    demo.load()
    counts = [M.objects.count() for M in (JobPosting, WorkerProfile, Application, StaffPost, StaffAgreement)]
    demo.load()
    assert [M.objects.count() for M in (JobPosting, WorkerProfile, Application, StaffPost, StaffAgreement)] == counts

    demo.remove()
    assert [M.objects.count() for M in (JobPosting, StaffPost, StaffAgreement, Application)] == [0, 0, 0, 0]
    assert list(WorkerProfile.objects.values_list("user__email", flat=True)) == [demo.DEMO_INDIVIDUAL] or (
        not WorkerProfile.objects.exists()
    )


def test_crosscluster_demo_makes_the_talent_pages_look_alive(client):
    """``crosscluster demo`` runs the directory's loader, which loads the talent demo with it."""
    from crosscluster.directory.demo import loader

    created = loader.load()
    matching.reset_indexes()
    users = {u.email: u for u in User.objects.filter(email__in=[d.email for d in loader.DEMO_USERS])}

    assert created["talent"] and JobPosting.objects.filter(is_demo=True, status="published").count() == len(demo.JOBS)
    board = client.get("/talent/").content.decode()
    assert board.count('href="/talent/jobs/') >= 10

    client.force_login(users[loader.REPRESENTATIVE.email])  # Elbflug Avionik: its own postings find candidates
    job = JobPosting.objects.filter(organisation__slug=demo.SHOWCASE_SLUG).order_by("pk").first()
    candidates = client.get(f"/talent/jobs/{job.pk}/").content.decode().split('id="candidates-h"')[1]
    assert candidates.count('href="/talent/candidates/') >= 3
    assert 'href="/talent/agreements/' in client.get("/talent/agreements/").content.decode()

    client.force_login(users[loader.INDIVIDUAL.email])  # the demo individual: a profile with fitting jobs
    fitting = client.get("/talent/profile/").content.decode().split('id="jobs-h"')[1]
    assert fitting.count('href="/talent/jobs/') >= 3

    client.force_login(users[loader.MANAGER.email])  # Hamburg Aviation's manager: current exchanges in the cluster
    dashboard = client.get("/talent/exchange/dashboard/")
    assert dashboard.context["agreement_count"] >= 1 and dashboard.context["people"] >= 1
    assert "Hamburg Aviation" in dashboard.content.decode()

    loader.remove()
    assert not JobPosting.objects.exists() and not StaffAgreement.objects.exists()
