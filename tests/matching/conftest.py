import pytest

from crosscluster.matching import Document, Index, SkillRef
from crosscluster.matching.esco import taxonomy

WELDER = "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
HAMBURG = (53.5511, 9.9937)
BERLIN = (52.5200, 13.4050)


@pytest.fixture(scope="session")
def tx():
    return taxonomy()


@pytest.fixture(scope="session")
def welder(tx):
    return tx.occupation(WELDER)


@pytest.fixture(scope="session")
def welder_skills(tx, welder):
    """URIs of the welder's essential skills, in ESCO order."""
    return [tx.skills[i].uri for i in welder.essential]


@pytest.fixture(scope="session")
def unrelated_skills(tx, welder):
    """Skills of a far-away occupation (no overlap with the welder, not related to its skills)."""
    welder_side = set(welder.essential) | set(welder.optional)
    for index in welder.essential:
        welder_side.update(other for other, _, _ in tx.related.get(index, ()))
    nurse = tx.occupations[tx.occupation_index(tx.autocomplete("nurse responsible", "occupation", "en")[0].uri)]
    return [tx.skills[i].uri for i in nurse.essential if i not in welder_side][:6]


def doc(doc_id, *, skills=(), at=HAMBURG, **fields):
    fields.setdefault("kind", "candidate")
    lat, lon = at if at else (None, None)
    return Document(
        id=doc_id, skills=[SkillRef(s) if isinstance(s, str) else s for s in skills], lat=lat, lon=lon, **fields
    )


def ids(matches):
    return [m.id for m in matches]


def build(*docs):
    return Index.build(list(docs))
