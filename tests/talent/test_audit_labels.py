"""Every audit action the talent area writes has a readable label in English and German, and the audit log shows it."""

import pytest
from django.utils import translation

import crosscluster.talent
from crosscluster.accounts.models import audit_action_label
from crosscluster.talent.services import jobs as job_services
from tests.marketplace.test_audit_labels import written_actions


def test_every_talent_audit_action_has_an_english_and_a_german_label():
    actions = written_actions(crosscluster.talent)
    assert {"talent.job_created", "talent.profile_created", "talent.agreement_started"} <= actions

    for action in sorted(actions):
        with translation.override("en"):
            english = str(audit_action_label(action))
        with translation.override("de"):
            german = str(audit_action_label(action))
        assert english != action, f"{action} has no label"
        assert german != english, f"{action} has no German label"


@pytest.mark.django_db
def test_audit_log_page_names_talent_actions(client_for, representative, organisation):
    job_services.create_job(acting_user=representative, organisation=organisation, data={"title_de": "Schweißer"})

    page = client_for("coordinator").get("/accounts/audit-log/").content.decode()

    assert "Job posting created" in page
