"""The fixed vocabulary of the model, in one place: the four dimensions, the seven
delegation levels, the languages, the half-point grid, the kinds of task, who a task is
for, and the words for yes, no and "I don't know" in every language trustdose speaks."""

import re

PRECONDITIONS: tuple[str, ...] = ("competence", "intention", "resources")
DIMENSIONS: tuple[str, ...] = PRECONDITIONS + ("risk",)
# The delegation-poker scale, 1-7; these English names are stable ids in JSON and files.
LEVEL_NAMES: tuple[str, ...] = ("tell", "sell", "consult", "agree", "advise", "inquire",
                                "delegate")
LANGUAGES: tuple[str, ...] = ("en", "da", "nb", "sv")

MIDDLE = 3.0  # what an uncertain answer counts as: more structure, never less
# Scores on the half-point scale 1, 1.5 … 5: where the next trust step searches and the
# grid `rules check` proves the rules over (9 values, 9⁴ score combinations).
HALF_POINTS: tuple[float, ...] = tuple(1 + 0.5 * i for i in range(9))

UNCERTAIN = "uncertain"
# Accepted spellings of "I don't know" in every language trustdose speaks, as a leader
# would type them (read whatever their case): English, Danish, Norwegian, Swedish.
UNCERTAIN_WORDS = frozenset({
    "uncertain", "?", "unsure", "not sure", "don't know", "don’t know", "dont know",
    "usikker", "ved ikke", "ved det ikke", "ikke sikker",
    "vet ikke", "vet det ikke",
    "osäker", "vet inte", "vet ej", "inte säker"})
# a day written the Danish, Norwegian and Swedish way (and as Excel writes it there): the
# day first, always (10-12-2026 is the 10th of December), then the month and the year
LOCAL_DAY = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")
YES = frozenset({"y", "yes", "j", "ja", "true", "1"})
NO = frozenset({"n", "no", "nej", "nei", "false", "0"})
# How a true/false task fact may be written as text (a CSV cell, the questionnaire), in
# every language trustdose speaks: no word means yes in one and no in another. Digits are
# not among them: 1 and 0 are numbers in a case file, and a fact has one meaning.
BOOLEAN_WORDS: dict[str, bool] = {
    **dict.fromkeys(("y", "yes", "true", "j", "ja", "sand", "sann", "sant"), True),
    **dict.fromkeys(("n", "no", "false", "nej", "nei", "falsk", "falskt", "usann", "usant"),
                    False)}

SUBJECT_KINDS: tuple[str, ...] = ("person", "team")
# What kind of task it is (a case may say): routine work needs no milestones or learning
# review, a project does. The id (English) is what a result holds; a case or a cell may
# name the kind in any language (en, da, nb, sv), whatever its case.
TASK_KIND_WORDS: dict[str, tuple[str, str, str, str]] = {
    "routine": ("routine", "rutine", "rutine", "rutin"),
    "one-off": ("one-off", "engangsopgave", "engangsoppgave", "engångsuppgift"),
    "ongoing": ("ongoing", "løbende", "løpende", "löpande"),
    "project": ("project", "projekt", "prosjekt", "projekt")}
TASK_KINDS: tuple[str, ...] = tuple(TASK_KIND_WORDS)
# kinds of task that run already (a round of a routine, an ongoing task): never "prepared"
# meanwhile, the work goes on (`engine.frame`; a cold read: a refuse crew on an icy road at
# six in the morning)
RUNNING_KINDS = frozenset({"routine", "ongoing"})
TASK_KIND_OF = {word: kind for kind, words in TASK_KIND_WORDS.items() for word in words}


def task_kind_words(lang: str) -> list[str]:
    """The kinds of task as `lang` names them, in the ids' order."""
    return [words[LANGUAGES.index(lang)] for words in TASK_KIND_WORDS.values()]
# Who a task is for, as a case may name them (or in its own words); texts say "the people
# the task is for" when a case does not say.
PEOPLE: tuple[str, ...] = ("citizens", "residents", "patients", "pupils", "children",
                           "parents", "colleagues", "young-people")
