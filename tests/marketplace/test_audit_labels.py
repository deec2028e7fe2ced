"""Every audit action the marketplace writes has a readable label in English and German, and the audit log shows it."""

import ast
from pathlib import Path

import pytest
from django.utils import translation

import crosscluster.marketplace
from crosscluster.accounts.models import audit_action_label
from crosscluster.marketplace import services


def written_actions(package) -> set[str]:
    """The action codes in the package's ``audit.log(...)`` calls (both branches of a conditional code too)."""
    actions = set()
    for path in Path(package.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_audit_log = (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "log"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "audit"
            )
            if is_audit_log and node.args:
                actions |= {
                    c.value for c in ast.walk(node.args[0]) if isinstance(c, ast.Constant) and isinstance(c.value, str)
                }
    return actions


def test_every_marketplace_audit_action_has_an_english_and_a_german_label():
    actions = written_actions(crosscluster.marketplace)
    assert {"marketplace.post_created", "marketplace.posts_expired", "marketplace.thread_started"} <= actions

    for action in sorted(actions):
        with translation.override("en"):
            english = str(audit_action_label(action))
        with translation.override("de"):
            german = str(audit_action_label(action))
        assert english != action, f"{action} has no label"
        assert german != english, f"{action} has no German label"


@pytest.mark.django_db
def test_audit_log_page_names_marketplace_actions(client_for, representative, organisation):
    services.create_post(
        acting_user=representative,
        organisation=organisation,
        data={"kind": "offer", "category": "space", "title_de": "Lagerhalle"},
        status="draft",
    )

    page = client_for("coordinator").get("/accounts/audit-log/").content.decode()

    assert "Marketplace post created" in page
