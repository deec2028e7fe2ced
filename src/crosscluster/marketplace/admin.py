"""Django admin for the marketplace. Status changes and messages belong to the web UI and the API, which notify
the people concerned; the admin is for looking things up and for corrections."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import MatchNotice, Message, Post, SavedSearch, SavedSearchAlert, Thread


@admin.register(Post)
class PostAdmin(TranslationAdmin):
    list_display = ["title", "organisation", "kind", "category", "status", "valid_to", "visibility", "is_demo"]
    list_filter = ["kind", "category", "status", "visibility", "is_demo"]
    search_fields = ["title_de", "title_en", "organisation__name", "place"]
    date_hierarchy = "created"
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["visible_clusters"]
    readonly_fields = ["created_by", "created", "updated", "published_at"]


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    fields = ["created", "author", "from_poster", "body"]
    readonly_fields = ["created", "author", "from_poster"]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["post", "asking_organisation", "asker", "created", "last_message_at"]
    search_fields = ["post__title_de", "post__title_en", "asking_organisation__name", "asker__email"]
    raw_id_fields = ["post", "asking_organisation", "asker"]
    inlines = [MessageInline]


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "alerts", "created", "last_digest_at"]
    list_filter = ["alerts"]
    search_fields = ["name", "user__email"]
    raw_id_fields = ["user"]
    readonly_fields = ["token"]


@admin.register(SavedSearchAlert)
class SavedSearchAlertAdmin(admin.ModelAdmin):
    list_display = ["saved_search", "post", "sent"]
    raw_id_fields = ["saved_search", "post"]


@admin.register(MatchNotice)
class MatchNoticeAdmin(admin.ModelAdmin):
    list_display = ["offer", "request", "score", "created"]
    raw_id_fields = ["offer", "request"]
