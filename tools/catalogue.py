"""Keep the gettext catalogues in step with the source (a developer tool; needs Babel).

    python tools/catalogue.py           extract every message into trustdose.pot and
                                        update the da, nb and sv .po files from it
    python tools/catalogue.py --check   exit 1 if the .pot is stale or a .po lacks a
                                        translation (the tests run this)

Messages are the strings in `_()`, `N_()` and `ngettext()` in src/trustdose, and the help
of every command and option (typer keeps it in docstrings and `help=`), collected from
the command tree itself so that it matches what `cli.common.localise` looks up.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "trustdose"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "trustdose.pot"
LANGUAGES = ("da", "nb", "sv")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def template() -> Catalog:
    """Every message trustdose can show, with where it comes from."""
    catalog = Catalog(project="trustdose", domain="trustdose", charset="utf-8")
    for filename, lineno, message, _comments, _context in extract_from_dir(
            PACKAGE, [("**.py", "python")], keywords=KEYWORDS,
            directory_filter=lambda path: not path.endswith("__pycache__")):
        catalog.add(message, locations=[(f"src/trustdose/{filename}", lineno)])
    sys.path.insert(0, str(ROOT / "src"))
    import typer

    from trustdose.cli.app import build
    for path, text in _help(typer.main.get_command(build()), "trustdose"):
        catalog.add(text, locations=[(path, 0)], auto_comments=["command-line help"])
    return catalog


def _help(command, path: str):
    if command.help:
        yield path, command.help
    for param in command.params:
        if getattr(param, "help", None):
            yield f"{path} {param.opts[0] if param.opts else param.name}", param.help
    for name, sub in getattr(command, "commands", {}).items():
        yield from _help(sub, f"{path} {name}")


def _ids(catalog: Catalog) -> set:
    return {m.id for m in catalog if m.id}


def check(pot: Catalog) -> list[str]:
    problems = []
    if not TEMPLATE.exists() or _ids(read_po(TEMPLATE.open("rb"))) != _ids(pot):
        problems.append(f"{TEMPLATE.relative_to(ROOT)} is stale: run python tools/catalogue.py")
    for lang in LANGUAGES:
        po_path = LOCALE / lang / "LC_MESSAGES" / "trustdose.po"
        po = read_po(po_path.open("rb"), locale=lang) if po_path.exists() else Catalog(locale=lang)
        done = {m.id: m for m in po if m.id}
        for msgid in sorted(_ids(pot), key=str):
            message = done.get(msgid)
            text = message.string if message else None
            if not text or (isinstance(text, tuple) and not all(text)) or message.fuzzy:
                shown = msgid if isinstance(msgid, str) else msgid[0]
                problems.append(f"{lang}: not translated: {shown!r}")
    return problems


def update(pot: Catalog) -> None:
    LOCALE.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("wb") as out:
        write_po(out, pot, omit_header=True, sort_output=True)
    for lang in LANGUAGES:
        po_path = LOCALE / lang / "LC_MESSAGES" / "trustdose.po"
        po_path.parent.mkdir(parents=True, exist_ok=True)
        po = read_po(po_path.open("rb"), locale=lang) if po_path.exists() else Catalog(locale=lang)
        po.update(pot, no_fuzzy_matching=True)
        cldr_dates(po, lang)
        buffer = io.BytesIO()
        write_po(buffer, po, omit_header=True, sort_output=True, ignore_obsolete=True)
        po_path.write_bytes(buffer.getvalue())


def cldr_dates(po: Catalog, lang: str) -> None:
    """Month names and the long date pattern from CLDR, so nobody types them by hand."""
    from babel import Locale

    sys.path.insert(0, str(ROOT / "src"))
    from trustdose.i18n import LONG_DATE, MONTHS

    locale = Locale.parse(lang)
    for number, month in enumerate(MONTHS, start=1):
        po[month].string = locale.months["format"]["wide"][number]
    pattern = locale.date_formats["long"].pattern  # e.g. "d. MMMM y"
    po[LONG_DATE].string = (pattern.replace("MMMM", "{month}").replace("y", "{year}")
                            .replace("d", "{day}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    pot = template()
    if args.check:
        problems = check(pot)
        for line in problems:
            print(line)
        sys.exit(1 if problems else 0)
    update(pot)
    print(f"{len(_ids(pot))} messages; untranslated: {len(check(pot))}")


if __name__ == "__main__":
    main()
