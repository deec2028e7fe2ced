"""Django admin for matchmaking. Requests, answers and the schedule go through the web UI and the API, which keep
the optimiser's rules; the admin shows them and leaves states alone."""

from django.contrib import admin
from django.db import models

from .models import Matchmaking, Meeting, MeetingRequest, ParticipationType, Profile, ScheduleRun, Slot

# Links typed without a scheme are read as https (the default in Django 6).
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Matchmaking)
class MatchmakingAdmin(admin.ModelAdmin):
    list_display = ["event", "enabled", "mode", "agenda_state", "max_meetings", "time_limit"]
    list_filter = ["enabled", "mode", "agenda_state"]
    search_fields = ["event__title_de", "event__title_en", "event__slug"]
    autocomplete_fields = ["event"]
    readonly_fields = ["agenda_state", "agenda_published_at"]
    formfield_overrides = HTTPS_LINKS


@admin.register(ParticipationType)
class ParticipationTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "max_meetings", "max_requests", "virtual"]
    list_filter = ["virtual"]
    search_fields = ["name_de", "name_en", "event__title_de"]
    autocomplete_fields = ["event"]


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "start", "end", "tables"]
    list_filter = ["event"]
    date_hierarchy = "start"
    autocomplete_fields = ["event"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "organisation_name", "participation_type", "own_table", "active"]
    list_filter = ["active", "own_table", "event"]
    search_fields = ["registration__user__email", "registration__user__last_name", "organisation_name"]
    raw_id_fields = ["registration", "organisation"]
    autocomplete_fields = ["event"]
    filter_horizontal = ["topics"]
    readonly_fields = ["created", "updated"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "interest", "status", "created", "responded_at"]
    list_filter = ["status", "interest", "event"]
    search_fields = ["sender__registration__user__email", "recipient__registration__user__email"]
    readonly_fields = ["event", "sender", "recipient", "status", "created", "responded_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "slot", "table", "published", "locked"]
    list_filter = ["published", "locked", "event"]
    readonly_fields = ["request", "event", "slot", "table", "created", "updated"]
    formfield_overrides = HTTPS_LINKS

    def has_add_permission(self, request):
        return False


@admin.register(ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "created", "finished_at", "meetings", "score", "bound", "idle_slots"]
    list_filter = ["status", "event"]
    readonly_fields = [f.name for f in ScheduleRun._meta.fields]

    def has_add_permission(self, request):
        return False
