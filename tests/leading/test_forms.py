"""The stool's answers files: a blank form in each language, in the team member's voice,
filled in and read back to the same answers; a bad file gives every problem at once, at
its line and column."""

from __future__ import annotations

import re

import pytest

from trustdose import i18n
from trustdose.io.source import SourceError, parse_text, read_file
from trustdose.leading.forms import blank_form, new_token, read_answers


def _filled(text: str, answers: dict) -> str:
    return re.sub(r"^    ([a-z-]+):$", lambda m: f"    {m.group(1)}: {answers[m.group(1)]}"
                  if m.group(1) in answers else m.group(0), text, flags=re.M)


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
def test_a_blank_form_filled_in_reads_back_in_every_language(rules, lang):
    saved = i18n.current()
    try:
        i18n.set_language(lang)
        token = new_token()
        text = blank_form(rules, "Weekendteamet", token, 5)
    finally:
        i18n.set_language(saved)
    for leg in rules.legs:  # the member's voice, in the language, never the leader's
        for asked in leg.item["questions"]:
            said = " ".join(asked["text_team"][lang].split()[:4])
            assert said in " ".join(line.lstrip("# ") for line in text.splitlines())
    given = {q["id"]: n % 5 + 1 for n, q in enumerate(
        q for leg in rules.legs for q in leg.item["questions"])}
    given.pop("skills")  # one left empty: skipped
    answered, problems = read_answers(parse_text(_filled(text, given), "f.yaml"), rules)
    assert problems == []
    assert answered.token == token and answered.team == "Weekendteamet"
    assert answered.kind == "form"
    assert {q: v for leg in answered.answers.values() for q, v in leg.items()} == given


def test_every_problem_of_a_bad_file_at_its_line_and_column(rules):
    text = ("stool: form\nteam: T\ntoken: nope\ncolour: blue\nanswers:\n"
            "  relational-tem:\n    rely: 3\n  relational-person:\n    speak-up: 6\n"
            "    fitted-support: 3.5\n    speakup: 2\n  structural-team:\n"
            "    limits: true\n    conditions: '?'\n")
    answered, problems = read_answers(parse_text(text, "bad.yaml"), rules)
    assert answered is None
    said = [str(p) for p in problems]
    assert len(problems) == 7, said
    assert any("bad.yaml:3:" in s and "32 hex digits" in s for s in said)
    assert any("bad.yaml:4:1" in s and "colour" in s for s in said)
    assert any("bad.yaml:6:" in s and "relational-tem" in s for s in said)
    assert any("relational-team" in (p.hint or "") for p in problems)  # did you mean
    assert any("bad.yaml:9:" in s and "6 is not an answer" in s for s in said)
    assert any("bad.yaml:10:" in s and "3.5" in s for s in said)
    assert any("bad.yaml:13:" in s and "true" in s for s in said)


@pytest.mark.parametrize("text, message", [
    ("stool: form\nanswers: {}\n", "no token"),
    ("stool: own\ntoken: " + "a" * 32 + "\n", "carry no token"),
    ("stool: mine\n", "'stool:' must say"),
    ("- 1\n- 2\n", "a mapping"),
    ("stool: own\nteam: \"a\\u202eb\"\n", "U+202E"),
    ("stool: own\nanswers: [1, 2]\n", "must map each leg"),
])
def test_what_a_file_cannot_be(rules, text, message):
    answered, problems = read_answers(parse_text(text, "x.yaml"), rules)
    assert answered is None and any(message in str(p) for p in problems), problems


def test_malformed_huge_and_wrongly_encoded_files_are_problems_not_crashes(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("stool: own\nanswers:\n  a: [\n", encoding="utf-8")
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"stool: own\n#" + b"x" * (11 * 1024 * 1024))
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("stool: own\nteam: Hjemmeplejen Øst\n".encode("latin-1"))
    for path, said in ((bad, "bad.yaml:"), (huge, "larger than"), (latin, "latin.yaml:2:")):
        with pytest.raises(SourceError) as caught:
            read_file(path)
        assert said in str(caught.value.problem)
