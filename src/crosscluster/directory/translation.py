"""Content that users write in German and English is stored per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Cluster, IndustryCode, Organisation, Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Cluster)
class ClusterTranslation(TranslationOptions):
    fields = ("description",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("description",)


@register(IndustryCode)
class IndustryCodeTranslation(TranslationOptions):
    fields = ("title",)
