"""The drop-down lists of a template's cases sheet (`io.template`): for each column whose
answers are few (the subject's kind, the task's kind, the planned level, yes or no, the
scores), the words a leader picks from in the chosen language, each one a word the batch
reads back (`io.columns`, the rules' level names).
"""

from __future__ import annotations

from typing import Any

from ..i18n import _, current
from ..model.vocabulary import SUBJECT_KINDS, task_kind_words
from .headers import KIND, LEVEL, SCORE, TABLE, TASK_KIND, YES_NO, holds, label

ROWS = 500  # the rows a list is offered in: more than any workshop's room holds
SCORES = ("1", "2", "3", "4", "5", "?")  # the whole scores and "I don't know"
# Excel keeps a list given in the cell rule itself (not a range of cells) as one formula
# of at most 255 characters, its words parted by commas
LONGEST = 255


def choices(levels: list[str]) -> dict[tuple[str, ...], list[str]]:
    """Each listed column's words (by the case's place) in the current language; `levels`
    the seven levels' names as the rules give them."""
    words = {KIND: list(SUBJECT_KINDS), TASK_KIND: task_kind_words(current()),
             LEVEL: list(levels), YES_NO: [_("yes"), _("no")], SCORE: list(SCORES)}
    return {place: words[kind] for place, kind, _words in TABLE if kind in words}


def _formula(words: list[str]) -> str | None:
    """The list as Excel's cell rule holds it, or None where it cannot: a word of the
    rules' own with a comma or a quote in it, or too many words."""
    if any("," in word or '"' in word for word in words):
        return None
    formula = '"' + ",".join(words) + '"'
    return formula if len(formula) <= LONGEST else None


def offer(sheet: Any, paths: list[tuple[str, ...]], levels: list[str], lang: str) -> None:
    """Put a drop-down list on each listed column of `sheet` (an openpyxl sheet whose
    columns are `paths`, its header in row 1) for the next `ROWS` rows. Another answer
    only warns, as 3,5, a level's number or SAND are answers too."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    listed = choices(levels)
    for at, place in enumerate(paths, start=1):
        formula = _formula(listed[place]) if place in listed else None
        if formula is None:
            continue
        rule = DataValidation(type="list", formula1=formula, allow_blank=True,
                              showErrorMessage=True, errorStyle="warning",
                              errorTitle=label(place, lang), error=holds(place))
        letter = get_column_letter(at)
        rule.add(f"{letter}2:{letter}{ROWS + 1}")
        sheet.add_data_validation(rule)
