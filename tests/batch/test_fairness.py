"""`batch --fairness [--by COLUMN]`: alike answers with plans far apart, and groups whose
plans differ from what the same answers carry, asked as questions in four languages."""

from __future__ import annotations

import itertools
import json
import random
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from trustdose.batch.alike import alike, pairs
from trustdose.batch.fairness import Gathered, group_value, groups, risk_limits
from trustdose.model.assessment import LevelRef
from trustdose.model.fairness import Alike, Side
from trustdose.rules.loader import load_rules

from helpers import run, run_process

RULE = Alike(0.5, (2.5, 3.5, 4.5))
HEADER = "id;subject;kind;task;competence;intention;resources;risk;planned_level\n"
ROWS = [  # two pairs: Mette-Jonas (3 steps), Sara-Jonas (2); Mette-Sara is one step
    "m;Mette;person;Plan the rota;4;4;4;2;tell",
    "j;Jonas;person;Order supplies;4;4;3,5;2;agree",
    "s;Sara;person;Answer citizens;4;4;4;2;sell",
    "i;Ida;person;Write the report;4;4;4;2,5;delegate",  # risk in the next band
    "o;Omar;person;Run the meeting;1;1;1;5;tell",
    "b;Bo;person;Plan the rota;4;4;4;2;",  # no plan: takes no part
    *(f"t{n};Team {n};team;Plan the shift;2;2;2;4;delegate" for n in range(5)),
]


def workshop(tmp_path, rows=ROWS):
    path = tmp_path / "workshop.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def fairness_line(stdout: str) -> dict:
    last = json.loads(stdout.splitlines()[-1])
    assert list(last) == ["fairness"]
    return last["fairness"]


# properties


SCORES = st.tuples(*[st.sampled_from([1 + 0.25 * i for i in range(17)])] * 4)
# close together, across the cells' edges and the risk band's limit at 3.5
NEAR = st.tuples(*[st.sampled_from([2.75 + 0.2 * i for i in range(6)])] * 4)


@given(SCORES, SCORES)
def test_alike_is_the_same_either_way_round(first, second):
    assert alike(first, second, RULE) == alike(second, first, RULE)
    assert alike(first, first, RULE)


def _side(planned: int, n: int) -> Side:
    return Side(f"c{n}", f"S{n}", "task", LevelRef(planned, "x", "X"), LevelRef(4, "a", "A"), {})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(SCORES | NEAR, st.integers(1, 7), st.integers(1, 3),
                          st.sampled_from(["Nord", "Syd"])), max_size=25), st.booleans())
def test_pairs_are_every_alike_pair_in_a_group_two_steps_apart_and_never_one(cases, by):
    patterns: dict = {}
    for n, (scores, planned, count, group) in enumerate(cases):
        key = (scores, planned, group if by else None)
        held = patterns.setdefault(key, [0, _side(planned, n)])
        held[0] += count
    total, shown, complete = pairs(patterns, RULE, 2, 5)
    # the grid finds what comparing every pattern with every other of its group finds
    brute = sum(a[1][0] * b[1][0] for a, b in itertools.combinations(patterns.items(), 2)
                if abs(a[0][1] - b[0][1]) >= 2 and alike(a[0][0], b[0][0], RULE)
                and a[0][2] == b[0][2])
    assert complete and total == brute
    assert len(shown) == min(5, len({(p.first.case_id, p.second.case_id) for p in shown}))
    groups_of = {held[1].case_id: key[2] for key, held in patterns.items()}
    for pair in shown:
        assert pair.apart == abs(pair.first.planned.number - pair.second.planned.number) >= 2
        assert pair.differs <= 0.5
        # one leader can explain both: the two cases are of the pair's group
        assert groups_of[pair.first.case_id] == groups_of[pair.second.case_id] == pair.group
    assert [p.differs for p in shown] == sorted(p.differs for p in shown)


@given(st.dictionaries(st.text(max_size=3), st.tuples(st.integers(0, 12), st.integers(-6, 6)),
                       max_size=6))
def test_a_group_under_five_is_never_shown_nor_counted_among_the_others(made):
    counts = {value: [cases, gap * cases, 0, 0] for value, (cases, gap) in made.items()}
    found = groups(counts)
    assert [g.value for g in found] == sorted(counts, key=lambda v: (v == "", v.casefold(), v))
    shown = {g.value for g in found if g.figures is not None}
    assert shown == {v for v, c in counts.items() if c[0] >= 5}
    for group in found:
        if group.figures is None:
            assert group.others is None and not group.stands_out
        elif group.others is not None:
            assert group.others.cases == sum(counts[v][0] for v in shown if v != group.value)


def test_gathering_in_chunks_and_merging_finds_what_one_gathering_finds():
    rng = random.Random(7)
    rows = [(tuple(rng.choice([3, 3.5, 4]) for _ in range(4)), rng.choice([1, 4, 7, None]))
            for _ in range(200)]
    cases = [SimpleNamespace(planned=LevelRef(p, "x", "X") if p else None, case_id=f"c{n}",
                             level=LevelRef(4, "agree", "Agree"), warning_kinds=("overdose",),
                             subject=SimpleNamespace(name=f"S{n}"),
                             task=SimpleNamespace(title="t"),
                             scores=dict(zip(("competence", "intention", "resources", "risk"),
                                             s)))
             for n, (s, p) in enumerate(rows)]
    row = SimpleNamespace(original={"Team": "A"})
    whole, first, second = (Gathered("team", RULE.risk_limits) for _ in range(3))
    for n, case in enumerate(cases):
        whole.add(row, case)
        (first if n < 90 else second).add(row, case)
    first.merge(second)
    assert first.findings() == whole.findings()
    assert whole.findings().pairs_total > 0


def test_the_risk_bands_come_from_the_rules():
    assert risk_limits(load_rules()) == (2.5, 3.5, 4.5)


def test_a_column_is_found_in_the_cells_a_dotted_field_or_the_extra_columns():
    assert group_value(SimpleNamespace(original={" Afdeling ": " Nord "}), "afdeling") == "Nord"
    assert group_value(SimpleNamespace(original={"subject": {"kind": "team"}}),
                       "subject.kind") == "team"
    assert group_value(SimpleNamespace(original={"a": 1}, extra={"Leder": "Eva"}),
                       "leder") == "Eva"
    assert group_value(SimpleNamespace(original={"extra": {"leder": None}}), "leder") == ""
    assert group_value(SimpleNamespace(original={"a": 1}), "leder") is None


# behaviour


def test_pairs_and_groups_in_json_after_the_rows(tmp_path):
    result = run("batch", workshop(tmp_path), "--by", "kind", "-f", "jsonl")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 12  # 11 rows, then the check
    found = fairness_line(result.stdout)
    assert found["alike"] == {"within": 0.5, "risk_limits": [2.5, 3.5, 4.5]}
    assert (found["cases"], found["without_plan"], found["pairs_total"]) == (11, 1, 2)
    assert [(p["first"]["subject"], p["second"]["subject"], p["apart"], p["differs"])
            for p in found["pairs"]] == [("Mette", "Jonas", 3, 0.5), ("Jonas", "Sara", 2, 0.5)]
    assert found["pairs"][0]["first"]["planned"]["name"] == "tell"
    person, team = found["groups"]
    assert (person["value"], person["figures"]["cases"], team["figures"]["cases"]) == \
        ("person", 5, 5)
    assert team["figures"]["overdose"] == 1.0 and team["stands_out"]
    assert team["others"] == person["figures"]


def test_the_questions_in_four_languages(tmp_path):
    path = workshop(tmp_path)
    expected = {
        "en": ["What could explain that one case gets Tell and the other Agree, with answers "
               "this alike?", "Answers within 0.5 on every dimension.",
               "1 case without one takes no part"],
        "da": ["Hvad kan forklare, at den ene sag får »Fortælle« og den anden »Blive enige«, "
               "når svarene ligner hinanden så meget?", "højst 0,5 fra hinanden",
               "1 sag uden planlagt niveau er ikke med"],
        "nb": ["Hva kan forklare at den ene saken får «Gi beskjed» og den andre «Bli enige», "
               "når svarene er så like?", "1 sak uten planlagt nivå er ikke med"],
        "sv": ["Vad kan förklara att det ena ärendet får ”Berätta” och det andra ”Komma "
               "överens”, när svaren är så lika?", "1 ärende utan planerad nivå är inte med"],
    }
    for lang, lines in expected.items():
        result = run("batch", path, "--by", "kind", "-o", str(tmp_path / "rows.csv"),
                     env={"TRUSTDOSE_LANG": lang})
        assert result.returncode == 0, result.stderr
        for line in lines:
            assert line in result.stdout, (lang, line, result.stdout)
        assert "team: 5" in result.stdout and "+" in result.stdout  # the teams' gap
        # the question is put to the room: no employee is named, in a group either
        assert not {"Omar", "Ida", "Mette", "Jonas"} & set(result.stdout.replace(",", " ")
                                                           .split())


def test_the_small_groups_are_counted_in_one_line_and_nothing_more(tmp_path):
    rows = [f"{row};P{n}" for n, row in enumerate(ROWS[:6] + ROWS[7:])]
    path = tmp_path / "workshop.csv"
    path.write_text(HEADER.replace("\n", ";Leder\n") + "\n".join(rows) + "\n")
    result = run("batch", str(path), "--by", "leder", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    check = result.stdout.split("## Fairness")[1]
    said = [line for line in check.splitlines() if "fewer than" in line]
    assert said == ["9 groups have fewer than 5 cases with a planned level; nothing is "
                    "shown for them."]
    assert "P0" not in check
    assert "No other group is large enough to compare with." in check
    assert "Can you say what makes" not in check


def test_csv_rows_on_stdout_leave_no_place_for_the_check(tmp_path):
    result = run("batch", workshop(tmp_path), "--fairness", "--format", "csv")
    assert result.returncode == 2 and result.stdout == ""
    assert "--fairness: CSV rows on standard output" in result.stderr
    assert "-o FILE" in result.stderr


def test_a_field_no_case_has_is_said(tmp_path):
    path = tmp_path / "cases.jsonl"  # fields vary by line: a note, not an error
    path.write_text('{"subject": {"name": "P"}, "task": {"title": "T"}, "competence": 4, '
                    '"intention": 4, "resources": 4, "risk": 2}\n', encoding="utf-8")
    result = run("batch", str(path), "--by", "afdeling", "--summary-only", "-f", "table")
    assert result.returncode == 0
    assert "No case has a column or field 'afdeling', so there are no groups." in result.stdout


def test_a_column_no_header_has_is_refused_before_the_run(tmp_path):
    result = run("batch", workshop(tmp_path), "--by", "Kindd", "-o", str(tmp_path / "o.jsonl"))
    assert result.returncode == 2 and not (tmp_path / "o.jsonl").exists()
    assert "no input has a column 'Kindd' to group the cases by" in result.stderr
    assert "did you mean 'kind'? the columns there are: id, subject, kind, task" in result.stderr


def test_scores_are_compared_as_the_rules_read_them(tmp_path):
    # a risk of 2.45 is read as 2.5 (one decimal, half up): at the 2.5 limit, in the band
    # of 2.55 (read as 2.6), as every rule decides it; 2.4 stays below the limit
    rows = [f"{n};P{n};person;T;4;4;4;{risk};{plan}" for n, (risk, plan) in
            enumerate([("2,45", "delegate"), ("2,55", "tell")])]
    found = fairness_line(run("batch", workshop(tmp_path, rows), "--fairness",
                              "-f", "jsonl").stdout)
    assert found["pairs_total"] == 1
    assert {p["first"]["scores"]["risk"] for p in found["pairs"]} <= {2.5, 2.6}
    rows[0] = "0;P0;person;T;4;4;4;2,4;delegate"  # below the limit: another band
    found = fairness_line(run("batch", workshop(tmp_path, rows), "--fairness",
                              "-f", "jsonl").stdout)
    assert found["pairs_total"] == 0


def test_yaml_cases_group_by_a_dotted_field(tmp_path):
    docs = "\n---\n".join(
        f"subject: {{name: P{n}, kind: {'team' if n % 2 else 'person'}}}\n"
        f"task: {{title: T}}\ncompetence: 4\nintention: 4\nresources: 4\nrisk: 2\n"
        f"planned_level: {1 + 3 * (n % 3)}" for n in range(6))
    path = tmp_path / "cases.yaml"
    path.write_text(docs, encoding="utf-8")
    result = run("batch", str(path), "--by", "subject.kind", "-f", "jsonl")
    assert result.returncode == 0, result.stderr
    found = fairness_line(result.stdout)
    # pairs only within a kind: levels 1, 4 and 7, one case each, in each kind
    assert found["pairs_total"] == 3 + 3
    assert {p["group"] for p in found["pairs"]} == {"person", "team"}
    assert [g["value"] for g in found["groups"]] == ["person", "team"]
    assert all(g["figures"] is None for g in found["groups"])  # three cases each


def test_alike_answers_across_any_edge_of_the_grid_are_found():
    # every direction from a pattern, across the cells' edges (2.9 + 0.3) or within a cell
    for base in (2.9, 3.1):
        for offset in itertools.product((-1, 0, 1), repeat=4):
            near = tuple(round(base + 0.3 * o, 2) for o in offset)
            patterns = {((base,) * 4, 1, None): [1, _side(1, 0)],
                        (near, 7, None): [2, _side(7, 1)]}
            assert pairs(patterns, RULE, 2, 5)[0] == 2, (base, offset)


def test_workers_gather_what_one_process_gathers(tmp_path):
    # the one check that needs processes: chunks gathered in forked workers, merged in order
    rng = random.Random(3)
    rows = [f"c{n};P{n % 40};{rng.choice(['person', 'team'])};T;{rng.choice(['3', '3,5', '4'])};"
            f"4;{rng.choice(['3', '4'])};{rng.choice(['2', '3'])};"
            f"{rng.choice(['', 'tell', 'agree', 'delegate'])}" for n in range(1100)]
    path = workshop(tmp_path, rows)
    one = run("batch", path, "--by", "kind", "-f", "jsonl", env={"TRUSTDOSE_WORKERS": "0"})
    shared = run_process("batch", path, "--by", "kind", "-f", "jsonl",
                         env={"TRUSTDOSE_WORKERS": "2"})
    assert shared.returncode == one.returncode == 0, shared.stderr
    assert fairness_line(shared.stdout) == fairness_line(one.stdout)
    assert fairness_line(one.stdout)["pairs_total"] > 0
    assert shared.stdout == one.stdout


def test_without_by_a_pair_is_said_by_case_and_task_with_both_answers_never_by_name(tmp_path):
    check = run("batch", workshop(tmp_path), "--fairness", "--summary-only", "--lang", "da",
                "-f", "table").stdout.split("Retfærdighed")[-2]
    assert not {"Mette", "Jonas", "Sara"} & set(check.replace(",", " ").split())
    assert "Sag m, »Plan the rota«: planlagt »1 Fortælle«" in check
    # both answers' scores and both recommended levels, in the language's numbers
    assert "anbefalet »6 Blive orienteret«; kompetence 4, intention 4, ressourcer 4, risiko 2" \
        in check
    assert "ressourcer 3,5, risiko 2" in check
    assert "Hvad kan forklare, at den ene sag får »Fortælle« og den anden »Blive enige«" \
        in check


def test_with_by_a_pair_is_two_cases_of_one_group(tmp_path):
    path = tmp_path / "workshop.csv"
    path.write_text("id;subject;task;competence;intention;resources;risk;planned_level;Afd\n"
                    "m;Mette;Plan;4;4;4;2;tell;Nord\nj;Jonas;Plan;4;4;4;2;delegate;Syd\n"
                    "s;Sara;Plan;4;4;4;2;tell;Syd\n")
    path = str(path)
    alone = fairness_line(run("batch", path, "--fairness", "-f", "jsonl").stdout)
    grouped = fairness_line(run("batch", path, "--by", "afd", "-f", "jsonl").stdout)
    assert alone["pairs_total"] == 2 and grouped["pairs_total"] == 1  # Sara–Jonas only
    assert [(p["first"]["subject"], p["second"]["subject"], p["group"])
            for p in grouped["pairs"]] == [("Jonas", "Sara", "Syd")]
    text = run("batch", path, "--by", "afd", "--summary-only", "-f", "table").stdout
    assert "In Syd:" in text and "Mette" not in text
