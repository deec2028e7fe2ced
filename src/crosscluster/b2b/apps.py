from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class B2BConfig(AppConfig):
    name = "crosscluster.b2b"
    label = "b2b"
    verbose_name = _("B2B matchmaking")

    def ready(self):
        from . import signals, stats  # noqa: F401 (signals connect on import)

        stats.register()
        from crosscluster.accounts.models import register_audit_labels

        register_audit_labels(
            {
                "b2b.agendas_published": _("Meeting agendas published"),
                "b2b.meeting_freed": _("Meeting freed for rescheduling"),
                "b2b.meeting_locked": _("Meeting fixed in place"),
                "b2b.meeting_moved": _("Meeting moved"),
                "b2b.meeting_unscheduled": _("Meeting taken out of the schedule"),
                "b2b.meeting_video_link": _("Video link of a meeting set"),
                "b2b.profile_changed": _("Matchmaking profile changed"),
                "b2b.profile_changed_by_organiser": _("Matchmaking profile changed by the organisers"),
                "b2b.profile_created": _("Joined the matchmaking"),
                "b2b.profile_left": _("Left the matchmaking"),
                "b2b.reminders_sent": _("Matchmaking reminders sent"),
                "b2b.request_accepted": _("Meeting request accepted"),
                "b2b.request_declined": _("Meeting request declined"),
                "b2b.request_sent": _("Meeting request sent"),
                "b2b.request_withdrawn": _("Meeting request withdrawn"),
                "b2b.schedule_run_done": _("Meeting schedule computed"),
                "b2b.schedule_run_started": _("Meeting scheduling started"),
                "b2b.settings_changed": _("Matchmaking settings changed"),
                "b2b.slot_deleted": _("Meeting slot deleted"),
                "b2b.slot_saved": _("Meeting slot saved"),
                "b2b.slots_generated": _("Meeting slots generated"),
                "b2b.type_deleted": _("Participation type deleted"),
                "b2b.type_saved": _("Participation type saved"),
            }
        )
        from crosscluster.events import extensions

        from .models import Matchmaking

        def link(event, registration):
            enabled = Matchmaking.objects.filter(event=event, enabled=True).exists()
            return _("B2B matchmaking") if enabled else None

        extensions.register_participant_link("matchmaking", "b2b:home", link)
        extensions.register_organiser_link("matchmaking", _("Matchmaking"), "b2b:settings")
