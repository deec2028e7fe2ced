from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class B2BConfig(AppConfig):
    name = "crosscluster.b2b"
    label = "b2b"
    verbose_name = _("B2B matchmaking")

    def ready(self):
        from . import signals, stats  # noqa: F401 (signals connect on import)

        stats.register()
