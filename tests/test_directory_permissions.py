"""Who may open and submit which directory page: one table of URL × method × role → status.

Anonymous users are sent to the login page (302) wherever an account is needed; what a role may not see answers
404, what it may only read answers 403; public pages refuse POST with 405. A permitted POST redirects (302).
"""

import pytest
from django.test import Client

from crosscluster.directory.models import Membership
from tests.conftest import ROLES
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory, PersonFactory, TopicFactory

pytestmark = pytest.mark.django_db


def expect(anonymous, individual, representative, manager, coordinator):
    return dict(zip(ROLES, (anonymous, individual, representative, manager, coordinator), strict=True))


ALL_200 = expect(200, 200, 200, 200, 200)
ALL_404 = expect(404, 404, 404, 404, 404)
ALL_405 = expect(405, 405, 405, 405, 405)
LOGIN_404 = expect(302, 404, 404, 404, 404)
LOGIN_405 = expect(302, 405, 405, 405, 405)


@pytest.fixture
def world(users, cluster, other_cluster, organisation, other_organisation):
    topic = TopicFactory(slug="drones")
    outsider = OrganisationFactory(slug="werft-nord", name="Werft Nord AG")
    return {
        "cluster": cluster,
        "other_cluster": other_cluster,
        "organisation": organisation,
        "other_organisation": other_organisation,
        "topic": topic,
        "person": PersonFactory(organisation=organisation, listing_consent=False),
        "other_person": PersonFactory(organisation=other_organisation),
        # Werft Nord asks to join the manager's cluster; Elbe Drohnen is invited to Life Science Nord.
        "request": MembershipFactory(organisation=outsider, cluster=cluster, status=Membership.Status.REQUESTED),
        "invitation": MembershipFactory(
            organisation=organisation, cluster=other_cluster, status=Membership.Status.INVITED
        ),
        "membership": Membership.objects.get(organisation=organisation, cluster=cluster),
        "other_membership": Membership.objects.get(organisation=other_organisation, cluster=other_cluster),
        "outsider": outsider,
        "third_cluster": ClusterFactory(slug="nextmedia", name="nextMedia.Hamburg"),
    }


def organisation_form(name):
    def body(world):
        return {"name": name, "description_en": "Changed by the matrix.", "industry_codes": "30.30"}

    return body


def person_form(world):
    return {"first_name": "Anna", "last_name": "Becker", "listing_consent": "on"}


def url(template):
    return lambda world: template.format(**{k: getattr(v, "pk", v) for k, v in world.items()})


ELBE, ALSTER = "/organisations/elbe-drohnen", "/organisations/alster-biotech"
HA, LSN = "/clusters/hamburg-aviation", "/clusters/life-science-nord"

# (name, method, url, body, expected statuses by role)
MATRIX = [
    ("home", "get", url("/"), None, ALL_200),
    ("home", "post", url("/"), None, ALL_405),
    ("organisation-list", "get", url("/organisations/"), None, ALL_200),
    ("organisation-list", "post", url("/organisations/"), None, ALL_405),
    ("organisation-create", "get", url("/organisations/new/"), None, expect(302, 200, 200, 200, 200)),
    (
        "organisation-create",
        "post",
        url("/organisations/new/"),
        organisation_form("Neu GmbH"),
        expect(302, 302, 302, 302, 302),
    ),
    ("organisation-detail", "get", url(f"{ELBE}/"), None, ALL_200),
    ("organisation-detail", "post", url(f"{ELBE}/"), None, ALL_405),
    ("organisation-detail-unknown", "get", url("/organisations/no-such-org/"), None, ALL_404),
    ("organisation-edit-own", "get", url(f"{ELBE}/edit/"), None, expect(302, 403, 200, 200, 200)),
    (
        "organisation-edit-own",
        "post",
        url(f"{ELBE}/edit/"),
        organisation_form("Elbe Drohnen GmbH"),
        expect(302, 403, 302, 302, 302),
    ),
    ("organisation-edit-other", "get", url(f"{ALSTER}/edit/"), None, expect(302, 403, 403, 403, 200)),
    (
        "organisation-edit-other",
        "post",
        url(f"{ALSTER}/edit/"),
        organisation_form("Alster Biotech AG"),
        expect(302, 403, 403, 403, 302),
    ),
    ("organisation-edit-unknown", "get", url("/organisations/no-such-org/edit/"), None, LOGIN_404),
    ("organisation-join", "get", url(f"{ELBE}/join/"), None, expect(302, 403, 200, 403, 200)),
    (
        "organisation-join",
        "post",
        url(f"{ELBE}/join/"),
        lambda w: {"cluster": w["third_cluster"].pk, "message": "Please let us in."},
        expect(302, 403, 302, 403, 302),
    ),
    ("organisation-join-other", "get", url(f"{ALSTER}/join/"), None, expect(302, 403, 403, 403, 200)),
    ("people-manage-own", "get", url(f"{ELBE}/people/"), None, expect(302, 403, 200, 200, 200)),
    ("people-manage-own", "post", url(f"{ELBE}/people/"), None, LOGIN_405),
    ("people-manage-other", "get", url(f"{ALSTER}/people/"), None, expect(302, 403, 403, 403, 200)),
    ("person-create", "get", url(f"{ELBE}/people/new/"), None, expect(302, 403, 200, 200, 200)),
    ("person-create", "post", url(f"{ELBE}/people/new/"), person_form, expect(302, 403, 302, 302, 302)),
    ("person-create-other", "post", url(f"{ALSTER}/people/new/"), person_form, expect(302, 403, 403, 403, 302)),
    ("person-edit", "get", url(ELBE + "/people/{person}/edit/"), None, expect(302, 403, 200, 200, 200)),
    ("person-edit", "post", url(ELBE + "/people/{person}/edit/"), person_form, expect(302, 403, 302, 302, 302)),
    ("person-edit-other", "get", url(ALSTER + "/people/{other_person}/edit/"), None, expect(302, 403, 403, 403, 200)),
    ("person-edit-elsewhere", "get", url(ELBE + "/people/{other_person}/edit/"), None, expect(302, 403, 404, 404, 404)),
    ("person-delete", "get", url(ELBE + "/people/{person}/delete/"), None, expect(302, 403, 200, 200, 200)),
    ("person-delete", "post", url(ELBE + "/people/{person}/delete/"), None, expect(302, 403, 302, 302, 302)),
    (
        "person-delete-other",
        "post",
        url(ALSTER + "/people/{other_person}/delete/"),
        None,
        expect(302, 403, 403, 403, 302),
    ),
    ("request-approve", "get", url("/memberships/{request}/approve/"), None, LOGIN_405),
    ("request-approve", "post", url("/memberships/{request}/approve/"), None, expect(302, 404, 404, 302, 302)),
    ("request-decline", "post", url("/memberships/{request}/decline/"), None, expect(302, 404, 404, 302, 302)),
    ("invitation-accept", "post", url("/memberships/{invitation}/approve/"), None, expect(302, 404, 302, 404, 302)),
    ("invitation-decline", "get", url("/memberships/{invitation}/decline/"), None, LOGIN_405),
    ("invitation-decline", "post", url("/memberships/{invitation}/decline/"), None, expect(302, 404, 302, 404, 302)),
    ("membership-end", "get", url("/memberships/{membership}/end/"), None, LOGIN_405),
    (
        "membership-end",
        "post",
        url("/memberships/{membership}/end/"),
        lambda w: {"until": "2030-01-01"},
        expect(302, 403, 302, 302, 302),
    ),
    (
        "membership-end-other",
        "post",
        url("/memberships/{other_membership}/end/"),
        lambda w: {"until": "2030-01-01"},
        expect(302, 403, 403, 403, 302),
    ),
    ("membership-unknown", "post", url("/memberships/999999/approve/"), None, LOGIN_404),
    ("cluster-list", "get", url("/clusters/"), None, ALL_200),
    ("cluster-list", "post", url("/clusters/"), None, ALL_405),
    ("cluster-detail", "get", url(f"{HA}/"), None, ALL_200),
    ("cluster-detail", "post", url(f"{HA}/"), None, ALL_405),
    ("cluster-detail-unknown", "get", url("/clusters/no-such-cluster/"), None, ALL_404),
    ("cluster-manage-own", "get", url(f"{HA}/members/manage/"), None, expect(302, 403, 403, 200, 200)),
    (
        "cluster-manage-own",
        "post",
        url(f"{HA}/members/manage/"),
        lambda w: {"organisation": w["other_organisation"].pk},
        expect(302, 403, 403, 302, 302),
    ),
    ("cluster-manage-other", "get", url(f"{LSN}/members/manage/"), None, expect(302, 403, 403, 403, 200)),
    (
        "cluster-manage-other",
        "post",
        url(f"{LSN}/members/manage/"),
        lambda w: {"organisation": w["outsider"].pk},
        expect(302, 403, 403, 403, 302),
    ),
    ("cluster-manage-unknown", "get", url("/clusters/no-such-cluster/members/manage/"), None, LOGIN_404),
    ("topic-list", "get", url("/topics/"), None, ALL_200),
    ("topic-list", "post", url("/topics/"), None, ALL_405),
    ("topic-detail", "get", url("/topics/drones/"), None, ALL_200),
    ("topic-detail-unknown", "get", url("/topics/no-such-topic/"), None, ALL_404),
]

CASES = [
    pytest.param(method, make_url, body, role, expected[role], id=f"{name}-{method}-{role}")
    for name, method, make_url, body, expected in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("method", "make_url", "body", "role", "status"), CASES)
def test_directory_view_answers_role_with_status(client_for, world, method, make_url, body, role, status):
    client = client_for(role)
    target = make_url(world)
    data = body(world) if body else {}
    response = client.get(target) if method == "get" else client.post(target, data)
    assert response.status_code == status, response.content[:500]
    if role == "anonymous" and status == 302:
        assert response["Location"].startswith("/accounts/login/?next=")


def test_directory_post_without_csrf_token_is_refused(users, representative, organisation):
    client = Client(enforce_csrf_checks=True)
    client.force_login(representative)
    response = client.post("/organisations/elbe-drohnen/edit/", organisation_form("Elbe Drohnen GmbH")(None))
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.description_en != "Changed by the matrix."
