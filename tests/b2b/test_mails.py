"""Participants hear about requests, answers and their agenda by e-mail, in their own language."""

import pytest

from crosscluster.b2b import services, services_schedule
from crosscluster.b2b.models import Meeting, MeetingRequest

pytestmark = pytest.mark.django_db


def user_of(profile):
    return profile.registration.user


@pytest.fixture
def german(person):
    profile = person("Greta")
    user = user_of(profile)
    user.language = "de"
    user.save()
    return profile


def test_request_mails_follow_each_recipients_language(
    event, person, german, mailoutbox, django_capture_on_commit_callbacks
):
    anna = person("Anna")
    with django_capture_on_commit_callbacks(execute=True):
        request = services.send_request(
            event, acting_user=user_of(anna), recipient=german, message="Wasserstoff?", interest="must"
        )
    mail = mailoutbox[-1]
    assert mail.to == ["greta@example.org"]
    assert mail.subject == "Anna Example möchte Sie bei Gipfel treffen"
    assert "Interesse: Unbedingt treffen" in mail.body and "Wasserstoff?" in mail.body
    assert "/matchmaking/summit/requests/" in mail.body
    assert "Wasserstoff?" in mail.alternatives[0][0]

    with django_capture_on_commit_callbacks(execute=True):
        services.decline_request(request, acting_user=user_of(german))
    mail = mailoutbox[-1]
    assert mail.to == ["anna@example.org"] and mail.subject == "Greta Example declined your meeting request"
    assert "/matchmaking/summit/participants/" in mail.body


def test_withdrawing_tells_the_recipient(event, person, mailoutbox, django_capture_on_commit_callbacks):
    anna, ben = person("Anna"), person("Ben")
    request = MeetingRequest.objects.create(event=event, sender=anna, recipient=ben)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_request(request, acting_user=user_of(anna))
    assert [m.to for m in mailoutbox] == [["ben@example.org"]]
    assert "withdrew" in mailoutbox[0].subject


def test_published_agenda_mail_lists_each_meeting(
    event, slots, person, german, manager, mailoutbox, django_capture_on_commit_callbacks
):
    anna, ben = person("Anna", organisation_name="Alster Labs"), person("Ben", own_table=True, booth="Stand 9")
    for other, slot, table in ((ben, slots[0], f"booth:p{ben.pk}"), (german, slots[2], "T2")):
        request = MeetingRequest.objects.create(event=event, sender=anna, recipient=other, status="accepted")
        Meeting.objects.create(request=request, event=event, slot=slot, table=table)
    with django_capture_on_commit_callbacks(execute=True):
        assert services_schedule.publish_agendas(event, acting_user=manager, state="final") == 3
    by_user = {m.to[0]: m for m in mailoutbox}
    body = by_user["anna@example.org"].body
    assert "Your meeting agenda is published (Final)" in body
    assert "Booth of Ben Example (Stand 9) · Ben Example" in body and "Table 2 · Greta Example" in body
    assert body.index("Ben Example") < body.index("Greta Example")  # in time order
    german_body = by_user["greta@example.org"].body
    assert "Ihr Terminplan ist veröffentlicht (Endgültig)" in german_body and "Tisch 2" in german_body
    assert "Anna Example (Alster Labs)" in german_body


def test_reminders_go_only_to_participants_without_a_meeting(
    event, person, manager, mailoutbox, django_capture_on_commit_callbacks
):
    anna, ben, cara = person("Anna"), person("Ben"), person("Cara")
    MeetingRequest.objects.create(event=event, sender=anna, recipient=ben, status="accepted")
    MeetingRequest.objects.create(event=event, sender=cara, recipient=anna)  # open: Cara has no meeting yet
    with django_capture_on_commit_callbacks(execute=True):
        assert services_schedule.send_reminders(event, acting_user=manager) == 1
    assert [m.to for m in mailoutbox] == [["cara@example.org"]]
    assert "you have no meetings yet at Summit" in mailoutbox[0].body
