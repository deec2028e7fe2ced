"""Titles and descriptions of posts are written in German and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Post


@register(Post)
class PostTranslation(TranslationOptions):
    fields = ("title", "description")
