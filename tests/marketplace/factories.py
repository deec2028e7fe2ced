"""Marketplace posts for tests: published offers valid for two months, located in Hamburg-Altona."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from crosscluster.marketplace.models import Post
from tests.factories import OrganisationFactory


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    kind = Post.Kind.OFFER
    category = Post.Category.PRODUCTION
    title = factory.Sequence(lambda n: f"Angebot {n}")
    title_de = factory.SelfAttribute("title")
    title_en = factory.Sequence(lambda n: f"Offer {n}")
    description_de = "Freie Kapazität."
    description_en = "Spare capacity."
    place = "Altona"
    latitude = Decimal("53.55000")
    longitude = Decimal("9.93500")
    radius_km = 50
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    valid_to = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    visibility = Post.Visibility.ALL
    status = Post.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def visible_clusters(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.visible_clusters.set(extracted)

    @factory.post_generation
    def _search_document(obj, create, extracted, **kwargs):
        from crosscluster.marketplace import services

        services._index_text(obj)
        if create:
            Post.objects.filter(pk=obj.pk).update(search_document=obj.search_document)
