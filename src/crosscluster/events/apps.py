from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "crosscluster.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from crosscluster.accounts.models import register_audit_labels

        from . import signals  # noqa: F401 (receivers connect on import)

        register_audit_labels(
            {
                "event.created": _("Event created"),
                "event.updated": _("Event changed"),
                "event.registered": _("Registered for an event"),
                "event.registration_cancelled": _("Event registration cancelled"),
                "event.promoted": _("Moved up from the waiting list"),
                "event.agenda_added": _("Session added to the agenda"),
                "event.agenda_removed": _("Session removed from the agenda"),
                "event.checked_in": _("Checked in"),
                "event.check_in_undone": _("Check-in undone"),
                "event.feedback_given": _("Event feedback given"),
                "event.calendar_feed_regenerated": _("Calendar address renewed"),
                "event.session_created": _("Session created"),
                "event.session_updated": _("Session changed"),
                "event.session_deleted": _("Session deleted"),
                "event.speaker_created": _("Speaker added"),
                "event.speaker_updated": _("Speaker changed"),
                "event.speaker_deleted": _("Speaker removed"),
            }
        )
