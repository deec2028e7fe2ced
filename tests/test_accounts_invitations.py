"""Invitations: who may invite whom, the e-mail, accepting for each role, and every way a link can be unusable."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.formats import date_format

from crosscluster.accounts import services
from crosscluster.accounts.models import AuditLogEntry, Invitation, User
from crosscluster.directory.models import Membership, Organisation
from tests.conftest import ROLES
from tests.factories import PASSWORD, UserFactory

Role = Invitation.Role
NEW_PASSWORD = "Landungsbruecken-1839"


def signup(client, invitation, **extra):
    data = {
        "first_name": "Jana",
        "last_name": "Petersen",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "consent": "on",
        **extra,
    }
    return client.post(f"/accounts/invitations/{invitation.token}/", data)


def send(inviter, role, *, cluster=None, organisation=None, email="new@example.org", language="en", message=""):
    return services.invite(
        acting_user=inviter,
        email=email,
        role=role,
        cluster=cluster,
        organisation=organisation,
        language=language,
        message=message,
    )


# --- Who may invite whom -------------------------------------------------------------------------------------------

# role, target: None, "cluster"/"other_cluster" (for a cluster manager, or a new organisation), "organisation"/
# "other_organisation" (a representative for an existing organisation).
# Allowed per inviter: (individual, representative, manager, coordinator).
INVITATION_TABLE = [
    ("coordinator", Role.COORDINATOR, None, (False, False, False, True)),
    ("individual", Role.INDIVIDUAL, None, (False, False, False, True)),
    ("manager-own-cluster", Role.CLUSTER_MANAGER, "cluster", (False, False, True, True)),
    ("manager-other-cluster", Role.CLUSTER_MANAGER, "other_cluster", (False, False, False, True)),
    ("rep-own-org", Role.REPRESENTATIVE, "organisation", (False, True, True, True)),
    ("rep-other-org", Role.REPRESENTATIVE, "other_organisation", (False, False, False, True)),
    ("new-org-own-cluster", Role.REPRESENTATIVE, "new:cluster", (False, False, True, True)),
    ("new-org-other-cluster", Role.REPRESENTATIVE, "new:other_cluster", (False, False, False, True)),
]


def _target(request, target):
    if target is None:
        return {}
    if target.startswith("new:"):
        return {"cluster": request.getfixturevalue(target[4:])}
    obj = request.getfixturevalue(target)
    return {"cluster": obj} if "cluster" in target else {"organisation": obj}


@pytest.mark.parametrize("inviter", ROLES[1:])
@pytest.mark.parametrize(("name", "role", "target", "allowed"), INVITATION_TABLE, ids=[r[0] for r in INVITATION_TABLE])
def test_invitation_permission_table(request, users, inviter, name, role, target, allowed):
    user = users[inviter]
    expected = dict(zip(ROLES[1:], allowed, strict=True))[inviter]
    kwargs = _target(request, target)
    assert services.may_invite(user, role, **kwargs) is expected
    if expected:
        invitation = send(user, role, **kwargs)
        assert invitation.pk and len(mail.outbox) == 1
    else:
        with pytest.raises(PermissionDenied):
            send(user, role, **kwargs)
        assert not Invitation.objects.exists()
        assert mail.outbox == []


def test_invitation_for_manager_without_cluster_is_refused(coordinator):
    with pytest.raises(ValidationError) as error:
        send(coordinator, Role.CLUSTER_MANAGER)
    assert "cluster" in error.value.message_dict


def test_invitation_for_representative_with_both_cluster_and_organisation_is_refused(
    coordinator, cluster, organisation
):
    with pytest.raises(ValidationError):
        send(coordinator, Role.REPRESENTATIVE, cluster=cluster, organisation=organisation)


def test_invitation_twice_while_pending_is_refused(manager, cluster):
    send(manager, Role.CLUSTER_MANAGER, cluster=cluster)
    with pytest.raises(ValidationError) as error:
        send(manager, Role.CLUSTER_MANAGER, cluster=cluster, email="NEW@example.org")
    assert "already has a pending invitation" in str(error.value)


def test_invitation_to_someone_who_has_the_role_is_refused(manager, cluster):
    with pytest.raises(ValidationError) as error:
        send(manager, Role.CLUSTER_MANAGER, cluster=cluster, email="manager@example.org")
    assert "already has this role" in str(error.value)


# --- The e-mail --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_invitation_email_has_link_and_is_in_invitees_language(manager, cluster, settings, language):
    settings.SITE_URL = "https://crosscluster.example"
    invitation = send(manager, Role.CLUSTER_MANAGER, cluster=cluster, language=language, message="Moin!")
    [message] = mail.outbox
    assert message.to == ["new@example.org"]
    link = f"https://crosscluster.example/accounts/invitations/{invitation.token}/"
    assert link in message.body
    assert "Moin!" in message.body
    assert "Hamburg Aviation" in message.body
    with translation.override(language):
        assert date_format(invitation.expires, "DATE_FORMAT") in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'<html lang="{language}">' in html
    assert f'href="{link}"' in html


def test_invitation_valid_for_configured_days(manager, cluster, settings):
    settings.INVITATION_VALID_DAYS = 3
    invitation = send(manager, Role.CLUSTER_MANAGER, cluster=cluster)
    assert abs(invitation.expires - (timezone.now() + timedelta(days=3))) < timedelta(minutes=1)


def test_invitation_sent_is_audited(manager, cluster):
    invitation = send(manager, Role.CLUSTER_MANAGER, cluster=cluster)
    entry = AuditLogEntry.objects.get(action="invitation.sent")
    assert entry.actor == manager and entry.object_id == str(invitation.pk)


# --- Sending from "My area" --------------------------------------------------------------------------------------


def test_dashboard_role_choices_limited_to_what_user_may_invite(client_for):
    form = client_for("representative").get("/accounts/").context["invitation_form"]
    assert [value for value, _ in form.fields["role"].choices] == [Role.REPRESENTATIVE]
    assert [o.slug for o in form.fields["organisation"].queryset] == ["elbe-drohnen"]


def test_dashboard_individual_sees_no_invitation_form(client_for):
    assert "invitation_form" not in client_for("individual").get("/accounts/").context


def test_dashboard_manager_sends_new_organisation_invitation(client_for, cluster):
    client = client_for("manager")
    response = client.post(
        "/accounts/invitations/",
        {"email": "ceo@neu.example", "role": "new_organisation", "cluster": cluster.slug, "language": "de"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.is_new_organisation and invitation.cluster == cluster and invitation.language == "de"
    page = client.get("/accounts/")
    assert "ceo@neu.example" in page.text
    assert "/clusters/hamburg-aviation/members/manage/" in page.text


def test_dashboard_invitation_bad_input_shows_errors_and_sends_nothing(client_for, other_organisation):
    client = client_for("manager")
    response = client.post(
        "/accounts/invitations/",
        {"email": "not an address", "role": "representative", "organisation": "alster-biotech", "language": "en"},
    )
    assert response.status_code == 400
    errors = response.context["invitation_form"].errors
    assert "email" in errors and "organisation" in errors
    assert not Invitation.objects.exists() and mail.outbox == []


def test_dashboard_invitation_missing_target_says_where(client_for):
    response = client_for("manager").post(
        "/accounts/invitations/", {"email": "x@example.org", "role": "cluster_manager", "language": "en"}
    )
    assert response.status_code == 400
    assert "Choose the cluster" in response.context["invitation_form"].errors["cluster"][0]


def test_invitation_revoke_by_inviter_makes_link_unusable(client_for, client, cluster, manager):
    invitation = send(manager, Role.CLUSTER_MANAGER, cluster=cluster)
    response = client_for("manager").post(f"/accounts/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "revoked"
    client.logout()
    response = client.get(f"/accounts/invitations/{invitation.token}/")
    assert response.status_code == 410
    assert "withdrawn" in response.text


# --- Accepting ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inviter", "role", "target"),
    [
        ("coordinator", Role.COORDINATOR, None),
        ("coordinator", Role.INDIVIDUAL, None),
        ("manager", Role.CLUSTER_MANAGER, "cluster"),
        ("manager", Role.REPRESENTATIVE, "organisation"),
        ("representative", Role.REPRESENTATIVE, "organisation"),
    ],
)
def test_invitation_accept_as_new_user_creates_account_with_role(request, client, users, inviter, role, target):
    kwargs = _target(request, target)
    invitation = send(users[inviter], role, language="de", **kwargs)
    page = client.get(f"/accounts/invitations/{invitation.token}/")
    assert page.status_code == 200
    assert "new@example.org" in page.text
    response = signup(client, invitation)
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert (user.first_name, user.last_name, user.language) == ("Jana", "Petersen", "de")
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/accounts/").context["user"] == user  # logged in
    assert user.is_coordinator is (role == Role.COORDINATOR)
    assert user.managed_clusters.exists() is (role == Role.CLUSTER_MANAGER)
    assert user.represented_organisations.exists() is (role == Role.REPRESENTATIVE)
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.status == "accepted"
    assert AuditLogEntry.objects.filter(action="invitation.accepted", actor=user).exists()


def test_invitation_email_is_not_editable_on_signup(client, manager, cluster):
    invitation = send(manager, Role.CLUSTER_MANAGER, cluster=cluster)
    signup(client, invitation, email="attacker@example.org")
    assert User.objects.filter(email="new@example.org").exists()
    assert not User.objects.filter(email="attacker@example.org").exists()


def test_invitation_new_organisation_creates_org_with_active_membership(client, manager, cluster):
    invitation = send(manager, Role.REPRESENTATIVE, cluster=cluster)
    page = client.get(f"/accounts/invitations/{invitation.token}/")
    assert "Name of your organisation" in page.text
    response = signup(
        client, invitation, organisation_name="Neue Werft GmbH", legal_form="GmbH", website="https://werft.example"
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    organisation = Organisation.objects.get(name="Neue Werft GmbH")
    assert list(organisation.representatives.all()) == [user]
    assert organisation.legal_form == "GmbH" and organisation.website == "https://werft.example"
    membership = Membership.objects.get(organisation=organisation)
    assert membership.cluster == cluster and membership.status == Membership.Status.ACTIVE
    assert membership.since == timezone.localdate()


def test_invitation_new_organisation_bad_input_saves_nothing(client, manager, cluster):
    invitation = send(manager, Role.REPRESENTATIVE, cluster=cluster)
    response = signup(client, invitation, organisation_name="", website="not a url")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "organisation_name" in errors and "website" in errors
    assert not User.objects.filter(email="new@example.org").exists()
    assert not Organisation.objects.exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"password2": "something-else-entirely"}, "password2"),
        ({"password1": "12345678", "password2": "12345678"}, "password1"),
        ({"password1": "jana.petersen", "password2": "jana.petersen"}, "password1"),
        ({"consent": ""}, "consent"),
        ({"first_name": ""}, "first_name"),
    ],
    ids=["mismatch", "short-numeric", "similar-to-name", "no-consent", "no-first-name"],
)
def test_invitation_signup_bad_input_shows_error_and_saves_nothing(client, manager, cluster, extra, field):
    invitation = send(manager, Role.CLUSTER_MANAGER, cluster=cluster)
    response = signup(client, invitation, **extra)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not User.objects.filter(email="new@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_invitation_for_existing_account_requires_login_then_adds_role(client, manager, cluster, individual):
    invitation = send(manager, Role.CLUSTER_MANAGER, cluster=cluster, email="INDIVIDUAL@example.org")
    url = f"/accounts/invitations/{invitation.token}/"
    page = client.get(url)
    assert "already exists" in page.text
    assert signup(client, invitation).status_code == 200  # no account is created over the existing one
    assert User.objects.filter(email__iexact="individual@example.org").count() == 1

    response = client.post(
        "/accounts/login/", {"username": "individual@example.org", "password": PASSWORD, "next": url}
    )
    assert response.url == url
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert cluster.managers.filter(pk=individual.pk).exists()
    individual.refresh_from_db()
    assert individual.check_password(PASSWORD)


def test_invitation_existing_user_new_organisation(client, manager, cluster, individual):
    invitation = send(manager, Role.REPRESENTATIVE, cluster=cluster, email="individual@example.org")
    client.force_login(individual)
    response = client.post(f"/accounts/invitations/{invitation.token}/", {"organisation_name": "Hafen Robotik UG"})
    assert response.status_code == 302
    organisation = individual.represented_organisations.get()
    assert organisation.name == "Hafen Robotik UG"
    assert organisation.memberships.get().status == Membership.Status.ACTIVE


def test_invitation_opened_by_another_logged_in_user_explains(client, manager, cluster, individual):
    invitation = send(manager, Role.CLUSTER_MANAGER, cluster=cluster)
    client.force_login(individual)
    response = client.post(f"/accounts/invitations/{invitation.token}/")
    assert response.status_code == 403
    assert "This invitation was sent to new@example.org" in response.text
    assert not cluster.managers.filter(pk=individual.pk).exists()


def test_invitation_expired_shows_clear_page(client, manager, cluster):
    invitation = send(manager, Role.CLUSTER_MANAGER, cluster=cluster)
    Invitation.objects.filter(pk=invitation.pk).update(expires=timezone.now() - timedelta(minutes=1))
    response = signup(client, invitation)
    assert response.status_code == 410
    assert "This invitation has expired" in response.text
    assert not User.objects.filter(email="new@example.org").exists()


def test_invitation_used_twice_shows_clear_page(client, manager, cluster):
    invitation = send(manager, Role.CLUSTER_MANAGER, cluster=cluster)
    signup(client, invitation)
    client.logout()
    response = client.get(f"/accounts/invitations/{invitation.token}/")
    assert response.status_code == 410
    assert "already been accepted" in response.text


@pytest.mark.parametrize("token", ["unknown", "x" * 300, "ä"])  # "%00": see test_settings (400)
def test_invitation_unknown_token_is_404(client, db, token):
    response = client.get(f"/accounts/invitations/{token}/")
    assert response.status_code == 404
    assert "We do not know this invitation link" in response.text


def test_invitation_accept_twice_concurrently_in_service_refuses_second(manager, cluster):
    invitation = send(manager, Role.CLUSTER_MANAGER, cluster=cluster)
    services.accept_invitation_with_new_account(invitation, first_name="A", last_name="B", password=NEW_PASSWORD)
    other = UserFactory(email="new2@example.org")
    with pytest.raises(ValidationError):
        services.accept_invitation(invitation, acting_user=other)
    assert list(cluster.managers.exclude(pk=manager.pk).values_list("email", flat=True)) == ["new@example.org"]


def test_dashboard_invitation_list_queries_do_not_grow(client_for, manager, cluster, django_assert_max_num_queries):
    client = client_for("manager")
    send(manager, Role.CLUSTER_MANAGER, cluster=cluster, email="a@example.org")
    with django_assert_max_num_queries(30) as one:
        client.get("/accounts/")
    for i in range(5):
        send(manager, Role.CLUSTER_MANAGER, cluster=cluster, email=f"b{i}@example.org")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/accounts/")
