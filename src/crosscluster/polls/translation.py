"""Questions, option labels and scale labels are written in German and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Poll, PollOption


@register(Poll)
class PollTranslation(TranslationOptions):
    fields = ("question", "scale_min_label", "scale_max_label")


@register(PollOption)
class PollOptionTranslation(TranslationOptions):
    fields = ("label",)
