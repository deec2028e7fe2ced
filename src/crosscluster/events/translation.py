"""Titles and descriptions are written in German and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, Session, Speaker


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("bio",)
