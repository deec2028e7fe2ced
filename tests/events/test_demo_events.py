"""The demo's events: loaded with the directory demo, realistic enough to show every page, and cleaned up."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from crosscluster.accounts.models import AuditLogEntry
from crosscluster.directory.demo import loader
from crosscluster.events import demo, stats
from crosscluster.events.models import Event, Registration

MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=MD5):
        last = AuditLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        call_command("load_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        loader.remove()
        AuditLogEntry.objects.filter(pk__gt=last).delete()  # every entry the demo wrote


@pytest.fixture
def loaded(demo_data, db):
    return None


def test_demo_has_a_summit_with_parallel_tracks_and_every_kind_of_session(loaded):
    summit = Event.objects.get(slug="hamburger-clusterkonferenz")
    assert summit.is_demo and summit.format == "hybrid" and summit.clusters.count() >= 5
    assert summit.tracks.count() == 4
    kinds = set(summit.sessions.values_list("kind", flat=True))
    assert kinds == {"keynote", "panel", "breakout", "speed", "exhibition", "networking", "award"}
    parallel = summit.sessions.filter(kind="breakout").values_list("start", flat=True)
    assert len(parallel) == 8 and len(set(parallel)) == 2
    assert "(Demo-Daten" in summit.description_de and "(Demo data" in summit.description_en


def test_demo_events_show_each_format_and_visibility(loaded):
    events = {e.slug: e for e in Event.objects.filter(is_demo=True)}
    assert {e.format for e in events.values()} == {"in_person", "virtual", "hybrid"}
    assert {e.visibility for e in events.values()} == {"public", "members", "cluster"}
    assert events["hamburg-aviation-mitgliederversammlung"].visible_cluster.slug == "hamburg-aviation"
    assert sum(e.is_past for e in events.values()) == 1


def test_demo_past_event_has_attendance_and_feedback(loaded):
    breakfast = Event.objects.get(slug="fachkraefte-fruehstueck-personalpartnerschaft")
    figures = stats.event_statistics(breakfast)
    assert figures.confirmed == 28 and figures.confirmed <= breakfast.capacity
    assert 0 < figures.no_shows < figures.confirmed
    assert figures.feedback_count >= 5 and 3 <= figures.rating_average <= 5


def test_demo_logins_have_something_to_do(loaded):
    User = get_user_model()
    individual = User.objects.get(email=loader.INDIVIDUAL.email)
    registration = Registration.objects.get(event__slug="hamburger-clusterkonferenz", user=individual)
    assert registration.agenda_items.count() == 3
    manager = User.objects.get(email=loader.MANAGER.email)
    assert {e.slug for e in Event.objects.managed_by(manager)} >= {
        "hamburger-clusterkonferenz",
        "fachkraefte-fruehstueck-personalpartnerschaft",
    }
    representative = User.objects.get(email=loader.REPRESENTATIVE.email)
    assert "hamburg-aviation-mitgliederversammlung" in set(
        Event.objects.visible_to(representative).values_list("slug", flat=True)
    )
    assert "hamburg-aviation-mitgliederversammlung" not in set(
        Event.objects.visible_to(individual).values_list("slug", flat=True)
    )


def test_demo_capacities_hold(loaded):
    for event in Event.objects.filter(is_demo=True, capacity__isnull=False):
        assert event.registrations.confirmed().count() <= event.capacity, event.slug
        for session in event.sessions.filter(capacity__isnull=False):
            assert session.agenda_items.count() <= session.capacity


def test_demo_events_load_again_to_the_same_state(loaded):
    # Only the events demo's own events: other demos (the matchmaking day) build on it and go with its removal.
    slugs = [spec.slug for spec in demo.EVENTS]

    def state():
        return (
            Event.objects.filter(slug__in=slugs).count(),
            Registration.objects.filter(event__slug__in=slugs).count(),
            get_user_model().objects.filter(event_registrations__event__slug__in=slugs).distinct().count(),
        )

    before = state()
    assert demo.load() == 5
    assert state() == before


def test_demo_event_pages_render(loaded, client):
    client.force_login(get_user_model().objects.get(email=loader.MANAGER.email))
    for path in (
        "/events/",
        "/events/hamburger-clusterkonferenz/",
        "/events/hamburger-clusterkonferenz/check-in/",
        "/events/fachkraefte-fruehstueck-personalpartnerschaft/statistics/",
        "/events/fachkraefte-fruehstueck-personalpartnerschaft/feedback/results/",
    ):
        assert client.get(path).status_code == 200, path


def test_removing_the_demo_removes_its_events_and_invented_participants(loaded):
    loader.remove()  # rolled back with this test
    assert not Event.objects.filter(is_demo=True).exists()
    assert not get_user_model().objects.filter(email__endswith=f"@{demo.PARTICIPANT_DOMAIN}").exists()
