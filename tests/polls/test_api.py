"""The polls API: listing, voting and results as a client sees them."""

import pytest
import yaml

from crosscluster.polls.models import Vote
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/events/summit/polls/"


def test_participant_lists_open_and_closed_polls_with_options_and_own_vote(
    client_for, summit, participant, make_poll, option_ids
):
    poll = make_poll(summit, question_en="Which theme?")
    make_poll(summit, "text", state="closed")
    make_poll(summit, state="draft")
    client = client_for("representative")
    client.post(f"{LIST}{poll.pk}/vote/", {"choices": [option_ids(poll)[1]]}, content_type="application/json")

    listed = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").json()

    assert [p["kind"] for p in listed] == ["single", "text"]
    first = listed[0]
    assert first["question"] == "Which theme?" and first["question_de"] == "Frage (single)"
    assert [o["label"] for o in first["options"]] == ["Wasserstoff (en)", "Drohnen (en)", "Logistik (en)"]
    assert first["my_vote"]["choices"] == [option_ids(poll)[1]]
    assert first["results_available"] is False
    assert listed[1]["my_vote"] is None


def test_organiser_lists_drafts_too(client_for, summit, make_poll):
    make_poll(summit, state="draft")
    listed = client_for("manager").get(LIST).json()
    assert [p["state"] for p in listed] == ["draft"]
    assert listed[0]["results_available"] is True


def test_vote_through_the_api_replaces_the_earlier_vote(client_for, summit, participant, make_poll):
    poll = make_poll(summit, "rating", scale_max=5)
    client = client_for("representative")
    first = client.post(f"{LIST}{poll.pk}/vote/", {"rating": 2}, content_type="application/json")
    second = client.post(f"{LIST}{poll.pk}/vote/", {"rating": 5}, content_type="application/json")

    assert first.status_code == second.status_code == 200
    assert second.json()["rating"] == 5
    assert list(Vote.objects.filter(poll=poll).values_list("rating", flat=True)) == [5]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Choose an option."),
        ({"choices": "not a list"}, "Expected a list"),
        ({"choices": [1, 2, 3, 4]}, "does not belong to this poll"),
        ({"choices": [{"id": 1}]}, "does not belong to this poll"),
    ],
)
def test_invalid_vote_answers_400_with_the_reason(client_for, summit, participant, make_poll, body, message):
    poll = make_poll(summit)
    response = client_for("representative").post(f"{LIST}{poll.pk}/vote/", body, content_type="application/json")
    assert response.status_code == 400
    assert message in str(response.json())


def test_vote_of_a_non_participant_answers_403_with_the_reason(client_for, summit, make_poll):
    poll = make_poll(summit, "text")
    response = client_for("individual").post(f"{LIST}{poll.pk}/vote/", {"text": "Ja"}, content_type="application/json")
    assert response.status_code == 403
    assert "confirmed registration" in response.json()["detail"]


def test_results_count_votes_without_voters(client_for, summit, make_poll, option_ids):
    poll = make_poll(summit, "multiple", state="closed")
    a, b, _c = option_ids(poll)
    for choices in ([a], [a, b]):
        registration = RegistrationFactory(event=summit)
        Vote.objects.create(poll=poll, registration=registration, choices=choices)

    data = client_for("manager").get(f"{LIST}{poll.pk}/results/").json()

    assert data["voters"] == 2 and data["participants"] == 2
    assert [(r["id"], r["votes"], r["share"]) for r in data["rows"]] == [(a, 2, 1.0), (b, 1, 0.5), (_c, 0, 0.0)]
    assert "registration" not in str(data) and "user" not in str(data)


def test_results_of_a_word_cloud_poll_list_word_counts(client_for, summit, make_poll):
    poll = make_poll(summit, "text", state="closed", results_visibility="after_close")
    for answer in ("Wasserstoff jetzt", "mehr Wasserstoff", "Drohnen"):
        Vote.objects.create(poll=poll, registration=RegistrationFactory(event=summit), text=answer)
    RegistrationFactory(event=summit)  # a participant who did not answer

    data = client_for("coordinator").get(f"{LIST}{poll.pk}/results/").json()
    assert data["words"][0] == {"word": "Wasserstoff", "count": 2}
    assert {"word": "Drohnen", "count": 1} in data["words"]
    assert data["voters"] == 3 and data["participants"] == 4


def test_results_hidden_from_participants_say_when_they_are_shown(client_for, summit, participant, make_poll):
    poll = make_poll(summit, results_visibility="after_close")
    response = client_for("representative").get(f"{LIST}{poll.pk}/results/")
    assert response.status_code == 403
    assert response.json()["detail"] == "The results are shown when the poll has closed."


def test_schema_documents_the_poll_endpoints(client, db):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    paths = schema["paths"]
    assert {
        "/api/v1/events/{event_slug}/polls/",
        "/api/v1/events/{event_slug}/polls/{id}/",
        "/api/v1/events/{event_slug}/polls/{id}/vote/",
        "/api/v1/events/{event_slug}/polls/{id}/results/",
    } <= set(paths)
    vote = paths["/api/v1/events/{event_slug}/polls/{id}/vote/"]["post"]
    assert {p["name"] for p in vote["parameters"]} == {"event_slug", "id"}
    assert "VoteRequestRequest" in str(vote["requestBody"])
