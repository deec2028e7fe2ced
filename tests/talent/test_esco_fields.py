"""ESCO in the UI: the autocomplete endpoint (German and English labels, umlauts), the combobox markup, looking up
a typed label without JavaScript, and the attribution on every page that shows ESCO data."""

import pytest
from django.utils import translation

from crosscluster.talent import esco

from .conftest import ARC_WELDING, WELDER
from .factories import JobPostingFactory

pytestmark = pytest.mark.django_db


def suggestions(client, query):
    response = client.get(f"/talent/esco/autocomplete/?{query}")
    assert response.status_code == 200
    assert response.json()["attribution"] == "ESCO, European Commission"
    return response.json()["results"]


def test_occupations_autocomplete_in_german_with_umlauts(client):
    results = suggestions(client, "kind=occupation&q=schweiß&lang=de")
    assert results[0] == {
        "kind": "occupation",
        "uri": WELDER,
        "label": "Schweißer/Schweißerin",
        "matched": "Schweißer",
    }
    assert suggestions(client, "kind=occupation&q=schweiss&lang=de")[0]["uri"] == WELDER  # ß typed as ss


def test_occupations_autocomplete_in_english_and_the_pages_language(client):
    assert suggestions(client, "kind=occupation&q=welder&lang=en")[0]["label"] == "welder"
    client.cookies["django_language"] = "en"
    assert suggestions(client, "kind=occupation&q=Schweißer")[0]["label"] == "welder"


def test_skills_autocomplete_finds_english_labels_and_limits(client):
    results = suggestions(client, "kind=skill&q=apply+arc+weld&limit=3")
    assert ARC_WELDING in [r["uri"] for r in results] and len(results) <= 3
    assert suggestions(client, "kind=skill&q=") == []


def test_typed_labels_are_looked_up_exactly_without_javascript():
    with translation.override("de"):
        assert esco.resolve_occupation(label="schweisserin") == (WELDER, "Schweißer/Schweißerin")
    with translation.override("en"):
        assert esco.resolve_occupation(label="Schweißerin") == (WELDER, "welder")
    assert esco.resolve_skill(label="Apply Arc Welding Techniques") == (ARC_WELDING, "apply arc welding techniques")
    assert esco.resolve_skill(label="arc welding") is None  # only a suggestion, not a label
    assert esco.resolve_skill(uri="27d26fd6-5795-4f0a-884e-112df7c68314") == (
        ARC_WELDING,
        "apply arc welding techniques",
    )


def test_skill_fields_are_comboboxes_with_a_listbox_and_labels(client_for):
    page = client_for("representative").get("/talent/jobs/new/").content.decode()

    assert 'role="combobox"' in page and 'aria-autocomplete="list"' in page
    assert 'role="listbox"' in page and 'aria-controls="id_skills_1_listbox"' in page
    assert '<label for="id_skills_1" class="visually-hidden">Skill 1</label>' in page
    assert 'data-esco-url="/talent/esco/autocomplete/"' in page
    assert '<script src="/static/talent/talent.js" defer></script>' in page
    assert "<script>" not in page and " style=" not in page  # CSP: no inline code


@pytest.mark.parametrize(
    "path",
    ["/talent/", "/talent/jobs/{job}/", "/talent/jobs/new/", "/talent/profile/", "/talent/profile/edit/"],
)
def test_pages_with_esco_data_show_the_attribution(client_for, organisation, path):
    job = JobPostingFactory(organisation=organisation, skills=[(ARC_WELDING, True)])
    page = client_for("representative").get(path.format(job=job.pk)).content.decode()
    assert "ESCO, European Commission" in page and "creativecommons.org/licenses/by/4.0/" in page


def test_occupation_label_follows_the_readers_language(client, organisation):
    job = JobPostingFactory(organisation=organisation, occupation_uri=WELDER, occupation_label="Schweißer/Schweißerin")
    client.cookies["django_language"] = "en"
    assert "welder" in client.get(f"/talent/jobs/{job.pk}/").content.decode()
    client.cookies["django_language"] = "de"
    assert "Schweißer/Schweißerin" in client.get(f"/talent/jobs/{job.pk}/").content.decode()
