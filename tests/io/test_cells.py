"""CSV rows read cell by cell (`io.cells`) give, row for row, what the case mapping of the
same cells gives the whole way: the same JSON line, or the same problems."""

from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import given, settings, strategies as st

import trustdose
from trustdose.intake import assess_document
from trustdose.batch.run import Settings, assessed
from trustdose.engine.compiled import Compiled
from trustdose.errors import CaseError
from trustdose.io.cells import CellReader
from trustdose.io.readers import CsvLayout, csv_rows

TODAY = dt.date(2026, 11, 23)
CELLS = {"id": ["", "row-1", " 7 "],
         "subject": ["Kim", " Åsa ", "", 'Say "hi"', "Line\nbreak", "x" * 201],
         "kind": ["", "person", "team", "robot"], "new_in_role": ["", "ja", "no", "maybe"],
         "task": ["Rota", "", "Plan; with a semicolon"],
         "description": ["", "Two\nlines"],
         "ground_rules": ["", "Count, every time; never alone|  "], "escalate": ["", "A fall"],
         "purpose": ["", "Why, for whom"], "due": ["", "2026-12-24", "2026-01-01", "soon"],
         "tags": ["", "budget", "budget|citizen-decision", "Bad Tag"],
         "competence": ["4", "2,5", " 3 ", "?", "osäker", "9", "high", "", "4.5"],
         "intention": ["3", "uncertain", "0"], "resources": ["4,5", "2"],
         "risk": ["1", "3,5", "5", "uncertain", "0", ""],
         "planned_level": ["", "4", "delegate", "Blive enige", "delgate", "9"],
         "date": ["", "2026-01-05", "2026-13-01", "soon"],
         "competence.experience": ["", "2", "4", "2,5", "?"],
         "facts.amount": ["", "60000", "lots"],
         "safeguards": ["", "four-eyes", "written-instructions|approval", "bogus"],
         "task_kind": ["", "routine", "weekly"], "people": ["", "residents", "the families"]}


def table(rows: list[dict], delimiter: str, columns: list[str]) -> tuple[str, list[str]]:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[c] for c in columns])
    first, *lines = text.getvalue().splitlines(keepends=True)
    return first, lines


def whole_way(row, rules, compiled, planned):
    try:
        return assess_document(row.document(), rules, planned=planned, today=TODAY,
                               case_id=row.source, compiled=compiled).json_line()
    except CaseError as exc:
        return exc.problems


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(st.fixed_dictionaries({k: st.sampled_from(v) for k, v in CELLS.items()}),
                     min_size=1, max_size=12),
       delimiter=st.sampled_from([",", ";"]), planned=st.sampled_from([None, 5]),
       use=st.sampled_from([[c for c in CELLS if c != "competence"],
                            [c for c in CELLS if "." not in c and c != "date"]]))
def test_rows_read_cell_by_cell_are_what_the_case_mapping_gives(rows, delimiter, planned, use):
    rules = trustdose.load_rules(user=False)
    compiled = Compiled(rules, "en")
    first, lines = table(rows, delimiter, use)
    layout = CsvLayout.read(first, "w.csv")
    settings_ = Settings(rules, planned, TODAY, compiled, {})
    fresh = Compiled(rules, "en", memo=False)  # remembers nothing: one serves every row
    for row, result in assessed(csv_rows(lines, "w.csv", layout), settings_):
        expected = whole_way(row, rules, fresh, planned)
        got = row.problems if result is None else result.json_line()
        assert got == expected


def test_plainly_valid_rows_are_read_cell_by_cell(rules):
    # not a test that can pass by sending every row the whole way
    first, lines = table([{**{c: v[0] for c, v in CELLS.items()}, "competence": score,
                           "kind": kind, "tags": tags, "planned_level": planned,
                           "competence.experience": ""}
                          for score in ("4", "2,5", "?") for kind in ("", "team")
                          for tags in ("", "budget") for planned in ("", "4", "Rådgive")],
                         ";", [c for c in CELLS if c != "competence.experience"])
    layout = CsvLayout.read(first, "w.csv")
    compiled = Compiled(rules, "en")
    reader = CellReader(layout, compiled.indicators, compiled.labels, planned_given=False,
                        safeguards=compiled.safeguards)
    read = [reader.read(row.given) for row in csv_rows(lines, "w.csv", layout)]
    assert len(read) == 36 and all(g is not None for g in read)
    assert {g.planned for g in read} == {None, 4, 5}


AMOUNTS = ["", "60000", "60.000", "60,000", "60 000", "60,5", "60.5", "49.999", "49,999",
           "lots", "-5", "1.234,5", "1,234.5"]


@settings(max_examples=60, deadline=None)
@given(amounts=st.lists(st.sampled_from(AMOUNTS), min_size=1, max_size=10),
       lang=st.sampled_from(["en", "da", "nb", "sv"]))
def test_a_fact_rules_compare_as_a_number_is_read_alike_both_ways(amounts, lang):
    # the example overlay's red line compares facts.amount with 50,000: a cell is read
    # in the language's conventions by the cells and the whole way alike
    from trustdose import i18n
    from trustdose.model.numbers import NumberError, parse_number
    from helpers import EXAMPLES
    rules = trustdose.load_rules([EXAMPLES / "org-overlay"], user=False)
    i18n.set_language(lang)
    try:
        compiled = Compiled(rules, lang)
        rows = [{**{c: v[0] for c, v in CELLS.items()}, "facts.amount": a} for a in amounts]
        first, lines = table(rows, ";", [c for c in CELLS if c != "competence.experience"])
        layout = CsvLayout.read(first, "w.csv")
        fresh = Compiled(rules, lang, memo=False)  # remembers nothing: one serves every row
        for row, result in assessed(csv_rows(lines, "w.csv", layout),
                                    Settings(rules, None, TODAY, compiled, {})):
            expected = whole_way(row, rules, fresh, None)
            got = row.problems if result is None else result.json_line()
            assert got == expected
        reader = CellReader(layout, compiled.indicators, compiled.labels, False,
                            compiled.safeguards, {"amount": "number"}, lang)
        for row, amount in zip(csv_rows(lines, "w.csv", layout), amounts):
            given_ = reader.read(row.given)  # read cell by cell, or refused
            try:
                number = parse_number(amount, lang) if amount else None
            except NumberError:
                assert given_ is None
                continue
            assert given_ is not None and given_.task.facts.get("amount") == number
    finally:
        i18n.set_language("en")


TYPED = """\
red_lines:
  - id: night-work
    when: {field: facts.night, op: "==", value: true}
    level: 3
    require: [four-eyes]
    reason: {en: "night work is never delegated beyond consult"}
  - id: ward-seven
    when: {all: [{field: facts.unit, op: "==", value: "007"}, {field: tags, op: contains,
                                                                 value: budget}]}
    level: 2
    reason: {en: "ward 007's budget is decided together"}
warnings:
  - id: night-or-spending
    kind: pattern
    message: {en: "mind the night"}
    when: {any: [{field: facts.night, op: "!=", value: false},
                 {field: facts.amount, op: ">=", value: 50000}]}
"""
YES_NO = {"en": ("yes", "no", "true", "false"), "da": ("ja", "nej", "sand", "falsk"),
          "nb": ("ja", "nei", "sann", "usann"), "sv": ("ja", "nej", "sant", "falskt")}
FACT = st.fixed_dictionaries({}, optional={
    "night": st.booleans(), "amount": st.sampled_from([0, 49999, 50000, 60000, 1234567]),
    # free: no rule's, so a CSV cell's digits are a number
    "unit": st.sampled_from(["007", "7", "ward-3"]), "free": st.sampled_from(["x", 12])})


_TYPED_RULES: list = []  # loaded once for every example


def _cell(value, lang, choice):
    """A typed fact as a person writes it in a CSV cell, in the language in use."""
    from trustdose.model.numbers import written
    if isinstance(value, bool):
        word = YES_NO[lang][(0 if value else 1) + 2 * (choice % 2)]
        return word.upper() if choice % 3 == 0 else word
    if isinstance(value, int):
        return written(value, lang, grouped=choice % 2 == 0)
    return str(value)


@settings(max_examples=40, deadline=None)
@given(cases=st.lists(st.tuples(FACT, st.sampled_from(["", "budget"]),
                                st.sampled_from(["2", "4", "5"]), st.integers(0, 5)),
                      min_size=1, max_size=12),
       lang=st.sampled_from(["en", "da", "nb", "sv"]))
def test_a_csv_file_and_json_lines_of_the_same_cases_agree(cases, lang, tmp_path_factory):
    # issue 19 item 2: a rule on facts.night == true fired from JSON and never from CSV
    import json

    from trustdose import i18n
    from trustdose.io.readers import jsonl_rows
    if not _TYPED_RULES:
        folder = tmp_path_factory.mktemp("typed")
        (folder / "org.yaml").write_text(TYPED, encoding="utf-8")
        _TYPED_RULES.append(trustdose.load_rules([folder], user=False))
    rules = _TYPED_RULES[0]
    i18n.set_language(lang)
    try:
        names = ["night", "amount", "unit", "free"]
        rows, lines = [], []
        for n, (facts, tags, score, choice) in enumerate(cases):
            rows.append({"id": f"c{n}", "subject": "Kim", "task": "Rota", "tags": tags,
                         "competence": score, "intention": "5", "resources": "5", "risk": "2",
                         **{f"facts.{k}": _cell(facts[k], lang, choice) if k in facts else ""
                            for k in names}})
            task = {"title": "Rota", "facts": facts, **({"tags": [tags]} if tags else {})}
            lines.append(json.dumps({"id": f"c{n}", "subject": {"name": "Kim"}, "task": task,
                                     "competence": int(score), "intention": 5,
                                     "resources": 5, "risk": 2}) + "\n")
        first, csv_lines = table(rows, ";", list(rows[0]))
        layout = CsvLayout.read(first, "w.csv")

        def outcomes(found):
            return [(result.to_json() | {"source": None}) if result is not None
                    else [(p.message, p.hint) for p in row.problems] for row, result in found]
        compiled = Compiled(rules, lang)
        from_csv = outcomes(assessed(csv_rows(csv_lines, "w.csv", layout),
                                     Settings(rules, None, TODAY, compiled, {})))
        from_json = outcomes(assessed(jsonl_rows(lines, "w.jsonl"),
                                      Settings(rules, None, TODAY, compiled, {})))
        assert from_csv == from_json
        assert all(isinstance(found, dict) for found in from_csv)  # every case was read
    finally:
        i18n.set_language("en")
