"""The ESCO skills and occupations taxonomy that ships with CrossCluster (ESCO v1.1.1, European Commission).

``taxonomy()`` loads the compact files next to this module once per process (about half a second) and returns
a :class:`Taxonomy`: skills with English labels (ESCO's German skill labels are not in the data we have),
occupations with English and German labels, their essential and optional skills, and related skills per skill
(see ``related.py``). ``autocomplete()`` serves the skill and occupation fields of the UI. Attribution and
licence: ``NOTICE.md`` next to this file.
"""

from __future__ import annotations

import bisect
import csv
import gzip
import math
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from crosscluster.matching.text import fold

DATA_DIR = Path(__file__).resolve().parent
SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
OCCUPATION_PREFIX = "http://data.europa.eu/esco/occupation/"
ESCO_VERSION = "1.1.1"
KINDS = ("skill", "occupation")
_SOURCES = {"c": "cooccurrence", "e": "esco", "h": "hierarchy"}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True, slots=True)
class Skill:
    index: int
    uuid: str
    type: str  # "skill" or "knowledge"
    reuse: str  # transversal, cross-sector, sector-specific, occupation-specific
    label_en: str
    alt_en: tuple[str, ...]

    @property
    def uri(self) -> str:
        return SKILL_PREFIX + self.uuid

    def label(self, language: str = "en") -> str:
        """The preferred label; English in every language for now (no German skill labels in our ESCO data)."""
        return self.label_en


@dataclass(frozen=True, slots=True)
class Occupation:
    index: int
    uuid: str
    code: str  # ESCO code, e.g. "7212.1"
    isco: str  # ISCO-08 unit group, e.g. "7212"
    label_en: str
    label_de: str
    alt_en: tuple[str, ...]
    alt_de: tuple[str, ...]
    description_en: str
    description_de: str
    essential: tuple[int, ...] = field(default=())
    optional: tuple[int, ...] = field(default=())

    @property
    def uri(self) -> str:
        return OCCUPATION_PREFIX + self.uuid

    def label(self, language: str = "en") -> str:
        """The preferred label in ``language``, English where ESCO has no German label."""
        return self.label_de if language == "de" and self.label_de else self.label_en

    def description(self, language: str = "en") -> str:
        return self.description_de if language == "de" and self.description_de else self.description_en


@dataclass(frozen=True, slots=True)
class RelatedSkill:
    skill: Skill
    weight: float  # partial credit in (0, 1)
    source: str  # "esco" (skill-skill relation), "hierarchy" (broader/narrower), "cooccurrence"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One autocomplete entry: ``label`` is the preferred label, ``matched`` the (alternative) label typed."""

    kind: str
    uri: str
    label: str
    matched: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "uri": self.uri, "label": self.label, "matched": self.matched}


def _rows(name: str) -> list[list[str]]:
    with gzip.open(DATA_DIR / name, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        return list(reader)


def _split(value: str) -> tuple[str, ...]:
    return tuple(value.split("|")) if value else ()


def _ints(value: str) -> tuple[int, ...]:
    return tuple(int(v) for v in value.split("|")) if value else ()


def skill_specificity(occupations: list[Occupation], n_skills: int) -> list[float]:
    """How specific each skill is: the idf of the skill over ESCO occupations (essential or optional), so
    "TIG welding" (a few occupations) weighs about four times "communication" (hundreds)."""
    counts = [0] * n_skills
    for occupation in occupations:
        for skill in set(occupation.essential) | set(occupation.optional):
            counts[skill] += 1
    total = len(occupations)
    return [math.log(1.0 + (total - c + 0.5) / (c + 0.5)) for c in counts]


class Taxonomy:
    """Skills, occupations and their relations; look-ups accept a full ESCO URI or its UUID."""

    def __init__(self, skills, occupations, isco_groups, related, broader_occupation, specificity=None):
        self.skills: list[Skill] = skills
        self.occupations: list[Occupation] = occupations
        self.isco_groups: dict[str, tuple[str, str]] = isco_groups  # code -> (label en, label de)
        self.related: dict[int, tuple[tuple[int, float, str], ...]] = related
        self.broader_occupation: dict[int, int] = broader_occupation
        self.specificity: list[float] = specificity or skill_specificity(occupations, len(skills))
        self._skill_by_uuid = {s.uuid: s.index for s in skills}
        self._occupation_by_uuid = {o.uuid: o.index for o in occupations}
        self._completers: dict[tuple[str, str], _Completer] = {}
        self._lock = threading.Lock()

    @classmethod
    def load(cls) -> Taxonomy:
        skills = [
            Skill(i, uuid, kind, reuse, label, _split(alt))
            for i, (uuid, kind, reuse, label, alt) in enumerate(_rows("skills.tsv.gz"))
        ]
        requirements = {int(o): (_ints(ess), _ints(opt)) for o, ess, opt in _rows("occupation_skills.tsv.gz")}
        occupations = []
        for i, (uuid, code, isco, label_en, label_de, alt_en, alt_de, desc_en, desc_de) in enumerate(
            _rows("occupations.tsv.gz")
        ):
            essential, optional = requirements.get(i, ((), ()))
            occupations.append(
                Occupation(
                    i,
                    uuid,
                    code,
                    isco,
                    label_en,
                    label_de,
                    _split(alt_en),
                    _split(alt_de),
                    desc_en,
                    desc_de,
                    essential,
                    optional,
                )
            )
        isco_groups = {code: (en, de) for code, en, de in _rows("isco_groups.tsv.gz")}
        related = {}
        for skill, entries in _rows("related_skills.tsv.gz"):
            parsed = []
            for entry in entries.split("|"):
                other, weight, source = entry.split(":")
                parsed.append((int(other), float(weight), _SOURCES[source]))
            related[int(skill)] = tuple(parsed)
        broader = {int(a): int(b) for a, b in _rows("occupation_broader.tsv.gz")}
        return cls(skills, occupations, isco_groups, related, broader)

    def with_related(self, related: dict[int, list[tuple[int, float, str]]], specificity=None) -> Taxonomy:
        """The same taxonomy with another related-skills table and skill specificity (for evaluations on
        held-out occupations)."""
        return Taxonomy(
            self.skills,
            self.occupations,
            self.isco_groups,
            {k: tuple(v) for k, v in related.items()},
            self.broader_occupation,
            specificity or self.specificity,
        )

    # -- look-ups ---------------------------------------------------------------------------------------------

    @staticmethod
    def _uuid(ref: str, prefix: str) -> str | None:
        if not isinstance(ref, str):
            return None
        ref = ref.strip().lower()
        ref = ref.removeprefix(prefix).removeprefix(prefix.replace("http://", "https://"))
        return ref if _UUID.fullmatch(ref) else None

    def skill_index(self, ref: str) -> int | None:
        """Row of a skill given by URI or UUID, None when unknown."""
        uuid = self._uuid(ref, SKILL_PREFIX)
        return self._skill_by_uuid.get(uuid) if uuid else None

    def occupation_index(self, ref: str) -> int | None:
        uuid = self._uuid(ref, OCCUPATION_PREFIX)
        return self._occupation_by_uuid.get(uuid) if uuid else None

    def skill(self, ref: str | int) -> Skill:
        index = ref if isinstance(ref, int) else self.skill_index(ref)
        if index is None or not 0 <= index < len(self.skills):
            raise KeyError(f"unknown ESCO skill {ref!r}")
        return self.skills[index]

    def occupation(self, ref: str | int) -> Occupation:
        index = ref if isinstance(ref, int) else self.occupation_index(ref)
        if index is None or not 0 <= index < len(self.occupations):
            raise KeyError(f"unknown ESCO occupation {ref!r}")
        return self.occupations[index]

    def essential_skills(self, occupation: str | int) -> list[Skill]:
        return [self.skills[i] for i in self.occupation(occupation).essential]

    def optional_skills(self, occupation: str | int) -> list[Skill]:
        return [self.skills[i] for i in self.occupation(occupation).optional]

    def related_skills(self, skill: str | int) -> list[RelatedSkill]:
        """Skills that earn partial credit for ``skill``, best first."""
        index = self.skill(skill).index
        return [RelatedSkill(self.skills[o], w, s) for o, w, s in self.related.get(index, ())]

    def isco_label(self, code: str, language: str = "en") -> str:
        en, de = self.isco_groups.get(code, ("", ""))
        return de if language == "de" and de else en

    # -- autocomplete -----------------------------------------------------------------------------------------

    def autocomplete(self, term: str, kind: str = "skill", language: str = "de", limit: int = 10) -> list[Suggestion]:
        """Skills or occupations whose labels contain every word typed (umlauts folded), best first.

        Labels that start with the typed text come first, then labels with a word starting with it, then labels
        containing it inside a word (German compounds: "schweiß" finds "Unterwasserschweißer"); within each,
        preferred labels before alternative ones, labels in ``language`` before the other language, shorter first.
        """
        if kind not in KINDS:
            raise ValueError(f"kind: must be one of {', '.join(KINDS)}, not {kind!r}")
        if language not in ("de", "en"):
            raise ValueError(f"language: must be 'de' or 'en', not {language!r}")
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise ValueError(f"limit: must be a whole number, not {limit!r}")
        if not isinstance(term, str) or limit <= 0:
            return []
        key = (kind, language)
        completer = self._completers.get(key)
        if completer is None:
            with self._lock:
                completer = self._completers.get(key)
                if completer is None:
                    completer = self._completers[key] = _Completer(self, kind, language)
        return completer.complete(term, limit)


class _Completer:
    """All labels of one kind folded into one string, searched with C-speed substring search."""

    def __init__(self, taxonomy: Taxonomy, kind: str, language: str):
        self.kind = kind
        self.language = language
        self.entities = taxonomy.skills if kind == "skill" else taxonomy.occupations
        labels: list[tuple[int, int, str]] = []  # (entity, tier, label)
        for entity in self.entities:
            if kind == "skill":
                tiers = [(0, [entity.label_en]), (1, entity.alt_en)]
            else:
                own = (entity.label_de, entity.alt_de) if language == "de" else (entity.label_en, entity.alt_en)
                other = (entity.label_en, entity.alt_en) if language == "de" else (entity.label_de, entity.alt_de)
                tiers = [
                    (0, [own[0]] if own[0] else []),
                    (1, own[1]),
                    (2, [other[0]] if other[0] else []),
                    (3, other[1]),
                ]
            for tier, names in tiers:
                for name in names:
                    # German labels "Bäcker/Bäckerin" are two labels for autocomplete.
                    parts = name.split("/") if kind == "occupation" and tier in (0, 2) and "/" in name else [name]
                    labels.extend((entity.index, tier, part.strip()) for part in parts if part.strip())
        self.entity_of = [e for e, _, _ in labels]
        self.tier_of = [t for _, t, _ in labels]
        self.label_of = [label for _, _, label in labels]
        folded = [" ".join(fold(label).split()) for label in self.label_of]
        self.folded = folded
        self.starts = []
        position = 0
        for text in folded:
            self.starts.append(position)
            position += len(text) + 1
        self.haystack = "\n".join(folded)

    def complete(self, term: str, limit: int) -> list[Suggestion]:
        words = fold(term).replace("\n", " ").split()
        if not words:
            return []
        anchor = max(words, key=len)
        word_start_only = len(anchor) < 3
        candidates = set()
        for match in re.finditer(re.escape(anchor), self.haystack):
            position = match.start()
            if word_start_only and position and self.haystack[position - 1].isalnum():
                continue
            candidates.add(bisect.bisect_right(self.starts, position) - 1)
        phrase = " ".join(words)
        ranked = []
        for label in candidates:
            text = self.folded[label]
            if not all(w in text for w in words):
                continue
            if text.startswith(phrase):
                where = 0
            elif text.startswith(words[0]) or f" {words[0]}" in text or f"-{words[0]}" in text:
                where = 1
            else:
                where = 2
            ranked.append((where, self.tier_of[label], len(text), text, label))
        ranked.sort()
        seen, out = set(), []
        for *_, label in ranked:
            entity = self.entity_of[label]
            if entity in seen:
                continue
            seen.add(entity)
            item = self.entities[entity]
            out.append(Suggestion(self.kind, item.uri, item.label(self.language), self.label_of[label]))
            if len(out) >= limit:
                break
        return out


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _load() -> Taxonomy:
    with _LOCK:
        return Taxonomy.load()


def taxonomy() -> Taxonomy:
    """The shipped ESCO taxonomy, loaded once per process."""
    return _load()


def autocomplete(term: str, kind: str = "skill", language: str = "de", limit: int = 10) -> list[Suggestion]:
    """Autocomplete for skill and occupation fields; see :meth:`Taxonomy.autocomplete`."""
    return taxonomy().autocomplete(term, kind=kind, language=language, limit=limit)
