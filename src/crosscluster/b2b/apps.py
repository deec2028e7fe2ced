from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class B2BConfig(AppConfig):
    name = "crosscluster.b2b"
    label = "b2b"
    verbose_name = _("B2B matchmaking")

    def ready(self):
        from . import signals, stats  # noqa: F401 (signals connect on import)

        stats.register()
        from crosscluster.events import extensions

        from .models import Matchmaking

        def link(event, registration):
            enabled = Matchmaking.objects.filter(event=event, enabled=True).exists()
            return _("B2B matchmaking") if enabled else None

        extensions.register_participant_link("matchmaking", "b2b:home", link)
        extensions.register_organiser_link("matchmaking", _("Matchmaking"), "b2b:settings")
