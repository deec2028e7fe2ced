"""Hatch build hook: compile the gettext catalogues into the wheel (they are not kept in git)."""

import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCataloguesHook(BuildHookInterface):
    PLUGIN_NAME = "compile-catalogues"

    def initialize(self, version, build_data):
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            from crosscluster.i18n import LOCALE_DIR, compile_catalogues
        finally:
            sys.path.pop(0)
        compile_catalogues(force=True)
        for mo_path in LOCALE_DIR.glob("*/LC_MESSAGES/*.mo"):
            build_data["force_include"][str(mo_path)] = str(mo_path.relative_to(root / "src"))
