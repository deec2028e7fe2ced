from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    name = "crosscluster.talent"
    label = "talent"
    verbose_name = _("Jobs and talent")

    def ready(self):
        from crosscluster.accounts.models import register_audit_labels

        register_audit_labels(
            {
                "talent.job_created": _("Job posting created"),
                "talent.job_updated": _("Job posting changed"),
                "talent.job_status": _("Job posting status changed"),
                "talent.applied": _("Applied for a job"),
                "talent.application_status": _("Application status changed"),
                "talent.application_note": _("Application note changed"),
                "talent.application_withdrawn": _("Application withdrawn"),
                "talent.profile_created": _("Skilled-worker profile created"),
                "talent.profile_updated": _("Skilled-worker profile changed"),
                "talent.profile_deleted": _("Skilled-worker profile deleted"),
                "talent.consent_given": _("Profile made visible to employers"),
                "talent.consent_revoked": _("Profile hidden from employers"),
                "talent.staff_post_created": _("Staff exchange post created"),
                "talent.staff_post_updated": _("Staff exchange post changed"),
                "talent.staff_post_status": _("Staff exchange post status changed"),
                "talent.agreement_proposed": _("Staff exchange agreement proposed"),
                "talent.agreement_accepted": _("Staff exchange agreement accepted"),
                "talent.agreement_started": _("Staff exchange started"),
                "talent.agreement_completed": _("Staff exchange completed"),
                "talent.agreement_cancelled": _("Staff exchange agreement cancelled"),
                "talent.agreement_checklist": _("Staff exchange checklist updated"),
            }
        )
