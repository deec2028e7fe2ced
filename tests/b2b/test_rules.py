"""The optimiser's rules hold whoever places a meeting: participants picking their slot, organisers moving meetings
by hand, rescheduling around published meetings, and the caps of participation types and profiles."""

import random

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from crosscluster import matchmaking
from crosscluster.b2b import scheduling, services, services_schedule
from crosscluster.b2b.models import Matchmaking, Meeting, MeetingRequest, ParticipationType, ScheduleRun

pytestmark = pytest.mark.django_db


def valid(event):
    """The event's schedule as the optimiser's checker sees it: no violation of any rule."""
    snap = scheduling.snapshot(event)
    return matchmaking.check(snap.instance(), snap.solution())


def user_of(profile):
    return profile.registration.user


def schedule(event, manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services_schedule.start_run(event, acting_user=manager)
    run = ScheduleRun.objects.filter(event=event).latest("created")
    assert run.status == "done", run.error
    return run


# --- participants pick their slot ---------------------------------------------------------------------------------


@pytest.fixture
def self_service(event):
    Matchmaking.objects.filter(event=event).update(mode=Matchmaking.Mode.PARTICIPANTS)
    event.matchmaking.refresh_from_db()
    return event


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_participant_picked_slots_never_break_a_rule(self_service, slots, person, seed):
    """Random participants (booths, blocked slots, caps) accept random requests, each picking any offered slot;
    the schedule stays valid, and a slot that was not offered is refused."""
    rng = random.Random(seed)
    capped = ParticipationType.objects.create(event=self_service, name_en="Capped", max_meetings=2)
    people = [
        person(
            f"P{i}",
            own_table=i % 5 == 0,
            participation_type=capped if i % 4 == 1 else None,
            max_meetings=3 if i % 3 == 0 else None,
        )
        for i in range(9)
    ]
    for p in people:
        p.unavailable.set(rng.sample(slots, rng.randint(0, 2)))
    refused = 0
    for _ in range(25):
        a, b = rng.sample(people, 2)
        try:
            request = services.send_request(self_service, acting_user=user_of(a), recipient=b)
        except ValidationError:
            continue  # already a request between them
        snap = scheduling.snapshot(self_service, extra_request=request)
        offered = scheduling.free_cells(snap, request)
        not_offered = [s for s in slots if s.key not in offered]
        if not_offered:
            with pytest.raises(ValidationError) as error:
                services.accept_request(request, acting_user=user_of(b), slot=rng.choice(not_offered))
            assert "cannot take place in this slot" in str(error.value)
            refused += 1
        pick = next((s for s in slots if s.key in offered), None) if rng.random() < 0.5 else None
        if offered and pick is None:
            pick = next(s for s in rng.sample(slots, len(slots)) if s.key in offered)
        services.accept_request(request, acting_user=user_of(b), slot=pick)
        assert valid(self_service) == []
    assert Meeting.objects.filter(event=self_service).count() >= 5
    assert refused >= 3
    assert Meeting.objects.filter(published=True, locked=True).count() == Meeting.objects.count()


def test_accept_page_offers_only_slots_where_both_are_free(self_service, slots, person):
    a, b, c = person("Anna"), person("Ben"), person("Cara")
    a.unavailable.set([slots[0]])
    busy = MeetingRequest.objects.create(event=self_service, sender=b, recipient=c, status="accepted")
    Meeting.objects.create(request=busy, event=self_service, slot=slots[1], table="T1")
    request = MeetingRequest.objects.create(event=self_service, sender=a, recipient=b)
    client = Client()
    client.force_login(user_of(b))
    page = client.get(f"/matchmaking/summit/requests/{request.pk}/accept/").content.decode()
    offered = {int(v) for v in __import__("re").findall(r'name="slot" value="(\d+)"', page)}
    assert offered == {slots[2].pk, slots[3].pk}

    response = client.post(f"/matchmaking/summit/requests/{request.pk}/accept/", {"slot": slots[1].pk})
    assert response.status_code == 200
    assert "Ben Example already has a meeting in this slot." in response.content.decode()
    request.refresh_from_db()
    assert request.status == "pending"

    response = client.post(f"/matchmaking/summit/requests/{request.pk}/accept/", {"slot": slots[3].pk})
    assert response.status_code == 302
    meeting = Meeting.objects.get(request=request)
    assert (meeting.slot, meeting.table, meeting.published) == (slots[3], "T1", True)


def test_full_tables_leave_a_request_accepted_for_the_organisers(self_service, slots, person):
    anna, ben = person("Anna"), person("Ben")
    for n, slot in enumerate(slots):  # others take both shared tables of every slot
        for k in (1, 2):
            a, b = person(f"X{n}{k}a"), person(f"X{n}{k}b")
            request = MeetingRequest.objects.create(event=self_service, sender=a, recipient=b, status="accepted")
            Meeting.objects.create(request=request, event=self_service, slot=slot, table=f"T{k}")
    request = services.send_request(self_service, acting_user=user_of(anna), recipient=ben)
    with pytest.raises(ValidationError, match="No table is free in this slot"):
        services.accept_request(request, acting_user=user_of(ben), slot=slots[0])
    services.accept_request(request, acting_user=user_of(ben), slot=None)
    request.refresh_from_db()
    assert request.status == "accepted" and not Meeting.objects.filter(request=request).exists()


# --- organisers move meetings by hand -----------------------------------------------------------------------------


@pytest.fixture
def scheduled(event, slots, person):
    """Anna–Ben in slot 0 at T1, Cara–Dan in slot 1 at T1; Anna cannot make slot 3; Eva has a booth."""
    a, b, c, d = person("Anna"), person("Ben"), person("Cara"), person("Dan")
    eva = person("Eva", own_table=True, booth="Stand 7")
    a.unavailable.set([slots[3]])
    ab = MeetingRequest.objects.create(event=event, sender=a, recipient=b, status="accepted")
    cd = MeetingRequest.objects.create(event=event, sender=c, recipient=d, status="accepted")
    ae = MeetingRequest.objects.create(event=event, sender=a, recipient=eva, status="accepted")
    Meeting.objects.create(request=ab, event=event, slot=slots[0], table="T1")
    Meeting.objects.create(request=cd, event=event, slot=slots[1], table="T1", published=True)
    return {"ab": ab, "cd": cd, "ae": ae, "slots": slots}


@pytest.fixture
def organiser(manager):
    client = Client()
    client.force_login(manager)
    return client


def move(client, request, slot, table):
    response = client.post(
        "/matchmaking/summit/manage/schedule/move/", {"request": request.pk, "cell": f"{slot.pk}|{table}"}, follow=True
    )
    return response.content.decode()


def test_cells_endpoint_offers_exactly_the_optimisers_feasible_cells(event, scheduled, organiser):
    slots = scheduled["slots"]
    got = organiser.get(f"/matchmaking/summit/manage/schedule/cells/{scheduled['ab'].pk}/").json()["cells"]
    snap = scheduling.snapshot(event)
    expected = matchmaking.feasible_cells(snap.instance(), snap.solution(), scheduled["ab"].key)
    assert got == [f"{s[1:]}|{t}" for s, t in expected]
    assert f"{slots[1].pk}|T2" in got and f"{slots[1].pk}|T1" not in got  # T1 is Cara and Dan's
    assert not any(cell.startswith(f"{slots[3].pk}|") for cell in got)  # Anna is away
    booth = organiser.get(f"/matchmaking/summit/manage/schedule/cells/{scheduled['ae'].pk}/").json()["cells"]
    assert booth == [f"{s.pk}|booth:p{scheduled['ae'].recipient_id}" for s in slots[1:3]]


def test_manual_move_to_a_free_cell_moves_the_meeting(event, scheduled, organiser):
    slots = scheduled["slots"]
    page = move(organiser, scheduled["ab"], slots[2], "T2")
    meeting = Meeting.objects.get(request=scheduled["ab"])
    assert (meeting.slot, meeting.table) == (slots[2], "T2")
    assert "is now at" in page and valid(event) == []


@pytest.mark.parametrize(
    ("which", "where", "reason"),
    [
        ("ab", (1, "T1"), "This table is already taken in this slot."),
        ("ab", (3, "T2"), "Anna Example is not available in this slot."),
        ("ab", (1, "T3"), "“T3” is not a table of this slot."),
        ("ab", (2, "booth:p999"), "“booth:p999” is not a table of this slot."),
        ("ae", (2, "T2"), "takes place at a booth or video room of its participants"),
    ],
)
def test_manual_move_to_another_cell_is_refused_with_the_reason(event, scheduled, organiser, which, where, reason):
    slots = scheduled["slots"]
    before = set(Meeting.objects.values_list("request_id", "slot_id", "table"))
    page = move(organiser, scheduled[which], slots[where[0]], where[1])
    assert "The meeting cannot be moved there:" in page and reason in page
    assert set(Meeting.objects.values_list("request_id", "slot_id", "table")) == before


def test_manual_move_refuses_a_participant_busy_in_that_slot(event, scheduled, organiser, person):
    slots = scheduled["slots"]
    page = move(organiser, scheduled["ae"], slots[0], f"booth:p{scheduled['ae'].recipient_id}")
    assert "Anna Example already has a meeting in this slot." in page
    assert not Meeting.objects.filter(request=scheduled["ae"]).exists()


def test_moving_a_published_meeting_tells_both_participants(
    event, scheduled, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        move(organiser, scheduled["cd"], scheduled["slots"][2], "T1")
    assert sorted(m.to[0] for m in mailoutbox) == ["cara@example.org", "dan@example.org"]
    assert "new time or place" in mailoutbox[0].subject


def test_manual_move_garbage_is_refused_with_a_message(event, scheduled, organiser):
    for cell in ("nonsense", "1|T0", f"{scheduled['slots'][0].pk}|X1", "999999|T1"):
        response = organiser.post(
            "/matchmaking/summit/manage/schedule/move/", {"request": scheduled["ab"].pk, "cell": cell}, follow=True
        )
        assert response.status_code == 200
        assert "Choose a cell of the schedule." in response.content.decode(), cell
    assert organiser.get("/matchmaking/summit/manage/schedule/move/?request=abc").status_code == 404
    pending = MeetingRequest.objects.create(
        event=event, sender=scheduled["ab"].recipient, recipient=scheduled["cd"].sender
    )
    page = move(organiser, pending, scheduled["slots"][2], "T2")
    assert "Only accepted requests between active participants can be scheduled." in page


# --- rescheduling keeps what is published -------------------------------------------------------------------------


def test_published_meetings_stay_fixed_when_rescheduling_after_late_changes(
    event, slots, person, manager, django_capture_on_commit_callbacks
):
    people = [person(f"P{i}") for i in range(8)]
    rng = random.Random(7)
    pairs = {tuple(rng.sample(range(8), 2)) for _ in range(14)}
    for i, j in pairs:
        if not MeetingRequest.objects.filter(pair=MeetingRequest.pair_of(people[i], people[j])).exists():
            MeetingRequest.objects.create(event=event, sender=people[i], recipient=people[j], status="accepted")
    schedule(event, manager, django_capture_on_commit_callbacks)
    services_schedule.publish_agendas(event, acting_user=manager, state="preliminary")
    published = set(Meeting.objects.values_list("request_id", "slot_id", "table"))
    assert published

    # Late changes: new participants and requests, one more table everywhere.
    late = [person(f"L{i}") for i in range(3)]
    for newcomer in late:
        for other in people[:3]:
            MeetingRequest.objects.create(
                event=event, sender=newcomer, recipient=other, status="accepted", interest="must"
            )
    for slot in slots:
        slot.tables = 3
        slot.save()
    run = schedule(event, manager, django_capture_on_commit_callbacks)
    assert run.fixed == len(published)
    assert published <= set(Meeting.objects.values_list("request_id", "slot_id", "table"))
    assert Meeting.objects.filter(published=False).exists()  # the new ones wait for publishing
    assert valid(event) == []

    # Freed by the organiser, a published meeting is no longer held in place.
    freed = Meeting.objects.filter(published=True).first()
    services_schedule.set_locked(freed, acting_user=manager, locked=False)
    run = schedule(event, manager, django_capture_on_commit_callbacks)
    assert run.fixed == len(published) - 1


def test_published_meeting_that_no_longer_fits_is_scheduled_again(
    event, slots, person, manager, django_capture_on_commit_callbacks
):
    a, b = person("Anna"), person("Ben")
    request = MeetingRequest.objects.create(event=event, sender=a, recipient=b, status="accepted")
    Meeting.objects.create(request=request, event=event, slot=slots[0], table="T1", published=True, locked=True)
    Meeting.objects.filter(request=request).update(table="T2")
    slots[0].tables = 1  # the table went away (written directly: the service would refuse)
    slots[0].save()
    run = schedule(event, manager, django_capture_on_commit_callbacks)
    assert "no longer kept every rule" in run.notes
    assert valid(event) == [] and Meeting.objects.filter(request=request).exists()


# --- caps -----------------------------------------------------------------------------------------------------------


def test_type_caps_limit_requests_and_scheduled_meetings(
    event, slots, person, manager, django_capture_on_commit_callbacks
):
    buyer = ParticipationType.objects.create(event=event, name_en="Buyer", max_meetings=1, max_requests=2)
    anna = person("Anna", participation_type=buyer)
    others = [person(f"O{i}", max_meetings=2 if i == 0 else None) for i in range(4)]
    services.send_request(event, acting_user=user_of(anna), recipient=others[0])
    services.send_request(event, acting_user=user_of(anna), recipient=others[1])
    with pytest.raises(ValidationError, match="you may send at most 2 requests"):
        services.send_request(event, acting_user=user_of(anna), recipient=others[2])
    for request in MeetingRequest.objects.filter(sender=anna):
        services.accept_request(request, acting_user=user_of(request.recipient))
    for other in others[1:]:  # the first of the others may have at most two meetings
        MeetingRequest.objects.create(event=event, sender=other, recipient=others[0], status="accepted")
    Matchmaking.objects.filter(event=event).update(max_meetings=3)
    schedule(event, manager, django_capture_on_commit_callbacks)

    def count(profile):
        return scheduling.meetings_involving(profile).count()

    assert count(anna) == 1  # two accepted, the buyer type allows one
    assert count(others[0]) == 2  # four accepted, own cap two
    assert max(count(p) for p in others[1:]) <= 3  # the event's cap
    assert valid(event) == []


def test_lower_cap_than_meetings_already_scheduled_is_refused(event, slots, person, manager):
    a, b, c = person("Anna"), person("Ben"), person("Cara")
    for other, slot in ((b, slots[0]), (c, slots[1])):
        request = MeetingRequest.objects.create(event=event, sender=a, recipient=other, status="accepted")
        Meeting.objects.create(request=request, event=event, slot=slot, table="T1")
    with pytest.raises(ValidationError, match="already has 2 meetings"):
        services.update_profile_as_organiser(a, acting_user=manager, data={"max_meetings": 1})
    with pytest.raises(ValidationError, match="You have a meeting in the slot"):
        services.save_profile(event, acting_user=user_of(a), data={"organisation_name": "X"}, unavailable=[slots[0]])
    with pytest.raises(ValidationError, match="would have to change place"):
        services.update_profile_as_organiser(a, acting_user=manager, data={"own_table": True})


def test_organisers_give_a_virtual_meeting_its_own_video_link(event, slots, person, organiser):
    remote = ParticipationType.objects.create(event=event, name_en="Remote", virtual=True)
    anna, ben = person("Anna"), person("Ben", participation_type=remote)
    request = MeetingRequest.objects.create(event=event, sender=anna, recipient=ben, status="accepted")
    meeting = Meeting.objects.create(request=request, event=event, slot=slots[0], table=f"booth:p{ben.pk}")
    grid = organiser.get("/matchmaking/summit/manage/schedule/").content.decode()
    assert "Own video link for the meeting of Anna Example and Ben Example" in grid
    url = f"/matchmaking/summit/manage/meetings/{meeting.pk}/"
    page = organiser.post(url, {"action": "video", "video_link": "not a link"}, follow=True).content.decode()
    assert "Enter a valid URL." in page
    organiser.post(url, {"action": "video", "video_link": "meet.example.org/anna-ben"})
    meeting.refresh_from_db()
    assert meeting.video_link == "https://meet.example.org/anna-ben"
    assert organiser.post(url, {"action": "explode"}).status_code == 400
