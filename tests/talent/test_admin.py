"""The Django admin lists and opens every talent model (a superuser's view), without errors."""

import pytest

from tests.factories import UserFactory

from .conftest import ARC_WELDING
from .factories import (
    ApplicationFactory,
    JobPostingFactory,
    StaffAgreementFactory,
    StaffPostFactory,
    WorkerProfileFactory,
)

pytestmark = pytest.mark.django_db


def test_admin_lists_and_opens_every_talent_model(client, organisation, other_organisation):
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    job = JobPostingFactory(organisation=organisation, skills=[(ARC_WELDING, True)])
    objects = {
        "jobposting": job,
        "application": ApplicationFactory(job=job),
        "workerprofile": WorkerProfileFactory(skills=[(ARC_WELDING, 3)], languages=[("de", "native")]),
        "staffpost": StaffPostFactory(organisation=organisation, skills=[(ARC_WELDING, 3)]),
        "staffagreement": StaffAgreementFactory(lender=other_organisation, borrower=organisation),
    }
    client.force_login(admin)
    for name, obj in objects.items():
        assert client.get(f"/admin/talent/{name}/").status_code == 200, name
        assert client.get(f"/admin/talent/{name}/{obj.pk}/change/").status_code == 200, name
    assert client.get("/admin/talent/matchnotification/").status_code == 200
    assert client.get("/admin/talent/application/add/").status_code == 403  # applications come from applicants
