"""Every action any part of the platform writes to the audit log has a label in English and German (the audit log
page shows labels, not codes). The marketplace and talent tests check their own page rendering as well."""

from django.utils import translation

import crosscluster
from crosscluster.accounts.models import audit_action_label
from tests.marketplace.test_audit_labels import written_actions

# Codes put together at run time (the source holds only their parts).
COMPOSED = {"poll.opened", "poll.closed", "directory.import.organisations", "directory.import.memberships"}


def test_every_audit_action_of_every_app_has_an_english_and_a_german_label():
    written = {code for code in written_actions(crosscluster) if "." in code and not code.endswith(".")}
    actions = written | COMPOSED
    assert {"organisation.created", "event.registered", "b2b.request_sent", "poll.created"} <= actions

    unlabelled = []
    for action in sorted(actions):
        with translation.override("en"):
            english = str(audit_action_label(action))
        with translation.override("de"):
            german = str(audit_action_label(action))
        if english == action or german == english:
            unlabelled.append((action, english, german))
    assert unlabelled == []
