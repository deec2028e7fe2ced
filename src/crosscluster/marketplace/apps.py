from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "crosscluster.marketplace"
    label = "marketplace"
    verbose_name = _("Marketplace")

    def ready(self):
        from crosscluster.accounts.models import register_audit_labels

        register_audit_labels(
            {
                "marketplace.post_created": _("Marketplace post created"),
                "marketplace.post_updated": _("Marketplace post changed"),
                "marketplace.post_status": _("Marketplace post status changed"),
                "marketplace.posts_expired": _("Marketplace posts expired"),
                "marketplace.thread_started": _("Marketplace conversation started"),
                "marketplace.message_sent": _("Marketplace message sent"),
                "marketplace.search_saved": _("Marketplace search saved"),
                "marketplace.search_alerts": _("Alerts of a saved search changed"),
                "marketplace.search_deleted": _("Saved search deleted"),
                "marketplace.search_unsubscribed": _("Alerts of a saved search unsubscribed"),
            }
        )
