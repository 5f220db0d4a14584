"""Build hook: compile the gettext catalogues (.po, kept in the repository) into the .mo
files trustdose reads at run time, so every wheel carries them. Uses Babel."""

from __future__ import annotations

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        src = Path(self.root) / "src"
        for po in sorted((src / "trustdose" / "locale").glob("*/LC_MESSAGES/trustdose.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle)
            mo = po.with_suffix(".mo")
            with mo.open("wb") as handle:
                write_mo(handle, catalog)  # fuzzy entries are left out
            # .mo files are not in git; name them so the wheel has them all the same
            build_data["force_include"][str(mo)] = str(mo.relative_to(src))
