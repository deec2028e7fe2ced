"""Texts organisations and people write in German and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import JobPosting, StaffPost, WorkerProfile


@register(JobPosting)
class JobPostingTranslation(TranslationOptions):
    fields = ("title", "description")


@register(WorkerProfile)
class WorkerProfileTranslation(TranslationOptions):
    fields = ("headline", "about")


@register(StaffPost)
class StaffPostTranslation(TranslationOptions):
    fields = ("title", "description", "conditions")
