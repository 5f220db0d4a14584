"""The shape of a rule file: what may stand in `rules/*.yaml`, validated by pydantic.

Every rule file is a mapping with any of these sections: `rubric`, `levels`, `carry`,
`caps`, `red_lines`, `review`, `measures`, `warnings`, `checklist`, `questions`,
`sources`. Unknown
keys are errors (with a did-you-mean), and every user-visible text is a `Text`: a mapping
from language code to string with English required, so translations can be added per
string.

The shapes are typed dicts: a validated rule item is a plain dict of these keys, so the
engine and the compiled-rules cache (plain JSON) never need pydantic, which only this
module and the loader's first reading of a file import. Keys a shape marks `NotRequired`
may be absent; `rules.ruleset.DEFAULTS` says what they then mean.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, TypeAdapter, with_config
from typing_extensions import NotRequired, TypedDict

from ..model.vocabulary import LANGUAGES
from .conditions import OPS
from .instruments import INSTRUMENTS, Leg, Lever, Stance, TalkPart, Worthy
from .kinds import (STRICT, Anchors, Cite, Dimension, Id, LevelName, LevelNumber, Lifts,
                    Text)

def _one_form(cond: dict) -> dict:
    forms = [k for k in ("field", "all", "any", "not") if k in cond]
    if len(forms) != 1:
        raise ValueError("a condition is exactly one of: field/op/value, all, any, not")
    if "field" in cond:
        if "op" not in cond:
            raise ValueError(f"a test needs an op, one of: {', '.join(OPS)}")
        if cond["op"] == "in" and not isinstance(cond.get("value"), list):
            raise ValueError("op 'in' needs a list as value")
    elif "op" in cond or "value" in cond:
        raise ValueError("op and value belong to a test with a field")
    return cond


# One condition: exactly one of a test (field/op/value), all, any or not ("not" is a
# Python word, hence the functional form).
_Condition = TypedDict("_Condition", {  # type: ignore[misc]
    "field": NotRequired[str], "op": NotRequired[Literal[OPS]],  # type: ignore[valid-type]
    "value": NotRequired[Any], "all": NotRequired[list["Condition"]],
    "any": NotRequired[list["Condition"]], "not": NotRequired["Condition"]})
_Condition.__pydantic_config__ = STRICT  # type: ignore[attr-defined]
Condition = Annotated[_Condition, AfterValidator(_one_form)]


@with_config(STRICT)
class SelfAsked(TypedDict):
    """An indicator asked of the employee or team about themselves (`ask --self`), on
    the same scale as the leader's question, so that the two views can be compared."""

    question: Annotated[Text, Field(description="in the person's own voice ('Do I have…')")]
    question_team: Annotated[Text, Field(
        description="asked of a team member about the team ('Do we have…')")]
    anchors: Annotated[Anchors, Field(
        description="the same steps as the leader's anchors, said without a subject so "
                    "they fit 'I' and 'we', and naming the leader, never 'you'")]


@with_config(STRICT)
class Indicator(TypedDict):
    """One observable aspect of a dimension, asked as a question with an anchored scale."""

    id: Id
    label: NotRequired[Annotated[Text, Field(description="the indicator in a word or two, "
                                                         "for reports ('Time')")]]
    question: Text
    anchors: Anchors
    self: NotRequired[Annotated[SelfAsked, Field(
        description="the question as the employee or team answers it about themselves "
                    "(the employee's own questionnaire, trustdose ask); an indicator "
                    "without it is not asked there")]]
    cite: NotRequired[Cite]


@with_config(STRICT)
class Rubric(TypedDict):
    """How one dimension is asked and scored."""

    dimension: Dimension
    title: Text
    summary: Text
    aggregate: NotRequired[Annotated[Literal["mean", "min", "max"], Field(
        description="how indicator answers become the dimension score (default mean)")]]
    grow: Annotated[Text, Field(
        description="the next trust step, said as what the person shows or does and what "
                    "the leader does (never a score to raise)")]
    grow_once: NotRequired[Annotated[Text, Field(
        description="the same for a one-off task or one with a due date (an event, not a "
                    "task done again and again); default grow")]]
    grow_alone: NotRequired[Annotated[Text, Field(
        description="the same where the person already decides on their own (Advise and "
                    "above), so the step is never to do the work together again; default "
                    "grow")]]
    find_out: Annotated[Text, Field(description="how to resolve an 'uncertain' answer")]
    indicators: Annotated[list[Indicator], Field(min_length=1)]
    cite: NotRequired[Cite]


@with_config(STRICT)
class Level(TypedDict):
    """One of the seven delegation levels."""

    number: LevelNumber
    name: LevelName
    label: Text
    meaning: Text
    # the meaning said to a team (Danish "I", Norwegian "dere", Swedish "ni"; never "du")
    meaning_team: NotRequired[Text]
    # other names leaders know the level by (a label used before): accepted, never shown
    also: NotRequired[list[Annotated[str, Field(pattern=r"\S", max_length=60)]]]


@with_config(STRICT)
class Band(TypedDict):
    """The highest level the weakest precondition carries once it reaches `at_least`."""

    id: Id
    at_least: Annotated[float, Field(ge=1, le=5)]
    level: LevelNumber
    cite: NotRequired[Cite]


@with_config(STRICT)
class Cap(TypedDict):
    """A ceiling on the level when its condition holds (task risk, an unclear task)."""

    id: Id
    when: Condition
    level: LevelNumber
    reason: Text
    lifted_by: NotRequired[Lifts]
    cite: NotRequired[Cite]


@with_config(STRICT)
class ReviewRule(TypedDict):
    """How many days until the agreed review; the first rule whose condition holds wins."""

    id: Id
    when: NotRequired[Condition]
    days: Annotated[int, Field(ge=1, le=366, strict=True)]
    # counted from the day of the assessment, or from the task's due date (the review
    # follows the event; a rule counted from it tests due_in, so a case has one)
    counted_from: NotRequired[Literal["day", "due"]]
    cite: NotRequired[Cite]


@with_config(STRICT)
class MeasureRule(TypedDict):
    """A control or feedback measure, chosen when its condition holds."""

    id: Id
    kind: Literal["control", "feedback"]
    title: Text
    description: Text
    addresses: Annotated[list[Dimension], Field(min_length=1)]
    when: NotRequired[Condition]
    priority: NotRequired[Annotated[int, Field(ge=1, le=99, strict=True, description=(
        "which measures a plan keeps when more apply than it shows (three of each kind): "
        "lower first; default 50"))]]
    supersedes: NotRequired[Annotated[list[Id], Field(
        description="ids of measures of the same kind this one makes unnecessary (a "
                    "stronger sign-off covers a weaker one); they are left out with it")]]
    upward: NotRequired[Annotated[Text, Field(
        description="the part of this measure set above the leader (hours, systems, money "
                    "or mandate), named as something to take upward when the frame comes "
                    "first")]]
    upward_when: NotRequired[Annotated[Condition, Field(
        description="when that part is beyond what the leader can fix alone (hours when "
                    "time is very short); default: whenever the measure is in the plan")]]
    done_by: NotRequired[Annotated[Literal["escalate", "ground_rules", "success", "purpose"],
                                   Field(description=(
        "the leader's own words that do this measure's job: a case that gives them (the "
        "situations to come first, say) has the measure in place, as a safeguard is"))]]
    takes_back: NotRequired[Annotated[bool, Field(strict=True, description=(
        "a control that takes the decision back: a check or approval before the decision "
        "takes effect. At advise and above the plan shows it only where a red line "
        "requires it, it is in place, or its condition names the kind of decision (a tag "
        "or a task fact); default false"))]]
    cite: NotRequired[Cite]


@with_config(STRICT)
class WarningRule(TypedDict):
    """A warning shown when its condition holds; `message` may use {placeholders}."""

    id: Id
    kind: Id
    title: NotRequired[Annotated[Text, Field(description="the kind in a few words, for summaries")]]
    when: Condition
    message: Text
    cite: NotRequired[Cite]


@with_config(STRICT)
class PromptRule(TypedDict):
    """A checklist item or dialogue question, shown when its condition holds."""

    id: Id
    text: Text
    when: NotRequired[Condition]
    cite: NotRequired[Cite]


def _does_something(line: dict) -> dict:
    if "level" not in line and not line.get("require"):
        raise ValueError("a red line needs a 'level' (a cap), 'require' (measures), or both")
    return line


@with_config(STRICT)
class _RedLine(TypedDict):
    """An organisation's limit no delegation may cross: when its condition holds it caps
    the level, requires measures, or both (lever 3 in seed 002: shared ground rules and
    clear limits are what make freedom safe)."""

    id: Id
    when: Condition
    level: NotRequired[Annotated[LevelNumber, Field(description="the highest level allowed")]]
    require: NotRequired[Annotated[list[Id], Field(
        description="ids of measures that must be part of the plan")]]
    reason: Text
    lifted_by: NotRequired[Lifts]
    cite: NotRequired[Cite]


RedLineRule = Annotated[_RedLine, AfterValidator(_does_something)]

@with_config(STRICT)
class Source(TypedDict):
    """A text the rules draw on, and the headings its passages are cited by."""

    id: Annotated[str, Field(pattern=r"^[0-9a-z][a-z0-9-]*$", max_length=30)]
    title: str
    language: NotRequired[Literal[LANGUAGES]]  # type: ignore[valid-type]
    headings: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]


# Each section of a rule file, the shape of one item in it, and the key that identifies
# an item across layers (an overlay item with a known key patches the earlier one).
SECTIONS: dict[str, tuple[Any, str]] = {
    "rubric": (Rubric, "dimension"),
    "levels": (Level, "number"),
    "carry": (Band, "id"),
    "caps": (Cap, "id"),
    "red_lines": (RedLineRule, "id"),
    "review": (ReviewRule, "id"),
    "measures": (MeasureRule, "id"),
    "warnings": (WarningRule, "id"),
    "checklist": (PromptRule, "id"),
    "questions": (PromptRule, "id"),
    "sources": (Source, "id"),
    **INSTRUMENTS,
}


@with_config(STRICT)
class RuleFile(TypedDict, total=False):
    """Everything one rule file may contain (used for the JSON Schema editors read).

    In an overlay, an item whose id is already defined is a patch: only the fields it
    gives change. `disable` lists ids of earlier rules to switch off.
    """

    rubric: Rubric
    levels: list[Level]
    carry: list[Band]
    caps: list[Cap]
    red_lines: list[RedLineRule]
    review: list[ReviewRule]
    measures: list[MeasureRule]
    warnings: list[WarningRule]
    checklist: list[PromptRule]
    questions: list[PromptRule]
    sources: list[Source]
    levers: list[Lever]
    legs: list[Leg]
    worthy: list[Worthy]
    stances: list[Stance]
    talk: list[TalkPart]
    disable: Annotated[list[Id], Field(description="ids of earlier rules to switch off")]


_ADAPTERS: dict[str, TypeAdapter] = {}


def adapter(section: str) -> TypeAdapter:
    """The validator of one item of `section` (built on first use)."""
    found = _ADAPTERS.get(section)
    if found is None:
        found = _ADAPTERS[section] = TypeAdapter(SECTIONS[section][0])
    return found

