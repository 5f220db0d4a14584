"""Reviewing a delegation and handling a breach: the diagnoses, the temporary level with
its end date, the journal migration that added reviews, the `review` command (options,
file, terminal), and how the next assessment takes a review into account."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pexpect
import pytest
from hypothesis import given, strategies as st

from trustdose.journal.schema import LATEST, MIGRATIONS
from trustdose.journal.store import Journal
from trustdose.errors import UsageError as ReviewProblem
from trustdose.journal.review import DIAGNOSIS, FOLLOW_UP_DAYS, LEARNING, REPAIR, diagnose
from trustdose.model.track import CAUSES, OUTCOMES

from helpers import make_case, run, terminal

DAY = dt.date(2026, 11, 1)


@pytest.mark.parametrize("cause", CAUSES)
def test_each_cause_has_its_diagnosis_repair_and_learning(cause):
    review = diagnose(1, 5, "broken", [cause], DAY)
    assert review.diagnosis == [DIAGNOSIS[cause]] and review.repair == [REPAIR[cause]]
    assert review.learning == [LEARNING[cause]]


@pytest.mark.parametrize("outcome, causes, level, temporary, days", [
    ("strained", ["competence"], 5, 4, 28),
    ("broken", ["competence", "resources"], 5, 4, 42),  # one step: a dose corrected
    ("broken", ["resources"], 4, 3, 42),          # the frame was wrong, not the person
    ("strained", ["intention"], 5, 4, 28),
    ("broken", ["intention"], 5, 3, 42),          # the will to own it: firmer, for a time
    ("broken", ["intention", "competence"], 6, 4, 42),
    ("broken", ["intention"], 2, 1, 42),          # never below Tell
    ("strained", ["circumstances"], 6, 6, 14),    # nobody failed: same level, renew it
    ("broken", ["circumstances", "competence"], 6, 5, 42),
    ("broken", ["bad-faith", "competence"], 6, 1, 28),
    ("strained", ["bad-faith"], 6, 1, 28),        # misuse: resolute, apart from dosing
    ("broken", ["my-frame"], 5, 5, 14),           # the leader's own part: their homework,
    ("broken", ["my-signals", "circumstances"], 5, 5, 14),  # never closer control
    ("broken", ["my-presence", "competence"], 5, 4, 42),  # the person's cause steps alone
])
def test_the_temporary_level_and_its_end_date(outcome, causes, level, temporary, days):
    review = diagnose(7, level, outcome, causes, DAY)  # a Sunday: so is the end asked for
    asked = DAY + dt.timedelta(days=days)
    assert (review.temporary_level, review.until) == (temporary, asked + dt.timedelta(days=1))


def test_a_kept_delegation_needs_no_follow_up_level():
    review = diagnose(1, 4, "kept", ["competence"], DAY)  # causes do not apply when kept
    assert review.temporary_level is None and review.until is None and review.causes == []
    assert "next trust step" in review.diagnosis[0] and not review.repair


@pytest.mark.parametrize("outcome, causes, message", [
    ("lost", [], "unknown outcome 'lost'"),
    ("broken", ["laziness"], "unknown cause 'laziness'"),
    ("broken", [], "needs at least one cause"),
])
def test_a_review_that_does_not_add_up(outcome, causes, message):
    with pytest.raises(ReviewProblem, match=message):
        diagnose(1, 4, outcome, causes, DAY)


@given(level=st.integers(1, 7), outcome=st.sampled_from(OUTCOMES),
       causes=st.lists(st.sampled_from(CAUSES), min_size=1, unique=True),
       day=st.dates(dt.date(2020, 1, 1), dt.date(2035, 1, 1)))
def test_never_an_open_ended_punishment(level, outcome, causes, day):
    review = diagnose(1, level, outcome, causes, day)
    if outcome == "kept":
        assert review.temporary_level is None
        return
    assert 1 <= review.temporary_level <= level  # never more trust after a breach
    # the end on a working day: at most a week after the days asked for (Easter)
    assert day < review.until <= day + dt.timedelta(days=max(FOLLOW_UP_DAYS.values()) + 7)
    assert review.until.weekday() < 5
    if "bad-faith" in causes:
        assert review.temporary_level == 1
    assert len(review.diagnosis) == len(review.repair) == len(review.causes)


def test_a_version_1_journal_is_migrated_with_its_entries(tmp_path):
    path = tmp_path / "j.sqlite3"
    with sqlite3.connect(path) as raw:  # a journal as the first release wrote it
        for statement in MIGRATIONS[0]:
            raw.execute(statement)
        raw.execute("INSERT INTO subjects (name, kind) VALUES ('Kim', 'person')")
        raw.execute("INSERT INTO entries (subject_id, saved_at, day, task, level, scores, "
                    "review_date, rules_digest, trustdose, \"case\", assessment) VALUES "
                    "(1, 'x', '2026-10-01', 'Rota', 4, '{}', '2026-10-29', 'd', '0.1.0', '{}', "
                    "'{}')")
        raw.execute("PRAGMA user_version = 1")
    path.chmod(0o600)
    with Journal(path) as journal:
        assert journal.db.execute("PRAGMA user_version").fetchone()[0] == LATEST == 4
        entry = journal.entry(1)
        assert (entry.subject, entry.level) == ("Kim", 4)
        journal.add_review(diagnose(1, 4, "kept", [], DAY))
        assert journal.reviews("Kim")[0]["outcome"] == "kept"


# --- the command and the next assessment ---------------------------------------------------

def save(env, name="Mette", day="2026-10-01", c=4, **extra):
    case = make_case(c, 4, 4, 2, subject={"name": name}, task={"title": "Vagtplan"}, **extra)
    case["date"] = day
    return run("assess", "-", "--save", "--format", "json", input=json.dumps(case), env=env)


@pytest.fixture
def env(tmp_path):
    return {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}


def test_review_a_breach_and_see_the_next_assessment_take_it_into_account(env):
    assert save(env).returncode == 0  # level 6: Inquire
    done = run("review", "1", "--outcome", "broken", "--cause", "competence", "--cause",
               "resources", "--date", "2026-11-01", "--note", "missed two deadlines", env=env)
    assert done.returncode == 0, done.stderr
    assert "Competence was lacking" in done.stdout and "The frame was wrong" in done.stdout
    # six weeks from a Sunday end on a Sunday: the follow-up ends the Monday after
    assert "For now: 5 Advise until 14 December 2026" in done.stdout
    assert "Recorded as review #1" in done.stderr
    # within the closer follow-up, the recommendation stays at the temporary level, and the
    # review is what holds it (one dose at a time: assess and review agree) …
    nxt = save(env, day="2026-11-20")
    data = json.loads(nxt.stdout)
    assert data["level"]["number"] == 5 and data["capped_by"] == "journal:closer-follow-up"
    assert "until 14 December 2026" in data["cap_reason"]
    assert not any(w["kind"] == "breach-ignored" for w in data["warnings"])  # nothing planned
    assert any("broken" in line and "competence was lacking" in line for line in data["history"])
    # … and a plan above it is a warning
    planned = json.loads(save(env, day="2026-11-21", planned_level=6).stdout)
    assert planned["level"]["number"] == 5
    assert any(w["kind"] == "breach-ignored" for w in planned["warnings"])
    # once the follow-up has ended, the breach no longer holds the level down
    later = json.loads(save(env, day="2027-01-10").stdout)
    assert not any(w["kind"] == "breach-ignored" for w in later["warnings"])
    assert later["level"]["number"] == 6 and later["capped_by"] is None
    text = run("assess", "-", "--format", "text", env=env, input=json.dumps(
        {**make_case(4, 4, 4, 2, subject={"name": "Mette"}, task={"title": "x"}),
         "date": "2026-11-20"})).stdout
    assert "FROM YOUR JOURNAL" in text and "Closer follow-up at 5 Advise" in text


def test_trust_held_low_long_after_a_kept_review_is_a_warning(env):
    save(env, c=3)  # level 4
    run("review", "1", "--outcome", "kept", "--date", "2026-10-15", env=env)
    soon = json.loads(save(env, c=3, day="2026-11-01").stdout)
    assert not any(w["kind"] == "held-low" for w in soon["warnings"])
    late = json.loads(save(env, c=3, day="2027-01-15").stdout)
    held = [w for w in late["warnings"] if w["kind"] == "held-low"]
    assert held and "92 days ago" in held[0]["message"]
    stepped_up = json.loads(save(env, c=5, day="2027-01-15").stdout)
    assert not any(w["kind"] == "held-low" for w in stepped_up["warnings"])


def test_review_from_a_file_and_as_json(env, tmp_path):
    save(env)
    good = tmp_path / "review.yaml"
    good.write_text("entry: 1\noutcome: strained\ncauses: intention\ndate: 2026-11-02\n")
    done = run("review", "--from", str(good), "--format", "json", env=env)
    data = json.loads(done.stdout)
    assert done.returncode == 0 and data["outcome"] == "strained"
    assert data["temporary_level"] == 5 and data["until"] == "2026-11-30"
    bad = tmp_path / "bad.yaml"
    bad.write_text("entry: 1\noutcome: broken\ncauses: [competence]\nfeeling: sad\n")
    done = run("review", "--from", str(bad), env=env)
    assert done.returncode == 2 and f"{bad}:4:1: unknown key 'feeling'" in done.stderr


@pytest.mark.parametrize("args, message", [
    (["review", "1"], "no outcome given, and no terminal to ask in"),
    (["review", "9", "--outcome", "kept"], "no journal entry 9"),
    (["review", "--outcome", "kept"], "nothing is due for review"),
    (["review", "1", "--outcome", "broken"], "needs at least one cause"),
    (["review", "1", "--outcome", "lost"], "unknown outcome 'lost'"),
])
def test_review_usage_errors_record_nothing(args, message, env):
    save(env, day=dt.date.today().isoformat())
    done = run(*args, env=env)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
    with Journal(env["TRUSTDOSE_DB"]) as journal:
        assert journal.reviews("Mette") == []


def test_a_reviewed_entry_is_no_longer_due_and_reviews_are_forgotten_too(env):
    save(env, name="Zacharias", day="2026-09-01")
    assert "Zacharias" in run("journal", "due", env=env).stdout
    run("review", "--outcome", "strained", "--cause", "resources", "--note",
        "Zacharias-note", env=env)  # the entry longest due
    assert "Zacharias" not in run("journal", "due", env=env).stdout
    assert run("journal", "forget", "Zacharias", "--yes", env=env).returncode == 0
    with open(env["TRUSTDOSE_DB"], "rb") as handle:
        assert b"Zacharias" not in handle.read()


def test_the_walkthrough_in_a_terminal(env):
    save(env)
    child = terminal("--lang", "da", "review", "1", timeout=20, dimensions=(24, 80),
                     env={**__import__("os").environ, **env, "TRUSTDOSE_LANG": ""})
    child.expect("Hvordan gik uddelegeringen")
    child.sendline("4")                   # not an option: asked again
    child.expect("Svar med et tal fra 1 til 3")
    child.sendline("3")                   # broken
    child.expect("Hvad manglede")
    child.sendline("b")                   # back: the outcome given is offered
    child.expect("Hvordan gik uddelegeringen")
    child.expect(r"Dit tidligere svar: brudt \(tryk Enter for at beholde det\)")
    child.sendline("")
    child.expect("Hvad manglede")
    child.sendline("1, 3")                # competence, resources
    child.expect("note")
    child.sendline("<")                   # back again, and forward with Enter
    child.expect("Dit tidligere svar: kompetencen manglede, ")
    child.sendline("")
    child.expect("note")
    child.sendline("")
    child.expect(r"Dagen for evalueringen \(ÅÅÅÅ-MM-DD, Enter for ")
    child.sendline("2026-09-30")          # before the assessment: asked again
    child.expect("kan ikke ligge før")
    child.sendline("2026-11-02")
    child.expect("Kompetencen manglede")
    child.expect("Indtil videre: 5 Rådgive indtil 14. december 2026")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_the_end_of_a_closer_follow_up_is_due_and_history_shows_the_review(env):
    save(env)
    run("review", "1", "--outcome", "strained", "--cause", "intention", "--date",
        "2026-11-01", env=env)
    # four weeks from a Sunday: the follow-up ends on Monday 30 November
    assert "Mette" not in run("journal", "due", "--on", "2026-11-29", env=env).stdout
    due = run("journal", "due", "--on", "2026-12-01", env=env).stdout
    assert "Mette" in due and "30 November 2026 (1 day overdue)" in due
    history = run("journal", "history", "Mette", env=env).stdout
    assert "REVIEWED" in history and "strained" in history
    run("review", "1", "--outcome", "kept", "--date", "2026-11-30", env=env)
    assert "Mette" not in run("journal", "due", "--on", "2027-06-01", env=env).stdout


def test_a_misspelt_cause_or_outcome_gets_the_nearest_one(env):
    save(env)
    for args, wrong, right in [(["--outcome", "broken", "--cause", "competance"],
                                "unknown cause 'competance'", "did you mean 'competence'?"),
                               (["--outcome", "brokn"], "unknown outcome 'brokn'",
                                "did you mean 'broken'?")]:
        done = run("review", "1", *args, env=env)
        assert done.returncode == 2 and wrong in done.stderr and right in done.stderr
    with Journal(env["TRUSTDOSE_DB"]) as journal:
        assert journal.reviews("Mette") == []


def test_reviewing_a_reviewed_delegation_again_is_said(env):
    save(env)
    run("review", "1", "--outcome", "strained", "--cause", "intention", "--date", "2026-11-01",
        env=env)
    again = run("review", "1", "--outcome", "kept", "--date", "2026-11-30", env=env)
    assert again.returncode == 0
    assert ("#1 was reviewed on 1 November 2026: strained. Closer follow-up until 30 November "
            "2026. This review is recorded after it.") in again.stderr


@pytest.mark.process
def test_the_walkthrough_asks_before_reviewing_again(env):
    save(env)
    run("review", "1", "--outcome", "kept", "--date", "2026-11-01", env=env)

    def walkthrough():
        return terminal("review", "1", timeout=20, dimensions=(24, 80),
                        env={**__import__("os").environ, **env, "NO_COLOR": "1"})
    child = walkthrough()
    child.expect("#1 was reviewed on 1 November 2026: kept. Review it again?")
    child.send("n")  # one key
    child.expect("Nothing was recorded")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with Journal(env["TRUSTDOSE_DB"]) as journal:
        assert len(journal.reviews("Mette")) == 1
    child = walkthrough()
    child.expect("Review it again?")
    child.send("y")
    child.expect("How did the delegation go")
    child.sendline("1")
    child.expect("note")
    child.sendline("")
    child.expect("The day of the review")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with Journal(env["TRUSTDOSE_DB"]) as journal:
        assert len(journal.reviews("Mette")) == 2


@pytest.mark.parametrize("lang, outcome, causes, expected", [
    ("da", "presset", ["ressourcer", "Kompetence"], ("strained", ["competence", "resources"])),
    ("nb", "brutt", ["vilje", "ond vilje"], ("broken", ["intention", "bad-faith"])),
    ("sv", "Bruten", ["omständigheter", "kompetensen räckte inte"],
     ("broken", ["competence", "circumstances"])),
    ("da", "broken", ["resources"], ("broken", ["resources"])),  # the ids, in any language
    ("da", "brudt", ["min-ramme", "mine-signaler"], ("broken", ["my-frame", "my-signals"])),
    ("sv", "bruten", ["min-närvaro"], ("broken", ["my-presence"])),
])
def test_the_outcome_and_causes_in_the_leaders_own_words(env, lang, outcome, causes, expected):
    save(env)
    done = run("--lang", lang, "review", "1", "--outcome", outcome,
               *[arg for cause in causes for arg in ("--cause", cause)], "--date", "2026-11-01",
               "--format", "json", env=env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["outcome"], data["causes"]) == expected


def test_the_leaders_own_part_follows_into_the_next_agreement_as_their_homework(env):
    assert save(env).returncode == 0
    done = run("review", "1", "--outcome", "broken", "--cause", "my-frame", "--date",
               "2026-11-01", env=env)
    assert done.returncode == 0, done.stderr
    assert "Do the frame first" in done.stdout and "Not closer control" in done.stdout
    assert "stays until" in done.stdout and "closer follow-up" not in done.stdout
    case = make_case(4, 4, 4, 2, subject={"name": "Mette"}, task={"title": "Vagtplan"})
    case["date"] = "2026-11-03"
    agreed = run("assess", "-", "--format", "agreement", input=json.dumps(case), env=env)
    assert agreed.returncode == 0, agreed.stderr
    assert "What the frame I gave lacked" in agreed.stdout
    assert "while I do my part" in agreed.stdout


@pytest.mark.parametrize("lang, kept, heading, closer", [
    ("en", "kept until", "While I do my part", "closer follow-up"),
    ("da", "fastholdes indtil", "Mens jeg gør min del", "tættere opfølgning"),
    ("nb", "beholdes fram til", "Mens jeg gjør min del", "tettere oppfølging"),
    ("sv", "behålls fram till", "Medan jag gör min del", "tätare avstämningar"),
])
def test_a_held_level_for_the_leaders_own_part_is_never_called_closer_follow_up(
        env, lang, kept, heading, closer):
    """Every place that speaks of the level a review holds says it is kept while the
    leader does their part (the warning, the journal line, the agreement, reflect)."""
    assert save(env).returncode == 0
    assert run("review", "1", "--outcome", "broken", "--cause", "my-presence", "--date",
               "2026-11-01", env=env).returncode == 0
    case = make_case(4, 4, 4, 2, subject={"name": "Mette"}, task={"title": "Vagtplan"})
    case["date"], case["planned_level"] = "2026-11-03", 7
    said = [run("--lang", lang, "assess", "-", *args, input=json.dumps(case), env=env)
            for args in ([], ["--format", "agreement"])]
    said.append(run("--lang", lang, "reflect", "--from", "-", input=json.dumps(case),
                    env=env))
    for done in said:
        assert done.returncode in (0, 1), done.stderr
        assert closer not in done.stdout.casefold(), done.stdout
    assert kept in said[0].stdout and heading in said[1].stdout
    if lang == "en":
        assert "found your own part" in said[0].stdout  # the warning for the plan above it
        assert "found your own part" in said[2].stdout


@pytest.mark.parametrize("lang, args, allowed", [
    ("da", ["--outcome", "kaput"], "tilladt: holdt, presset, brudt"),
    ("da", ["--outcome", "brudt", "--cause", "træthed"],
     "tilladt: kompetence, intention, ressourcer, omstændigheder, ond vilje"),
    ("nb", ["--outcome", "x"], "tillatt: holdt, anstrengt, brutt"),
    ("nb", ["--outcome", "brutt", "--cause", "x"],
     "kompetanse, vilje, ressurser, omstendigheter, ond vilje"),
    ("sv", ["--outcome", "x"], "höll, ansträngd, bruten"),
    ("sv", ["--outcome", "bruten", "--cause", "x"],
     "kompetens, vilja, resurser, omständigheter, illvilja"),
    ("en", ["--outcome", "broken", "--cause", "x"],
     "allowed: competence, intention, resources, circumstances, bad-faith"),
])
def test_what_is_allowed_is_said_in_the_leaders_language(env, lang, args, allowed):
    save(env)
    done = run("--lang", lang, "review", "1", *args, env=env)
    assert done.returncode == 2 and allowed in done.stderr, done.stderr
