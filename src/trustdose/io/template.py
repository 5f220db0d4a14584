"""`batch --template`: an empty workbook (or CSV file) for a workshop, its columns in the
chosen language (`io.headers`) and, in a workbook, drop-down lists where the answers are
few (`io.dropdowns`) and a second sheet that says what each column holds, with an example
row's values that assess cleanly, and names the seven levels. The example stands on that
sheet only: a row left in among the cases would be assessed as one (a second coach
pass). A CSV template is the header alone, written as Danish, Norwegian and Swedish Excel
read one: UTF-8 with a BOM, `;`, CRLF.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..i18n import _, current
from ..model.vocabulary import LANGUAGES
from .headers import FACTS, TABLE, label

# the example row in each language (en, da, nb, sv): a case that assesses cleanly
_EXAMPLE = {
    ("subject", "name"): ("Kim", "Mette", "Kari", "Anna"),
    ("subject", "kind"): ("person",) * 4,
    ("subject", "new_in_role"): ("no", "nej", "nei", "nej"),
    ("task", "title"): ("Plan the parents' meeting", "Planlægge forældremødet",
                        "Planlegge foreldremøtet", "Planera föräldramötet"),
    ("competence",): (4,) * 4, ("intention",): (4,) * 4, ("resources",): (3.5,) * 4,
    ("risk",): (2,) * 4, ("planned_level",): (4,) * 4,
    ("task", "leader"): ("Alex Hill", "Anne Holm", "Ingrid Berg", "Eva Lind"),
}
SUFFIXES = (".xlsx", ".csv")


def template(path: Path, levels: list[str], planned: int, indicator: str = "experience"
             ) -> bytes:
    """The template for `path` (its ending says which) in the current language; `levels`
    the seven levels' names as the rules give them, `planned` the example's level (1-7),
    `indicator` a competence indicator's name for the example of an indicator column."""
    lang = current()
    at = LANGUAGES.index(lang)
    paths = [place for place, _holds, _words in TABLE if place != ("id",)]
    header = [label(place, lang) for place in paths]
    example = [levels[planned - 1] if place == ("planned_level",) else
               _EXAMPLE[place][at] if place in _EXAMPLE else "" for place in paths]
    if path.suffix.lower() == ".csv":
        return _csv(header, lang)
    return _workbook(header, example, paths, levels, lang, indicator)


def _csv(header: list[str], lang: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";" if lang != "en" else ",", lineterminator="\r\n").writerow(
        header)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _workbook(header: list[str], example: list, paths: list[tuple[str, ...]],
              levels: list[str], lang: str, indicator: str) -> bytes:
    import openpyxl  # only for a workbook: it takes a while to import
    from openpyxl.styles import Font

    from .dropdowns import offer
    from .headers import holds
    book = openpyxl.Workbook()
    cases = book.active
    cases.title = _("Cases")
    cases.append(header)
    for cell in cases[1]:
        cell.font = Font(bold=True)
    cases.freeze_panes = "A2"
    offer(cases, paths, levels, lang)
    columns = book.create_sheet(_("Columns"))
    columns.append([_("column"), _("what it holds"), _("example")])
    for cell in columns[1]:
        cell.font = Font(bold=True)
    for word, place, value in zip(header, paths, example):
        columns.append([word, holds(place), value if value != "" else None])
    # an indicator by its label in the chosen language (`kompetence.Erfaring`): a coach
    # splits a dimension into its questions without learning the rules' ids
    columns.append([label(("competence",), lang) + "." + indicator, _(
        "an indicator's answer (1-5 or ?) instead of the dimension's score: the "
        "dimension, a full stop and the indicator's name as the questionnaire gives it")])
    fact = FACTS[LANGUAGES.index(lang)] + "." + _("<name>")  # fakta.<navn>
    columns.append([fact, _("a task fact the rules read")])
    columns.append([_("any other column"), _("carried to the output as it is")])
    columns.append([])
    columns.append([_("level"), _("name")])  # what the planned level may say: either
    for cell in columns[columns.max_row]:
        cell.font = Font(bold=True)
    for number, name in enumerate(levels, start=1):
        columns.append([number, name])
    columns.column_dimensions["A"].width = 28
    columns.column_dimensions["B"].width = 70
    columns.column_dimensions["C"].width = 26
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
