"""Names that organisers write in German and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import ParticipationType


@register(ParticipationType)
class ParticipationTypeTranslation(TranslationOptions):
    fields = ("name",)
