"""Every accounts URL × role → status. Anonymous visitors are sent to the login page (302)."""

import pytest

from crosscluster.accounts import services
from crosscluster.accounts.models import Invitation
from tests.conftest import ROLES


def expect(anonymous, individual, representative, manager, coordinator):
    return dict(zip(ROLES, (anonymous, individual, representative, manager, coordinator), strict=True))


def coordinator_invitation(world):
    invitation = services.invite(
        acting_user=world["coordinator"], email="new@example.org", role=Invitation.Role.INDIVIDUAL, language="en"
    )
    return invitation


def invite_rep(org_slug):
    return {"email": "new@example.org", "role": "representative", "organisation": org_slug, "language": "en"}


# (name, method, url or factory(world) → url, body, expected)
MATRIX = [
    ("login", "get", "/accounts/login/", None, expect(200, 200, 200, 200, 200)),
    ("logout", "post", "/accounts/logout/", None, expect(302, 302, 302, 302, 302)),
    ("dashboard", "get", "/accounts/", None, expect(302, 200, 200, 200, 200)),
    ("profile", "get", "/accounts/profile/", None, expect(302, 200, 200, 200, 200)),
    ("password-change", "get", "/accounts/password/", None, expect(302, 200, 200, 200, 200)),
    ("password-reset", "get", "/accounts/password/reset/", None, expect(200, 200, 200, 200, 200)),
    ("password-reset-sent", "get", "/accounts/password/reset/sent/", None, expect(200, 200, 200, 200, 200)),
    ("password-reset-done", "get", "/accounts/password/reset/done/", None, expect(200, 200, 200, 200, 200)),
    ("password-reset-bad-link", "get", "/accounts/password/reset/MQ/bad-token/", None, expect(200, 200, 200, 200, 200)),
    ("audit-log", "get", "/accounts/audit-log/", None, expect(302, 403, 403, 403, 200)),
    ("invite-own-org", "post", "/accounts/invitations/", invite_rep("elbe-drohnen"), expect(302, 403, 302, 302, 302)),
    (
        "invite-other-org",
        "post",
        "/accounts/invitations/",
        invite_rep("alster-biotech"),
        expect(302, 403, 400, 400, 302),
    ),
    ("invite-get", "get", "/accounts/invitations/", None, expect(302, 405, 405, 405, 405)),
    (
        "revoke-others-invitation",
        "post",
        lambda world: f"/accounts/invitations/{coordinator_invitation(world).pk}/revoke/",
        None,
        expect(302, 404, 404, 404, 302),
    ),
    ("revoke-unknown", "post", "/accounts/invitations/999999/revoke/", None, expect(302, 404, 404, 404, 404)),
    (
        "accept-invitation-for-someone-new",
        "get",
        lambda world: f"/accounts/invitations/{coordinator_invitation(world).token}/",
        None,
        expect(200, 403, 403, 403, 403),
    ),
    ("accept-unknown-token", "get", "/accounts/invitations/nope/", None, expect(404, 404, 404, 404, 404)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "url", "body", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_accounts_permission_matrix(client_for, users, role, name, method, url, body, expected):
    client = client_for(role)
    if callable(url):
        url = url(users)
    response = getattr(client, method)(url, body or {})
    assert response.status_code == expected[role], f"{name} as {role}"
    if expected[role] == 302 and role == "anonymous" and name not in ("logout",):
        assert response.url.startswith("/accounts/login/")
