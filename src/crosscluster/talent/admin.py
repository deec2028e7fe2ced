"""Django admin for the talent area. Applications and agreements move through the web UI and the API, which keep
their workflows and send the e-mails; the admin shows them but leaves their status alone."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
    Application,
    JobPosting,
    JobSkill,
    MatchNotification,
    ProfileLanguage,
    ProfileSkill,
    StaffAgreement,
    StaffPost,
    StaffPostSkill,
    WorkerProfile,
)


class JobSkillInline(admin.TabularInline):
    model = JobSkill
    extra = 0


@admin.register(JobPosting)
class JobPostingAdmin(TranslationAdmin):
    list_display = ["title", "organisation", "contract_type", "status", "published_at", "is_demo"]
    list_filter = ["status", "contract_type", "working_time", "is_demo"]
    search_fields = ["title_de", "title_en", "organisation__name", "occupation_label"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["created_by", "created", "updated", "published_at"]
    inlines = [JobSkillInline]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["applicant", "job", "status", "created", "status_changed"]
    list_filter = ["status"]
    search_fields = ["applicant__email", "applicant__last_name", "job__title_de", "job__title_en"]
    autocomplete_fields = ["job", "applicant"]
    readonly_fields = ["status", "created", "status_changed", "updated"]

    def has_add_permission(self, request):
        return False


class ProfileSkillInline(admin.TabularInline):
    model = ProfileSkill
    extra = 0


class ProfileLanguageInline(admin.TabularInline):
    model = ProfileLanguage
    extra = 0


@admin.register(WorkerProfile)
class WorkerProfileAdmin(TranslationAdmin):
    list_display = ["user", "headline", "place", "consent", "updated", "is_demo"]
    list_filter = ["consent", "relocate", "is_demo"]
    search_fields = ["user__email", "user__last_name", "headline_de", "headline_en"]
    autocomplete_fields = ["user"]
    readonly_fields = ["consent_given", "consent_revoked", "created", "updated"]
    inlines = [ProfileSkillInline, ProfileLanguageInline]


class StaffPostSkillInline(admin.TabularInline):
    model = StaffPostSkill
    extra = 0


@admin.register(StaffPost)
class StaffPostAdmin(TranslationAdmin):
    list_display = ["title", "kind", "organisation", "head_count", "period_from", "period_to", "status", "is_demo"]
    list_filter = ["kind", "status", "is_demo"]
    search_fields = ["title_de", "title_en", "organisation__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["created_by", "created", "updated", "published_at"]
    inlines = [StaffPostSkillInline]


@admin.register(StaffAgreement)
class StaffAgreementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "legal_model", "head_count", "status", "created", "is_demo"]
    list_filter = ["status", "legal_model", "is_demo"]
    search_fields = ["lender__name", "borrower__name", "region"]
    autocomplete_fields = ["lender", "borrower", "offer", "request"]
    readonly_fields = [
        "status",
        "proposed_by",
        "proposed_by_side",
        "lender_accepted_at",
        "lender_accepted_by",
        "borrower_accepted_at",
        "borrower_accepted_by",
        "activated_at",
        "completed_at",
        "cancelled_at",
        "created",
        "updated",
    ]


@admin.register(MatchNotification)
class MatchNotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "source_id", "target_id", "score", "created"]
    list_filter = ["kind"]
    readonly_fields = ["kind", "source_id", "target_id", "score", "created"]
