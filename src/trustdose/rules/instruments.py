"""The shape of the leader's own instruments in rule files: the nine levers and their
questions (`levers`), the trust stool's six legs (`legs`), the sides of being worthy of
trust the leader checks themself against (`worthy`), the three stances towards a frame set
above the leader (`stances`), and the parts of a talk on self-leadership (`talk`).

They are rules as the delegation rules are: data in four languages, layered by an
organisation, loaded strictly, every text citing the seed passage it draws on (seed 002's
trust stool and nine levers, 000's credibility, fairness and respect and its habits, 003's
talk on self-leadership). A question rated on a scale is `Asked`: anchored 1, 3 and 5 as
the rubrics' indicators are, so one way of scoring serves the stool and the self-check.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, with_config
from typing_extensions import NotRequired, TypedDict

from .kinds import STRICT, Anchors, Cite, Id, Text

Questions = Annotated[list[Text], Field(min_length=1, description=(
    "open questions for reflection and dialogue, in the product's own words (never a "
    "source's sentences)"))]


@with_config(STRICT)
class Asked(TypedDict):
    """A question answered on an anchored scale of 1-5."""

    id: Id
    text: Annotated[Text, Field(description="asked of the leader, about their own place")]
    text_team: NotRequired[Annotated[Text, Field(
        description="asked of a team member on the stool's blank form; a question "
                    "without it is the leader's alone")]]
    anchors: Anchors
    cite: NotRequired[Cite]


@with_config(STRICT)
class Lever(TypedDict):
    """One of the nine levers of trust in leadership (seed 002, part 2), with questions."""

    id: Id
    number: Annotated[int, Field(ge=1, le=9, strict=True)]
    title: Text
    summary: Text
    questions: Annotated[Questions, Field(description=(
        "as the leader asks them: of themself, or with their own manager ('I')"))]
    questions_team: NotRequired[Annotated[Questions, Field(description=(
        "the same questions as the staff answer them at a staff meeting, about their "
        "workplace ('we', 'our leader'): for a lever whose questions are the leader's "
        "own; without it, a staff meeting is asked `questions`"))]]
    cite: Cite


@with_config(STRICT)
class Leg(TypedDict):
    """A leg of the trust stool: relational or structural trust at one level."""

    id: Id
    trust: Literal["relational", "structural"]
    level: Literal["person", "team", "organisation"]
    title: Text
    summary: Text
    questions: Annotated[list[Asked], Field(min_length=2, max_length=3)]
    levers: Annotated[list[Id], Field(min_length=1, max_length=2, description=(
        "the levers (ids) that strengthen this leg when it wobbles"))]
    cite: Cite


@with_config(STRICT)
class Worthy(TypedDict):
    """One side of being worthy of trust, as the leader checks themself against it."""

    id: Id
    title: Text
    summary: Text
    questions: Annotated[list[Asked], Field(min_length=1)]
    practise: Annotated[Text, Field(description="one thing to practise when this side is "
                                                "the one to work on (never a score)")]
    levers: NotRequired[list[Id]]
    cite: Cite


@with_config(STRICT)
class Stance(TypedDict):
    """Challenge, shape or live with: what a leader does with a part of the frame set above."""

    id: Literal["challenge", "shape", "live-with"]
    title: Text
    reason: Annotated[Text, Field(description="why, in the seed's terms")]
    ask: Annotated[Text, Field(description="the question that sorts a part of the frame "
                                           "into this stance")]
    cite: Cite


@with_config(STRICT)
class TalkPart(TypedDict):
    """One part of a talk on self-leadership: goals, results, expectations, …"""

    id: Id
    title: Text
    questions: Annotated[Questions, Field(description="asked of one person ('du')")]
    questions_team: NotRequired[Annotated[Questions, Field(
        description="the same questions asked of a team, which is never addressed as one "
                    "person ('I', 'dere', 'ni')")]]
    cite: Cite


# Each section, the shape of one item in it, and its key (as `rules.files.SECTIONS`).
INSTRUMENTS: dict[str, tuple[Any, str]] = {
    "levers": (Lever, "id"),
    "legs": (Leg, "id"),
    "worthy": (Worthy, "id"),
    "stances": (Stance, "id"),
    "talk": (TalkPart, "id"),
}
