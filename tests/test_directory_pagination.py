"""Search results count in the page query; the pages and totals a visitor sees stay those of Django's paginator."""

import pytest
from django.core.paginator import Paginator

from crosscluster.directory.models import Organisation
from crosscluster.directory.pagination import TOTAL, WindowCountPaginator
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def drones():
    for n in range(7):
        OrganisationFactory(name=f"Drohnen {n:02d}", description_de="Drohnen", description_en="")
    OrganisationFactory(name="Kantine", description_de="Essen", description_en="")
    return Organisation.objects.search("Drohnen").values("pk", "name")


@pytest.mark.parametrize("number", [1, 2, 3, "2", "x", None, 0, -4, 99])
def test_pages_and_totals_equal_djangos_paginator(drones, number):
    ours = WindowCountPaginator(drones, 3).get_page(number)
    django = Paginator(drones, 3).get_page(number)
    assert [row["name"] for row in ours] == [row["name"] for row in django]
    assert (ours.number, ours.paginator.count, ours.paginator.num_pages) == (
        django.number,
        django.paginator.count,
        django.paginator.num_pages,
    )
    assert (ours.has_next(), ours.has_previous()) == (django.has_next(), django.has_previous())


def test_one_query_for_a_page_within_range(drones, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = WindowCountPaginator(drones, 3).get_page(2)
        assert page.paginator.count == 7 and page[0][TOTAL] == 7 and page.has_next()


def test_no_results_is_an_empty_first_page(db):
    page = WindowCountPaginator(Organisation.objects.search("Quanten").values("pk"), 3).get_page(4)
    assert page.number == 1 and page.paginator.count == 0 and list(page) == []
