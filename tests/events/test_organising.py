"""What organisers work with: the check-in desk, statistics and charts, feedback results, the registrations export."""

import csv
import io
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from crosscluster.events import charts, registrations, stats
from crosscluster.events.models import Event, Registration
from tests.factories import EventFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd(event, make_users):
    """Three confirmed (Anna, Bernd, Clara Becker from Elbe Drohnen), one waiting, one cancelled."""
    event.capacity = 3
    event.save()
    names = [("Anna", "Albers"), ("Bernd", "Brandt"), ("Clara", "Becker"), ("Dora", "Dreyer"), ("Emil", "Engel")]
    people = []
    for first, last in names:
        user = UserFactory(first_name=first, last_name=last, email=f"{first.lower()}@example.org", language="en")
        people.append(registrations.register(acting_user=user, event=event))
    registrations.cancel_registration(people[3], acting_user=people[3].user)
    return people


def test_check_in_and_undo(crowd, manager):
    anna = crowd[0]
    registrations.check_in(anna, acting_user=manager)
    anna.refresh_from_db()
    assert anna.checked_in_at is not None and anna.checked_in_by == manager
    registrations.check_in(anna, acting_user=manager, undo=True)
    anna.refresh_from_db()
    assert anna.checked_in_at is None


def test_check_in_only_for_confirmed_places(crowd, manager):
    with pytest.raises(ValidationError, match="confirmed place"):
        registrations.check_in(crowd[4], acting_user=manager)  # Emil waits


def test_check_in_only_by_organisers(crowd, representative, other_cluster):
    with pytest.raises(PermissionDenied):
        registrations.check_in(crowd[0], acting_user=representative)


def test_checkin_page_searches_by_name_email_and_organisation(client_for, crowd, organisation):
    Registration.objects.filter(pk=crowd[2].pk).update(organisation=organisation)
    client = client_for("manager")

    def names(query):
        html = client.get("/events/summit/check-in/", {"q": query}, HTTP_HX_REQUEST="true").content.decode()
        return [n for n in ("Anna", "Bernd", "Clara", "Dora", "Emil") if f"{n} " in html]

    assert names("") == ["Anna", "Bernd", "Clara"]  # confirmed only
    assert names("brandt") == ["Bernd"]
    assert names("anna@example") == ["Anna"]
    assert names("elbe drohnen") == ["Clara"]
    assert names("Emil") == []


def test_checkin_search_is_an_htmx_partial(client_for, crowd):
    client = client_for("manager")
    partial = client.get("/events/summit/check-in/", {"q": "anna"}, HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<section id="checkin-results"')
    assert "<html" not in partial


def test_checkin_button_swaps_the_row(client_for, crowd):
    client = client_for("manager")
    response = client.post(f"/events/summit/check-in/{crowd[0].pk}/", {"action": "check_in"}, HTTP_HX_REQUEST="true")
    row = response.content.decode()
    assert row.lstrip().startswith(f'<tr id="registration-{crowd[0].pk}" class="checked-in"')
    assert "Undo check-in of Anna Albers" in row


def test_statistics_count_registrations_attendance_and_no_shows(crowd, manager):
    registrations.check_in(crowd[0], acting_user=manager)
    registrations.check_in(crowd[1], acting_user=manager)
    event = crowd[0].event
    figures = stats.event_statistics(event)
    assert (figures.confirmed, figures.waitlisted, figures.cancelled, figures.checked_in) == (3, 1, 1, 2)
    assert figures.no_shows is None  # not over yet
    Event.objects.filter(pk=event.pk).update(
        start=timezone.now() - timedelta(days=1, hours=2), end=timezone.now() - timedelta(days=1)
    )
    event.refresh_from_db()
    figures = stats.event_statistics(event)
    assert figures.no_shows == 1
    assert figures.attendance_rate == pytest.approx(2 / 3)
    assert sum(n for _day, n in figures.per_day) == 5


def test_statistics_placeholders_until_polls_and_meetings_exist(event, monkeypatch):
    monkeypatch.setattr(stats, "_METRICS", {key: (label, None) for key, (label, _p) in stats._METRICS.items()})
    metrics = {m.key: m for m in stats.event_statistics(event).metrics}
    assert metrics["poll_participation"].value == 0 and not metrics["poll_participation"].recorded
    assert metrics["meetings_held"].value == 0 and not metrics["meetings_held"].recorded


def test_statistics_take_figures_from_other_parts_of_the_platform(event, monkeypatch):
    monkeypatch.setattr(stats, "_METRICS", dict(stats._METRICS))
    stats.register_metric("meetings_held", "One-to-one meetings held", lambda e: 7 if e == event else 0)
    metrics = {m.key: m for m in stats.event_statistics(event).metrics}
    assert metrics["meetings_held"].value == 7 and metrics["meetings_held"].recorded


def test_statistics_page_draws_charts_without_inline_styles_or_scripts(client_for, crowd):
    html = client_for("manager").get("/events/summit/statistics/").content.decode()
    assert html.count("<svg") >= 2
    assert "<script" not in html.split("</head>")[1]
    assert " style=" not in html and "<style" not in html
    assert 'aria-label="Registrations by status"' in html


def test_charts_escape_labels():
    svg = charts.horizontal_bars([("<script>alert(1)</script>", 3)], title='A "chart" & more')
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg and "&quot;chart&quot; &amp; more" in svg


def test_charts_handle_empty_and_zero_data():
    assert "<svg" in charts.columns([], title="Nothing")
    assert "<svg" in charts.horizontal_bars([("a", 0), ("b", 0)], title="Zeros")
    assert "<svg" in charts.stacked_bar([("a", 0)], title="Zero")


def test_charts_module_does_not_import_django():
    code = "import crosscluster.events.charts, sys; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_registrations_export_lists_everyone_with_status(client_for, crowd, organisation):
    Registration.objects.filter(pk=crowd[0].pk).update(organisation=organisation)
    response = client_for("manager").get("/events/summit/registrations.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="summit-registrations-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["Last name", "First name", "E-mail", "Organisation", "Status"]
    by_email = {row[2]: row for row in rows[1:]}
    assert by_email["anna@example.org"][3] == "Elbe Drohnen GmbH"
    assert by_email["emil@example.org"][4] == "Waiting list"
    assert by_email["dora@example.org"][4] == "Cancelled"  # in English the registration and the event agree
    assert len(rows) == 6


def test_registrations_export_defuses_spreadsheet_formulas(client_for, event):
    RegistrationFactory(event=event, user=UserFactory(last_name="=HYPERLINK(1)"))
    text = b"".join(client_for("manager").get("/events/summit/registrations.csv").streaming_content).decode()
    assert "\r\n'=HYPERLINK(1);" in text


# --- feedback --------------------------------------------------------------------------------------------------


@pytest.fixture
def past_event(cluster, individual):
    now = timezone.now()
    event = EventFactory(slug="past", clusters=[cluster], start=now - timedelta(days=2), end=now - timedelta(days=1))
    RegistrationFactory(event=event, user=individual)
    return event


def test_feedback_once_per_participant(past_event, individual):
    registrations.submit_feedback(acting_user=individual, event=past_event, rating=4, most_useful="networking")
    with pytest.raises(ValidationError, match="already given feedback"):
        registrations.submit_feedback(acting_user=individual, event=past_event, rating=1, most_useful="talks")
    assert past_event.registrations.get().feedback.rating == 4


def test_feedback_opens_after_the_event(event, individual):
    RegistrationFactory(event=event, user=individual)
    with pytest.raises(ValidationError, match="opens when the event is over"):
        registrations.submit_feedback(acting_user=individual, event=event, rating=5, most_useful="talks")


def test_feedback_only_from_participants(past_event, representative):
    with pytest.raises(PermissionDenied):
        registrations.submit_feedback(acting_user=representative, event=past_event, rating=5, most_useful="talks")


@pytest.mark.parametrize(("rating", "useful"), [(0, "talks"), (6, "talks"), (3, "gossip")])
def test_feedback_refuses_answers_outside_the_scale(past_event, individual, rating, useful):
    with pytest.raises(ValidationError):
        registrations.submit_feedback(acting_user=individual, event=past_event, rating=rating, most_useful=useful)
    assert not hasattr(past_event.registrations.get(), "feedback")


def test_feedback_form_and_results(client_for, past_event, individual):
    client = client_for("individual")
    response = client.post(
        "/events/past/feedback/", {"rating": "5", "most_useful": "networking", "comment": "Gern wieder."}
    )
    assert response.status_code == 302
    client.force_login(past_event.clusters.get().managers.get())
    html = client.get("/events/past/feedback/results/").content.decode()
    assert "1 participant answered; average rating 5.0 of 5." in html
    assert "Gern wieder." in html
    assert individual.last_name not in html  # comments without names


def test_feedback_form_with_bad_input_explains_and_saves_nothing(client_for, past_event):
    response = client_for("individual").post("/events/past/feedback/", {"rating": "9", "comment": "x" * 3000})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice. 9 is not one of the available choices." in html
    assert "This field is required." in html  # most useful part
    assert "Ensure this value has at most 2000 characters" in html
    assert not hasattr(past_event.registrations.get(), "feedback")
