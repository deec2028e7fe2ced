"""Who sees which event: public, members (of any cluster), one cluster, drafts for organisers only.

"Members" are users who represent an organisation with an active membership in a cluster, or who manage one.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from crosscluster.directory.models import Membership
from crosscluster.events.models import Event
from tests.factories import EventFactory, MembershipFactory, OrganisationFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(cluster, other_cluster):
    return {
        "public": EventFactory(slug="public"),
        "cancelled": EventFactory(slug="cancelled", status="cancelled"),
        "members": EventFactory(slug="members", visibility="members"),
        "own-cluster": EventFactory(slug="own-cluster", visibility="cluster", visible_cluster=cluster),
        "other-cluster": EventFactory(slug="other-cluster", visibility="cluster", visible_cluster=other_cluster),
        "own-draft": EventFactory(slug="own-draft", status="draft", clusters=[cluster]),
        "other-draft": EventFactory(slug="other-draft", status="draft", clusters=[other_cluster]),
    }


def visible(user):
    return set(Event.objects.visible_to(user or AnonymousUser()).values_list("slug", flat=True))


EXPECTED = {
    "anonymous": {"public", "cancelled"},
    "individual": {"public", "cancelled"},
    "representative": {"public", "cancelled", "members", "own-cluster"},
    "manager": {"public", "cancelled", "members", "own-cluster", "own-draft"},
    "coordinator": {"public", "cancelled", "members", "own-cluster", "other-cluster", "own-draft", "other-draft"},
}


@pytest.mark.parametrize("role", EXPECTED)
def test_events_visible_to_role(users, events, role):
    assert visible(users[role]) == EXPECTED[role]


@pytest.mark.parametrize("status", [Membership.Status.REQUESTED, Membership.Status.INVITED, Membership.Status.ENDED])
def test_representative_without_active_membership_is_no_member(events, cluster, status):
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, cluster=cluster, status=status)
    user = UserFactory()
    organisation.representatives.add(user)
    assert visible(user) == {"public", "cancelled"}


def test_participant_keeps_seeing_an_event_they_registered_for(events, individual):
    RegistrationFactory(event=events["other-cluster"], user=individual)
    assert "other-cluster" in visible(individual)


def test_participant_does_not_see_a_draft_they_were_registered_for(events, individual):
    RegistrationFactory(event=events["other-draft"], user=individual)
    assert "other-draft" not in visible(individual)


def test_visibility_query_has_no_duplicates(events, representative, cluster, organisation, other_cluster):
    # Represents an organisation in two clusters and is registered: every path leads to the event once.
    MembershipFactory(organisation=organisation, cluster=other_cluster)
    RegistrationFactory(event=events["members"], user=representative)
    slugs = list(Event.objects.visible_to(representative).values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))


def test_deleting_a_cluster_opens_its_events_to_all_members(cluster, events):
    event = events["own-cluster"]
    cluster.delete()
    event.refresh_from_db()
    assert event.visibility == Event.Visibility.MEMBERS and event.visible_cluster is None
