from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Cluster, IndustryCode, Membership, Organisation, Person, Topic


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["cluster"]


@admin.register(Cluster)
class ClusterAdmin(TranslationAdmin):
    list_display = ["name", "kind", "city", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["topics", "managers"]


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ["name", "legal_form", "size_class", "district", "is_demo"]
    list_filter = ["size_class", "is_demo", "memberships__cluster"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["industries", "topics", "representatives"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "cluster", "role", "status", "since", "until"]
    list_filter = ["status", "role", "cluster"]
    search_fields = ["organisation__name", "cluster__name"]
    autocomplete_fields = ["organisation", "cluster"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "organisation", "listing_consent"]
    list_filter = ["listing_consent", "is_demo"]
    search_fields = ["last_name", "first_name", "email"]
    autocomplete_fields = ["organisation", "topics", "user"]


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ["name", "parent", "is_cross_cluster"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(IndustryCode)
class IndustryCodeAdmin(TranslationAdmin):
    list_display = ["code", "title", "level"]
    list_filter = ["level", "section"]
    search_fields = ["code", "title"]
