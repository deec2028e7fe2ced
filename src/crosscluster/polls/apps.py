from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "crosscluster.polls"
    label = "polls"
    verbose_name = _("Live polls")

    def ready(self):
        from crosscluster.accounts.models import register_audit_labels
        from crosscluster.events import extensions
        from crosscluster.events import stats as event_stats

        from .stats import PARTICIPATION_LABEL, participation

        event_stats.register_metric("poll_participation", PARTICIPATION_LABEL, participation)
        # Every confirmed participant may open the voting page; it says when no poll is open.
        extensions.register_participant_link("polls", "polls:vote_page", lambda event, registration: _("Live voting"))
        extensions.register_organiser_link("polls", _("Live polls"), "polls:manage")
        register_audit_labels(
            {
                "poll.created": _("Poll created"),
                "poll.updated": _("Poll changed"),
                "poll.deleted": _("Poll deleted"),
                "poll.opened": _("Poll opened for voting"),
                "poll.closed": _("Poll closed"),
            }
        )
