"""Creating and changing events and their programme: who may, and which input is refused with what message."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from crosscluster.accounts.models import AuditLogEntry
from crosscluster.events import registrations, services
from crosscluster.events.models import Event, Room, Track
from tests.factories import EventFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def event_data(**overrides):
    start = EventFactory.build().start
    data = {
        "title_de": "Wasserstoff-Werkstatt",
        "title_en": "Hydrogen workshop",
        "start": start,
        "end": start + timedelta(hours=4),
        "format": "hybrid",
        "visibility": "public",
        "status": "published",
    }
    return {**data, **overrides}


def errors(call):
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


def test_manager_creates_an_event_of_their_cluster(manager, cluster):
    event = services.create_event(acting_user=manager, data=event_data(), clusters=[cluster])
    assert event.slug == "wasserstoff-werkstatt"
    assert list(event.clusters.all()) == [cluster]
    assert event.created_by == manager
    assert AuditLogEntry.objects.filter(action="event.created", object_id=str(event.pk)).exists()


def test_manager_may_invite_other_clusters_as_co_organisers(manager, cluster, other_cluster):
    event = services.create_event(acting_user=manager, data=event_data(), clusters=[cluster, other_cluster])
    assert set(event.clusters.all()) == {cluster, other_cluster}


@pytest.mark.parametrize("organisers", [[], ["other_cluster"]])
def test_manager_must_organise_with_a_cluster_they_manage(request, manager, organisers):
    clusters = [request.getfixturevalue(name) for name in organisers]
    assert "clusters" in errors(
        lambda: services.create_event(acting_user=manager, data=event_data(), clusters=clusters)
    )
    assert not Event.objects.exists()


def test_coordinator_creates_a_platform_event(coordinator):
    event = services.create_event(acting_user=coordinator, data=event_data())
    assert not event.clusters.exists()


@pytest.mark.parametrize("role", ["individual", "representative"])
def test_others_may_not_create_events(users, cluster, role):
    with pytest.raises(PermissionDenied):
        services.create_event(acting_user=users[role], data=event_data(), clusters=[cluster])


def test_event_must_end_after_it_begins(manager, cluster):
    data = event_data()
    data["end"] = data["start"] - timedelta(minutes=1)
    assert errors(lambda: services.create_event(acting_user=manager, data=data, clusters=[cluster]))["end"] == [
        "The event must end after it begins."
    ]


def test_registration_window_must_lie_before_the_end(manager, cluster):
    data = event_data()
    data["registration_closes"] = data["end"] + timedelta(hours=1)
    assert "registration_closes" in errors(
        lambda: services.create_event(acting_user=manager, data=data, clusters=[cluster])
    )
    data = event_data()
    data["registration_opens"] = data["start"]
    data["registration_closes"] = data["start"] - timedelta(days=1)
    assert "registration_closes" in errors(
        lambda: services.create_event(acting_user=manager, data=data, clusters=[cluster])
    )


def test_cluster_visibility_needs_an_organising_cluster(manager, cluster, other_cluster):
    data = event_data(visibility="cluster")
    assert "visible_cluster" in errors(
        lambda: services.create_event(acting_user=manager, data=data, clusters=[cluster])
    )
    data = event_data(visibility="cluster", visible_cluster=other_cluster)
    assert errors(lambda: services.create_event(acting_user=manager, data=data, clusters=[cluster]))[
        "visible_cluster"
    ] == ["The cluster must be one of the organising clusters."]
    event = services.create_event(
        acting_user=manager, data=event_data(visibility="cluster", visible_cluster=cluster), clusters=[cluster]
    )
    assert event.visible_cluster == cluster


def test_visible_cluster_is_dropped_for_wider_visibility(manager, cluster):
    event = services.create_event(
        acting_user=manager, data=event_data(visibility="members", visible_cluster=cluster), clusters=[cluster]
    )
    assert event.visible_cluster is None


def test_slug_avoids_words_used_in_urls(coordinator):
    first = services.create_event(acting_user=coordinator, data=event_data(title_de="New"))
    second = services.create_event(acting_user=coordinator, data=event_data(title_de="New"))
    assert (first.slug, second.slug) == ("new-2", "new-3")


def test_manager_may_not_change_another_clusters_event(manager, other_event):
    with pytest.raises(PermissionDenied):
        services.update_event(other_event, acting_user=manager, data={"capacity": 5})


def test_manager_may_not_leave_only_foreign_organisers(manager, event, other_cluster):
    assert "clusters" in errors(
        lambda: services.update_event(event, acting_user=manager, data={}, clusters=[other_cluster])
    )


def test_calendar_sequence_follows_changes_that_calendars_show(manager, event):
    services.update_event(event, acting_user=manager, data={"capacity": 50})
    event.refresh_from_db()
    assert event.sequence == 0
    services.update_event(event, acting_user=manager, data={"venue": "Kampnagel"})
    event.refresh_from_db()
    assert event.sequence == 1


def session_data(event, **overrides):
    return {
        "title_de": "Werkstatt",
        "title_en": "Workshop",
        "kind": "breakout",
        "start": event.start + timedelta(hours=2),
        "end": event.start + timedelta(hours=3),
        "capacity": None,
        **overrides,
    }


def test_session_tracks_and_rooms_are_created_by_name_and_reused(manager, event):
    first = services.create_session(
        acting_user=manager, event=event, data=session_data(event), track="Aviation", room="Saal 1"
    )
    second = services.create_session(
        acting_user=manager, event=event, data=session_data(event), track=" aviation ", room="SAAL 1"
    )
    assert first.track == second.track and first.room == second.room
    assert Track.objects.filter(event=event).count() == 1


def test_unused_tracks_and_rooms_disappear(manager, event):
    session = services.create_session(
        acting_user=manager, event=event, data=session_data(event), track="Aviation", room="Saal 1"
    )
    services.update_session(session, acting_user=manager, data={}, track="Energy", room="")
    assert list(Track.objects.filter(event=event).values_list("name", flat=True)) == ["Energy"]
    assert not Room.objects.filter(event=event).exists()
    services.delete_session(session, acting_user=manager)
    assert not Track.objects.filter(event=event).exists()


def test_session_must_lie_within_the_event(manager, event):
    data = session_data(event, end=event.end + timedelta(hours=1))
    assert "start" in errors(lambda: services.create_session(acting_user=manager, event=event, data=data))
    data = session_data(event, end=event.start + timedelta(hours=1))  # ends before it starts
    assert errors(lambda: services.create_session(acting_user=manager, event=event, data=data))["end"] == [
        "The session must end after it begins."
    ]


def test_session_speakers_must_belong_to_the_event(manager, event, other_event):
    stranger = SpeakerFactory(event=other_event)
    assert "speakers" in errors(
        lambda: services.create_session(acting_user=manager, event=event, data=session_data(event), speakers=[stranger])
    )


def test_session_capacity_cannot_drop_below_chosen_seats(manager, event, make_users, session_named):
    drones = session_named("Drones")
    for user in make_users(2):
        registrations.register(acting_user=user, event=event)
        registrations.add_to_agenda(acting_user=user, session=drones)
    assert "capacity" in errors(lambda: services.update_session(drones, acting_user=manager, data={"capacity": 1}))


def test_speakers_of_another_event_cannot_be_changed_through_this_one(manager, event, other_event):
    stranger = SpeakerFactory(event=other_event)
    with pytest.raises(PermissionDenied):
        services.save_speaker(acting_user=manager, event=event, data={"name": "X"}, speaker=stranger)
