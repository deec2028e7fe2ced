"""The voting pages on the phone, the control view, the presenter screen and the CSV export, through the web."""

import csv
import io

import pytest
from django.core.cache import cache

from crosscluster.polls import voting
from crosscluster.polls.models import Poll, Vote
from tests.factories import RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def cast(registration, poll, **raw):
    voting.cast_vote(acting_user=registration.user, poll=poll, ballot=voting.read_ballot(poll, **raw))


# --- the participants' page -------------------------------------------------------------------------------------


def test_vote_page_lists_open_polls_with_their_options(client_for, summit, participant, make_poll):
    make_poll(summit, question_en="Which theme matters most?")
    make_poll(summit, question_en="A draft nobody sees yet", state="draft")
    make_poll(summit, "rating", question_en="How was the keynote?", scale_min_label_en="poor")

    html = client_for("representative").get("/events/summit/polls/").content.decode()

    assert "Which theme matters most?" in html and "Drohnen (en)" in html
    assert "How was the keynote?" in html and "1 = poor" in html
    assert "A draft nobody sees yet" not in html


def test_vote_page_says_so_when_no_poll_is_open(client_for, summit, participant, make_poll):
    make_poll(summit, state="closed", question_en="Old question", results_visibility="never")
    html = client_for("representative").get("/events/summit/polls/").content.decode()
    assert "No poll is open right now" in html
    assert "Old question" not in html  # closed, results never shown


def test_vote_page_links_results_of_closed_polls_when_shown(client_for, summit, participant, make_poll):
    poll = make_poll(summit, state="closed", question_en="Old question", results_visibility="after_close")
    html = client_for("representative").get("/events/summit/polls/").content.decode()
    assert f"/events/summit/polls/{poll.pk}/results/" in html


def test_vote_page_refuses_a_user_without_registration_with_a_message(client_for, summit, make_poll):
    make_poll(summit)
    response = client_for("individual").get("/events/summit/polls/")
    assert response.status_code == 403
    assert "Only participants with a confirmed registration for this event can vote." in response.content.decode()


def test_vote_page_in_german(client_for, summit, participant, make_poll):
    make_poll(summit, question_de="Welches Thema ist Ihnen am wichtigsten?")
    client = client_for("representative")
    client.cookies["django_language"] = "de"
    html = client.get("/events/summit/polls/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Welches Thema ist Ihnen am wichtigsten?" in html
    assert "Live-Abstimmung" in html


def test_live_list_answers_204_until_a_poll_changes(client_for, summit, participant, make_poll):
    poll = make_poll(summit, state="draft", question_en="Coming up")
    client = client_for("representative")
    page = client.get("/events/summit/polls/")
    version = page.context["version"]

    unchanged = client.get("/events/summit/polls/live/", {"v": version}, **HTMX)
    assert unchanged.status_code == 204

    poll.state = Poll.State.OPEN
    poll.save()
    cache.clear()  # the version is read at most once a second per process; here: at once
    changed = client.get("/events/summit/polls/live/", {"v": version}, **HTMX)
    assert changed.status_code == 200
    html = changed.content.decode()
    assert "Coming up" in html and 'id="live-polls"' in html and "<html" not in html
    assert changed.context["version"] != version


def test_vote_through_htmx_answers_with_a_status_and_the_page_keeps_the_choice(
    client_for, summit, participant, make_poll, option_ids
):
    poll = make_poll(summit)
    second = option_ids(poll)[1]
    client = client_for("representative")
    response = client.post(f"/events/summit/polls/{poll.pk}/vote/", {"choices": second}, **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="poll-note" role="status">Your vote has been recorded' in html
    assert f'<span id="poll-{poll.pk}-label" hx-swap-oob="true">Change my vote</span>' in html
    assert Vote.objects.get(poll=poll).choices == [second]
    page = client.get("/events/summit/polls/").content.decode()
    assert f'value="{second}" checked' in page and "You have voted." in page


def test_vote_without_javascript_redirects_back_with_a_message(client_for, summit, participant, make_poll):
    poll = make_poll(summit, "text")
    client = client_for("representative")
    response = client.post(f"/events/summit/polls/{poll.pk}/vote/", {"text": "Wasserstoff"}, follow=True)
    assert response.redirect_chain[0][0] == f"/events/summit/polls/#poll-{poll.pk}"
    assert "Your vote has been recorded" in response.content.decode()
    assert 'value="Wasserstoff"' in response.content.decode()


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("single", {}, "Choose an option."),
        ("multiple", {"choices": ["99999", "x"]}, "does not belong to this poll"),
        ("rating", {"rating": "9"}, "Choose a value from 1 to 5."),
        ("text", {"text": "   "}, "Please write an answer."),
        ("text", {"text": "x" * 81}, "at most 80 characters, yours has 81"),
    ],
)
def test_invalid_vote_shows_what_is_wrong_under_the_ballot(
    client_for, summit, participant, make_poll, kind, data, message
):
    poll = make_poll(summit, kind)
    response = client_for("representative").post(f"/events/summit/polls/{poll.pk}/vote/", data, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and 'role="alert"' in html
    assert not Vote.objects.exists()


def test_too_many_choices_are_refused_with_the_maximum(client_for, summit, participant, make_poll, option_ids):
    poll = make_poll(summit, "multiple", max_choices=2)
    response = client_for("representative").post(
        f"/events/summit/polls/{poll.pk}/vote/", {"choices": option_ids(poll)}, **HTMX
    )
    assert "Choose at most 2 options." in response.content.decode()


def test_vote_on_a_closed_poll_says_it_has_closed(client_for, summit, participant, make_poll, option_ids):
    poll = make_poll(summit, state="closed")
    client = client_for("representative")
    response = client.post(f"/events/summit/polls/{poll.pk}/vote/", {"choices": option_ids(poll)[0]}, follow=True)
    assert "This poll has closed; votes are no longer accepted." in response.content.decode()
    assert not Vote.objects.exists()


def test_vote_by_a_user_without_registration_is_refused(client_for, summit, make_poll, option_ids):
    poll = make_poll(summit)
    response = client_for("individual").post(f"/events/summit/polls/{poll.pk}/vote/", {"choices": option_ids(poll)[0]})
    assert response.status_code == 403
    assert "confirmed registration" in response.content.decode()
    assert not Vote.objects.exists()


def test_vote_error_in_german(client_for, summit, participant, make_poll):
    poll = make_poll(summit, "text")
    client = client_for("representative")
    response = client.post(f"/events/summit/polls/{poll.pk}/vote/", {"text": ""}, HTTP_ACCEPT_LANGUAGE="de", **HTMX)
    assert "Bitte schreiben Sie eine Antwort." in response.content.decode()


# --- results for participants -----------------------------------------------------------------------------------


def test_participant_sees_results_only_when_the_organiser_shows_them(client_for, summit, participant, make_poll):
    after_close = make_poll(summit, results_visibility="after_close")
    live = make_poll(summit, results_visibility="live")
    client = client_for("representative")

    hidden = client.get(f"/events/summit/polls/{after_close.pk}/results/")
    assert hidden.status_code == 403
    assert "The results are shown when the poll has closed." in hidden.content.decode()
    assert client.get(f"/events/summit/polls/{live.pk}/results/").status_code == 200

    after_close.state = Poll.State.CLOSED
    after_close.save()
    assert client.get(f"/events/summit/polls/{after_close.pk}/results/").status_code == 200


# --- control view -----------------------------------------------------------------------------------------------


def test_control_view_lists_polls_with_vote_counts_but_no_voters(client_for, summit, participant, make_poll):
    poll = make_poll(summit, "text", question_en="One word for the day?")
    cast(participant, poll, text="Aufbruch")
    html = client_for("manager").get("/events/summit/polls/manage/").content.decode()
    assert "One word for the day?" in html
    assert "Close voting" in html
    assert "Aufbruch" not in html and participant.user.email not in html
    assert "http://testserver/events/summit/polls/" in html


def test_organiser_creates_a_poll_and_opens_it(client_for, summit):
    client = client_for("manager")
    response = client.post(
        "/events/summit/polls/manage/new/",
        {
            "question_de": "Welches Thema?",
            "question_en": "Which theme?",
            "kind": "multiple",
            "options_de": "Wasserstoff\nDrohnen\n\nLogistik",
            "options_en": "Hydrogen\nDrones\nLogistics",
            "max_choices": "2",
            "scale_max": "5",
            "text_max_length": "80",
            "results_visibility": "live",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    poll = Poll.objects.get(event=summit)
    assert poll.state == "draft" and poll.kind == "multiple" and poll.max_choices == 2
    assert [(o.label_de, o.label_en) for o in poll.options.all()] == [
        ("Wasserstoff", "Hydrogen"),
        ("Drohnen", "Drones"),
        ("Logistik", "Logistics"),
    ]
    client.post(f"/events/summit/polls/manage/{poll.pk}/state/", {"action": "open"})
    poll.refresh_from_db()
    assert poll.state == "open" and poll.opened_at is not None


def test_poll_form_shows_what_is_wrong(client_for, summit):
    response = client_for("manager").post(
        "/events/summit/polls/manage/new/",
        {
            "question_de": "Welches Thema?",
            "kind": "single",
            "options_de": "Nur eine",
            "options_en": "Only one\nand another",
            "scale_max": "5",
            "text_max_length": "80",
            "results_visibility": "live",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give as many English options as German ones (1), or none." in html
    assert not Poll.objects.exists()


# --- presenter screen -------------------------------------------------------------------------------------------


def test_presenter_screen_shows_counts_and_answers_204_while_unchanged(
    client_for, summit, participant, make_poll, option_ids, settings
):
    settings.POLLS_RESULTS_MAX_AGE = 0  # count afresh on every request in this test
    poll = make_poll(summit, question_en="Which theme?")
    client = client_for("manager")
    page = client.get(f"/events/summit/polls/{poll.pk}/present/")
    html = page.content.decode()
    assert "Which theme?" in html and "0 votes" in html
    assert "http://testserver/events/summit/polls/" in html
    version = page.context["version"]
    live = f"/events/summit/polls/{poll.pk}/present/live/"

    assert client.get(live, {"v": version}, **HTMX).status_code == 204

    cast(participant, poll, choices=[option_ids(poll)[1]])
    changed = client.get(live, {"v": version}, **HTMX)
    assert changed.status_code == 200
    fragment = changed.content.decode()
    assert 'data-voters="1"' in fragment and "1 vote" in fragment
    assert 'data-count="1">1 · 100 %' in fragment
    assert "<html" not in fragment


def test_presenter_shows_mean_and_distribution_of_a_rating(client_for, summit, make_poll):
    poll = make_poll(summit, "rating", scale_max=5)
    for value in (5, 4, 4, 2):
        cast(RegistrationFactory(event=summit), poll, rating=value)
    html = client_for("manager").get(f"/events/summit/polls/{poll.pk}/present/").content.decode()
    assert '<span class="number">3.8</span>' in html
    assert html.count('data-count="2"') == 1 and html.count('data-count="1"') == 2


def test_presenter_draws_a_word_cloud_without_stopwords(client_for, summit, make_poll):
    poll = make_poll(summit, "text")
    for answer in ("Wasserstoff und Drohnen", "grüner Wasserstoff", "the hydrogen", "Wasserstoff!"):
        cast(RegistrationFactory(event=summit), poll, text=answer)
    html = client_for("manager").get(f"/events/summit/polls/{poll.pk}/present/").content.decode()
    assert '<li class="wc-8" data-count="3">Wasserstoff' in html
    assert 'data-count="1">Drohnen' in html and 'data-count="1">hydrogen' in html
    assert ">und<" not in html and ">the<" not in html


def test_presenter_can_hide_the_results(client_for, summit, participant, make_poll, option_ids):
    poll = make_poll(summit)
    cast(participant, poll, choices=[option_ids(poll)[0]])
    html = client_for("manager").get(f"/events/summit/polls/{poll.pk}/present/?results=hidden").content.decode()
    assert "The results are hidden." in html and "<svg" not in html and "1 vote" in html


def test_presenter_screen_has_no_inline_script_or_style(client_for, summit, make_poll):
    poll = make_poll(summit)
    html = client_for("manager").get(f"/events/summit/polls/{poll.pk}/present/").content.decode()
    assert " style=" not in html and "<style" not in html
    assert all('src="' in tag for tag in html.split("<script")[1:])


# --- export -----------------------------------------------------------------------------------------------------


def export(client, poll):
    response = client.get(f"/events/summit/polls/{poll.pk}/results.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_export_of_a_choice_poll_has_one_row_per_option_with_count_and_share(client_for, summit, make_poll, option_ids):
    poll = make_poll(summit, "multiple")
    a, b, _c = option_ids(poll)
    for choices in ([a], [a, b], [a]):
        cast(RegistrationFactory(event=summit), poll, choices=choices)

    rows = export(client_for("manager"), poll)

    assert rows == [
        ["Option", "Votes", "Share of voters (%)"],
        ["Wasserstoff (en)", "3", "100.0"],
        ["Drohnen (en)", "1", "33.3"],
        ["Logistik (en)", "0", "0.0"],
    ]


def test_export_of_a_rating_has_one_row_per_value(client_for, summit, make_poll):
    poll = make_poll(summit, "rating", scale_max=3)
    for value in (3, 3, 1, 2):
        cast(RegistrationFactory(event=summit), poll, rating=value)
    rows = export(client_for("manager"), poll)
    assert rows[0] == ["Value", "Votes", "Share of voters (%)"]
    assert rows[1:] == [["1", "1", "25.0"], ["2", "1", "25.0"], ["3", "2", "50.0"]]


def test_export_of_answers_is_anonymous_unless_the_poll_is_named(client_for, summit, make_poll):
    anonymous, named = make_poll(summit, "text"), make_poll(summit, "text", is_named=True)
    people = [UserFactory(first_name="Ada", last_name="Zander"), UserFactory(first_name="Ben", last_name="Arndt")]
    for user, answer in zip(people, ("Wasserstoff", "=SUMME(A1)"), strict=True):
        registration = RegistrationFactory(event=summit, user=user)
        cast(registration, anonymous, text=answer)
        cast(registration, named, text=answer)
    client = client_for("manager")

    rows = export(client, anonymous)
    assert rows == [["Answer"], ["'=SUMME(A1)"], ["Wasserstoff"]]
    assert not any("Zander" in cell for row in rows for cell in row)

    rows = export(client, named)
    assert rows[0] == ["Answer", "Last name", "First name", "E-mail"]
    assert rows[1][:3] == ["'=SUMME(A1)", "Arndt", "Ben"] and rows[2][:3] == ["Wasserstoff", "Zander", "Ada"]


def test_export_of_a_named_choice_poll_lists_voters_per_option(client_for, summit, make_poll, option_ids):
    poll = make_poll(summit, "single", is_named=True)
    first = option_ids(poll)[0]
    ada = UserFactory(first_name="Ada", last_name="Zander")
    cast(RegistrationFactory(event=summit, user=ada), poll, choices=[first])
    rows = export(client_for("manager"), poll)
    assert rows[0][-1] == "Voters"
    assert rows[1] == ["Wasserstoff (en)", "1", "100.0", "Ada Zander"]
    assert rows[2] == ["Drohnen (en)", "0", "0.0", ""]
