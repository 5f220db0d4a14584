"""The words a batch file's header may name a case column by, in every language trustdose
speaks: one table, read whatever the case, the spacing and `_` or a space between words
(`Planlagt niveau`, `planned_level`). The first word of a language is its label (the
template's header); the others are what leaders also write.

A dimension's indicator is `dimension.indicator` (`kompetence.faglige kompetencer`,
`competence.professional`) and a task fact `facts.name` (`fakta.beløb`): the dimension,
`facts` and the indicator (its id or its label, `indicator_words`) in any of the languages.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Mapping

from ..i18n import N_, _, current, listing as either
from ..model.vocabulary import DIMENSIONS, LANGUAGES, task_kind_words

TEXT, SCORE, LEVEL, DAY, YES_NO, LIST, LINES, KIND, TASK_KIND = (
    N_("text"), N_("1-5 (decimals such as 3,5 too) or ? when you do not know"),
    N_("a level: 1-7 or its name"), N_("a date: 10-12-2026, 10.12.2026 or 2026-12-10"),
    N_("yes or no (ja/nej, sand/falsk, sann/usann, sant/falskt, true/false)"),
    N_("words separated by | or ;"), N_("lines separated by | or ;"),
    N_("person or team"), "task kinds")  # the last said from the words (`holds`)

# (the case's place, what it holds, the words in en, da, nb, sv: the first is the label)
TABLE: tuple[tuple[tuple[str, ...], str, tuple[str, str, str, str]], ...] = (
    (("id",), TEXT, ("id", "id", "id", "id")),
    (("subject", "name"), TEXT, ("subject|name", "navn|medarbejder", "navn|medarbeider",
                                 "namn|medarbetare")),
    (("subject", "kind"), KIND, ("kind", "person/team|type", "person/team|type",
                                 "person/team|typ")),
    (("subject", "new_in_role"), YES_NO, ("new_in_role", "ny i rollen", "ny i rollen",
                                          "ny i rollen")),
    (("task", "title"), TEXT, ("task|title", "opgave", "oppgave", "uppgift")),
    (("task", "description"), TEXT, ("description", "beskrivelse", "beskrivelse",
                                     "beskrivning")),
    (("task", "tags"), LIST, ("tags", "tags|mærker", "tags|stikkord", "taggar")),
    (("task", "kind"), TASK_KIND, ("task_kind", "opgavetype", "oppgavetype", "uppgiftstyp")),
    (("task", "people"), TEXT, ("people", "målgruppe", "målgruppe", "målgrupp")),
    (("task", "safeguards"), LIST, ("safeguards", "sikkerhedsnet", "sikkerhetsnett",
                                    "skyddsnät")),
    (("task", "purpose"), TEXT, ("purpose", "formål", "formål", "syfte")),
    (("task", "success"), TEXT, ("success", "succes", "suksess", "framgång")),
    (("task", "due"), DAY, ("due", "frist", "frist", "deadline|sista dag")),
    (("task", "ground_rules"), LINES, ("ground_rules", "spilleregler", "spilleregler",
                                       "spelregler")),
    (("task", "escalate"), LINES, ("escalate", "spørg mig først", "spør meg først",
                                   "fråga mig först")),
    # not `leder` alone: a workshop's own column of that name stays the leader's own
    (("task", "leader"), TEXT, ("leader's name|from|sender",
                                "leders navn|lederens navn|afsender|fra",
                                "lederens navn|leders navn|avsender|fra",
                                "ledarens namn|ledares namn|avsändare|från")),
    (("competence",), SCORE, ("competence", "kompetence", "kompetanse", "kompetens")),
    (("intention",), SCORE, ("intention", "intention|vilje", "vilje|intensjon",
                             "vilja|intention")),
    (("resources",), SCORE, ("resources", "ressourcer", "ressurser", "resurser")),
    (("risk",), SCORE, ("risk", "risiko", "risiko", "risk")),
    (("planned_level",), LEVEL, ("planned_level|planned", "planlagt niveau|planlagt",
                                 "planlagt nivå|planlagt", "planerad nivå|planerad")),
    (("date",), DAY, ("date", "dato", "dato", "datum")),
)
FACTS = ("facts", "fakta", "fakta", "fakta")  # the prefix of a task fact's column
# a column of the leader's own that names the leader (`Leder`): kept as theirs, with a tip
# that `leders navn` makes it the sender of the agreements
LEADER_WORDS = frozenset({"leader", "leder", "ledare", "chef", "manager"})


def key(header: str) -> str:
    """A header as it is looked up: case, surrounding blanks, `_` and runs of blanks
    ignored."""
    return re.sub(r"[\s_]+", " ", header.strip()).casefold()


def _words() -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for path, _kind, words in TABLE:
        for word in "|".join(words).split("|"):
            found[key(word)] = path
    return found


WORDS = _words()  # every header word → the case's place
PREFIXES = {key(word): (path[0],) for path, _kind, words in TABLE if path[0] in DIMENSIONS
            for word in "|".join(words).split("|")} | {key(w): ("task", "facts") for w in FACTS}


def column(header: str) -> tuple[str, ...] | None:
    """The case's place a header names (`('task', 'title')`), or None."""
    word = key(header)
    if word in WORDS:
        return WORDS[word]
    head, dot, rest = word.partition(".")
    if dot and rest.strip() and head.strip() in PREFIXES:
        return (*PREFIXES[head.strip()], rest.strip().replace(" ", "_"))
    return None


def indicator_words(rubrics: Mapping[str, Any]) -> dict[tuple[str, str], str]:
    """Each way a column may name an indicator of the rubrics in force (`rules.rubrics`),
    as `column()` leaves it (`('competence', 'faglige_kompetencer')`), → its id: the id
    and the label in every language the rules give, so a Danish workbook's header
    `Kompetence.Faglige kompetencer` is `competence.professional`."""
    return {(dim, key(word).replace(" ", "_")): item["id"]
            for dim, rubric in rubrics.items() for item in rubric.item.get("indicators", ())
            for word in (item["id"], *item.get("label", {}).values())}


def label(path: tuple[str, ...], lang: str) -> str:
    """The column's label in `lang`: the template's header word."""
    words = next(words for place, _kind, words in TABLE if place == path)
    return words[LANGUAGES.index(lang)].split("|")[0]


def holds(path: tuple[str, ...]) -> str:
    """What a column holds, in the current language."""
    return _said(next(kind for place, kind, _words in TABLE if place == path))


def _said(kind: str) -> str:
    """What a kind of column holds, in the current language: the kinds of task as it
    names them (`rutine, engangsopgave, løbende eller projekt`)."""
    return either(task_kind_words(current()), N_(" or ")) if kind == TASK_KIND else _(kind)


def listing(lang: str) -> list[tuple[str, str]]:
    """Each column's words in `lang` (its label first) with what it holds."""
    at = LANGUAGES.index(lang)
    return [(", ".join(words[at].split("|")), _said(kind)) for _path, kind, words in TABLE]


# how alike a header and a case column's word are to be one misspelt: `Opgve` (0.91),
# `Ressurcer` (0.95), never a word of the leader's own such as `source` (0.8 to
# `resources`) or `Person or team` (0.8 to `person/team`)
CLOSE = 0.84


def near(header: str) -> str | None:
    """The case column a header that names none is close to (`kompetense.fagli` →
    `kompetanse.fagli`), or None: a column of the leader's own (`Leder`, `Afdeling`)."""
    word = key(header)
    if word.rstrip("0123456789 ") in WORDS:  # `id2`, `navn 2`: a second one, of their own
        return None
    head, dot, rest = word.partition(".")
    if dot and rest.strip():
        found = difflib.get_close_matches(head.strip(), PREFIXES, n=1, cutoff=CLOSE)
        return f"{found[0]}.{rest.strip()}" if found else None
    found = difflib.get_close_matches(word, WORDS, n=1, cutoff=CLOSE)
    return found[0] if found else None
