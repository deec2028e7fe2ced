"""Who may do what through the API: one table of endpoint × method × role → status.

What a role may not see answers 404 (never 403, which would reveal that it exists); what it may only read
answers 403; anonymous writes answer 401.
"""

import json

import pytest

from crosscluster.directory.models import Membership
from tests.conftest import ROLES
from tests.factories import MembershipFactory, PersonFactory


def expect(anonymous, individual, representative, manager, coordinator):
    return dict(zip(ROLES, (anonymous, individual, representative, manager, coordinator), strict=True))


def membership(org_key, cluster_key, status):
    def make(world):
        m = MembershipFactory(organisation=world[org_key], cluster=world[cluster_key], status=status)
        return f"/api/v1/memberships/{m.pk}/"

    return make


def existing_membership(org_key, cluster_key):
    def find(world):
        m = Membership.objects.get(organisation=world[org_key], cluster=world[cluster_key])
        return f"/api/v1/memberships/{m.pk}/"

    return find


def person(org_key, listed):
    def make(world):
        p = PersonFactory(organisation=world[org_key], listing_consent=listed)
        return f"/api/v1/people/{p.pk}/"

    return make


REQUESTED, INVITED, ACTIVE = Membership.Status.REQUESTED, Membership.Status.INVITED, Membership.Status.ACTIVE
HA, LSN = "cluster", "other_cluster"  # Hamburg Aviation (manager's), Life Science Nord (nobody's)
ELBE, ALSTER = "organisation", "other_organisation"  # representative's (member of HA), member of LSN

# (name, method, url or url factory, suffix, body, expected statuses)
MATRIX = [
    ("clusters-list", "get", "/api/v1/clusters/", "", None, expect(200, 200, 200, 200, 200)),
    ("cluster-detail", "get", "/api/v1/clusters/hamburg-aviation/", "", None, expect(200, 200, 200, 200, 200)),
    ("cluster-create", "post", "/api/v1/clusters/", "", {"name": "Neues Cluster"}, expect(401, 403, 403, 403, 201)),
    (
        "cluster-change-own",
        "patch",
        "/api/v1/clusters/hamburg-aviation/",
        "",
        {"short_name": "HAM"},
        expect(401, 403, 403, 200, 200),
    ),
    (
        "cluster-change-other",
        "patch",
        "/api/v1/clusters/life-science-nord/",
        "",
        {"short_name": "LSN"},
        expect(401, 403, 403, 403, 200),
    ),
    ("cluster-delete", "delete", "/api/v1/clusters/life-science-nord/", "", None, expect(401, 403, 403, 403, 204)),
    ("organisations-list", "get", "/api/v1/organisations/", "", None, expect(200, 200, 200, 200, 200)),
    (
        "organisation-create",
        "post",
        "/api/v1/organisations/",
        "",
        {"name": "Neue Werft GmbH"},
        expect(401, 201, 201, 201, 201),
    ),
    (
        "organisation-change-own",
        "patch",
        "/api/v1/organisations/elbe-drohnen/",
        "",
        {"district": "Finkenwerder"},
        expect(401, 403, 200, 200, 200),
    ),
    (
        "organisation-change-other",
        "patch",
        "/api/v1/organisations/alster-biotech/",
        "",
        {"district": "Barmbek"},
        expect(401, 403, 403, 403, 200),
    ),
    (
        "organisation-delete",
        "delete",
        "/api/v1/organisations/elbe-drohnen/",
        "",
        None,
        expect(401, 403, 403, 403, 204),
    ),
    ("memberships-list", "get", "/api/v1/memberships/", "", None, expect(200, 200, 200, 200, 200)),
    (
        "membership-request-for-own-organisation",
        "post",
        "/api/v1/memberships/",
        "",
        {"organisation": "elbe-drohnen", "cluster": "life-science-nord"},
        expect(401, 403, 201, 403, 201),
    ),
    (
        "membership-invite-into-own-cluster",
        "post",
        "/api/v1/memberships/",
        "",
        {"organisation": "alster-biotech", "cluster": "hamburg-aviation"},
        expect(401, 403, 403, 201, 201),
    ),
    ("membership-requested-detail", "get", membership(ELBE, LSN, REQUESTED), "", None, expect(404, 404, 200, 404, 200)),
    ("membership-active-detail", "get", membership(ALSTER, HA, ACTIVE), "", None, expect(200, 200, 200, 200, 200)),
    (
        "membership-approve-request-to-own-cluster",
        "post",
        membership(ALSTER, HA, REQUESTED),
        "approve/",
        None,
        expect(401, 404, 404, 200, 200),
    ),
    (
        "membership-approve-own-request",
        "post",
        membership(ELBE, LSN, REQUESTED),
        "approve/",
        None,
        expect(401, 404, 403, 404, 200),
    ),
    (
        "membership-accept-invitation",
        "post",
        membership(ELBE, LSN, INVITED),
        "approve/",
        None,
        expect(401, 404, 200, 404, 200),
    ),
    (
        "membership-decline-invitation",
        "post",
        membership(ELBE, LSN, INVITED),
        "decline/",
        None,
        expect(401, 404, 200, 404, 200),
    ),
    (
        "membership-approve-active",
        "post",
        existing_membership(ALSTER, LSN),
        "approve/",
        None,
        expect(401, 403, 403, 403, 400),
    ),
    ("membership-end", "post", membership(ELBE, LSN, ACTIVE), "end/", None, expect(401, 403, 200, 403, 200)),
    (
        "membership-end-in-own-cluster",
        "post",
        membership(ALSTER, HA, ACTIVE),
        "end/",
        None,
        expect(401, 403, 403, 200, 200),
    ),
    ("people-list", "get", "/api/v1/people/", "", None, expect(200, 200, 200, 200, 200)),
    ("person-listed-detail", "get", person(ALSTER, True), "", None, expect(200, 200, 200, 200, 200)),
    ("person-unlisted-detail", "get", person(ELBE, False), "", None, expect(404, 404, 200, 200, 200)),
    ("person-unlisted-elsewhere", "get", person(ALSTER, False), "", None, expect(404, 404, 404, 404, 200)),
    (
        "person-unlisted-change",
        "patch",
        person(ELBE, False),
        "",
        {"position": "CTO"},
        expect(401, 404, 200, 200, 200),
    ),
    (
        "person-listed-change-elsewhere",
        "patch",
        person(ALSTER, True),
        "",
        {"position": "CTO"},
        expect(401, 403, 403, 403, 200),
    ),
    ("person-delete", "delete", person(ELBE, True), "", None, expect(401, 403, 204, 204, 204)),
    (
        "person-create-in-own-organisation",
        "post",
        "/api/v1/people/",
        "",
        {"first_name": "Jana", "last_name": "Kühn", "organisation": "elbe-drohnen"},
        expect(401, 400, 201, 201, 201),
    ),
    ("topics-list", "get", "/api/v1/topics/", "", None, expect(200, 200, 200, 200, 200)),
    ("topic-create", "post", "/api/v1/topics/", "", {"slug": "x", "name": "X"}, expect(405, 405, 405, 405, 405)),
    ("industry-code-detail", "get", "/api/v1/industry-codes/62.01/", "", None, expect(200, 200, 200, 200, 200)),
    ("industry-code-delete", "delete", "/api/v1/industry-codes/62.01/", "", None, expect(405, 405, 405, 405, 405)),
]


@pytest.fixture
def world(cluster, other_cluster, organisation, other_organisation):
    return {HA: cluster, LSN: other_cluster, ELBE: organisation, ALSTER: other_organisation}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "url", "suffix", "body", "expected"), MATRIX, ids=[r[0] for r in MATRIX])
def test_api_permission_matrix(client_for, world, role, name, method, url, suffix, body, expected):
    client = client_for(role)
    path = (url(world) if callable(url) else url) + suffix
    kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == expected[role], (name, role, response.content[:300])
