"""The whole matchmaking flow through the web pages: profile, request, answer, scheduling with the real optimiser
(tasks run at once in tests), publishing, and both participants seeing the meeting."""

import re

import pytest
from django.core import mail
from django.test import Client

from crosscluster import matchmaking
from crosscluster.b2b import scheduling
from crosscluster.b2b.models import Matchmaking, Meeting, MeetingRequest, Profile, ScheduleRun
from tests.factories import RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def anna(event):
    user = UserFactory(first_name="Anna", last_name="Albers", email="anna@example.org", language="en")
    RegistrationFactory(event=event, user=user)
    return user


@pytest.fixture
def ben(event):
    user = UserFactory(first_name="Ben", last_name="Brandt", email="ben@example.org", language="de")
    RegistrationFactory(event=event, user=user)
    return user


def test_request_accept_schedule_publish_and_both_see_the_meeting(
    event, slots, anna, ben, manager, django_capture_on_commit_callbacks
):
    a, b, organiser = client_of(anna), client_of(ben), client_of(manager)
    for client, offer in ((a, "Hydrogen electrolysers"), (b, "Drone inspections")):
        response = client.post("/matchmaking/summit/profile/", {"organisation_name": "Org", "offer": offer})
        assert response.status_code == 302, text(response)
    ben_profile = Profile.objects.get(registration__user=ben)

    # Anna finds Ben by what he offers and asks him for a meeting.
    found = a.get("/matchmaking/summit/participants/?q=drone")
    assert "Ben Brandt" in text(found) and "Anna Albers" not in text(found)
    with django_capture_on_commit_callbacks(execute=True):
        response = a.post(
            f"/matchmaking/summit/participants/{ben_profile.pk}/", {"interest": "must", "message": "Port drones?"}
        )
    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    assert (request.status, request.weight, request.message) == ("pending", 3.0, "Port drones?")
    assert mail.outbox[-1].to == ["ben@example.org"]
    assert "Anna Albers möchte Sie" in mail.outbox[-1].subject  # Ben reads German

    # Ben accepts; the organisers schedule the meeting.
    assert "Port drones?" in text(b.get(f"/matchmaking/summit/requests/{request.pk}/accept/"))
    with django_capture_on_commit_callbacks(execute=True):
        assert b.post(f"/matchmaking/summit/requests/{request.pk}/accept/", {}).status_code == 302
    assert mail.outbox[-1].to == ["anna@example.org"] and "accepted" in mail.outbox[-1].subject
    assert "Your meetings appear here once the organisers publish" in text(a.get("/matchmaking/summit/agenda/"))

    with django_capture_on_commit_callbacks(execute=True):
        assert organiser.post("/matchmaking/summit/manage/schedule/run/").status_code == 302
    run = ScheduleRun.objects.get()
    assert run.status == "done", run.error
    assert (run.meetings, run.score, run.bound, run.gap) == (1, 3.0, 3.0, 0.0)
    grid = text(organiser.get("/matchmaking/summit/manage/schedule/"))
    assert "Anna Albers &amp; Ben Brandt" in grid and "draft" in grid

    with django_capture_on_commit_callbacks(execute=True):
        organiser.post("/matchmaking/summit/manage/schedule/publish/", {"state": "preliminary"})
    meeting = Meeting.objects.get()
    assert meeting.published and meeting.locked
    assert {m.to[0] for m in mail.outbox[-2:]} == {"anna@example.org", "ben@example.org"}

    for client, partner in ((a, "Ben Brandt"), (b, "Anna Albers")):
        agenda = text(client.get("/matchmaking/summit/agenda/"))
        assert partner in agenda and ("Table 1" in agenda or "Tisch 1" in agenda)
        assert "Port drones?" in agenda
    ics = a.get("/matchmaking/summit/agenda.ics").content.decode()
    assert "Meeting: Ben Brandt (Org)" in ics and "UID:b2b-meeting-" in ics


def test_run_status_polls_until_done_then_asks_htmx_to_reload(event, slots, manager, person):
    run = ScheduleRun.objects.create(event=event, time_limit=5, status="running", progress=0.42, message="search")
    client = client_of(manager)
    url = f"/matchmaking/summit/manage/schedule/runs/{run.pk}/?polling=1"
    running = client.get(url, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in text(running) and 'value="42"' in text(running)
    assert "HX-Refresh" not in running
    run.status = "done"
    run.save()
    done = client.get(url, HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true" and "every 1s" not in text(done)


def test_progress_is_written_at_most_once_a_second(event):
    run = ScheduleRun.objects.create(event=event, time_limit=5, status="running")
    write = scheduling._ProgressWriter(run.pk)
    write(0.3, "bound")
    write(0.6, "search")  # within the same second: skipped
    run.refresh_from_db()
    assert (run.progress, run.message) == (0.3, "bound")
    write.last -= scheduling.PROGRESS_INTERVAL
    write(0.6, "search")
    run.refresh_from_db()
    assert (run.progress, run.message) == (0.6, "search")


def test_a_second_run_waits_for_the_first_unless_it_stopped_reporting(event, slots, person, manager):
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from crosscluster.b2b import services_schedule

    a, b = person("Anna"), person("Ben")
    MeetingRequest.objects.create(event=event, sender=a, recipient=b, status="accepted")
    first = ScheduleRun.objects.create(event=event, time_limit=5, status="running")
    with pytest.raises(ValidationError, match="already under way"):
        services_schedule.start_run(event, acting_user=manager)
    ScheduleRun.objects.filter(pk=first.pk).update(updated=timezone.now() - timedelta(minutes=10))
    second = services_schedule.start_run(event, acting_user=manager)
    first.refresh_from_db()
    assert first.status == "failed" and "stopped reporting" in first.error
    assert second.status == "queued"


def test_leaving_or_cancelling_the_registration_ends_requests_and_meetings(
    event, slots, person, django_capture_on_commit_callbacks
):
    from crosscluster.b2b import services
    from crosscluster.events import registrations

    a, b, c = person("Anna"), person("Ben"), person("Cara")
    agreed = MeetingRequest.objects.create(event=event, sender=a, recipient=b, status="accepted")
    Meeting.objects.create(request=agreed, event=event, slot=slots[0], table="T1", published=True)
    waiting = MeetingRequest.objects.create(event=event, sender=c, recipient=a)
    with django_capture_on_commit_callbacks(execute=True):
        services.leave_matchmaking(event, acting_user=a.registration.user)
    assert set(MeetingRequest.objects.values_list("status", flat=True)) == {"cancelled"}
    assert not Meeting.objects.exists()
    assert {m.to[0] for m in mail.outbox} == {"ben@example.org", "cara@example.org"}
    assert not Profile.objects.active().filter(pk=a.pk).exists()

    other = MeetingRequest.objects.create(event=event, sender=b, recipient=c, status="accepted")
    Meeting.objects.create(request=other, event=event, slot=slots[1], table="T1")
    registrations.cancel_registration(c.registration, acting_user=c.registration.user)
    other.refresh_from_db()
    assert other.status == "cancelled" and not Meeting.objects.exists()
    assert waiting.pk


def test_statistics_page_shows_published_and_held_meetings(event, slots, person, manager):
    from django.utils import timezone

    from crosscluster.events import stats

    a, b, c = person("Anna"), person("Ben"), person("Cara")
    for sender, recipient, slot, published in ((a, b, slots[0], True), (a, c, slots[1], True), (b, c, slots[2], False)):
        request = MeetingRequest.objects.create(event=event, sender=sender, recipient=recipient, status="accepted")
        Meeting.objects.create(request=request, event=event, slot=slot, table="T1", published=published)
    for profile in (a, b):
        profile.registration.checked_in_at = timezone.now()
        profile.registration.save()
    metrics = {m.key: m for m in stats.event_statistics(event).metrics}
    assert metrics["meetings_scheduled"].value == 2 and metrics["meetings_scheduled"].recorded
    assert metrics["meetings_held"].value == 1  # Anna and Ben both came; Cara did not
    page = text(client_of(manager).get("/events/summit/statistics/"))
    assert "One-to-one meetings held (both participants checked in)" in page

    Matchmaking.objects.filter(event=event).update(enabled=False)
    metrics = {m.key: m for m in stats.event_statistics(type(event).objects.get(pk=event.pk)).metrics}
    assert not metrics["meetings_held"].recorded


def test_meeting_figures_cost_one_query_per_statistics_page(event, django_assert_num_queries):
    from crosscluster.b2b.stats import meeting_figures, meetings_held, published_meetings

    with django_assert_num_queries(1):
        published_meetings(event), meetings_held(event)
    assert meeting_figures(event) == {"published": 0, "held": 0}


def test_optimiser_instance_follows_profiles_types_and_requests(event, slots, person):
    from crosscluster.b2b.models import ParticipationType

    remote = ParticipationType.objects.create(event=event, name_en="Remote", virtual=True, max_meetings=2)
    a = person("Anna", max_meetings=3)
    b = person("Ben", own_table=True, booth="B12")
    c = person("Cara", participation_type=remote)
    a.unavailable.set(slots[:2])
    Matchmaking.objects.filter(event=event).update(max_meetings=5)
    MeetingRequest.objects.create(event=event, sender=a, recipient=b, status="accepted", interest="must")
    MeetingRequest.objects.create(event=event, sender=b, recipient=c, status="pending")
    data = scheduling.snapshot(event).data
    people = {p["id"]: p for p in data["participants"]}
    assert people[a.key]["available"] == [s.key for s in slots[2:]] and people[a.key]["max_meetings"] == 3
    assert people[b.key]["own_table"] is True and people[b.key]["max_meetings"] == 5
    assert people[c.key]["own_table"] is True and people[c.key]["max_meetings"] == 2  # remote: a video room
    assert data["requests"] == [{"id": data["requests"][0]["id"], "a": a.key, "b": b.key, "weight": 3.0}]
    assert [s["tables"] for s in data["slots"]] == [2, 2, 2, 2]
    matchmaking.load_instance(data)  # a valid instance of the spec


def test_participants_filter_by_type_topic_organisation_and_words(event, person, cluster):
    from crosscluster.b2b.models import ParticipationType
    from tests.factories import TopicFactory

    buyer = ParticipationType.objects.create(event=event, name_en="Buyer")
    parent = TopicFactory(slug="hydrogen", name="Wasserstoff")
    child = TopicFactory(slug="electrolysis", name="Elektrolyse", parent=parent)
    me = person("Me")
    anna = person("Anna", organisation_name="Alster Labs", participation_type=buyer, seek="Drone pilots")
    anna.topics.add(child)
    person("Ben", organisation_name="Brandt Bau", offer="Cranes")
    client = client_of(me.registration.user)

    def names(query):
        page = text(client.get("/matchmaking/summit/participants/" + query))
        return sorted(n for n in ("Anna Example", "Ben Example", "Me Example") if n in page.split("results")[-1])

    assert names("") == ["Anna Example", "Ben Example"]  # not oneself
    assert names(f"?type={buyer.pk}") == ["Anna Example"]
    assert names("?topic=hydrogen") == ["Anna Example"]  # with the topics below it
    assert names("?organisation=brandt") == ["Ben Example"]
    assert names("?q=drone+pilots") == ["Anna Example"]
    assert names("?q=cranes&type=" + str(buyer.pk)) == []


def test_profile_form_is_prefilled_from_the_directory(event, representative, organisation):
    from tests.factories import TopicFactory

    organisation.topics.add(TopicFactory(name="Drohnen"))
    RegistrationFactory(event=event, user=representative)
    page = text(client_of(representative).get("/matchmaking/summit/profile/"))
    assert 'value="Elbe Drohnen GmbH"' in page
    assert re.search(r'<input type="checkbox" name="topics" value="\d+" id="topic-\d+" checked>', page)
    client_of(representative).post("/matchmaking/summit/profile/", {"organisation_name": "Elbe Drohnen GmbH"})
    assert Profile.objects.get(registration__user=representative).organisation == organisation
