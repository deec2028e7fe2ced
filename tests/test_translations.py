"""German is the primary language: every UI string must have a German translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import crosscluster

PACKAGE = Path(crosscluster.__file__).resolve().parent
GERMAN_PO = PACKAGE / "locale" / "de" / "LC_MESSAGES" / "django.po"


def _catalogue(path):
    with path.open("rb") as f:
        return read_po(f, locale="de")


def _msgids(catalogue):
    return {message.id if isinstance(message.id, str) else message.id[0] for message in catalogue if message.id}


def test_german_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = _catalogue(GERMAN_PO)
    untranslated = [
        m.id for m in catalogue if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:20]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy: {fuzzy[:20]}"


def test_german_catalogue_covers_every_string_in_the_source(tmp_path):
    """Extract the strings afresh (as `makemessages` does) and compare with the committed catalogue."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI"):
            pytest.fail("xgettext (GNU gettext) is needed in CI to check the catalogues")
        pytest.skip("GNU gettext is not installed (apt-get install gettext)")
    copy = tmp_path / "crosscluster"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "CROSSCLUSTER_DATA_DIR": str(tmp_path / "data")}
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.core.management import execute_from_command_line as e;"
            "e(['m', 'makemessages', '-l', 'de', '--no-obsolete', '--no-location'])",
        ],
        cwd=copy,
        env={**env, "DJANGO_SETTINGS_MODULE": "crosscluster.settings"},
        check=True,
        capture_output=True,
        timeout=300,
    )
    extracted = _msgids(_catalogue(copy / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    committed = _msgids(_catalogue(GERMAN_PO))
    missing = sorted(extracted - committed)
    assert not missing, f"{len(missing)} strings are not in the German catalogue: {missing[:30]}"


@pytest.mark.django_db
def test_pages_are_german_by_default_and_english_on_request(client):
    german = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert 'lang="de"' in german and "Organisationen" in german
    client.cookies["django_language"] = "en"
    english = client.get("/").content.decode()
    assert 'lang="en"' in english and "Organisations" in english
