"""What `trustdose batch` does besides assessing: list the columns a coach's file may
have (--columns), write a template to fill in (--template), and read --encoding."""

# No `from __future__ import annotations` here, as in the other command modules.
import os
from pathlib import Path
from typing import List, Optional

import typer

from .common import check_outputs, say


def encoding_named(name: Optional[str]) -> Optional[str]:
    """--encoding as Python knows the encoding; a name no codec has, or a codec no CSV
    file is saved in, is exit 2."""
    import codecs

    from ..errors import UsageError
    from ..i18n import _
    hint = _("for example utf-8, cp1252 (Windows, Western Europe) or latin-1")
    try:
        found = None if name is None else codecs.lookup(name)
    except LookupError:
        raise UsageError(_("--encoding: unknown encoding '{name}'").format(name=name),
                         hint) from None
    if found is not None and not _reads_ascii(found):
        raise UsageError(_("--encoding: '{name}' is not an encoding a CSV file is saved "
                           "in").format(name=name), hint + "; " + _(
            "a file in UTF-16 or UTF-32 (Excel's Unicode text): save it as CSV UTF-8"))
    return None if found is None else found.name


_ASCII = bytes(range(1, 128))


def _reads_ascii(codec: "codecs.CodecInfo") -> bool:  # noqa: F821 - imported where used
    """Whether a codec reads text a byte at a time as ASCII reads it, as every encoding
    a spreadsheet saves CSV in does (not UTF-16, base64, rot13, idna, an escape codec)."""
    import codecs
    if not getattr(codec, "_is_text_encoding", True) or "escape" in codec.name:
        return False
    try:
        # as the file is read: surrogateescape (which some codecs, idna, cannot do)
        decoder = codecs.getincrementaldecoder(codec.name)("surrogateescape")
        decoded = decoder.decode(_ASCII)
        decoder.decode(b"\xe5\xff", final=True)
    except (UnicodeError, ValueError, TypeError):
        return False
    return decoded == _ASCII.decode("ascii")


def given(inputs: Optional[List[str]], sheet: Optional[str] = None) -> List[str]:
    """The inputs named; none, or --sheet with no workbook among them, is exit 2."""
    from ..errors import UsageError
    from ..i18n import _
    from ..io.workbook import WORKBOOK_SUFFIXES
    if not inputs:
        raise UsageError(_("no INPUT given"), _(
            "name CSV, Excel or YAML files, a folder of case files, or - for standard input; "
            "--template FILE.xlsx writes a file to fill in"))
    if sheet is not None and not any(Path(i).suffix.lower() in WORKBOOK_SUFFIXES
                                     for i in inputs):
        raise UsageError(_("--sheet only applies to a workbook, and no INPUT is one"), _(
            "leave --sheet out for CSV, or name the .xlsx file"))
    return inputs


def columns(rules: List[Path]) -> None:
    """The columns a batch file may have, with what each holds, on standard output: the
    indicators by their names in the language, as the rules in force give them."""
    from ..i18n import _, current
    from ..io.headers import label, listing
    from ..model.vocabulary import DIMENSIONS
    from ..rules.loader import load_rules
    lines = [_("Columns (any case; the first word is the one the template uses):")]
    english = dict(listing("en"))
    for (words, holds), (ids, _same) in zip(listing(current()), english.items()):
        named = words if current() == "en" else f"{words} ({ids})"
        lines.append(f"  {named}: {holds}")
    ruleset = load_rules(rules)
    lines.append(_("Instead of a dimension's score, its indicators' answers (1-5 or ?), each "
                   "in a column of its own named by the dimension, a full stop and the "
                   "indicator (Kompetence.Erfaring):"))
    indicator = _("indicator")
    for dim in DIMENSIONS:
        lines.append(f"  {label((dim,), current())}.<{indicator}>: "
                     + ", ".join(ruleset.indicator_names(dim)))
    lines.append("  " + _("facts.<name>: a task fact the rules read"))
    lines.append("  " + _("any other column: carried to the output as it is"))
    typer.echo("\n".join(lines))


def template(path: Path, force: bool, rules: List[Path], inputs: List[str]) -> None:
    """Write the template for a workshop (`io.template`): never over a file, unless asked,
    and never over an input or through a link, even then (as no output is)."""
    from ..errors import UsageError
    from ..i18n import _
    from ..io.output import write_atomic
    from ..io.template import SUFFIXES, template
    from ..rules.loader import load_rules
    if path.suffix.lower() not in SUFFIXES:
        raise UsageError(_("--template {path}: the name must end in .xlsx or .csv").format(
            path=path))
    if os.path.lexists(path) and not force:
        raise UsageError(_("--template {path}: the file is already there").format(path=path),
                         _("give another name, or --force to replace it"))
    if os.path.islink(path):  # --force replaces a file, never the one a link points to
        raise UsageError(_("--template {path}: is a link to {target}").format(
            path=path, target=os.readlink(path)), _("name the file itself, or a new one"))
    check_outputs([("--template", path)], [("INPUT", 0 if given == "-" else given)
                                           for given in inputs], rules)
    # the example row plans level 6, what its answers carry: no warning
    ruleset = load_rules(rules)
    write_atomic(path, template(path, ruleset.level_names(), planned=6,
                                indicator=ruleset.indicator_names("competence")[-1]))
    say(_("trustdose: wrote {path}: fill in a row per case, then: trustdose batch "
           "{path}").format(path=path))
