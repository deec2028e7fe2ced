"""The demo's matchmaking day: enough participants and requests to try every page, and a valid published schedule."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from crosscluster import matchmaking
from crosscluster.accounts.models import AuditLogEntry
from crosscluster.b2b import demo, scheduling
from crosscluster.b2b.models import Matchmaking, Meeting, MeetingRequest, Profile
from crosscluster.directory.demo import loader
from crosscluster.events.demo import DEMO_INDIVIDUAL, DEMO_REPRESENTATIVE

MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=MD5):
        last = AuditLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        call_command("load_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        loader.remove()
        AuditLogEntry.objects.filter(pk__gt=last).delete()  # the demo's entries (also the scheduling run's)


@pytest.fixture
def day(demo_data, db):
    return Matchmaking.objects.select_related("event").get(event__slug=demo.SLUG)


def test_demo_matchmaking_day_has_participants_requests_and_a_preliminary_schedule(day):
    event = day.event
    assert event.is_demo and day.enabled and day.agenda_state == Matchmaking.AgendaState.PRELIMINARY
    assert Profile.objects.active().filter(event=event).count() >= 30
    assert 55 <= MeetingRequest.objects.filter(event=event).count() <= 70
    accepted = MeetingRequest.objects.filter(event=event, status="accepted").count()
    meetings = Meeting.objects.filter(event=event)
    assert meetings.count() >= 0.8 * accepted
    assert not meetings.filter(published=False).exists()
    assert Profile.objects.filter(event=event, own_table=True).count() == 3
    assert Profile.objects.filter(event=event, participation_type__virtual=True).exists()


def test_demo_schedule_keeps_every_rule_of_the_optimiser(day):
    snap = scheduling.snapshot(day.event)
    assert matchmaking.check(snap.instance(), snap.solution()) == []


def test_demo_logins_take_part_with_meetings_and_an_open_request(day):
    for email in (DEMO_INDIVIDUAL, DEMO_REPRESENTATIVE):
        profile = Profile.objects.get(event=day.event, registration__user__email=email)
        assert scheduling.meetings_involving(profile).exists(), email
        assert MeetingRequest.objects.filter(recipient=profile).exists(), email


def test_demo_matchmaking_is_removed_with_the_demo(day):
    users = Profile.objects.filter(event=day.event).values_list("registration__user__email", flat=True)
    invented = [u for u in users if u.startswith("b2b-teilnehmer-")]
    assert len(invented) == 30
    demo.remove()
    assert not Matchmaking.objects.filter(event__slug=demo.SLUG).exists()
    assert not Profile.objects.filter(registration__user__email__in=invented).exists()
