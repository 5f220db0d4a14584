"""`rules check`'s findings as text: what lacks a translation, each finding with the
case that shows it, and the verdict."""

import sys
from typing import Any

from ..i18n import _, format_count, ngettext
from .common import line


def print_check(result: Any, findings: list, missing: dict, required: list[str]) -> None:
    """`rules check` as text: untranslated texts (stderr), each finding with its witness
    case, the verdict (stderr)."""
    from ..proofs.witness import describe
    for lang, found in missing.items():
        if found and lang not in required:
            line(ngettext("translations: {n} text has no '{lang}' version and shows in "
                           "English: {example} ({where}); --require-lang {lang} lists it",
                           "translations: {n} texts have no '{lang}' version and show in "
                           "English, e.g. {example} ({where}); --require-lang {lang} lists "
                           "them all", len(found)).format(n=len(found), lang=lang,
                                       example=f"{found[0].rule}.{found[0].field}",
                                       where=found[0].source), file=sys.stderr)
    for f in findings:
        where = f"{f.source}: " if f.source else ""
        line(f"{where}{f.kind}: {f.message}")
        if f.witness:
            more = " " + _("(and {n} more cases)").format(n=format_count(f.cases - 1)) \
                if f.cases > 1 else ""
            line("  " + _("case: {case}").format(case=describe(f.witness)) + more)
    verdict = ngettext("{n} finding", "{n} findings", len(findings)).format(
        n=len(findings)) if findings else _("no findings")
    line(_("checked {rules} rules over {cases} cases: {verdict}").format(
        rules=result.rules, cases=format_count(result.cases), verdict=verdict),
        file=sys.stderr)
