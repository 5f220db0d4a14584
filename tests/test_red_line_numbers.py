"""Red lines cannot be bypassed by how a number is typed (issue 15, item 3): a task fact
that a rule compares as a number is read in the conventions of the language in use, in
a case file, a batch row (CSV cell, JSON line, YAML document) and the questionnaire;
what is ambiguous is asked again or refused with its place, never guessed."""

from __future__ import annotations

import json

import pytest

import trustdose
from trustdose import i18n
from trustdose.questionnaire import Walk, steps
from trustdose.rules.integrity import fact_types

from helpers import EXAMPLES, make_case, run

ORG = str(EXAMPLES / "org-overlay")


def case_text(amount: str, competence: str = "5") -> str:
    return (f"subject: {{name: Bo}}\ntask:\n  title: Order new lifting equipment\n"
            f"  facts: {{amount: {amount}}}\ncompetence: {competence}\nintention: 5\n"
            f"resources: 5\nrisk: 1\n")


def assessed(tmp_path, amount: str, lang: str, *extra: str):
    path = tmp_path / "case.yaml"
    path.write_text(case_text(amount), encoding="utf-8")
    return run("assess", str(path), "--rules", ORG, "--lang", lang, "-f", "json", *extra)


@pytest.mark.parametrize("lang, amount", [
    ("da", '"60.000"'), ("nb", '"60 000"'), ("sv", '"60 000,5"'), ("da", '"50.000"'),
    ("en", '"60,000"'), ("en", '"50,000.00"'), ("en", "60000"), ("da", "60000"),
    ("en", "6.0e+4"), ("da", "60_000")])  # YAML's own numbers stay numbers
def test_an_amount_over_the_limit_meets_the_red_line_however_it_is_written(tmp_path, lang,
                                                                            amount):
    result = assessed(tmp_path, amount, lang)
    assert result.returncode == 0, result.stderr
    assert "four-eyes" in [m["id"] for m in json.loads(result.stdout)["controls"]]


@pytest.mark.parametrize("lang, amount", [("da", '"49.999"'), ("en", '"49,999"'),
                                          ("sv", '"49 999,5"'), ("en", "49999")])
def test_an_amount_under_the_limit_does_not(tmp_path, lang, amount):
    result = assessed(tmp_path, amount, lang)
    assert result.returncode == 0, result.stderr
    assert "four-eyes" not in [m["id"] for m in json.loads(result.stdout)["controls"]]


@pytest.mark.parametrize("lang, amount, says", [
    ("da", '"60,000"', "ambiguous"), ("en", '"60.000"', "ambiguous"),
    ("en", "lots", "'lots' is not a number"), ("en", '"lots"', "'lots' is not a number"),
    ("da", '"60.5"', "is not a number written with '.' or a space"),
    ("en", "yes", "'yes' is not a number"), ("en", ".nan", "NaN is not a number"),
    ("en", '"60000 kr"', "is not a number"), ("en", '"6.0e4"', "'6.0e4' is not a number")])
def test_a_case_file_refuses_what_is_no_number_with_its_place(tmp_path, lang, amount, says):
    path = tmp_path / "case.yaml"
    path.write_text(case_text(amount), encoding="utf-8")
    # the language of the run decides how a number is read; the messages are in English
    # (TRUSTDOSE_LANG) only when it is English, so look at the message in English too
    result = run("assess", str(path), "--rules", ORG, "--lang", lang)
    assert result.returncode == 2 and result.stdout == ""
    assert f"{path}:4:19: task.facts.amount: " in result.stderr
    assert "Traceback" not in result.stderr
    if lang == "en":
        assert says in result.stderr and "hint: " in result.stderr


def test_every_problem_of_a_case_at_once(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(case_text('"lots"', competence="9"), encoding="utf-8")
    result = run("assess", str(path), "--rules", ORG)
    assert result.returncode == 2
    assert f"{path}:5:13: competence: 9 is out of range" in result.stderr
    assert f"{path}:4:19: task.facts.amount: 'lots' is not a number" in result.stderr


def test_the_api_reads_text_and_keeps_yaml_and_json_numbers():
    org = trustdose.load_rules([EXAMPLES / "org-overlay"], user=False)
    for amount, fires in [("60,000", True), (60000, True), (60000.0, True), (49999, False),
                          ("49,999.5", False)]:
        case = make_case(5, 5, 5, 1)
        case["task"]["facts"] = {"amount": amount}
        result = trustdose.assess(case, org)
        assert ("four-eyes" in [m.id for m in result.controls]) is fires, amount
        assert result.task.facts["amount"] == pytest.approx(float(str(amount).replace(",", "")))
    with pytest.raises(trustdose.CaseError, match="ambiguous"):
        trustdose.assess({**make_case(), "task": {"title": "x", "facts": {"amount": "1.500"}}},
                         org)
    # a fact no rule compares as a number stays as written
    case = make_case()
    case["task"]["facts"] = {"note": "60.000", "amount": 1}
    assert trustdose.assess(case, org).task.facts["note"] == "60.000"


CSV = ("id;subject;task;competence;intention;resources;risk;facts.amount\n"
       "a;Bo;Order;5;5;5;1;60.000\n"
       "b;Bo;Order;5;5;5;1;60,000\n"
       "c;Bo;Order;5;5;5;1;lots\n"
       "d;Bo;Order;5;5;5;1;49.999\n"
       "e;Bo;Order;5;5;5;1;60 000\n"
       "f;Bo;Order;5;5;5;1;60000\n")


@pytest.mark.parametrize("lang, four_eyes, rejected", [
    ("da", {"a", "e", "f"}, {"b": "ambiguous", "c": "is not a number"}),
    ("en", {"b", "e", "f"}, {"a": "ambiguous", "c": "is not a number", "d": "ambiguous"})])
def test_a_csv_batch_reads_cells_in_the_language(tmp_path, lang, four_eyes, rejected):
    path = tmp_path / "in.csv"
    path.write_text(CSV, encoding="utf-8")
    result = run("batch", str(path), "--rules", ORG, "--lang", lang)
    assert result.returncode == 1
    rows = {r["case_id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert {i for i, r in rows.items() if "four-eyes" in [m["id"] for m in r["controls"]]} \
        == four_eyes
    assert set(rows) == set("abcdef") - set(rejected)
    line = {"a": 2, "b": 3, "c": 4, "d": 5}
    for row_id in rejected:
        assert f"{path}:{line[row_id]}: task.facts.amount: " in result.stderr
    assert rows["f"]["task"]["facts"]["amount"] == 60000


def test_json_lines_and_yaml_documents_in_a_batch(tmp_path):
    lines = tmp_path / "in.jsonl"
    base = make_case(5, 5, 5, 1)
    lines.write_text("\n".join(json.dumps({**base, "id": i, "task": {
        "title": "Order", "facts": {"amount": amount}}}) for i, amount in
        [("a", "60.000"), ("b", 60000), ("c", "lots"), ("d", "60,5")]) + "\n",
        encoding="utf-8")
    result = run("batch", str(lines), "--rules", ORG, "--lang", "da")
    rows = {r["case_id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(rows) == {"a", "b", "d"} and result.returncode == 1
    assert ["four-eyes" in [m["id"] for m in rows[i]["controls"]] for i in "abd"] == \
        [True, True, False]
    assert f"{lines}:3:" in result.stderr and "'lots'" in result.stderr
    stream = tmp_path / "in.yaml"
    stream.write_text("\n---\n".join(case_text(a).replace("subject:", f"id: {i}\nsubject:")
                                     for i, a in [("a", '"60.000"'), ("b", '"60,000"')]),
                      encoding="utf-8")
    result = run("batch", str(stream), "--rules", ORG, "--lang", "da")
    rows = {r["case_id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(rows) == {"a"} and "ambiguous" not in result.stderr  # Danish message
    assert "tvetydigt" in result.stderr


def _walk(rules, answers: dict) -> Walk:
    walk = Walk(steps(rules))
    while (step := walk.current()) is not None:
        walk.answer(answers.get(step.key, "" if step.optional else "3"))
        if step.key == ("task", "facts", "amount"):
            return walk
    return walk


@pytest.mark.parametrize("lang, typed, value", [
    ("da", "60.000", 60000), ("nb", "60 000", 60000), ("sv", "60 000,5", 60000.5),
    ("en", "60,000", 60000), ("en", "60000", 60000), ("da", "", None)])
def test_the_questionnaire_reads_the_amount_in_the_language(lang, typed, value):
    org = trustdose.load_rules([EXAMPLES / "org-overlay"], user=False)
    try:
        i18n.set_language(lang)
        todo = {s.key: s for s in steps(org)}
        assert todo[("task", "facts", "amount")].parse(typed) == value
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lang, typed, says", [
    ("da", "60,000", "tvetydigt"), ("en", "60.000", "ambiguous"), ("en", "lots", "not a number"),
    ("da", "masser", "ikke et tal"), ("en", "60,5", "did you mean 60.5?")])
def test_the_questionnaire_asks_again_with_a_hint(lang, typed, says):
    org = trustdose.load_rules([EXAMPLES / "org-overlay"], user=False)
    try:
        i18n.set_language(lang)
        walk = Walk(steps(org))
        while walk.current().key != ("task", "facts", "amount"):
            step = walk.current()
            walk.answer({("subject", "name"): "Bo", ("subject", "kind"): "p",
                         ("subject", "new_in_role"): "n" if lang == "en" else "nej",
                         ("task", "title"): "Order"}.get(step.key, ""))
        with pytest.raises(ValueError) as caught:
            walk.answer(typed)
        assert says in str(caught.value) and "Enter" in str(caught.value)
        assert walk.current().key == ("task", "facts", "amount")  # asked again
        walk.answer("60000")
        assert walk.answers[("task", "facts", "amount")] == 60000
    finally:
        i18n.set_language("en")


def test_the_types_of_the_facts_the_rules_compare(overlay):
    org = trustdose.load_rules([EXAMPLES / "org-overlay"], user=False)
    assert fact_types(org) == {"amount": "number"}
    assert fact_types(trustdose.load_rules(user=False)) == {}
    folder = overlay({"org.yaml": """
warnings:
  - {id: w1, kind: pattern, message: {en: "x"}, when: {field: facts.count, op: "==", value: 3}}
  - {id: w2, kind: pattern, message: {en: "x"}, when: {field: facts.code, op: "==", value: A}}
  - {id: w3, kind: pattern, message: {en: "x"}, when: {field: facts.size, op: in, value: [1, 2]}}
  - {id: w4, kind: pattern, message: {en: "x"}, when: {not: {field: facts.n, op: "!=", value: 0}}}
  - {id: w5, kind: pattern, message: {en: "x"}, when: {field: facts.flag, op: "==", value: true}}
"""})
    assert fact_types(trustdose.load_rules([folder], user=False)) == {
        "count": "number", "size": "number", "n": "number", "code": "text",
        "flag": "true/false"}


def test_a_rule_comparing_a_fact_in_order_with_text_is_a_load_error(overlay):
    # "100000" >= "50000" is false: the red line would never hold for larger amounts
    folder = overlay({"org.yaml": """red_lines:
  - id: spending
    when: {field: facts.amount, op: ">=", value: "50000"}
    require: [four-eyes]
    reason: {en: "spending needs four-eyes"}
    cite: trustdose
"""})
    result = run("rules", "check", str(folder))
    assert result.returncode == 2
    assert f"{folder / 'org.yaml'}:3:" in result.stderr
    assert "'>=' compares facts.amount with \"50000\", which is not a number" in result.stderr


@pytest.mark.parametrize("amount, read", [("060000", "24576"), ("0_75000", "31232"),
                                          ("1:23:20", "5000"), ("0xC350", "50000"),
                                          ("0b1100", "12")])
def test_a_number_yaml_reads_by_an_old_convention_is_refused_not_converted(tmp_path, amount,
                                                                            read):
    """YAML 1.1 reads these as octal, sexagesimal, hexadecimal or binary: a red line on
    the amount would pass by how it is written (issue 20). Refused at its place."""
    result = assessed(tmp_path, amount, "en")
    assert result.returncode == 2
    assert f"case.yaml:4:19: '{amount}' is no plain number: YAML reads it as {read}" \
        in result.stderr
    # and in a rule file, where the threshold is written
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "org.yaml").write_text(
        "red_lines:\n  - id: big\n    when: {field: facts.amount, op: '>=', value: "
        f"{amount}}}\n    level: 2\n    reason: {{en: x}}\n", encoding="utf-8")
    loaded = run("rules", "check", str(folder))
    assert loaded.returncode == 2 and "is no plain number" in loaded.stderr
