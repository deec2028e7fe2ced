"""The staff exchange end to end through the web pages, both organisations in their own browser session:

Elbe Drohnen (``representative``) asks for welders; Alster Biotech (``other_rep``) then offers two; Elbe Drohnen is
told of the good match by e-mail, sees the offer with its explanation on its request, proposes an agreement linking
both posts; Alster Biotech accepts; both tick the checklist; the exchange starts (the cluster manager's dashboard
counts it as current) and is completed (it leaves the dashboard)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from crosscluster.talent.models import StaffAgreement, StaffPost

from .conftest import ARC_WELDING, TIG_WELDING, WELDING_EQUIPMENT

pytestmark = pytest.mark.django_db


def in_days(n):
    return timezone.localdate() + timedelta(days=n)


def staff_form(**values):
    form = {
        "title_de": "",
        "title_en": "",
        "description_de": "",
        "skills-label": [],
        "skills-uri": [],
        "skills-level": [],
        "head_count": "1",
        "place": "Hamburg-Wilhelmsburg",
        "radius_km": "30",
        "status": "published",
    }
    form.update(values)
    return form


def session(user):
    client = Client()
    client.force_login(user)
    return client


def test_staff_request_offer_match_mail_agreement_accepted_active_completed(
    representative, other_rep, manager, organisation, other_organisation, django_capture_on_commit_callbacks
):
    elbe, alster = session(representative), session(other_rep)

    # 1. Elbe Drohnen asks for a welder.
    with django_capture_on_commit_callbacks(execute=True):
        response = elbe.post(
            "/talent/exchange/new/",
            staff_form(
                organisation=organisation.slug,
                kind="request",
                title_de="Schweißer für Reparaturen gesucht",
                title_en="Welder needed for repairs",
                **{
                    "skills-label": ["apply arc welding techniques", "perform tungsten inert gas welding"],
                    "skills-uri": ["", ""],
                    "skills-level": ["3", "3"],
                },
                period_from=in_days(14).isoformat(),
                period_to=in_days(44).isoformat(),
            ),
        )
    request = StaffPost.objects.get(kind="request")
    assert response.status_code == 302 and request.is_published and request.organisation == organisation
    assert mail.outbox == []  # nothing to match yet

    # 2. Alster Biotech offers two welders for two months; Elbe Drohnen hears of it (offer → request).
    with django_capture_on_commit_callbacks(execute=True):
        response = alster.post(
            "/talent/exchange/new/",
            staff_form(
                organisation=other_organisation.slug,
                kind="offer",
                title_de="Zwei Schweißer verfügbar",
                title_en="Two welders available",
                conditions_de="Lohn und Sozialabgaben trägt der Entleiher.",
                **{
                    "skills-label": [
                        "apply arc welding techniques",
                        "perform tungsten inert gas welding",
                        "operate welding equipment",
                    ],
                    "skills-uri": [ARC_WELDING, TIG_WELDING, WELDING_EQUIPMENT],
                    "skills-level": ["4", "4", "5"],
                },
                head_count="2",
                place="Hamburg",
                period_from=in_days(7).isoformat(),
                period_to=in_days(67).isoformat(),
            ),
        )
    offer = StaffPost.objects.get(kind="offer")
    assert response.status_code == 302 and offer.is_published and offer.organisation == other_organisation
    assert [m.to for m in mail.outbox] == [[representative.email]]
    notice = mail.outbox[0]
    assert "Welder needed for repairs" in notice.subject or "Schweißer für Reparaturen gesucht" in notice.subject
    assert f"/talent/exchange/{offer.pk}/" in notice.body
    mail.outbox.clear()

    # 3. The request's page lists the offer with the explanation: shared skills, distance, dates.
    matches = elbe.get(f"/talent/exchange/{request.pk}/").content.decode().split('id="matches-h"')[1]
    assert "Two welders available" in matches
    assert "Shared skills:" in matches and "apply arc welding techniques" in matches
    assert "Distance:" in matches and "Dates:" in matches

    # 4. Elbe Drohnen proposes an agreement on the offer, naming its request.
    offer_page = elbe.get(f"/talent/exchange/{offer.pk}/").content.decode()
    assert f"/talent/exchange/{offer.pk}/propose/" in offer_page
    with django_capture_on_commit_callbacks(execute=True):
        response = elbe.post(
            f"/talent/exchange/{offer.pk}/propose/",
            {
                "organisation": organisation.pk,
                "own_post": request.pk,
                "legal_model": "paused_contract",
                "period_from": in_days(14).isoformat(),
                "period_to": in_days(44).isoformat(),
                "head_count": "2",
                "tasks": "Schweißarbeiten an Rohrleitungen",
                "region": "Hamburg-Wilhelmsburg",
                "notes": "Arbeitskleidung stellen wir.",
            },
        )
    agreement = StaffAgreement.objects.get()
    assert response.status_code == 302 and response["Location"] == agreement.get_absolute_url()
    assert (agreement.lender, agreement.borrower) == (other_organisation, organisation)
    assert (agreement.offer, agreement.request) == (offer, request)
    assert agreement.status == "proposed" and agreement.legal_model == "paused_contract"
    assert [m.to for m in mail.outbox] == [[other_rep.email]]
    assert agreement.get_absolute_url() in mail.outbox[0].body
    mail.outbox.clear()

    # 5. Alster Biotech reads the proposal with the checklist of its legal model and accepts.
    page = alster.get(agreement.get_absolute_url()).content.decode()
    assert "Accept the agreement" in page and "Schweißarbeiten an Rohrleitungen" in page
    assert 'value="return_guarantee"' in page and 'value="agency_permit"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        assert alster.post(f"/talent/agreements/{agreement.pk}/accept/").status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "accepted"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([representative.email, other_rep.email])
    assert "Accepted" in elbe.get(agreement.get_absolute_url()).content.decode()

    # 6. Both sides tick what they settled (each saves the whole list it sees).
    alster.post(f"/talent/agreements/{agreement.pk}/checklist/", {"done": ["return_guarantee"]})
    elbe.post(f"/talent/agreements/{agreement.pk}/checklist/", {"done": ["return_guarantee", "consent"]})
    agreement.refresh_from_db()
    assert agreement.checklist_done == ["return_guarantee", "consent"]

    # 7. The exchange starts: it is current on the cluster manager's dashboard with the people deployed.
    assert elbe.post(f"/talent/agreements/{agreement.pk}/activate/").status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "active"
    dashboard = session(manager).get("/talent/exchange/dashboard/").content.decode()
    assert "Hamburg Aviation" in dashboard and agreement.get_absolute_url() in dashboard
    assert "1 current agreement" in dashboard and "2 people deployed" in dashboard

    # 8. It is completed; nobody can act on it any more, and it leaves the dashboard.
    assert alster.post(f"/talent/agreements/{agreement.pk}/complete/").status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "completed" and agreement.completed_at is not None
    alster.post(f"/talent/agreements/{agreement.pk}/cancel/", {"reason": "zu spät"})
    agreement.refresh_from_db()
    assert agreement.status == "completed"
    dashboard = session(manager).get("/talent/exchange/dashboard/").content.decode()
    assert agreement.get_absolute_url() not in dashboard and "0 current agreements" in dashboard
    assert "Completed" in elbe.get("/talent/agreements/").content.decode()
