"""Django admin for polls. Votes are cast on the participants' page and through the API (one per participant,
only while open). The admin shows how many voted, never who voted what: ballots have no admin page."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import Poll, PollOption


class PollOptionInline(TranslationTabularInline):
    model = PollOption
    extra = 0
    fields = ["label", "position"]


@admin.register(Poll)
class PollAdmin(TranslationAdmin):
    list_display = ["question", "event", "kind", "state", "results_visibility", "is_named", "votes", "opened_at"]
    list_filter = ["state", "kind", "results_visibility", "is_named"]
    search_fields = ["question_de", "question_en", "event__title_de", "event__title_en"]
    raw_id_fields = ["event", "session", "created_by"]
    readonly_fields = ["opened_at", "closed_at", "created", "updated"]
    inlines = [PollOptionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event").annotate(vote_count=Count("votes"))

    @admin.display(description=_("votes"), ordering="vote_count")
    def votes(self, poll):
        return poll.vote_count
