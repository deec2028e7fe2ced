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


SEMANTICS_ORGANISATIONS = [
    ("Gesellschaft für Schiffbau", "Werft und Reparatur von Frachtschiffen"),
    ("Stadthafen Logistik", "Umschlag im Hafen, Containerlogistik"),
    ("Elbe Wasserstoff", "Elektrolyse und Wasserstofftechnik für die Industrie"),
    ("Software Kontor", "Softwareentwicklung, KI und Datenplattformen"),
    ("Häfen-Beratung Nord", "Consulting for ports and harbours"),
    ("O'Brien & Söhne", "Catering, Events und Kantinen"),
]


def _reference(documents: dict, query: str) -> set:
    """The documented rule in plain Python: every query word has a form inside a word (4+ letters) or starting one."""
    from crosscluster.directory.search import MIN_INFIX_LENGTH, query_terms

    def matches(doc, form):
        return form in doc if len(form) >= MIN_INFIX_LENGTH else f" {form}" in doc

    terms = query_terms(query)
    return {pk for pk, doc in documents.items() if all(any(matches(doc, f) for f in forms) for forms in terms)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["haf", "hafen", "schaft", "stoff", "stofftechnik", "soft", "so", "ki", "Söhne", "o'brien", "brien",
     "port", "ports harbour", "werft schiff", "frachtschiff", "logistik hafen", "xyz", "ele", "ektro"],
)  # fmt: skip
def test_search_follows_the_documented_rule_on_every_database(query):
    """SQLite answers with LIKE, PostgreSQL from its word-and-suffix index: both must give exactly the rule's rows."""
    for name, description in SEMANTICS_ORGANISATIONS:
        OrganisationFactory(name=name, description_de=description, description_en="")
    documents = dict(Organisation.objects.values_list("pk", "search_document"))
    found = set(Organisation.objects.search(query).values_list("pk", flat=True))
    assert found == _reference(documents, query)


@pytest.mark.django_db
def test_short_words_match_only_at_a_word_start():
    OrganisationFactory(name="Gesellschaft für Schiffbau", description_de="", description_en="")
    assert not Organisation.objects.search("haf").exists()  # "haf" inside "Gesellschaft" is no match
    assert Organisation.objects.search("schaft").exists()  # four letters and more match inside words


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_searches_plan_along_the_index_only_inside_the_block():
    from django.db import connection

    from crosscluster.directory.search import index_first

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")

    def setting():
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            return cursor.fetchone()[0]

    OrganisationFactory(name="Elbe Drohnen", description_de="Drohnen", description_en="")
    with index_first():
        assert setting() == "off"
        assert Organisation.objects.search("a").count() == 1  # a word most rows contain: along the index
    assert setting() == "on"


@pytest.mark.django_db
def test_stored_search_vector_follows_edits_and_bulk_inserts():
    """On PostgreSQL a trigger keeps the searched vector current; on SQLite the document is searched directly."""
    org = OrganisationFactory(name="Elbe Drohnen", description_de="Drohnen", description_en="")
    Organisation.objects.bulk_create([Organisation(slug="bulk", name="Bulk Werft", search_document=" werft ")])
    assert list(Organisation.objects.search("werft").values_list("slug", flat=True)) == ["bulk"]
    org.description_de = "Wasserstoff"
    org.save()
    assert Organisation.objects.search("wasserstoff").get() == org
    assert not Organisation.objects.search("drohnen").exclude(pk=org.pk).exists()
    assert Organisation.objects.search("drohnen").get() == org  # the name still says Drohnen
