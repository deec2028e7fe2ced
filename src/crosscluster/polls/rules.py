"""Who may do what with polls. Views, the API and the services all ask these.

- whoever may manage the event (coordinators, managers of an organising cluster) creates, opens, closes,
  presents and exports its polls and always sees the results;
- participants with a confirmed registration vote, and see the results when the organiser shows them
  (``Poll.results_visibility``); drafts are the organisers' own.
"""

import rules

from crosscluster.events.rules import can_manage_event, is_confirmed_participant


@rules.predicate
def manages_poll_event(user, poll):
    return poll is not None and can_manage_event(user, poll.event)


@rules.predicate
def takes_part_in_poll_event(user, poll):
    return poll is not None and not poll.is_draft and is_confirmed_participant(user, poll.event)


@rules.predicate
def results_shown_to_participants(user, poll):
    return poll is not None and poll.results_public


# Object: the event.
rules.add_perm("polls.manage_polls", can_manage_event)
rules.add_perm("polls.take_part", is_confirmed_participant)
# Object: the poll.
rules.add_perm("polls.view_poll", manages_poll_event | takes_part_in_poll_event)
rules.add_perm("polls.view_results", manages_poll_event | (takes_part_in_poll_event & results_shown_to_participants))
