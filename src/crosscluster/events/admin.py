"""Django admin for events. Seats are taken and given back through the web UI and the API, which keep the
waiting list and the capacity right; the admin shows registrations but leaves their status alone."""

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import AgendaItem, Event, Feedback, Registration, Room, Session, Speaker, Track

# Links typed without a scheme are read as https (the default in Django 6).
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class SessionInline(TranslationTabularInline):
    model = Session
    formfield_overrides = HTTPS_LINKS
    extra = 0
    fields = ["title", "kind", "start", "end", "track", "room", "capacity"]
    show_change_link = True


class TrackInline(admin.TabularInline):
    model = Track
    extra = 0


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    list_display = ["title", "start", "format", "visibility", "status", "capacity", "is_demo"]
    list_filter = ["status", "format", "visibility", "clusters", "is_demo"]
    search_fields = ["title_de", "title_en", "slug", "venue"]
    date_hierarchy = "start"
    filter_horizontal = ["clusters", "topics"]
    autocomplete_fields = ["visible_cluster"]
    readonly_fields = ["created_by", "created", "updated", "sequence"]
    inlines = [TrackInline, RoomInline, SessionInline]
    formfield_overrides = HTTPS_LINKS


@admin.register(Session)
class SessionAdmin(TranslationAdmin):
    list_display = ["title", "event", "kind", "start", "end", "track", "room", "capacity"]
    list_filter = ["kind", "event"]
    search_fields = ["title_de", "title_en", "event__title_de"]
    autocomplete_fields = ["event", "speakers"]
    formfield_overrides = HTTPS_LINKS


@admin.register(Speaker)
class SpeakerAdmin(TranslationAdmin):
    list_display = ["name", "affiliation", "event"]
    search_fields = ["name", "affiliation"]
    autocomplete_fields = ["event", "person"]


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    readonly_fields = ["session", "created"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "status", "organisation", "created", "checked_in_at"]
    list_filter = ["status", "event"]
    search_fields = ["user__email", "user__last_name", "event__title_de", "organisation__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = [
        "event",
        "user",
        "status",
        "created",
        "queued_at",
        "confirmed_at",
        "cancelled_at",
        "checked_in_by",
    ]
    inlines = [AgendaInline]

    def has_add_permission(self, request):
        return False


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["registration", "rating", "most_useful", "created"]
    list_filter = ["rating", "most_useful"]
    readonly_fields = ["registration", "rating", "most_useful", "comment", "created"]
