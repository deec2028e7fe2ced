"""A member representative posts a request and sees a matching offer with its explanation. In a real browser."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from crosscluster.marketplace.matching import POSTS
from crosscluster.marketplace.models import Post
from tests.factories import PASSWORD
from tests.marketplace.factories import PostFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at"),
]


@pytest.fixture
def offers(other_organisation, representative):
    POSTS.reset()
    representative.first_name, representative.last_name, representative.language = "Lena", "Brandt", "en"
    representative.save()
    PostFactory(
        organisation=other_organisation,
        kind="offer",
        category="production",
        title_de="Produktionskapazität für Desinfektionsmittel",
        title_en="Production capacity for hand disinfectant",
        description_de="Abfüllanlage frei: Handdesinfektionsmittel nach WHO-Rezeptur, 5.000 Liter pro Woche.",
        description_en="Filling line free: hand disinfectant to the WHO formulation, 5,000 litres a week.",
        place="Bahrenfeld",
        latitude=Decimal("53.566"),
        longitude=Decimal("9.900"),
    )
    PostFactory(
        organisation=other_organisation,
        kind="offer",
        category="space",
        title_en="Warehouse space in the port",
        description_en="2,000 pallet spaces.",
    )
    yield
    POSTS.reset()


def test_representative_posts_a_request_and_sees_a_matching_offer_explained(page, console, offers):
    page.goto("/accounts/login/?next=/marketplace/")
    main = page.get_by_role("main")
    main.get_by_label("E-mail address").fill("rep@example.org")
    main.get_by_label("Password").fill(PASSWORD)
    main.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Marketplace")

    page.get_by_role("link", name="New offer or request").click()
    form = page.get_by_role("main")
    form.get_by_label("Request", exact=True).check()
    form.get_by_label("Category").select_option(label="Production capacity")
    form.get_by_label("Title (English)").fill("Wanted: production capacity for hand disinfectant")
    form.get_by_label("Description (English)").fill("We need a manufacturer who fills hand disinfectant.")
    form.get_by_label("Quantity").fill("2000")
    form.get_by_label("Unit").fill("litres per week")
    form.get_by_label("Place", exact=True).fill("Ottensen")
    form.get_by_role("button", name="Publish").click()

    expect(page.locator(".messages")).to_contain_text("is published")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wanted: production capacity for hand disinfectant")
    matches = page.get_by_role("region", name="Matching offers")
    first = matches.get_by_role("listitem").filter(has_text="Production capacity for hand disinfectant").first
    expect(first).to_be_visible()
    expect(first).to_contain_text(re.compile(r"\d+ % match"))
    expect(first).to_contain_text("Words in common")
    expect(first).to_contain_text(re.compile(r"disinfectant", re.IGNORECASE))
    expect(first).to_contain_text(re.compile(r"Distance\s*\d+(\.\d)? km \(within the radius\)"))
    expect(first).to_contain_text("overlap")
    expect(matches).not_to_contain_text("Warehouse space")  # another category

    request = Post.objects.get(kind="request")
    assert request.status == "published" and request.organisation.slug == "elbe-drohnen"
    assert not console.csp_violations(), console.csp_violations()
    assert not console.errors, console.errors
