"""Which rule texts lack a translation, per language (`trustdose rules check`).

Every text in a rule file is a mapping `{en: …, da: …, nb: …, sv: …}`; English is
required and the others fall back to it per string. An organisation's overlay may give
any subset, so a missing translation is reported, not refused: `rules check` lists them
per language, and `--require-lang` turns them into findings for the languages an
organisation promises its leaders.
"""

from __future__ import annotations

from typing import Any, Iterator, NamedTuple

from ..model.vocabulary import LANGUAGES
from .ruleset import RuleSet

OTHER_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != "en")


class Missing(NamedTuple):
    """One text without one language: which rule, which field, where, in English."""

    lang: str
    rule: str
    field: str  # e.g. "title", "indicators[professional].anchors[3]"
    source: str
    english: str


def missing_translations(rules: RuleSet) -> dict[str, list[Missing]]:
    """For da, nb and sv: every rule text that falls back to English."""
    result: dict[str, list[Missing]] = {lang: [] for lang in OTHER_LANGUAGES}
    for entry in rules.every_rule():
        for field, text in _texts(entry.item):
            for lang in OTHER_LANGUAGES:
                if not text.get(lang):
                    result[lang].append(Missing(lang, str(entry.id), field, entry.source,
                                                text["en"]))
    return result


def _texts(item: dict, path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Every `{en: …}` text inside a rule, with its path."""
    for name, value in item.items():
        if name != "when":
            yield from _value(value, f"{path}.{name}" if path else name)


def _value(value: Any, path: str) -> Iterator[tuple[str, dict[str, str]]]:
    if isinstance(value, dict) and isinstance(value.get("en"), str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _value(inner, f"{path}[{key}]")
    elif isinstance(value, list):
        for inner in value:
            key = inner.get("id") if isinstance(inner, dict) else None
            yield from _texts(inner, f"{path}[{key}]") if key else ()
