"""The staff exchange end to end: a staff request matches an offer (and the offer the request) with the explanation,
an agreement is proposed, accepted by both, started and completed; the checklist per legal model; the dashboard."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import escape

from crosscluster.talent import legal
from crosscluster.talent.models import StaffAgreement, StaffPost
from crosscluster.talent.services import exchange as exchange_services

from .conftest import ARC_WELDING, BAKE, TIG_WELDING, WELDING_EQUIPMENT
from .factories import StaffAgreementFactory, StaffPostFactory

pytestmark = pytest.mark.django_db


def in_days(n):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def offer(other_organisation):
    """Alster Biotech lends two welders for two months."""
    return StaffPostFactory(
        organisation=other_organisation,
        kind="offer",
        title_en="Two welders available",
        head_count=2,
        period_from=in_days(7),
        period_to=in_days(67),
        skills=[(ARC_WELDING, 4), (TIG_WELDING, 4), (WELDING_EQUIPMENT, 5)],
    )


def request_form(**overrides):
    data = {
        "organisation": "",
        "kind": "request",
        "title_de": "Schweißer für Reparaturen gesucht",
        "title_en": "Welders needed for repairs",
        "description_de": "Reparaturen an Rohrleitungen in der Werft.",
        "skills-label": ["apply arc welding techniques", "perform tungsten inert gas welding"],
        "skills-uri": ["", ""],
        "skills-level": ["3", "3"],
        "head_count": "1",
        "period_from": in_days(14).isoformat(),
        "period_to": in_days(44).isoformat(),
        "place": "Hamburg-Wilhelmsburg",
        "radius_km": "20",
        "status": "published",
    }
    data.update(overrides)
    return data


def test_staff_request_matches_offer_both_ways_with_explanation(client_for, organisation, offer):
    StaffPostFactory(organisation=offer.organisation, kind="offer", title_en="Bakers", skills=[(BAKE, 4)])
    client = client_for("representative")

    response = client.post("/talent/exchange/new/", request_form(organisation=organisation.slug))

    request = StaffPost.objects.get(kind="request")
    assert response.status_code == 302 and request.organisation == organisation and request.is_published
    page = client.get(f"/talent/exchange/{request.pk}/").content.decode()
    matches = page.split('id="matches-h"')[1]
    assert "Two welders available" in matches and "Bakers" not in matches
    assert "Shared skills:" in matches and "apply arc welding techniques" in matches
    assert "Distance:" in matches and "Dates:" in matches

    other = client_for("coordinator")  # sees the offer's side: the request is among its matches
    offer_page = other.get(f"/talent/exchange/{offer.pk}/").content.decode()
    assert "Schweißer für Reparaturen gesucht" in offer_page.split('id="matches-h"')[1] or (
        "Welders needed for repairs" in offer_page.split('id="matches-h"')[1]
    )


def test_organisation_never_sees_its_own_posts_as_matches(client_for, organisation):
    own_offer = StaffPostFactory(organisation=organisation, kind="offer", skills=[(ARC_WELDING, 4)], title_en="Ours")
    request = StaffPostFactory(organisation=organisation, kind="request", skills=[(ARC_WELDING, 3)])

    page = client_for("representative").get(f"/talent/exchange/{request.pk}/").content.decode()

    assert own_offer.title_en not in page.split('id="matches-h"')[1]


def test_agreement_is_proposed_accepted_by_both_started_and_completed(
    client, organisation, representative, other_rep, offer, django_capture_on_commit_callbacks
):
    client.force_login(representative)
    form = {
        "organisation": organisation.pk,
        "legal_model": "agency_work",
        "period_from": in_days(14).isoformat(),
        "period_to": in_days(44).isoformat(),
        "head_count": "2",
        "tasks": "Schweißarbeiten an Rohrleitungen",
        "region": "Hamburg-Wilhelmsburg",
        "notes": "Arbeitskleidung stellen wir.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/talent/exchange/{offer.pk}/propose/", form)

    agreement = StaffAgreement.objects.get()
    assert response.status_code == 302 and response["Location"] == agreement.get_absolute_url()
    assert (agreement.lender, agreement.borrower) == (offer.organisation, organisation)
    assert agreement.status == "proposed" and agreement.offer == offer
    assert agreement.borrower_accepted_at is not None and agreement.lender_accepted_at is None
    assert [m.to for m in mail.outbox] == [[other_rep.email]]  # the other side is asked

    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Waiting for the other side to accept." in page
    for item in legal.checklist("agency_work"):
        assert escape(str(item.text)) in page
    assert "Federal Employment Agency" in page and "18 consecutive" in page
    assert "does not employ or lend anyone" in page

    assert client.post(f"/talent/agreements/{agreement.pk}/activate/", follow=True).status_code == 200
    agreement.refresh_from_db()
    assert agreement.status == "proposed"  # not before both accepted

    client.force_login(other_rep)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/talent/agreements/{agreement.pk}/accept/")
    agreement.refresh_from_db()
    assert agreement.status == "accepted" and agreement.lender_accepted_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted([representative.email, other_rep.email])

    client.post(f"/talent/agreements/{agreement.pk}/activate/")
    agreement.refresh_from_db()
    assert agreement.status == "active" and agreement.activated_at is not None

    client.force_login(representative)
    client.post(f"/talent/agreements/{agreement.pk}/complete/")
    agreement.refresh_from_db()
    assert agreement.status == "completed" and agreement.completed_at is not None
    assert agreement.get_status_display() in client.get("/talent/agreements/").content.decode()


def test_either_side_cancels_with_a_reason_and_then_nothing_moves(
    client, organisation, representative, other_organisation
):
    agreement = StaffAgreementFactory(lender=other_organisation, borrower=organisation)
    client.force_login(representative)

    client.post(f"/talent/agreements/{agreement.pk}/cancel/", {"reason": "Bedarf entfallen"})

    agreement.refresh_from_db()
    assert agreement.status == "cancelled" and agreement.cancel_reason == "Bedarf entfallen"
    response = client.post(f"/talent/agreements/{agreement.pk}/accept/", follow=True)
    agreement.refresh_from_db()
    assert agreement.status == "cancelled"
    assert "cannot be accepted" in response.content.decode()


def test_checklist_is_per_legal_model_and_both_sides_tick_it(client, organisation, representative, other_organisation):
    agreement = StaffAgreementFactory(lender=other_organisation, borrower=organisation, legal_model="side_job")
    client.force_login(representative)

    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "hours at both employers are added up" in page  # side job: working time law
    assert "Federal Employment Agency" not in page  # the AÜG permit is not this model's question

    client.post(f"/talent/agreements/{agreement.pk}/checklist/", {"done": ["side_job_consent", "consent"]})
    agreement.refresh_from_db()
    assert agreement.checklist_done == ["side_job_consent", "consent"]

    client.post(f"/talent/agreements/{agreement.pk}/checklist/", {"done": ["agency_permit"]})
    agreement.refresh_from_db()
    assert agreement.checklist_done == ["side_job_consent", "consent"]  # an item of another model is refused


def test_each_legal_model_has_its_own_checklist_with_the_common_items():
    keys = {model: {item.key for item in legal.checklist(model)} for model in StaffAgreement.LegalModel.values}
    common = {item.key for item in legal.COMMON}
    assert all(common <= model_keys for model_keys in keys.values())
    assert "agency_permit" in keys["agency_work"] and "equal_treatment" in keys["agency_work"]
    assert "side_job_working_time" in keys["side_job"] and "return_guarantee" in keys["paused_contract"]
    assert not keys["side_job"] & {"agency_permit", "return_guarantee"}


def test_agency_work_longer_than_18_months_is_flagged(organisation, other_organisation):
    agreement = StaffAgreementFactory(
        lender=other_organisation,
        borrower=organisation,
        legal_model="agency_work",
        period_from=in_days(1),
        period_to=in_days(1 + 600),
    )
    assert legal.warnings(agreement)
    agreement.legal_model = "side_job"
    assert legal.warnings(agreement) == []


def test_non_party_may_read_as_cluster_manager_but_not_act(client_for, organisation, other_organisation):
    agreement = StaffAgreementFactory(lender=other_organisation, borrower=organisation)
    client = client_for("manager")  # manages Hamburg Aviation, where the borrower is a member

    assert client.get(agreement.get_absolute_url()).status_code == 200
    assert client.post(f"/talent/agreements/{agreement.pk}/accept/").status_code == 403
    agreement.refresh_from_db()
    assert agreement.lender_accepted_at is not None and agreement.borrower_accepted_at is None


def test_proposal_terms_must_fit_the_post(representative, organisation, offer):
    with pytest.raises(Exception) as caught:
        exchange_services.propose_agreement(
            acting_user=representative,
            post=offer,
            organisation=organisation,
            data={
                "legal_model": "side_job",
                "period_from": offer.period_from - timedelta(days=3),
                "period_to": offer.period_to,
                "head_count": 5,
                "tasks": "",
                "region": "",
            },
        )
    errors = caught.value.message_dict
    assert set(errors) == {"period_from", "head_count", "tasks", "region"}
    assert not StaffAgreement.objects.exists()


def test_dashboard_shows_current_exchanges_per_cluster(client_for, cluster, organisation, other_organisation):
    active = StaffAgreementFactory(
        lender=other_organisation, borrower=organisation, status="active", head_count=3, tasks="Montage"
    )
    StaffAgreementFactory(lender=other_organisation, borrower=organisation, status="completed")
    outside = StaffAgreementFactory(status="proposed")  # two organisations in no cluster

    manager_page = client_for("manager").get("/talent/exchange/dashboard/").content.decode()
    assert "Hamburg Aviation" in manager_page and "Life Science Nord" not in manager_page
    assert active.lender.name in manager_page
    assert "1 current agreement" in manager_page and "3 people deployed" in manager_page

    coordinator_page = client_for("coordinator").get("/talent/exchange/dashboard/").content.decode()
    assert "Hamburg Aviation" in coordinator_page and "Life Science Nord" in coordinator_page
    assert outside.lender.name not in coordinator_page  # belongs to no cluster
