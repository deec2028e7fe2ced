"""Logging in, lockout, password change and reset, profile, audit log."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from crosscluster.accounts import audit
from crosscluster.accounts.models import AuditLogEntry
from tests.factories import PASSWORD, UserFactory

LOGIN = "/accounts/login/"


def login(client, email, password=PASSWORD, ip="127.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("spelling", ["rep@example.org", "Rep@Example.ORG", "  REP@EXAMPLE.ORG "])
def test_login_by_email_in_any_case(client, representative, spelling):
    response = login(client, spelling)
    assert response.status_code == 302
    assert response.url == reverse("accounts:dashboard")
    assert client.get("/accounts/").context["user"] == representative


def test_login_form_labels_the_username_field_as_email(client, db):
    response = client.get(LOGIN)
    assert 'type="email" name="username"' in response.text
    assert "E-mail address" in response.text


def test_login_wrong_password_shows_error_and_stays_anonymous(client, representative):
    response = login(client, "rep@example.org", "wrong password")
    assert response.status_code == 200
    assert "Please enter a correct e-mail address and password" in response.text
    assert not response.context["user"].is_authenticated


def test_login_sets_language_cookie_from_profile(client, representative):
    representative.language = "en"
    representative.save()
    response = login(client, "rep@example.org")
    assert response.cookies["django_language"].value == "en"


def test_login_sixth_attempt_with_right_password_is_locked_out(client, representative):
    for _ in range(4):
        assert login(client, "rep@example.org", "wrong").status_code == 200
    assert login(client, "rep@example.org", "wrong").status_code == 429  # the fifth failure locks
    response = login(client, "rep@example.org")
    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert not client.get("/accounts/").wsgi_request.user.is_authenticated


def test_login_lockout_counts_every_spelling_of_the_address(client, representative):
    for spelling in ["rep@example.org", "REP@example.org", "Rep@Example.org", "rep@EXAMPLE.org", "REP@EXAMPLE.ORG"]:
        login(client, spelling, "wrong")
    assert login(client, "rep@example.org").status_code == 429


def test_login_lockout_is_per_email_and_ip(client, representative, individual):
    for _ in range(5):
        login(client, "rep@example.org", "wrong", ip="10.0.0.1")
    assert login(client, "rep@example.org", ip="10.0.0.1").status_code == 429
    # The same address from another IP, and another address from the same IP, still log in.
    assert login(client, "rep@example.org", ip="10.0.0.2").status_code == 302
    client.logout()
    assert login(client, "individual@example.org", ip="10.0.0.1").status_code == 302


def test_logout_by_post_logs_out_with_message(client, representative):
    client.force_login(representative)
    response = client.post("/accounts/logout/", follow=True)
    assert not response.context["user"].is_authenticated
    assert "You have been logged out." in response.text


def test_logout_by_get_is_refused(client, representative):
    client.force_login(representative)
    assert client.get("/accounts/logout/").status_code == 405


def test_password_change_with_correct_old_password(client, representative):
    client.force_login(representative)
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Elbphilharmonie-2017", "new_password2": "Elbphilharmonie-2017"},
        follow=True,
    )
    assert "Your password has been changed." in response.text
    representative.refresh_from_db()
    assert representative.check_password("Elbphilharmonie-2017")


def test_password_change_wrong_old_password_shows_error(client, representative):
    client.force_login(representative)
    response = client.post(
        "/accounts/password/",
        {"old_password": "nope", "new_password1": "Elbphilharmonie-2017", "new_password2": "Elbphilharmonie-2017"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    representative.refresh_from_db()
    assert representative.check_password(PASSWORD)


def _reset_link(message):
    return re.search(r"https?://testserver(/accounts/password/reset/[^/\s]+/[^/\s]+/)", message.body).group(1)


@pytest.mark.parametrize("language", ["de", "en"])
def test_password_reset_email_in_recipients_language(client, representative, language):
    representative.language = language
    representative.save()
    response = client.post("/accounts/password/reset/", {"email": "REP@example.org"})
    assert response.status_code == 302
    assert response.url == "/accounts/password/reset/sent/"
    [message] = mail.outbox
    assert message.to == ["rep@example.org"]
    assert message.subject.strip()
    assert "rep@example.org" in message.body
    assert _reset_link(message)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'<html lang="{language}">' in html
    assert _reset_link(message) in html


def test_password_reset_unknown_address_sends_nothing_and_reveals_nothing(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_reset_link_sets_new_password_end_to_end(client, representative):
    client.post("/accounts/password/reset/", {"email": "rep@example.org"})
    link = _reset_link(mail.outbox[0])
    response = client.get(link)
    assert response.status_code == 302  # Django moves the token into the session
    set_password_url = response.url
    response = client.post(
        set_password_url, {"new_password1": "Speicherstadt-1883", "new_password2": "Speicherstadt-1883"}
    )
    assert response.status_code == 302
    assert response.url == "/accounts/password/reset/done/"
    assert login(client, "rep@example.org", "Speicherstadt-1883").status_code == 302
    # The link works only once.
    client.logout()
    response = client.get(link, follow=True)
    assert "This password reset link is not valid" in response.text


def test_password_reset_weak_password_shows_error(client, representative):
    client.post("/accounts/password/reset/", {"email": "rep@example.org"})
    response = client.get(_reset_link(mail.outbox[0]))
    response = client.post(response.url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    representative.refresh_from_db()
    assert representative.check_password(PASSWORD)


def test_profile_saves_name_and_language_and_switches_language(client, representative):
    client.force_login(representative)
    response = client.post("/accounts/profile/", {"first_name": "Hanna", "last_name": "Jensen", "language": "en"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    representative.refresh_from_db()
    assert (representative.first_name, representative.last_name, representative.language) == ("Hanna", "Jensen", "en")
    assert AuditLogEntry.objects.filter(action="user.profile_updated", object_id=str(representative.pk)).exists()


def test_profile_bad_language_shows_error_and_saves_nothing(client, representative):
    client.force_login(representative)
    old_name = representative.first_name
    response = client.post("/accounts/profile/", {"first_name": "Hanna", "last_name": "Jensen", "language": "xx"})
    assert response.status_code == 400
    assert "language" in response.context["form"].errors
    representative.refresh_from_db()
    assert representative.first_name == old_name


def test_audit_log_filters_by_action_and_paginates(client, coordinator):
    for i in range(60):
        audit.log("test.thing", actor=coordinator, note=i)
    audit.log("other.thing", actor=coordinator)
    client.force_login(coordinator)
    response = client.get("/accounts/audit-log/", {"action": "test.thing"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 60
    assert len(response.context["page"]) == 50
    assert "other.thing" not in {e.action for e in response.context["page"]}
    second = client.get("/accounts/audit-log/", {"action": "test.thing", "page": 2})
    assert len(second.context["page"]) == 10
    assert client.get("/accounts/audit-log/", {"page": "abc"}).status_code == 200


def test_audit_log_unknown_action_filter_shows_error_not_500(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/accounts/audit-log/", {"action": "<script>"})
    assert response.status_code == 200
    assert response.context["form"].errors["action"]


def test_audit_log_queries_do_not_grow_with_entries(client, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    audit.log("a.thing", actor=UserFactory())
    with django_assert_max_num_queries(12) as one:
        client.get("/accounts/audit-log/")
    for _ in range(20):
        audit.log("a.thing", actor=UserFactory())
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/accounts/audit-log/")


def test_audit_log_shows_actions_in_the_readers_language(client, coordinator, organisation):
    audit.log("organisation.updated", actor=coordinator, obj=organisation)
    client.force_login(coordinator)
    client.cookies["django_language"] = "de"
    page = client.get("/accounts/audit-log/").content.decode()
    assert "Organisation geändert" in page
    assert "organisation.updated</td>" not in page
