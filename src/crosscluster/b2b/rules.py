"""Who may do what in an event's matchmaking. Views, the API and the services all ask these.

- the event's organisers (``events.rules.can_manage_event``) configure matchmaking, see every profile, schedule,
  move meetings, publish agendas and send reminders, also while matchmaking is closed to participants;
- confirmed participants of an event with open matchmaking create a profile (opt in);
- participants with a profile browse the other profiles and send requests;
- the recipient of a request answers it, its sender withdraws it.
Seeing the event at all follows ``Event.objects.visible_to`` (404 otherwise), checked by the views first.
"""

import rules

from crosscluster.accounts.predicates import is_authenticated
from crosscluster.events.rules import can_manage_event, is_confirmed_participant

from .models import Matchmaking, Profile


@rules.predicate
def matchmaking_open(user, event):
    return event is not None and Matchmaking.objects.filter(event=event, enabled=True).exists()


@rules.predicate
def has_profile(user, event):
    if event is None or not user.is_authenticated:
        return False
    return Profile.objects.active().filter(event=event, registration__user=user).exists()


@rules.predicate
def is_recipient(user, request):
    return request is not None and user.is_authenticated and request.recipient.registration.user_id == user.pk


@rules.predicate
def is_sender(user, request):
    return request is not None and user.is_authenticated and request.sender.registration.user_id == user.pk


@rules.predicate
def organises_event_of(user, obj):
    return obj is not None and can_manage_event(user, obj.event)


rules.add_perm("b2b.manage_matchmaking", can_manage_event)
rules.add_perm("b2b.take_part", is_authenticated & is_confirmed_participant & matchmaking_open)
rules.add_perm("b2b.browse_participants", can_manage_event | (matchmaking_open & has_profile))
rules.add_perm("b2b.answer_request", is_recipient)
rules.add_perm("b2b.withdraw_request", is_sender)
rules.add_perm("b2b.view_schedule_run", organises_event_of)
