"""YAML read as a person means it (issue 20): the same whatever the style, no tags, no
merge keys, the core schema's true and false, JSON only by a file's name, and no value
echoed whole in an error."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from trustdose.errors import SHOWN, clipped
from trustdose.io.source import SourceError, parse_text

# scalars as a person types them: numbers in every form, words YAML 1.1 made booleans,
# dates, and plain text
TOKENS = st.one_of(
    st.integers(-10**6, 10**6).map(str),
    st.sampled_from(["60.000", "1.234.567", "60_000", "2.5", "6e4", "6.0e+4", "-1E-3",
                     ".5", "true", "False", "yes", "No", "on", "OFF", "y", "n", "null",
                     "~", "2026-01-31", ".inf", ".nan", "ja", "007x", "lots"]))


def refused(text: str, name: str = "c.yaml") -> str:
    with pytest.raises(SourceError) as err:
        parse_text(text, name)
    problem = err.value.problem
    return f"{problem.line}:{problem.col}: {problem.message}"


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), TOKENS, min_size=1,
                       max_size=5))
def test_flow_and_block_style_read_the_same(pairs):
    block = parse_text("".join(f"{k}: {v}\n" for k, v in pairs.items()), "c.yaml")
    flow = parse_text("{" + ", ".join(f"{k}: {v}" for k, v in pairs.items()) + "}", "c.yaml")
    assert repr(flow.data) == repr(block.data)  # repr: nan, and 1 apart from 1.0 and True
    assert flow.grouped == block.grouped


def test_a_yaml_file_in_braces_is_yaml_and_only_a_json_name_is_json():
    text = '{"task": {"facts": {"amount": 60.000}}}'
    assert parse_text(text, "c.yaml").grouped == {("task", "facts", "amount"): "60.000"}
    for name in ("c.json", "C.JSON", "c.Json"):
        doc = parse_text(text, name)
        assert doc.data == {"task": {"facts": {"amount": 60.0}}} and not doc.grouped
    assert "malformed JSON" in refused("{a: 1}", "c.JSON")


@pytest.mark.parametrize("word, value", [
    ("yes", "yes"), ("no", "no"), ("on", "on"), ("Off", "Off"), ("y", "y"), ("n", "n"),
    ("true", True), ("FALSE", False), ("=", "="), ("6e4", 60000.0), ("1E-3", 0.001),
    ("2026-01-31", dt.date(2026, 1, 31)), ("60_000", 60000), ("~", None)])
def test_words_and_numbers_are_read_by_the_core_schema(word, value):
    assert parse_text(f"a: {word}\n", "c.yaml").data == {"a": value}


@pytest.mark.parametrize("value, tag", [
    ("!!bool maybe", "!!bool"), ('!!int ""', "!!int"), ("!!int abc", "!!int"),
    ("!!timestamp abc", "!!timestamp"), ("!!float x", "!!float"), ("!!binary aGk=", "!!binary"),
    ("!!python/name:os.system", "!!python/name:os.system"), ("!!set {a}", "!!set"),
    ("!!omap [a: 1]", "!!omap"), ("!foo 3", "!foo"), ("!!map [1]", "!!map"),
    ("!!int 3.5", "!!int"), ("!!str [a]", "!!str"), ("'3' ", None)])
def test_a_tag_is_refused_at_its_place(value, tag):
    text = f"subject: Kim\nrisk: {value}\n"
    if tag is None:  # quotes are not a tag
        assert parse_text(text, "c.yaml").data["risk"] == "3"
        return
    assert refused(text) == f"2:7: a YAML tag ({tag}) is not allowed here"


def test_a_tag_that_changes_nothing_is_no_problem():
    assert parse_text("a: !!int 3\nb: !!str 3\nc: !!bool true\nd: !!map {}\n",
                      "c.yaml").data == {"a": 3, "b": "3", "c": True, "d": {}}


def test_a_tagged_key_and_a_tagged_document_are_refused_too():
    assert refused("!!bool 3: x\n") == "1:1: a YAML tag (!!bool) is not allowed here"
    assert refused("--- !!set\n? a\n").startswith("1:5: a YAML tag (!!set)")


def test_a_merge_key_is_named_as_such():
    text = "base: &b {name: Kim}\nsubject:\n  <<: *b\n  kind: person\n"
    assert refused(text) == "3:3: a YAML merge key (<<) is not supported"
    assert parse_text('a: {"<<": 1}', "c.yaml").data == {"a": {"<<": 1}}  # quoted: a word


def test_an_old_number_form_is_still_refused_with_what_yaml_1_1_made_of_it():
    assert refused("amount: 075000\n") == \
        "1:9: '075000' is no plain number: YAML reads it as 31232"


def test_an_error_quotes_at_most_a_line_of_what_was_written():
    key = "k" * 100_000
    message = refused(f"? {key}\n: 1\n? {key}\n: 2\n")
    assert message.startswith("3:3: duplicate key 'kkk") and len(message) < 2 * SHOWN
    message = refused(f"a: !{'x' * 100_000} 1\n")
    assert len(message) < 2 * SHOWN and message.endswith("…) is not allowed here")


@given(st.text(max_size=200))
def test_clipped_keeps_short_text_and_bounds_long_text(text):
    shown = clipped(text)
    assert len(shown) <= SHOWN
    assert shown == text if len(text) <= SHOWN else (
        shown.endswith("…") and text.startswith(shown[:-1]))


def test_a_tag_in_a_rule_file_is_a_rules_error_at_its_place(overlay):
    import trustdose
    from trustdose import RulesError
    folder = overlay({"org.yaml": "red_lines:\n  - id: x\n    level: !!bool maybe\n"})
    with pytest.raises(RulesError) as err:
        trustdose.load_rules([folder], user=False)
    problem = err.value.problems[0]
    assert (problem.line, problem.col) == (3, 12)
    assert problem.message == "a YAML tag (!!bool) is not allowed here"


def test_a_case_error_quotes_a_huge_name_in_a_line(tmp_path):
    from trustdose.api import load_case
    from trustdose.errors import CaseError
    path = tmp_path / "c.yaml"
    path.write_text('subject: {name: "%s"}\ntask: {title: T}\ncompetence: 3\nintention: 3\n'
                    "resources: 3\nrisk: 3\n" % ("x" * 1_000_000), encoding="utf-8")
    with pytest.raises(CaseError) as err:
        load_case(path)
    assert len(str(err.value)) < 4 * SHOWN and "xxx…" in str(err.value)
