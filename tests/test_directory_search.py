import pytest

from crosscluster.directory.models import Organisation
from crosscluster.directory.search import fold, search_document
from tests.factories import OrganisationFactory


def test_fold_umlauts_and_sharp_s():
    assert fold("Müller Straße") == fold("Mueller Strasse") == "muller strasse"


def test_search_document_has_stems_and_words():
    doc = search_document("Häfen und Wasserstofftechnik")
    assert " hafen " in doc and " wasserstofftechnik " in doc


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "Wasserstoff",
        "wasserstoff",
        "stofftechnik",
        "Häfen",
        "Hafen",
        "haefen",
        "Hydrogen",
        "Müller",
        "Mueller",
        "muller elbe",
    ],
)
def test_organisation_search_finds_inflections_umlauts_and_partial_words(query):
    OrganisationFactory(
        name="Müller Elbe GmbH",
        description_de="Wasserstofftechnik für Häfen",
        description_en="Hydrogen technology for ports",
    )
    OrganisationFactory(name="Alster Catering", description_de="Kantinen und Events")
    names = list(Organisation.objects.search(query).values_list("name", flat=True))
    assert names == ["Müller Elbe GmbH"]


@pytest.mark.django_db
def test_organisation_search_requires_every_word():
    OrganisationFactory(name="Nordlicht Drohnen", description_de="Drohnen für die Logistik")
    assert Organisation.objects.search("Drohnen Logistik").count() == 1
    assert Organisation.objects.search("Drohnen Biotech").count() == 0


@pytest.mark.django_db
def test_organisation_search_ranks_name_matches_first():
    OrganisationFactory(name="Zeppelin Werke", description_de="Wir bauen Drohnen")
    OrganisationFactory(name="Drohnenhafen Hamburg", description_de="Start und Landung")
    names = list(Organisation.objects.search("Drohnen").values_list("name", flat=True))
    assert names == ["Drohnenhafen Hamburg", "Zeppelin Werke"]
