"""Who may do what with events. Views, the API and the services all ask these, per event.

- coordinators manage every event, including the platform's own (no organising cluster);
- cluster managers create events of their clusters and manage every event one of their clusters organises;
- who sees an event follows ``Event.objects.visible_to`` (public / members / one cluster, drafts for organisers);
- confirmed participants see the video link and keep an agenda.
"""

import rules

from crosscluster.accounts.predicates import is_any_cluster_manager, is_authenticated, is_coordinator

from .models import Event, Registration


@rules.predicate
def organises_event(user, event):
    if event is None or not user.is_authenticated:
        return False
    return event.clusters.filter(managers=user).exists()


@rules.predicate
def can_see_event(user, event):
    if event is None:
        return False
    return Event.objects.visible_to(user).filter(pk=event.pk).exists()


@rules.predicate
def is_confirmed_participant(user, event):
    if event is None or not user.is_authenticated:
        return False
    return Registration.objects.confirmed().filter(event=event, user=user).exists()


can_manage_event = is_coordinator | organises_event

rules.add_perm("events.add_event", is_coordinator | is_any_cluster_manager)
rules.add_perm("events.view_event", can_see_event)
rules.add_perm("events.change_event", can_manage_event)
# The check-in list, statistics, feedback results and the registrations export.
rules.add_perm("events.manage_registrations", can_manage_event)
rules.add_perm("events.register", is_authenticated & can_see_event)
rules.add_perm("events.view_video_link", can_manage_event | is_confirmed_participant)
