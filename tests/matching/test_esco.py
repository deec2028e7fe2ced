import csv
import gzip
import io
import zipfile
from pathlib import Path

import pytest

from crosscluster.matching.esco import DATA_DIR, autocomplete
from crosscluster.matching.esco.build import DEFAULT_SOURCE, RELATIONS_ZIP, build

SOURCE = DEFAULT_SOURCE
needs_source = pytest.mark.skipif(not (SOURCE / RELATIONS_ZIP).exists(), reason="ESCO downloads not beside the repo")


def test_taxonomy_counts_match_esco_v111(tx):
    # ESCO v1.1.1: 13,896 skills, 3,007 occupations (numbers of the official download, see shared/data/README.md)
    assert len(tx.skills) == 13_896
    assert len(tx.occupations) == 3_007
    relations = sum(len(o.essential) + len(o.optional) for o in tx.occupations)
    assert relations == 123_855 - 67  # the 67 relations of one occupation missing from the v1.1.1 occupation list
    assert sum(len(o.essential) for o in tx.occupations) > sum(len(o.optional) for o in tx.occupations)


@needs_source
def test_taxonomy_relations_match_source_for_every_occupation(tx):
    with zipfile.ZipFile(SOURCE / RELATIONS_ZIP) as archive, archive.open("occupationSkillRelations.csv") as raw:
        rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    expected = {}
    for row in rows:
        expected.setdefault((row["occupationUri"], row["relationType"]), set()).add(row["skillUri"])
    for occupation in tx.occupations:
        assert {tx.skills[i].uri for i in occupation.essential} == expected.get((occupation.uri, "essential"), set())
        assert {tx.skills[i].uri for i in occupation.optional} == expected.get((occupation.uri, "optional"), set())


@needs_source
def test_build_reproduces_the_shipped_files(tmp_path):
    build(SOURCE, out=tmp_path)
    for shipped in sorted(DATA_DIR.glob("*.tsv.gz")):
        assert gzip.decompress((tmp_path / shipped.name).read_bytes()) == gzip.decompress(shipped.read_bytes()), shipped
    assert (DATA_DIR / "NOTICE.md").read_text().count("ESCO, European Commission") >= 1


def test_german_occupation_labels_present_where_available(tx, welder):
    with_german = [o for o in tx.occupations if o.label_de]
    assert len(with_german) == 2_939  # the v1.0.8 German file covers 2,939 of the v1.1.1 occupations
    assert welder.label("de") == "Schweißer/Schweißerin"
    assert welder.label("en") == "welder"
    assert "Schweißerin" in welder.alt_de
    without = next(o for o in tx.occupations if not o.label_de)
    assert without.label("de") == without.label_en  # falls back to English


def test_occupation_lookup_accepts_uri_and_uuid(tx, welder):
    assert tx.occupation(welder.uuid) is welder
    assert tx.occupation(welder.uri.upper()) is welder
    with pytest.raises(KeyError, match="unknown ESCO occupation"):
        tx.occupation("http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000000")
    assert tx.skill_index("not a uri") is None


def test_related_skills_are_symmetric_partial_credit(tx):
    for skill, related in list(tx.related.items())[:2000]:
        for other, weight, source in related:
            assert 0 < weight <= 0.5
            assert source in {"esco", "hierarchy", "cooccurrence"}
            assert skill in {o for o, _, _ in tx.related.get(other, ())} or len(tx.related[other]) == 15


def test_related_skills_include_esco_skill_relations(tx):
    with gzip.open(DATA_DIR / "skill_relations.tsv.gz", "rt") as handle:
        next(handle)
        skill, other, _ = next(line.rstrip("\n").split("\t") for line in handle if line.endswith("optional\n"))
    related = {r.skill.index: r for r in tx.related_skills(tx.skills[int(skill)].uri)}
    assert int(other) in related


@pytest.mark.parametrize("typed", ["Bäck", "baeck", "BAECKER", "bäcker"])
def test_autocomplete_folds_umlauts(typed):
    first = autocomplete(typed, kind="occupation", language="de")[0]
    assert first.label == "Bäcker/Bäckerin"
    assert first.matched == "Bäcker"


def test_autocomplete_finds_compound_parts_and_several_words():
    labels = [s.label for s in autocomplete("schweisser", kind="occupation", language="de", limit=10)]
    assert labels[0] == "Schweißer/Schweißerin"
    assert any(label.startswith("Laserschweißer") for label in labels)  # inside a German compound
    skills = autocomplete("project manag", kind="skill", language="en", limit=5)
    assert skills[0].label == "project management"
    assert all("project" in s.matched.lower() and "manag" in s.matched.lower() for s in skills)


def test_autocomplete_languages_and_limits():
    english = autocomplete("baker", kind="occupation", language="en", limit=3)
    assert english[0].label == "baker" and len(english) <= 3
    german = autocomplete("baker", kind="occupation", language="de", limit=3)
    assert german[0].label == "Bäcker/Bäckerin"  # English typed, German label shown
    assert autocomplete("", kind="skill") == []
    assert autocomplete("   ", kind="skill") == []
    assert autocomplete("zzzzqqq", kind="skill") == []
    assert autocomplete("weld", kind="skill", limit=1)[0].to_dict().keys() == {"kind", "uri", "label", "matched"}


def test_autocomplete_rejects_unknown_kind_and_language():
    with pytest.raises(ValueError, match="kind"):
        autocomplete("x", kind="job")
    with pytest.raises(ValueError, match="language"):
        autocomplete("x", language="fr")
    with pytest.raises(ValueError, match="limit"):
        autocomplete("x", limit="10")


def test_notice_names_licence_and_version():
    notice = (DATA_DIR / "NOTICE.md").read_text()
    for required in ("ESCO, European Commission", "CC BY 4.0", "2011/833/EU", "v1.1.1", "What we changed"):
        assert required in notice
    assert Path(DATA_DIR / "build.py").exists()
