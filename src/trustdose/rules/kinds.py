"""The building blocks every shape of a rule file is made of: an id, a text in the four
languages, a cite, an anchored scale, a level by number or name. One place, so that the
delegation rules (`rules.files`) and the leader's own instruments (`rules.instruments`)
say them alike."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field

from ..model.vocabulary import DIMENSIONS, LANGUAGES, LEVEL_NAMES

Dimension = Literal[DIMENSIONS]  # type: ignore[valid-type]
LevelName = Literal[LEVEL_NAMES]  # type: ignore[valid-type]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=60)]
def _level_number(value: Any) -> Any:
    """A level by its id (`agree`) as well as its number, as everywhere else."""
    if isinstance(value, str) and value in LEVEL_NAMES:
        return LEVEL_NAMES.index(value) + 1
    return value


LevelNumber = Annotated[int, Field(ge=1, le=7, strict=True), BeforeValidator(_level_number)]
STRICT = ConfigDict(extra="forbid")
Cite = Annotated[str, Field(description="the source passage a rule draws on, by its own "
                                        "heading ('002: At balancere tillid og kontrol'; "
                                        "several separated by '; '), or 'trustdose' for the "
                                        "product's own rule")]
Lifts = Annotated[dict[Id, LevelNumber], Field(
    description="safeguards (ids of controls already in place for a task) that answer this "
                "limit, each with the level it rises to while the safeguard is in place")]


def _needs_english(text: dict) -> dict:
    if "en" not in text:
        raise ValueError("every text needs an English version under 'en' (the fallback)")
    return text


Text = Annotated[
    dict[Literal[LANGUAGES], Annotated[str, Field(min_length=1)]],  # type: ignore[valid-type]
    AfterValidator(_needs_english)]


def _anchored(anchors: dict) -> dict:
    missing = [n for n in (1, 3, 5) if n not in anchors]
    if missing:
        raise ValueError(f"anchors need at least 1, 3 and 5; missing {missing}")
    return anchors


Anchors = Annotated[dict[Literal[1, 2, 3, 4, 5], Text], AfterValidator(_anchored),
                    Field(description="what a 1, a 3 and a 5 look like (2 and 4 optional)")]
