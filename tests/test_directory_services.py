"""Directory writes: permissions, validation, one audit-log entry each, nothing half-saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from crosscluster.accounts.models import AuditLogEntry
from crosscluster.directory import services, services_people
from crosscluster.directory.models import IndustryCode, Membership, Organisation, Person
from tests.factories import MembershipFactory, TopicFactory

pytestmark = pytest.mark.django_db


def actions():
    return list(AuditLogEntry.objects.order_by("pk").values_list("action", flat=True))


def test_create_organisation_sets_relations_and_representative(individual):
    topic = TopicFactory()
    org = services.create_organisation(
        acting_user=individual,
        data={"name": "Neue Werft GmbH", "employees": 300},
        industries=[IndustryCode.objects.get(code="30.11")],
        topics=[topic],
        represent=True,
    )
    assert org.slug == "neue-werft-gmbh"
    assert org.size_class == Organisation.SizeClass.LARGE
    assert list(org.representatives.all()) == [individual]
    assert list(org.topics.all()) == [topic]
    assert actions() == ["organisation.created"]


def test_create_organisation_never_takes_a_reserved_slug(individual):
    assert services.create_organisation(acting_user=individual, data={"name": "New"}).slug == "new-2"


def test_create_organisation_with_invalid_data_saves_nothing(individual):
    with pytest.raises(ValidationError) as error:
        services.create_organisation(acting_user=individual, data={"name": "X", "website": "no url"})
    assert "website" in error.value.message_dict
    assert not Organisation.objects.filter(name="X").exists()
    assert actions() == []


def test_update_organisation_logs_changed_fields(representative, organisation):
    services.update_organisation(
        organisation, acting_user=representative, data={"description_en": "New text", "district": "Altona"}
    )
    entry = AuditLogEntry.objects.get(action="organisation.updated")
    assert entry.data["changed"] == ["description_en"]  # the district was already Altona


def test_update_organisation_by_outsider_is_refused(individual, organisation):
    with pytest.raises(PermissionDenied):
        services.update_organisation(organisation, acting_user=individual, data={"description_en": "Hacked"})
    organisation.refresh_from_db()
    assert organisation.description_en != "Hacked"


def test_request_membership_twice_is_refused_with_reason(representative, organisation, other_cluster):
    services.request_membership(acting_user=representative, organisation=organisation, cluster=other_cluster)
    with pytest.raises(ValidationError, match="already has a membership in Life Science Nord"):
        services.request_membership(acting_user=representative, organisation=organisation, cluster=other_cluster)
    assert Membership.objects.filter(organisation=organisation, cluster=other_cluster).count() == 1


def test_invitation_needs_the_cluster_manager(manager, individual, other_organisation, cluster, other_cluster):
    with pytest.raises(PermissionDenied):
        services.invite_organisation(acting_user=individual, organisation=other_organisation, cluster=cluster)
    with pytest.raises(PermissionDenied):
        services.invite_organisation(acting_user=manager, organisation=other_organisation, cluster=other_cluster)
    membership = services.invite_organisation(acting_user=manager, organisation=other_organisation, cluster=cluster)
    assert membership.status == Membership.Status.INVITED
    assert actions() == ["membership.invited"]


def test_manager_cannot_accept_an_invitation_on_behalf_of_the_organisation(manager, other_organisation, cluster):
    membership = services.invite_organisation(acting_user=manager, organisation=other_organisation, cluster=cluster)
    with pytest.raises(PermissionDenied):
        services.approve_membership(membership, acting_user=manager)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.INVITED


def test_approved_request_starts_today(manager, cluster):
    membership = MembershipFactory(cluster=cluster, status=Membership.Status.REQUESTED, since=None)
    services.approve_membership(membership, acting_user=manager)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE and membership.since is not None


def test_declining_an_active_membership_is_refused(manager, organisation, cluster):
    membership = Membership.objects.get(organisation=organisation, cluster=cluster)
    with pytest.raises(ValidationError, match="Only requested or invited"):
        services.decline_membership(membership, acting_user=manager)


def test_end_membership_before_it_began_is_refused_with_dates(manager, organisation, cluster):
    membership = Membership.objects.get(organisation=organisation, cluster=cluster)
    with pytest.raises(ValidationError) as error:
        services.end_membership(membership, acting_user=manager, until=datetime.date(2001, 1, 1))
    assert "cannot end (2001-01-01) before it began (2020-" in error.value.message_dict["until"][0]
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_end_membership_records_the_date(manager, organisation, cluster):
    membership = Membership.objects.get(organisation=organisation, cluster=cluster)
    services.end_membership(membership, acting_user=manager, until=datetime.date(2030, 3, 31))
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ENDED and membership.until == datetime.date(2030, 3, 31)
    assert AuditLogEntry.objects.get(action="membership.ended").data == {"until": "2030-03-31"}


def test_person_consent_is_stamped_and_cleared(representative, organisation):
    person = services_people.create_person(
        acting_user=representative,
        data={"first_name": "Anna", "last_name": "Becker", "organisation": organisation, "listing_consent": True},
    )
    assert person.consent_given is not None
    services_people.update_person(person, acting_user=representative, data={"listing_consent": False})
    person.refresh_from_db()
    assert person.consent_given is None and not Person.objects.listed().exists()


def test_person_cannot_be_added_to_a_foreign_organisation(representative, other_organisation):
    with pytest.raises(ValidationError):
        services_people.create_person(
            acting_user=representative,
            data={"first_name": "Anna", "last_name": "Becker", "organisation": other_organisation},
        )
    assert not Person.objects.exists()
