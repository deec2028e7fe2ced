"""ESCO skills and occupations in the talent UI: check URIs, find an entry by its label, show labels.

Rows store the ESCO URI plus the label shown when it was chosen; pages show the taxonomy's label in the
reader's language where ESCO has one (occupations have German labels, skills only English ones).
"""

from dataclasses import dataclass

from django.utils.translation import get_language

from crosscluster.matching.esco import OCCUPATION_PREFIX, SKILL_PREFIX, autocomplete, taxonomy
from crosscluster.matching.text import fold

ATTRIBUTION = "ESCO, European Commission"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ESCO_URL = "https://esco.ec.europa.eu/"
MAX_SKILLS = 40


@dataclass(frozen=True)
class EscoEntry:
    """A checked skill or occupation: canonical URI, label, and for skills a level or whether it is required."""

    uri: str
    label: str
    level: int | None = None
    essential: bool = True


def language() -> str:
    return "en" if (get_language() or "de").startswith("en") else "de"


def skill(uri: str):
    """The taxonomy's skill for a URI or UUID, None when unknown."""
    index = taxonomy().skill_index(uri) if isinstance(uri, str) else None
    return None if index is None else taxonomy().skills[index]


def occupation(uri: str):
    index = taxonomy().occupation_index(uri) if isinstance(uri, str) else None
    return None if index is None else taxonomy().occupations[index]


def occupation_label(uri: str, fallback: str = "", lang: str | None = None) -> str:
    found = occupation(uri) if uri else None
    return found.label(lang or language()) if found else fallback


def skill_label(uri: str, fallback: str = "") -> str:
    found = skill(uri) if uri else None
    return found.label(language()) if found else fallback


def _find_by_label(text: str, kind: str):
    """The entry whose preferred or alternative label is ``text`` (case, umlauts and spacing ignored)."""
    wanted = " ".join(fold(text).split())
    if not wanted:
        return None
    for lang in (language(), "en" if language() == "de" else "de"):
        for suggestion in autocomplete(text[:200], kind=kind, language=lang, limit=25):
            labels = {suggestion.label, suggestion.matched, *suggestion.label.split("/")}
            if any(" ".join(fold(label).split()) == wanted for label in labels):
                return suggestion
    return None


def resolve_skill(uri: str = "", label: str = ""):
    """(canonical URI, English label) for a URI or an exact label; None when neither names an ESCO skill."""
    uri, label = (uri or "").strip(), (label or "").strip()
    if uri:
        found = skill(uri)
        return (found.uri, found.label_en) if found else None
    if label.lower().startswith(("http://", "https://")) or len(label) == 36 and label.count("-") == 4:
        found = skill(label)
        return (found.uri, found.label_en) if found else None
    suggestion = _find_by_label(label, "skill")
    return (suggestion.uri, skill(suggestion.uri).label_en) if suggestion else None


def resolve_occupation(uri: str = "", label: str = ""):
    """(canonical URI, label in the current language) for a URI or an exact label; None when unknown."""
    uri, label = (uri or "").strip(), (label or "").strip()
    if not uri and (label.lower().startswith(("http://", "https://")) or len(label) == 36 and label.count("-") == 4):
        uri = label
    if uri:
        found = occupation(uri)
        return (found.uri, found.label(language())) if found else None
    suggestion = _find_by_label(label, "occupation")
    return (suggestion.uri, occupation(suggestion.uri).label(language())) if suggestion else None


def is_esco_uri(value: str) -> bool:
    return isinstance(value, str) and value.startswith((SKILL_PREFIX, OCCUPATION_PREFIX))
