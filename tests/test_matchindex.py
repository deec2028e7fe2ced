"""The live matching index follows the database: edits are matchable at once, closed and deleted rows vanish."""

import pytest

from crosscluster.directory.models import Organisation
from crosscluster.matchindex import LiveIndex
from crosscluster.matching import OFFER, REQUEST, Document
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def offer(org):
    return Document(id=org.pk, kind=OFFER, title={"de": org.name}, text={"de": org.description_de})


def request(text):
    return Document(id=None, kind=REQUEST, title={"de": text}, text={"de": text})


@pytest.fixture
def live_index():
    # Organisations stand in for marketplace offers; demo ones count as withdrawn.
    return LiveIndex("test-offers", model=Organisation, live=lambda qs: qs.filter(is_demo=False), document=offer)


def names(pairs):
    return [row.name for row, _match in pairs]


def test_first_search_builds_and_finds_by_text(live_index):
    OrganisationFactory(name="Elbe Laser", description_de="Laserschneiden von Blechen", is_demo=False)
    OrganisationFactory(name="Alster Catering", description_de="Kantinen und Events", is_demo=False)
    pairs = live_index.matches(request("Laserschneiden"), "request_to_offers", k=5)
    assert names(pairs)[0] == "Elbe Laser"
    assert pairs[0][1].score > 0


def test_an_edit_saved_elsewhere_is_matchable_on_the_next_search(live_index):
    caterer = OrganisationFactory(name="Alster Catering", description_de="Kantinen und Events", is_demo=False)
    OrganisationFactory(name="Elbe Laser", description_de="Laserschneiden", is_demo=False)
    assert "Alster Catering" not in names(live_index.matches(request("Wasserstoff"), "request_to_offers"))
    Organisation.objects.filter(pk=caterer.pk).update(description_de="Wasserstoff-Tankstellen")  # no signal
    caterer.refresh_from_db()
    caterer.save()  # bumps ``updated`` as any edit does
    assert names(live_index.matches(request("Wasserstoff"), "request_to_offers"))[0] == "Alster Catering"


def test_withdrawn_and_deleted_rows_are_never_shown(live_index):
    laser = OrganisationFactory(name="Elbe Laser", description_de="Laserschneiden", is_demo=False)
    other = OrganisationFactory(name="Nord Laser", description_de="Laserschneiden und Gravur", is_demo=False)
    assert set(names(live_index.matches(request("Laserschneiden"), "request_to_offers"))) == {
        "Elbe Laser",
        "Nord Laser",
    }
    laser.is_demo = True  # withdrawn
    laser.save()
    other.delete()
    assert names(live_index.matches(request("Laserschneiden"), "request_to_offers")) == []
    assert laser.pk not in live_index.index and other.pk not in live_index.index


def test_only_rows_the_viewer_may_see_widening_past_hidden_ones(live_index):
    hidden = [
        OrganisationFactory(name=f"Verdeckt {n}", description_de="Laserschneiden Laserschneiden", is_demo=False)
        for n in range(6)
    ]
    shown = OrganisationFactory(name="Sichtbar", description_de="Laserschneiden", is_demo=False)
    visible = Organisation.objects.exclude(pk__in=[o.pk for o in hidden])
    pairs = live_index.matches(request("Laserschneiden"), "request_to_offers", k=1, visible=visible)
    assert names(pairs) == ["Sichtbar"] and pairs[0][0].pk == shown.pk
    assert all(o.pk in live_index.index for o in hidden)  # hidden from this viewer, not removed
