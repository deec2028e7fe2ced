"""Build the compact ESCO files shipped with CrossCluster from the official ESCO downloads.

Run once by a developer when the ESCO version changes; the output is committed::

    python3 -m uv run --frozen python -m crosscluster.matching.esco.build [--source ../shared/data/esco]

Reads ``ESCO_v1.1.1_classification_en_csv.zip``, ``ESCO_v1.1.1_relations_language_independent_csv.zip`` and
``de_labourR/occupations_de_esco_v1.0.8.csv`` / ``ISCOGroups_de_esco_v1.0.8.csv`` and writes, next to this file,
tab-separated UTF-8 files compressed with gzip (lists inside a field are separated by ``|``, skill and occupation
references are 0-based row numbers of ``skills.tsv.gz`` / ``occupations.tsv.gz``):

* ``skills.tsv.gz``: uuid, type (``skill`` or ``knowledge``), reuse level, English label, English alternative labels
* ``occupations.tsv.gz``: uuid, ESCO code, ISCO-08 unit group, English label, German label, English and German
  alternative labels, English and German description
* ``isco_groups.tsv.gz``: ISCO-08 code (1–4 digits), English label, German label
* ``occupation_skills.tsv.gz``: occupation row, essential skill rows, optional skill rows
* ``occupation_broader.tsv.gz``: occupation row, broader occupation row (ESCO's occupation hierarchy below ISCO)
* ``skill_relations.tsv.gz``: skill row, related skill row, ``essential`` / ``optional`` (ESCO skill–skill
  relations) or ``broader`` (the second is the broader skill of the first)
* ``related_skills.tsv.gz``: skill row, related skills as ``row:weight:source`` (see ``related.py``)
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import io
import sys
import zipfile
from pathlib import Path

from crosscluster.matching.esco.related import (
    RELATION_WEIGHT,
    SOURCE_COOCCURRENCE,
    SOURCE_ESCO,
    SOURCE_HIERARCHY,
    cooccurrence_pairs,
    merge_related,
)

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = Path(__file__).resolve().parents[5] / "shared" / "data" / "esco"
CLASSIFICATION_ZIP = "ESCO_v1.1.1_classification_en_csv.zip"
RELATIONS_ZIP = "ESCO_v1.1.1_relations_language_independent_csv.zip"
GERMAN_OCCUPATIONS = "de_labourR/occupations_de_esco_v1.0.8.csv"
GERMAN_ISCO = "de_labourR/ISCOGroups_de_esco_v1.0.8.csv"
SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
OCCUPATION_PREFIX = "http://data.europa.eu/esco/occupation/"
ISCO_PREFIX = "http://data.europa.eu/esco/isco/C"


@contextlib.contextmanager
def _long_fields():
    """ESCO descriptions exceed the csv module's field limit; raise it while reading, then restore it
    (it is process-wide: the directory import relies on the default to catch unclosed quotes)."""
    previous = csv.field_size_limit(sys.maxsize)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _read_zip_csv(path: Path, member: str) -> list[dict[str, str]]:
    with _long_fields(), zipfile.ZipFile(path) as archive, archive.open(member) as raw:
        return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))


def _read_csv(path: Path) -> list[dict[str, str]]:
    with _long_fields(), path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _clean(text: str) -> str:
    return " ".join(text.replace("|", "/").split())


def _labels(field: str, exclude: str = "") -> str:
    seen, out = {exclude.casefold()}, []
    for label in field.split("\n"):
        label = _clean(label)
        if label and label.casefold() not in seen:
            seen.add(label.casefold())
            out.append(label)
    return "|".join(out)


def _write(out: Path, name: str, header: list[str], rows: list[list[object]]) -> None:
    path = out / name
    buffer = io.StringIO()
    buffer.write("\t".join(header) + "\n")
    for row in rows:
        buffer.write("\t".join(str(value) for value in row) + "\n")
    # mtime=0: the same input gives byte-identical files, so a rebuild shows no diff in git.
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as out:
        out.write(buffer.getvalue().encode("utf-8"))
    if out == HERE:
        print(f"{name}: {len(rows)} rows, {path.stat().st_size / 1024:.0f} KiB")


def build(source: Path, out: Path = HERE) -> None:
    classification = source / CLASSIFICATION_ZIP
    relations = source / RELATIONS_ZIP
    skills_src = sorted(_read_zip_csv(classification, "skills_en.csv"), key=lambda r: r["conceptUri"])
    occupations_src = sorted(_read_zip_csv(classification, "occupations_en.csv"), key=lambda r: r["conceptUri"])
    isco_src = _read_zip_csv(classification, "ISCOGroups_en.csv")
    german = {r["conceptUri"]: r for r in _read_csv(source / GERMAN_OCCUPATIONS)}
    german_isco = {r["code"]: r["preferredLabel"] for r in _read_csv(source / GERMAN_ISCO)}

    skill_row = {r["conceptUri"]: i for i, r in enumerate(skills_src)}
    occupation_row = {r["conceptUri"]: i for i, r in enumerate(occupations_src)}

    _write(
        out,
        "skills.tsv.gz",
        ["uuid", "type", "reuse", "label_en", "alt_en"],
        [
            [
                r["conceptUri"].removeprefix(SKILL_PREFIX),
                "knowledge" if r["skillType"] == "knowledge" else "skill",
                r["reuseLevel"] or "",
                _clean(r["preferredLabel"]),
                _labels(r["altLabels"], r["preferredLabel"]),
            ]
            for r in skills_src
        ],
    )

    occupation_rows = []
    for r in occupations_src:
        de = german.get(r["conceptUri"], {})
        label_de = _clean(de.get("preferredLabel", ""))
        occupation_rows.append(
            [
                r["conceptUri"].removeprefix(OCCUPATION_PREFIX),
                r["code"],
                r["iscoGroup"],
                _clean(r["preferredLabel"]),
                label_de,
                _labels(r["altLabels"], r["preferredLabel"]),
                _labels(de.get("altLabels", ""), label_de),
                _clean(r["description"]),
                _clean(de.get("description", "")),
            ]
        )
    _write(
        out,
        "occupations.tsv.gz",
        ["uuid", "code", "isco", "label_en", "label_de", "alt_en", "alt_de", "description_en", "description_de"],
        occupation_rows,
    )

    _write(
        out,
        "isco_groups.tsv.gz",
        ["code", "label_en", "label_de"],
        sorted(
            ([r["code"], _clean(r["preferredLabel"]), _clean(german_isco.get(r["code"], ""))] for r in isco_src),
            key=lambda row: row[0],
        ),
    )

    essential: dict[int, list[int]] = {}
    optional: dict[int, list[int]] = {}
    triples = []
    for r in _read_zip_csv(relations, "occupationSkillRelations.csv"):
        occupation = occupation_row.get(r["occupationUri"])
        skill = skill_row.get(r["skillUri"])
        if occupation is None or skill is None:
            continue  # 67 relations name one occupation that is not in the v1.1.1 occupation list
        is_essential = r["relationType"] == "essential"
        (essential if is_essential else optional).setdefault(occupation, []).append(skill)
        triples.append((occupation, skill, is_essential))
    _write(
        out,
        "occupation_skills.tsv.gz",
        ["occupation", "essential", "optional"],
        [
            [o, "|".join(map(str, sorted(essential.get(o, [])))), "|".join(map(str, sorted(optional.get(o, []))))]
            for o in range(len(occupations_src))
            if o in essential or o in optional
        ],
    )

    broader_occupations = []
    skill_relations = []
    for r in _read_zip_csv(relations, "broaderRelationsOccPillar.csv"):
        if r["conceptType"] == "Occupation" and r["broaderType"] == "Occupation":
            a, b = occupation_row.get(r["conceptUri"]), occupation_row.get(r["broaderUri"])
            if a is not None and b is not None:
                broader_occupations.append([a, b])
    for r in _read_zip_csv(relations, "broaderRelationsSkillPillar.csv"):
        a, b = skill_row.get(r["conceptUri"]), skill_row.get(r["broaderUri"])
        if a is not None and b is not None:
            skill_relations.append([a, b, "broader"])
    for r in _read_zip_csv(relations, "skillSkillRelations.csv"):
        a, b = skill_row.get(r["originalSkillUri"]), skill_row.get(r["relatedSkillUri"])
        if a is not None and b is not None:
            skill_relations.append([a, b, r["relationType"]])
    _write(out, "occupation_broader.tsv.gz", ["occupation", "broader"], sorted(broader_occupations))
    _write(out, "skill_relations.tsv.gz", ["skill", "related", "relation"], sorted(skill_relations))

    related = merge_related(
        {
            SOURCE_COOCCURRENCE: cooccurrence_pairs(triples, len(skills_src)),
            SOURCE_ESCO: [(a, b, RELATION_WEIGHT) for a, b, kind in skill_relations if kind != "broader"],
            SOURCE_HIERARCHY: [(a, b, RELATION_WEIGHT) for a, b, kind in skill_relations if kind == "broader"],
        }
    )
    _write(
        out,
        "related_skills.tsv.gz",
        ["skill", "related"],
        [
            [skill, "|".join(f"{other}:{weight:g}:{source[0]}" for other, weight, source in related[skill])]
            for skill in sorted(related)
        ],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder with the ESCO downloads")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write the files (default: next to build.py)")
    args = parser.parse_args(argv)
    missing = [n for n in (CLASSIFICATION_ZIP, RELATIONS_ZIP, GERMAN_OCCUPATIONS) if not (args.source / n).exists()]
    if missing:
        print(f"error: {args.source} lacks {', '.join(missing)}", file=sys.stderr)
        return 2
    build(args.source, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
