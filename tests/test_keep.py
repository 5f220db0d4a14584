"""Nothing typed is lost: going back in the questionnaire offers the earlier answer, and
at its end the answers can be kept as a case file, the agreement written and the
assessment saved in the journal, each with one key, nothing written without a yes."""

from __future__ import annotations

import io
import json
import os

import pexpect
import pytest
import typer
from rich.console import Console

import trustdose
from trustdose.intake import assess_document, document
from trustdose.cli.keep import case_file, offer
from trustdose.report.names import file_stem
from trustdose.journal.store import Journal
from trustdose.questionnaire import Walk, steps

from helpers import EXAMPLES, run, terminal


def answers_for(rules, first=("Freja", "p", "n", "Plan the summer party", "2", "", "",
                              "", "", "", "", "")):
    """What a leader types: who and what (none of the task's five fields for the
    agreement), every indicator, no safeguards, planned 7."""
    scores = ["?"] + ["4"] * (sum(len(e.item["indicators"]) for e in rules.rubrics.values()) - 1)
    return [*first, *scores, "", "7"]


def walk_through(rules, typed):
    walk = Walk(steps(rules))
    for text in typed:
        walk.answer(text)
    assert walk.current() is None, "the questionnaire is not done"
    return walk


# --- going back ----------------------------------------------------------------------------

@pytest.mark.parametrize("back", ["<", "b", "B", "tilbage", "tilbake", "tillbaka"])
def test_going_back_offers_the_earlier_answer_and_enter_keeps_it(rules, back):
    walk = Walk(steps(rules))
    for text in ("Freja", "t", "j"):
        assert walk.answer(text) == "next"
    assert walk.answer(back) == "back"
    assert walk.current().key == ("subject", "new_in_role") and walk.earlier(walk.current()) == "j"
    assert walk.answer(back) == "back"
    assert walk.earlier(walk.current()) == "t"
    assert walk.answer("") == "next"  # Enter keeps "team"
    assert walk.answer("") == "next"  # … and "yes"
    assert walk.answers[("subject", "kind")] == "team"
    assert walk.answers[("subject", "new_in_role")] is True
    assert walk.current().key == ("task", "title") and walk.earlier(walk.current()) is None


def test_going_back_from_the_first_question_stays_there(rules):
    walk = Walk(steps(rules))
    assert walk.answer("<") == "first" and walk.index == 0 and walk.answers == {}


def test_an_optional_answer_kept_changed_or_cleared(rules):
    walk = Walk(steps(rules))
    for text in ("Freja", "p", "n", "Plan the summer party", "2"):
        walk.answer(text)
    walk.answer("b")
    assert walk.earlier(walk.current()) == "2"
    walk.answer("-")  # none after all
    assert walk.answers[("task", "kind")] is None
    walk.answer("b")
    assert walk.earlier(walk.current()) is None  # skipped: nothing to offer
    walk.answer("3")
    assert walk.answers[("task", "kind")] == "ongoing"


def test_a_wrong_answer_keeps_the_step_and_the_earlier_answer(rules):
    walk = Walk(steps(rules))
    walk.answer("Freja")
    with pytest.raises(ValueError, match="person"):
        walk.answer("x")
    assert walk.current().key == ("subject", "kind")


@pytest.mark.parametrize("unsure", ["?", " ?? "])
def test_question_marks_are_neither_a_name_nor_a_task(rules, unsure):
    walk = Walk(steps(rules))
    with pytest.raises(ValueError, match="type a name"):
        walk.answer(unsure)
    for text in ("Freja", "p", "n"):
        walk.answer(text)
    with pytest.raises(ValueError, match="which task it is"):
        walk.answer(unsure)
    walk.answer("What to do? Ask first")  # a question mark in a title is fine
    assert walk.answers[("task", "title")] == "What to do? Ask first"


def test_a_step_ruled_out_after_going_back_forgets_its_answer(rules):
    todo = steps(rules)
    risk = [i for i, s in enumerate(todo) if s.key[0] == "risk"]
    typed = [("5" if i in risk else t) for i, t in enumerate(answers_for(rules))]
    walk = Walk(todo)
    for text in typed[:-2]:
        walk.answer(text)
    assert walk.current().key == ("task", "safeguards")  # high risk: asked
    walk.answer("1")
    for _ in range(len(risk) + 1):
        walk.answer("b")
    assert walk.current().key == ("risk", "impact") and walk.earlier(walk.current()) == "5"
    for _ in risk:
        walk.answer("1")
    assert walk.current().key == ("planned_level",)  # low risk: not asked, and forgotten
    assert ("task", "safeguards") not in walk.answers


# --- the offers at the end ------------------------------------------------------------------

@pytest.fixture
def done(rules):
    """A questionnaire answered to the end, and its assessment."""
    case = walk_through(rules, answers_for(rules)).case()
    result = assess_document(document(case), rules)
    return case, result


def offered(done, rules, keys, tmp_path, **options):
    """Run the offers with `keys` pressed; what was asked and said."""
    case, result = done
    pressed = list(keys)
    out = io.StringIO()
    options = {"db": tmp_path / "journal.sqlite3", "saved": False, "written": None, **options}

    def key():
        return pressed.pop(0)
    offer(case, result, rules, console=Console(file=out, width=200), key=key,
          folder=tmp_path, **options)
    assert not pressed, f"keys left over: {pressed}"
    return out.getvalue()


@pytest.fixture
def agreement(monkeypatch):
    """The agreement's renderer (written elsewhere), as a stand-in."""
    from trustdose.report import formats

    def agreement(form, assessment, leader=None):
        return f"# Agreement with {assessment.subject.name}\n".encode()
    monkeypatch.setattr(formats, "agreement", agreement)


@pytest.mark.parametrize("keys", [["n", "n", "n"], ["\r", "\x1b", ""], ["x", "n", "N", "\n"]])
def test_nothing_is_written_without_a_yes(done, rules, tmp_path, keys, agreement):
    said = offered(done, rules, keys, tmp_path)
    assert os.listdir(tmp_path) == []
    assert said.count("[y/N]") == 3 and "yes" not in said


def test_the_answers_kept_as_a_case_file_read_back_to_the_same_result(done, rules, tmp_path,
                                                                      agreement):
    said = offered(done, rules, ["y", "n", "n"], tmp_path)
    path = tmp_path / "freja-plan-the-summer-party.yaml"
    assert f"Your answers are in {path}" in said.replace("\n", " ")
    assert "trustdose assess --lang en freja-plan-the-summer-party.yaml" in " ".join(said.split())
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# trustdose: the answers from the questionnaire on")
    again = run("assess", str(path), "--format", "json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == done[1].to_json()
    assert oct(path.stat().st_mode & 0o777) == "0o600"  # personal data: the owner's only


def test_an_existing_file_is_replaced_only_when_asked(done, rules, tmp_path, agreement):
    name = tmp_path / "freja-plan-the-summer-party.yaml"
    name.write_text("mine\n")
    said = offered(done, rules, ["y", "n", "n", "n"], tmp_path)
    assert "is there already. Replace it?" in said
    assert name.read_text() == "mine\n"
    assert (tmp_path / "freja-plan-the-summer-party-2.yaml").exists()
    offered(done, rules, ["y", "y", "n", "n"], tmp_path)  # replace it this time
    assert name.read_text() != "mine\n"
    assert not (tmp_path / "freja-plan-the-summer-party-3.yaml").exists()


def test_the_agreement_and_the_journal(done, rules, tmp_path, agreement):
    said = offered(done, rules, ["n", "j", "y"], tmp_path)
    path = tmp_path / "freja-plan-the-summer-party-agreement.md"
    assert path.read_text() == "# Agreement with Freja\n"
    assert f"The agreement for Freja is in {path}" in said
    with Journal(tmp_path / "journal.sqlite3") as journal:
        [entry] = journal.entries()
    assert entry.subject == "Freja" and entry.case["task"]["title"] == "Plan the summer party"


def test_what_is_done_already_is_not_offered(done, rules, tmp_path, agreement):
    said = offered(done, rules, ["n"], tmp_path, saved=True,
                   written=trustdose.report.formats.ReportFormat.agreement)
    assert said.count("[y/N]") == 1 and "journal" not in said and "agreement" not in said
    said = offered(done, rules, ["n", "n"], tmp_path, saved=True,
                   written=trustdose.report.formats.ReportFormat.markdown)
    assert "Write the agreement" in said and "journal" not in said


def test_ctrl_c_at_an_offer_stops_without_writing(done, rules, tmp_path, capsys):
    def interrupted():
        raise KeyboardInterrupt
    with pytest.raises(typer.Exit) as stopped:
        offer(*done, rules, db=None, saved=False, written=None, key=interrupted,
              console=Console(file=io.StringIO()), folder=tmp_path)
    assert stopped.value.exit_code == 130 and os.listdir(tmp_path) == []
    assert "stopped; nothing more was written" in capsys.readouterr().err


def test_the_case_file_has_the_planned_level_however_given(rules):
    case = {"subject": {"name": "Ali"}, "task": {"title": "Ordering"}, "competence": 4,
            "intention": 4, "resources": 4, "risk": 2}
    result = assess_document(document(case), rules, planned=3)
    text = case_file(case, result, "ali.yaml")
    again = assess_document(document(__import__("yaml").safe_load(text)), rules)
    assert again.to_json() == result.to_json()


@pytest.mark.parametrize("name, title, stem", [
    ("Søren Ø.", "Vagtplan for uge 12/13", "søren-ø-vagtplan-for-uge-12-13"),
    ("../..", "//", "case"),
    ("A", "x" * 100, "a"),
    # a long title ends at a whole word, never on one that leads into the rest
    ("Kim", "Plan the rota for the kitchen and the cleaning crew for the spring term",
     "kim-plan-the-rota-for-the-kitchen-and-the-cleaning-crew"),
    ("Ida", "Planlægning af vagtplan for køkkenet og rengøringen i foråret og i sommer",
     "ida-planlægning-af-vagtplan-for-køkkenet-og-rengøringen"),
])
def test_file_names_stay_in_the_folder(rules, name, title, stem):
    result = assess_document(document({"subject": {"name": name}, "task": {"title": title},
                                       "competence": 3, "intention": 3, "resources": 3,
                                       "risk": 3}), rules)
    assert file_stem(result) == stem and "/" not in file_stem(result)


def test_output_says_where_it_went(tmp_path):
    target = tmp_path / "report.md"
    done = run("assess", str(EXAMPLES / "new-employee.yaml"), "-o", str(target))
    assert done.returncode == 0 and target.exists()
    assert f"The report is in {target}." in done.stderr and done.stdout == ""


# --- in a real terminal ---------------------------------------------------------------------

def spawn(lang, cwd, db):
    env = {**os.environ, "COLUMNS": "100", "LINES": "40", "TERM": "xterm", "NO_COLOR": "1",
           "TRUSTDOSE_LANG": lang, "TRUSTDOSE_DB": str(db)}
    env.pop("CI", None)  # a person at a terminal: the what-if is offered
    return terminal("assess", cwd=cwd, env=env, timeout=30, shell=True)


@pytest.mark.process
def test_the_questionnaire_to_the_end_in_danish_keeps_the_answers(rules, tmp_path):
    child = spawn("da", tmp_path, tmp_path / "j.sqlite3")
    child.expect("Hvem skal")
    child.sendline("?")
    child.expect("her skal du skrive et navn")
    child.sendline("Freja")
    child.expect(r"\[p/t\]")
    child.sendline("p")
    child.sendline("n")
    child.expect("Hvilken opgave")
    child.sendline("<")  # back, in Danish too
    child.expect(r"Dit tidligere svar: n \(tryk Enter for at beholde det\)")
    child.sendline("")
    child.expect("Hvilken opgave")
    typed = answers_for(rules)[3:]
    for text in typed:
        child.sendline(text)
    # what if the frame were in place?
    child.expect_exact("Hvad nu hvis? 1 et andet svar · 2 sikkerhedsnet på plads")
    child.sendline("3")
    child.expect("Hvad nu hvis: Tid: 4 → 5")
    child.expect_exact("Hvad nu hvis? 1")
    child.sendline("")  # Enter: done
    child.expect(r"Vil du gemme dine svar i en fil \(freja-[^)]*\.yaml\)\?")
    child.expect_exact("[j/N]")
    child.send("j")  # one key, no Enter
    child.expect("Dine svar ligger i")
    child.expect(r"\[j/N\]")
    child.send("n")
    child.expect("i din journal")
    child.expect_exact("[j/N]")
    child.send("\r")  # Enter is a no
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "Traceback" not in child.before
    assert [p.name for p in tmp_path.iterdir()] == ["freja-plan-the-summer-party.yaml"]
    kept = document(tmp_path / "freja-plan-the-summer-party.yaml").data
    assert set(kept["resources"].values()) == {5}  # the last case assessed is kept
    assert kept["competence"]["professional"] == "uncertain"


@pytest.mark.process
def test_ctrl_c_at_an_offer_exits_130(rules, tmp_path):
    child = spawn("en", tmp_path, tmp_path / "j.sqlite3")
    child.expect("Who would take on the task")
    for text in answers_for(rules):
        child.sendline(text)
    child.expect_exact("What if? 1 another answer")
    child.sendline("q")
    child.expect("Keep your answers as a case file")
    child.expect_exact("[y/N]")
    child.interrupt("stopped; nothing more was written")
    assert child.exitstatus == 130 and "Traceback" not in child.before
    assert list(tmp_path.iterdir()) == []


def test_an_offer_that_cannot_write_says_so_and_the_next_is_still_offered(done, rules, tmp_path):
    gone = tmp_path / "removed"  # the folder the leader started in, gone since
    said = offered(done, rules, ["y", "n", "n"], gone, db=tmp_path / "j.sqlite3")
    assert "error" in said and "Write the agreement" in said and "journal" in said
    assert not gone.exists()


def test_b_at_the_first_question_is_a_name_and_long_answers_are_refused_at_once(rules):
    walk = Walk(steps(rules))
    assert walk.answer("B") == "next" and walk.answers[("subject", "name")] == "B"
    walk.answer("p")
    walk.answer("n")
    with pytest.raises(ValueError, match="at most 200"):
        walk.answer("word " * 100)
    assert walk.current().key == ("task", "title")


TYPED = {("subject", "name"): "Freja", ("subject", "kind"): "p",
         ("subject", "new_in_role"): "n", ("task", "title"): "Plan the summer party"}


def test_the_count_of_questions_leaves_out_those_that_will_not_be_asked(rules):
    """The total is said once, before the first question, and is true however the answers
    go: the steps asked are at least those always asked and at most all of them, and the
    numbers count only the steps asked (the safeguards only when the risk is high)."""
    for risk in ("1", "5"):
        walk = Walk(steps(rules))
        always, most, optional = walk.count()
        assert always < most == len(walk.todo)
        assert optional == sum(1 for s in walk.todo if s.optional and s.when is None)
        seen = []
        while (step := walk.current()) is not None:
            seen.append(walk.position())
            score = risk if step.key[0] == "risk" else "4"
            walk.answer(TYPED.get(step.key, score if len(step.key) == 2 and step.key[0] in
                                  ("competence", "intention", "resources", "risk") else ""))
        assert walk.refused() is None
        assert seen == list(range(1, len(seen) + 1))  # no number passed over
        assert len(seen) == (always if risk == "1" else most)


def test_an_arrow_key_or_tab_is_refused_where_it_is_typed_and_nothing_is_lost(rules):
    """Issue 20: `Fre^[[Aja` was taken as a name, and the whole case refused after the
    last question. Refused at its step, with what to do; the answers before stay."""
    walk = Walk(steps(rules))
    for typed in ("Fre\x1b[Aja", "\x1b[D", "Freja\t"):
        with pytest.raises(ValueError, match="Arrow keys and Tab do not work here"):
            walk.answer(typed)
        assert walk.current().key == ("subject", "name")
    walk.answer("Freja")
    walk.answer("p")
    walk.answer("n")
    with pytest.raises(ValueError, match="U\\+0009"):
        walk.answer("Plan\tthe rota")
    assert walk.current().key == ("task", "title")
    assert walk.answers == {("subject", "name"): "Freja", ("subject", "kind"): "person",
                            ("subject", "new_in_role"): False}


def test_an_answer_the_case_refuses_at_the_end_is_asked_again_and_the_rest_kept(rules):
    """What no step checks (who the task is for, in the leader's own words, is at most 60
    characters in a case) is found once all is answered: that step is asked again, and
    the walk comes back to the end; every other answer stays."""
    walk = Walk(steps(rules))
    while (step := walk.current()) is not None:
        own = "the families of " + "everyone " * 8 if step.key == ("task", "people") else ""
        walk.answer(own or TYPED.get(step.key, "4" if len(step.key) == 2 and step.key[0] in
                                     ("competence", "intention", "resources", "risk") else ""))
    before = dict(walk.answers)
    problem = walk.refused()
    assert problem and "60" in problem
    assert walk.current().key == ("task", "people")
    walk.answer("the families")
    assert walk.current() is None and walk.refused() is None
    assert walk.answers == {**before, ("task", "people"): "the families"}
