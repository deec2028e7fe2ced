"""What the engine matches: documents (offers, requests, jobs, candidates, staff) and queries of the same shape.

A :class:`Document` is plain data the Django side fills from its models. :func:`prepare` checks it and turns it
into the compact :class:`Prepared` form; bad input raises :class:`MatchingInputError` (a ``ValueError``) whose
message names the document and the field, e.g. ``document 'cand-7': skills[2]: unknown ESCO skill 'foo'``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from crosscluster.matching.esco import Taxonomy
from crosscluster.matching.text import LANGUAGES, Stemmers, content_words

_WORD = re.compile(r"[^\W_]+")

# Kinds of documents used by the five directions (any other string works too).
OFFER = "offer"
REQUEST = "request"
JOB = "job"
CANDIDATE = "candidate"
STAFF_SUPPLY = "staff_supply"
STAFF_DEMAND = "staff_demand"

MIN_LEVEL, MAX_LEVEL = 1, 5
ESSENTIAL_WEIGHT = 1.0
OPTIONAL_WEIGHT = 0.5
RESERVED_ATTRIBUTES = ("kind", "category")


class MatchingInputError(ValueError):
    """Bad input to the matching engine; the message names the document and the field."""


@dataclass(frozen=True, slots=True)
class SkillRef:
    """An ESCO skill (URI or UUID) with an optional level (1 basic … 5 expert) and whether it is essential.

    ``essential`` matters on the side that states requirements (a job, a request, a staff demand): essential
    skills weigh 1, optional ones 0.5. ``level`` on a requirement is the level needed; on a profile, the level
    held.
    """

    uri: str
    level: int | None = None
    essential: bool = True


@dataclass(slots=True)
class Document:
    """One offer, request, job posting, candidate profile or staff offer/demand; a query has the same shape.

    ``title`` and ``text`` are a string (language unknown: both stemmers) or ``{"de": ..., "en": ...}``.
    ``remote`` is the share of remote work (0–1; 1 means location does not matter), ``relocate`` a willingness
    to move. ``available_from``/``available_to`` is the period of availability or validity (open ends allowed).
    ``attributes`` are extra filter values (str, int, float, bool or lists of them), e.g. contract type.
    """

    id: Hashable | None = None
    kind: str = ""
    title: str | Mapping[str, str] = ""
    text: str | Mapping[str, str] = ""
    skills: Sequence[SkillRef | str | Mapping[str, Any]] = ()
    occupation: str | None = None
    lat: float | None = None
    lon: float | None = None
    radius_km: float | None = None
    remote: float = 0.0
    relocate: bool = False
    available_from: date | str | None = None
    available_to: date | str | None = None
    category: str | None = None
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Prepared:
    """A checked document: words per language, skills as taxonomy rows, numbers for the vectorised scores."""

    id: Hashable | None
    kind: str
    title_words: list[tuple[str, list[str]]]  # (language or "", folded content words)
    text_words: list[tuple[str, list[str]]]
    skills: tuple[tuple[int, float, int], ...]  # (skill row, weight, level 0 = unknown)
    skills_implied: bool  # taken from the occupation because no skills were given
    occupation: int  # -1 = none
    lat: float  # NaN = unknown
    lon: float
    radius_km: float  # 0 = none given
    remote: float
    relocate: bool
    start: float  # date ordinal, -inf = open
    end: float  # date ordinal, +inf = open
    attributes: dict[str, tuple[Any, ...]]
    surface: dict[str, str] = field(default_factory=dict)  # folded word -> word as written (for explanations)

    @property
    def has_location(self) -> bool:
        return not math.isnan(self.lat)

    @property
    def has_period(self) -> bool:
        return self.start != -math.inf or self.end != math.inf

    @property
    def has_text(self) -> bool:
        return any(words for _, words in self.title_words) or any(words for _, words in self.text_words)


def _fail(where: str, message: str) -> MatchingInputError:
    return MatchingInputError(f"{where}: {message}")


def _text(value: Any, name: str, where: str) -> list[tuple[str, str]]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [("", value)]
    if isinstance(value, Mapping):
        out = []
        for language, text in value.items():
            if language not in LANGUAGES:
                raise _fail(where, f"{name}: language must be 'de' or 'en', not {language!r}")
            if text is None:
                continue
            if not isinstance(text, str):
                raise _fail(where, f"{name}[{language!r}]: must be text, not {type(text).__name__}")
            out.append((language, text))
        return out
    raise _fail(where, f"{name}: must be text or a mapping of language to text, not {type(value).__name__}")


def _number(value: Any, name: str, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(where, f"{name}: must be a number, not {value!r}")
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise _fail(where, f"{name}: must be between {low:g} and {high:g}, not {value!r}")
    return number


def _day(value: Any, name: str, where: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return float(value.date().toordinal())
    if isinstance(value, date):
        return float(value.toordinal())
    if isinstance(value, str):
        try:
            return float(date.fromisoformat(value.strip()[:10]).toordinal())
        except ValueError:
            raise _fail(where, f"{name}: not a date (YYYY-MM-DD): {value!r}") from None
    raise _fail(where, f"{name}: must be a date, not {type(value).__name__}")


def _skill(entry: Any, position: int, taxonomy: Taxonomy, where: str) -> tuple[int, float, int]:
    name = f"skills[{position}]"
    if isinstance(entry, str):
        entry = SkillRef(entry)
    elif isinstance(entry, Mapping):
        unknown = set(entry) - {"uri", "level", "essential"}
        if unknown or "uri" not in entry:
            raise _fail(where, f"{name}: expected keys uri, level, essential; got {sorted(entry)}")
        entry = SkillRef(entry["uri"], entry.get("level"), entry.get("essential", True))
    elif not isinstance(entry, SkillRef):
        raise _fail(where, f"{name}: must be an ESCO skill URI or SkillRef, not {type(entry).__name__}")
    row = taxonomy.skill_index(entry.uri)
    if row is None:
        raise _fail(where, f"{name}: unknown ESCO skill {entry.uri!r}")
    level = 0
    if entry.level is not None:
        if isinstance(entry.level, bool) or not isinstance(entry.level, int):
            raise _fail(where, f"{name}.level: must be a whole number {MIN_LEVEL}–{MAX_LEVEL}, not {entry.level!r}")
        if not MIN_LEVEL <= entry.level <= MAX_LEVEL:
            raise _fail(where, f"{name}.level: must be between {MIN_LEVEL} and {MAX_LEVEL}, not {entry.level}")
        level = entry.level
    return row, ESSENTIAL_WEIGHT if entry.essential else OPTIONAL_WEIGHT, level


def _attribute_values(value: Any, name: str, where: str) -> tuple[Any, ...]:
    values = tuple(value) if isinstance(value, list | tuple | set | frozenset) else (value,)
    for item in values:
        if not isinstance(item, str | int | float | bool) or (isinstance(item, float) and math.isnan(item)):
            raise _fail(where, f"attributes[{name!r}]: values must be text, numbers or booleans, not {item!r}")
    return values


def prepare(doc: Document, taxonomy: Taxonomy, *, role: str = "document") -> Prepared:
    """Check ``doc`` and return its compact form; raises :class:`MatchingInputError` naming the field."""
    if not isinstance(doc, Document):
        raise MatchingInputError(f"{role}: expected a matching Document, not {type(doc).__name__}")
    where = f"{role} {doc.id!r}" if doc.id is not None else role
    if role == "document" and doc.id is None:
        raise _fail(where, "id: a document needs an id")
    if doc.id is not None:
        try:
            hash(doc.id)
        except TypeError:
            raise _fail(where, f"id: must be hashable, not {type(doc.id).__name__}") from None
    if not isinstance(doc.kind, str):
        raise _fail(where, f"kind: must be text, not {doc.kind!r}")

    title = [(language, content_words(text)) for language, text in _text(doc.title, "title", where)]
    body = [(language, content_words(text)) for language, text in _text(doc.text, "text", where)]
    surface: dict[str, str] = {}
    if role == "query":
        for _, text in _text(doc.title, "title", where) + _text(doc.text, "text", where):
            for original in _WORD.findall(text):
                for folded in content_words(original):
                    surface.setdefault(folded, original)

    if isinstance(doc.skills, str | bytes) or not isinstance(doc.skills, Sequence | set | frozenset):
        raise _fail(where, "skills: must be a list of ESCO skills")
    skills: dict[int, tuple[int, float, int]] = {}
    for position, entry in enumerate(doc.skills):
        row, weight, level = _skill(entry, position, taxonomy, where)
        old = skills.get(row)
        if old is None or (weight, level) > old[1:]:
            skills[row] = (row, weight, level)

    occupation = -1
    if doc.occupation not in (None, ""):
        found = taxonomy.occupation_index(doc.occupation) if isinstance(doc.occupation, str) else None
        if found is None:
            raise _fail(where, f"occupation: unknown ESCO occupation {doc.occupation!r}")
        occupation = found
    implied = False
    if not skills and occupation >= 0:
        item = taxonomy.occupations[occupation]
        skills = {row: (row, OPTIONAL_WEIGHT, 0) for row in item.optional}
        skills.update({row: (row, ESSENTIAL_WEIGHT, 0) for row in item.essential})
        implied = bool(skills)

    if (doc.lat is None) != (doc.lon is None):
        raise _fail(where, "lat/lon: give both coordinates or neither")
    lat = lon = math.nan
    if doc.lat is not None:
        lat = _number(doc.lat, "lat", where, -90, 90)
        lon = _number(doc.lon, "lon", where, -180, 180)
    radius = 0.0 if doc.radius_km is None else _number(doc.radius_km, "radius_km", where, 0, 20_000)
    remote = float(doc.remote) if isinstance(doc.remote, bool) else _number(doc.remote, "remote", where, 0, 1)
    if not isinstance(doc.relocate, bool):
        raise _fail(where, f"relocate: must be true or false, not {doc.relocate!r}")

    start = _day(doc.available_from, "available_from", where)
    end = _day(doc.available_to, "available_to", where)
    if start is not None and end is not None and end < start:
        raise _fail(where, "available_to: is before available_from")

    if not isinstance(doc.attributes, Mapping):
        raise _fail(where, "attributes: must be a mapping of name to value")
    attributes = {}
    for name, value in doc.attributes.items():
        if not isinstance(name, str) or name in RESERVED_ATTRIBUTES:
            raise _fail(where, f"attributes: {name!r} is not allowed as a name (kind and category are fields)")
        if value is not None:
            attributes[name] = _attribute_values(value, name, where)
    attributes["kind"] = (doc.kind,)
    if doc.category is not None:
        if not isinstance(doc.category, str):
            raise _fail(where, f"category: must be text, not {doc.category!r}")
        attributes["category"] = (doc.category,)

    return Prepared(
        id=doc.id,
        kind=doc.kind,
        title_words=title,
        text_words=body,
        skills=tuple(skills.values()),
        skills_implied=implied,
        occupation=occupation,
        lat=lat,
        lon=lon,
        radius_km=radius,
        remote=remote,
        relocate=doc.relocate,
        start=-math.inf if start is None else start,
        end=math.inf if end is None else end,
        attributes=attributes,
        surface=surface,
    )


def term_frequencies(
    prepared: Prepared, stemmers: Stemmers, taxonomy: Taxonomy, *, title_boost: float, skill_label_boost: float
) -> dict[str, float]:
    """Stemmed terms of a document with their (boosted) frequencies: German fields with the German stemmer,
    English fields with the English one, fields of unknown language with both; skill labels (English) too."""
    counts: dict[str, float] = {}
    fields = [(language, words, title_boost) for language, words in prepared.title_words]
    fields += [(language, words, 1.0) for language, words in prepared.text_words]
    if skill_label_boost > 0 and prepared.skills:
        skill_words = []
        for row, _, _ in prepared.skills:
            skill_words.extend(label_words(taxonomy.skills[row].label_en))
        fields.append(("en", skill_words, skill_label_boost))
    for language, words, boost in fields:
        if not words:
            continue
        languages = (language,) if language else LANGUAGES
        share = boost / len(languages)
        for lang in languages:
            for stem in stemmers.stem_all(words, lang):
                counts[stem] = counts.get(stem, 0.0) + share
    return counts


@lru_cache(maxsize=50_000)
def label_words(label: str) -> tuple[str, ...]:
    """Folded content words of an (English) ESCO label."""
    return tuple(content_words(label))
