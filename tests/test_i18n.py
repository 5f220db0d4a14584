"""Languages: how one is chosen, that every message has a translation, and that a Danish,
Norwegian or Swedish user meets no English in the questionnaire, the reports and the
errors."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import trustdose
from trustdose import i18n as _i18n
from trustdose.cli.language import choose
from trustdose.io.columns import CSV_FIELDS
from trustdose.errors import UsageError
from trustdose.rules.conditions import FACT_PREFIX, FACTS
from trustdose.rules.loader import SECTIONS

from helpers import EXAMPLES, ROOT, make_case, run, run_process

LANGS = ["da", "nb", "sv"]


@pytest.fixture
def language():
    """Switch the language for one test; English again afterwards."""
    yield _i18n.set_language
    _i18n.set_language("en")


# --- choosing the language -------------------------------------------------------------

@pytest.mark.parametrize("setting, expected", [
    ("da_DK.UTF-8", "da"), ("nb_NO.UTF-8", "nb"), ("no_NO", "nb"), ("nn_NO.UTF-8", "nb"),
    ("sv_SE.utf8", "sv"), ("sv-FI", "sv"), ("en_GB.UTF-8", "en"), ("da", "da"),
    ("de_DE.UTF-8", None), ("C", "en"), ("POSIX", "en"), ("svenska", "sv"), ("Norsk", "nb")])
def test_settings_are_normalised(setting, expected):
    assert _i18n.normalise(setting) == expected


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "da_DK.UTF-8"}, "da"),
    ({"LANG": "de_DE.UTF-8"}, "en"),  # not one of ours: English
    ({"LANG": "da_DK.UTF-8", "LC_MESSAGES": "sv_SE.UTF-8"}, "sv"),
    ({"LANG": "da_DK.UTF-8", "LC_ALL": "nn_NO.UTF-8", "LC_MESSAGES": "sv_SE"}, "nb"),
    ({"LANGUAGE": "fr:sv:en", "LANG": "da_DK.UTF-8"}, "sv"),  # a priority list
    ({"LANGUAGE": "fr", "LANG": "da_DK.UTF-8"}, "da"),  # none of ours in it: next variable
    ({"LC_ALL": "C"}, "en"),
    ({}, "en"),
])
def test_the_locale_variables_in_gettext_order(environ, expected, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    assert _i18n.from_locale(environ) == expected


def test_windows_uses_the_user_interface_language(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(_i18n, "_windows_locale", lambda: "nb_NO")
    assert _i18n.from_locale({}) == "nb"
    assert _i18n.from_locale({"LANG": "sv_SE"}) == "sv"  # a variable still wins
    monkeypatch.setattr(_i18n, "_windows_locale", lambda: None)
    assert _i18n.from_locale({}) == "en"


def test_precedence_flag_then_variable_then_config_then_locale(monkeypatch):
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("TRUSTDOSE_LANG", "nb")
    assert choose(("--lang", "da"), lambda: "en") == "da"
    assert choose(("--lang", None), lambda: "en") == "nb"
    monkeypatch.delenv("TRUSTDOSE_LANG")
    assert choose(("--lang", None), lambda: "da") == "da"
    assert choose(("--lang", None), lambda: None) == "sv"
    with pytest.raises(UsageError) as caught:
        choose(("--lang", "fr"))
    assert "fr" in str(caught.value) and "da (dansk)" in caught.value.hint


def test_language_from_the_config_file_and_a_bad_one(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text("lang: no\n", encoding="utf-8")
    env = {"TRUSTDOSE_CONFIG": str(config), "TRUSTDOSE_LANG": ""}
    done = run("assess", str(EXAMPLES / "new-employee.yaml"), "--format", "text", env=env)
    assert done.returncode == 0 and "Anbefalt nivå" in done.stdout
    config.write_text("rules: []\nlang: klingon\n", encoding="utf-8")
    done = run("assess", str(EXAMPLES / "new-employee.yaml"), env=env)
    assert done.returncode == 2
    assert f"{config}:2:7: lang: unknown language 'klingon'" in done.stderr
    assert "nb (norsk bokmål)" in done.stderr


def test_lang_anywhere_on_the_command_line_and_an_unknown_one():
    example = str(EXAMPLES / "new-employee.yaml")
    for args in (["--lang", "sv", "assess", example], ["assess", example, "--lang=sv"]):
        done = run(*args, "--format", "text")
        assert done.returncode == 0 and "Rekommenderad nivå" in done.stdout
    done = run("assess", example, "--lang", "xx")
    assert done.returncode == 2 and "--lang: unknown language 'xx'" in done.stderr
    assert "Traceback" not in done.stderr


# --- catalogues ------------------------------------------------------------------------

def test_every_message_is_translated_and_the_template_is_current():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "catalogue.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_compiled_catalogues_ship_with_the_package():
    package = Path(trustdose.__file__).parent
    for lang in LANGS:
        assert (package / "locale" / lang / "LC_MESSAGES" / "trustdose.mo").is_file(), lang


def test_rule_text_falls_back_to_english_per_string(language):
    text = {"en": "Agree", "da": "Aftal"}
    language("da")
    assert _i18n.pick(text) == "Aftal"
    assert _i18n.pick({"en": "Only English"}) == "Only English"
    language("xx")  # unknown languages fall back to English
    assert _i18n.pick(text) == "Agree"
    assert _i18n.pick(None) == ""


def test_every_default_rule_text_has_all_four_languages(rules):
    for entry in rules.all_rules():
        for key, value in entry.item.items():
            if isinstance(value, dict) and "en" in value:
                assert set(value) >= {"en", "da", "nb", "sv"}, (entry.id, key)


# --- the JSON keeps English ids and adds labels ------------------------------------------

def test_json_keeps_ids_and_adds_the_label_and_language():
    done = run("assess", str(EXAMPLES / "new-employee.yaml"), "--format", "json",
               "--lang", "sv")
    data = __import__("json").loads(done.stdout)
    assert data["level"] == {"number": 3, "name": "consult", "label": "Rådfråga"}
    assert data["lang"] == "sv" and data["limiting"] == "competence"
    assert data["review_date"] == dt.date.fromisoformat(data["review_date"]).isoformat()


def test_level_labels_are_established_terms(rules, language):
    # level 6 is no longer "Stämma av" in Swedish, nor "Følge opp" in Norwegian: the
    # check-ins along the way are "avstämningar" and the review "oppfølging" there, and
    # one word means one thing
    expected = {"da": ["Fortælle", "Sælge", "Konsultere", "Blive enige", "Rådgive",
                       "Blive orienteret", "Uddelegere"],
                "sv": ["Berätta", "Sälja in", "Rådfråga", "Komma överens", "Ge råd",
                       "Fråga efteråt", "Delegera"],
                "nb": ["Gi beskjed", "Selge inn", "Be om innspill", "Bli enige", "Gi råd",
                       "Bli orientert", "Delegere"]}
    for lang, labels in expected.items():
        language(lang)
        assert [_i18n.pick(rules.levels[n].item["label"]) for n in range(1, 8)] == labels


def test_dates_and_numbers_follow_the_language(language):
    day = dt.date(2026, 12, 7)
    shown = {}
    for lang in ["en", *LANGS]:
        language(lang)
        shown[lang] = (_i18n.format_date(day), _i18n.format_number(3.5))
    assert shown["en"] == ("7 December 2026", "3.5")
    assert shown["da"] == ("7. december 2026", "3,5")
    assert shown["nb"] == ("7. desember 2026", "3,5")
    assert shown["sv"] == ("7 december 2026", "3,5")


# --- no English left over ----------------------------------------------------------------

# Words that only English uses; any of them in a da/nb/sv text is a leftover.
ENGLISH = {"the", "and", "with", "you", "your", "what", "which", "when", "should", "this",
           "is", "are", "of", "not", "must", "will", "would", "before", "after", "level",
           "task", "trust", "weakest", "warning", "warnings", "review", "planned", "answer",
           "allowed", "unknown", "found", "error", "hint", "missing", "cannot", "file",
           "please", "check", "row", "cases", "none", "they", "their", "its"}


def english_phrases() -> set[str]:
    """Every English text trustdose has, cut at placeholders into phrases of two or more
    words: the catalogue's message ids and the English rule texts."""
    from babel.messages.pofile import read_po
    template = ROOT / "src" / "trustdose" / "locale" / "trustdose.pot"
    texts = [m.id if isinstance(m.id, str) else m.id[0]
             for m in read_po(template.open("rb")) if m.id]
    for path in (ROOT / "rules").glob("*.yaml"):
        texts += re.findall(r'^\s*en: "(.*)"', path.read_text(encoding="utf-8"), re.M)
        texts += re.findall(r'\{en: "([^"]*)"', path.read_text(encoding="utf-8"))
    phrases = set()
    for text in texts:
        for part in re.split(r"\{[^}]*\}|\n", text):
            part = part.strip(" .:;,()—-")
            if len(part.split()) >= 2:
                phrases.add(part)
    return phrases


def leftovers(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """English phrases or words in `text`, ignoring rule ids, file:line references,
    option names and the `allowed` strings (a user's own names and titles)."""
    for keep in allowed:
        text = text.replace(keep, " ")
    text = re.sub(r"\S+\.(ya?ml|json|csv|md):\d+(:\d+)?", " ", text)  # file:line
    text = re.sub(r"<sub>.*?</sub>|[\w:-]+ · [\w.:/ ·-]+", " ", text)  # rule id · source
    text = re.sub(r"--[a-z-]+|'[^']*'", " ", text)  # options, quoted values
    found = [p for p in PHRASES if p in text and re.search(
        r"(?<!\w)" + re.escape(p) + r"(?!\w)", text)]
    # identifiers (planned_level, competence.experience, new-in-role) are not prose
    words = {w for w in re.findall(r"[A-Za-z_]+(?:[.-][A-Za-z_]+)*", text.lower())
             if not re.search(r"[_.-]", w)}
    return found + sorted(words & ENGLISH)


PHRASES = english_phrases()
SUBJECT, TITLE = "Mette", "Vagtplan for december"
CASES = {  # between them, every section of a report and every kind of warning
    "overdose": make_case(2, 4, 4, 2, planned_level="delegate",
                          subject={"name": SUBJECT, "new_in_role": True},
                          task={"title": TITLE}),
    "overcontrol": make_case(5, 5, 5, 1, planned_level="tell",
                             subject={"name": SUBJECT, "kind": "team"}, task={"title": TITLE}),
    "capped-uncertain": {**make_case(4, "uncertain", 4, 5, subject={"name": SUBJECT},
                                     task={"title": TITLE}), "planned_level": 2},
    "unclear": make_case(3, 3, {"clarity": 1}, 3, subject={"name": SUBJECT},
                         task={"title": TITLE}),
    "top": make_case(5, 5, 5, 1, subject={"name": SUBJECT}, task={"title": TITLE}),
}


def test_the_leftover_check_finds_english():
    assert leftovers("Anbefalet niveau: the level is held") == ["is", "level", "the"]
    assert "Next trust step" in leftovers("NÆSTE: Next trust step")
    assert len(PHRASES) > 300  # catalogue messages and English rule texts were found
    assert not leftovers("Anbefalet niveau: Konsultere  tell-me · rules/levels.yaml:4")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ["text", "markdown", "rich", "agreement"])
def test_every_report_section_is_translated(lang, fmt, rules, language):
    from trustdose.report.formats import ReportFormat as Format, render
    language(lang)
    sections = set()
    for name, case in CASES.items():
        result = trustdose.assess(case, rules, today=dt.date(2026, 11, 23))
        shown = render(Format(fmt), result, width=100, color=False)
        assert not leftovers(shown, (SUBJECT, TITLE)), (name, leftovers(shown, (SUBJECT, TITLE)))
        from trustdose.report.model import build_report
        sections |= {s.key for s in build_report(result, full=True).sections}
        full = render(Format(fmt), result, width=100, color=False, full=True)
        assert not leftovers(full, (SUBJECT, TITLE)), (name, leftovers(full, (SUBJECT, TITLE)))
    assert sections == {"warnings", "frame_first", "controls", "feedback", "left_out",
                        "next_step", "agreement", "questions", "trace"}


@pytest.mark.parametrize("lang", LANGS)
def test_red_lines_from_an_overlay_are_translated_where_the_overlay_is(lang, language):
    """An organisation's overlay may give any subset of languages: its own texts fall back
    to English per string, but everything trustdose says around them is translated."""
    rules = trustdose.load_rules([EXAMPLES / "org-overlay"])
    language(lang)
    case = yaml.safe_load((EXAMPLES / "care-use-of-force.yaml").read_text(encoding="utf-8"))
    result = trustdose.assess(case, rules)
    from trustdose.report.formats import ReportFormat as Format, render
    shown = render(Format.text, result)
    held = {"da": "Rød linje – holdes på", "nb": "Rød linje – begrenset til",
            "sv": "Röd linje – nivån stannar vid"}[lang]
    assert held in shown


@pytest.mark.parametrize("lang", LANGS)
def test_the_questionnaire_is_translated(lang, rules, language):
    from trustdose.questionnaire import steps
    language(lang)
    for step in steps(rules):
        texts = [step.question, step.heading, step.intro, step.hint,
                 *(text for _n, text in step.anchors)]
        for text in texts:
            # the level names of the planned-level step are the stable ids in English
            assert not leftovers(text), (step.key, text, leftovers(text))


@pytest.mark.parametrize("lang, yes, no", [("da", "ja", "nej"), ("nb", "j", "nei"),
                                           ("sv", "Ja", "N"), ("en", "y", "no")])
def test_answers_in_the_language(lang, yes, no, rules, language):
    from trustdose.questionnaire import steps
    language(lang)
    new_in_role = next(s for s in steps(rules) if s.key == ("subject", "new_in_role"))
    assert new_in_role.parse(yes) is True and new_in_role.parse(no) is False
    score = next(s for s in steps(rules) if s.key == ("competence", "professional"))
    assert score.parse("?") == "uncertain" and score.parse("4") == 4
    with pytest.raises(ValueError) as caught:
        score.parse("maybe")
    if lang != "en":
        assert not leftovers(str(caught.value))


COLUMNS = ", ".join(sorted(CSV_FIELDS))
SECTION_NAMES = ", ".join([*SECTIONS, "disable"])
FIELD_NAMES = ", ".join(name for name in FACTS if not name.startswith(FACT_PREFIX))


# Each error a user can meet, as the command line that causes it.
def error_commands(tmp: Path) -> dict[str, list[str]]:
    bad = tmp / "bad.yaml"
    bad.write_text('subject: {name: " ", kind: robot}\ntask: {title: x, tags: [Bad], extra: 1}\n'
                   "competence: 9\nintention: maybe\nresources: {time: 7, speed: 2}\n"
                   "risk: 1.5\nplanned_level: 9\ndate: nope\n", encoding="utf-8")
    (tmp / "broken.yaml").write_text("subject:\n  name: Kim\n task: x\n", encoding="utf-8")
    (tmp / "broken.json").write_text('{"subject": {"name": "Kim"} "task": 1}', encoding="utf-8")
    (tmp / "dup.yaml").write_text("subject: {name: a}\nsubject: {name: b}\n", encoding="utf-8")
    (tmp / "empty.yaml").write_text("# nothing\n", encoding="utf-8")
    (tmp / "list.yaml").write_text("- 1\n", encoding="utf-8")
    (tmp / "rows.csv").write_text("subject;task;competence;intention;resources;risk\n"
                                  "Kim;Rota;3;3;3\nEva;Rota;3;x;3;3\n", encoding="utf-8")
    (tmp / "cols.csv").write_text("subject;competance\nKim;3\n", encoding="utf-8")
    org = tmp / "org"
    org.mkdir()
    (org / "a.yaml").write_text("feedbak:\n  - id: x\n", encoding="utf-8")
    (org / "b.yaml").write_text(
        "red_lines:\n  - id: rl\n    reason: {en: Never alone}\n    level: 3\n"
        "    require: [four-eye]\n    when: {field: task.tag, op: '==', value: x}\n"
        "disable: [nope]\n", encoding="utf-8")
    good = str(EXAMPLES / "new-employee.yaml")
    return {
        "case values": ["assess", str(bad)],
        "yaml syntax": ["assess", str(tmp / "broken.yaml")],
        "json syntax": ["assess", str(tmp / "broken.json")],
        "duplicate key": ["assess", str(tmp / "dup.yaml")],
        "empty": ["assess", str(tmp / "empty.yaml")],
        "not a mapping": ["assess", str(tmp / "list.yaml")],
        "missing file": ["assess", str(tmp / "nope.yaml")],
        "planned": ["assess", good, "--planned", "delegat"],
        "no case": ["assess", "--no-input"],
        "unknown option": ["assess", good, "--colour"],
        "bad choice": ["assess", good, "--format", "pdf"],
        "extra argument": ["assess", good, "other.yaml"],
        "unknown command": ["asess"],
        "option value": ["assess", good, "--output"],
        "unwritable": ["assess", good, "--output", str(tmp / "no" / "such" / "r.txt")],
        "rules folder": ["assess", good, "--rules", str(tmp / "nope")],
        "rule files": ["assess", good, "--rules", str(org)],
        "batch rows": ["batch", str(tmp / "rows.csv")],
        "journal entry": ["journal", "show", "9", "--db", str(tmp / "j.sqlite3")],
        "journal subject": ["journal", "forget", "Nobody", "--db", str(tmp / "j.sqlite3")],
        "not a journal": ["journal", "list", "--db", str(tmp / "rows.csv")],
        "save options": ["assess", good, "--pseudonym", "X"],
        "batch columns": ["batch", str(tmp / "cols.csv")],
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_error_is_translated(lang, tmp_path):
    for name, args in error_commands(tmp_path).items():
        done = run(*args, "--lang", lang)
        assert done.returncode in (1, 2), (name, done.stderr)
        assert done.stderr.strip() and "Traceback" not in done.stderr, name
        # errors name the case file's own (English) keys: task.tags[0], 'extra' in task
        # the CSV column, rule-file section and condition field names a hint lists are
        # names, not prose
        text = " ".join(done.stderr.split()).replace(COLUMNS, " ").replace(
            SECTION_NAMES, " ").replace(FIELD_NAMES, " ")
        problems = leftovers(re.sub(r"\b(subject|task)\b", " ", text),
                             (str(tmp_path), str(EXAMPLES)))
        assert not problems, (name, problems, done.stderr)


@pytest.mark.process  # typer reads its own few words when it is first imported
def test_help_is_translated():
    done = run_process("--lang", "da", "assess", "--help")
    assert done.returncode == 0
    assert "Anbefal et delegeringsniveau" in done.stdout and "Tilvalg" in done.stdout
    assert "Vis denne hjælp og afslut." in done.stdout


# --- rules check reports missing translations -------------------------------------------

def test_rules_check_lists_missing_translations_per_language(overlay):
    folder = overlay({"m.yaml": (
        "measures:\n"
        "  - id: huddle\n"
        "    kind: feedback\n"
        "    title: {en: Daily huddle, da: Dagligt tavlemøde}\n"
        "    description: {en: Ten minutes at the board.}\n"
        "    addresses: [resources]\n"
        "    when: {field: resources, op: '<=', value: 4}\n")})
    done = run("rules", "check", str(folder), "--format", "json")
    data = __import__("json").loads(done.stdout)
    assert done.returncode == 0 and data["ok"]
    missing = {lang: {(m["rule"], m["field"]) for m in found}
               for lang, found in data["missing_translations"].items()}
    assert missing["da"] == {("huddle", "description")}
    assert missing["nb"] == missing["sv"] == {("huddle", "title"), ("huddle", "description")}
    done = run("rules", "check", str(folder))
    assert "1 text has no 'da' version" in done.stderr
    done = run("rules", "check", str(folder), "--require-lang", "da")
    assert done.returncode == 1
    assert f"{folder / 'm.yaml'}:2: missing-translation: description has no 'da' text" \
        in done.stdout


def test_the_defaults_miss_no_translation():
    done = run("rules", "check", "--require-lang", "da", "--require-lang", "nb",
               "--require-lang", "sv")
    assert done.returncode == 0, done.stdout
    assert "translations:" not in done.stderr


def test_no_function_hides_the_translation_function():
    """Assigning `_` anywhere in a function (`a, _ = pair`) makes every `_("…")` in it
    fail at run time; such a function would only break in the language it is used in."""
    import ast
    broken = []
    for path in (ROOT / "src" / "trustdose").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            # comprehensions have their own scope; look at the function's own statements
            own = [n for n in ast.walk(func) if not isinstance(
                n, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp))]
            stores = any(isinstance(n, ast.Name) and n.id == "_" and
                         isinstance(n.ctx, ast.Store) for n in own)
            calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and
                        n.func.id == "_" for n in ast.walk(func))
            if stores and calls:
                broken.append(f"{path.name}:{func.lineno} {func.name}")
    assert not broken


@pytest.fixture(scope="module")
def grid_cases() -> int:
    """How many cases `rules check` proves the default rules over (once for the module)."""
    return json.loads(run("rules", "check", "-f", "json").stdout)["cases"]


@pytest.mark.parametrize("lang, group, word", [("en", ",", "cases"), ("da", ".", "sager"),
                                               ("nb", "\u00a0", "saker"),
                                               ("sv", "\u00a0", "fall")])
def test_rule_commands_speak_the_language_with_its_digit_grouping(lang, group, word,
                                                                   grid_cases):
    cases = grid_cases
    done = run("rules", "check", "--lang", lang)
    assert done.returncode == 0 and f"{cases:,} {word}".replace(",", group) in done.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_rule_command_output_is_translated(lang, tmp_path):
    outputs = [run("rules", "list", "--lang", lang).stdout,
               # its header only: below it is the rule as written, in all four languages
               run("rules", "show", "overdose", "--lang", lang).stdout.split("\n\n")[0],
               run("rules", "test", "--lang", lang).stdout]
    if lang != "nb":  # a whole diff (a second or more); what it says comes from the same
        # catalogue as the rest, checked whole by test_every_message_is_translated_…
        outputs.append(run("rules", "diff", "default", str(EXAMPLES / "org-overlay"),
                           "--lang", lang, "--examples", "2").stdout)
    for shown in outputs:
        # ids, sections, file names and the YAML of a rule are the rule files' own words,
        # and so is the name of a rule test that failed
        shown = re.sub(r"^(\S+) .*\(\S+\.test\.yaml:\d+\)$", r"\1", shown, flags=re.M)
        words = re.sub(r"^(\S+\s+){2}\S+\s+\S+\.yaml:\d+.*$|^\s*\S+:.*$|^\s*- .*$", " ",
                       shown, flags=re.M)
        assert not leftovers(words, ("default", "indicator")), (lang, leftovers(words))


def test_help_into_a_closed_pipe_ends_quietly():
    done = subprocess.run(f"'{sys.executable}' -m trustdose --lang da assess --help | head -2",
                          shell=True, capture_output=True, text=True, cwd=ROOT)
    assert "Usage" in done.stdout and "Traceback" not in done.stderr


@pytest.mark.process  # typer reads its own few words when it is first imported
def test_no_command_shows_the_help_in_the_language():
    done = run_process("--lang", "nb")
    assert done.returncode == 2 and "Kommandoer" in done.stdout and not done.stderr
    done = run_process("rules", "--lang", "sv")
    assert done.returncode == 2 and "Kommandon" in done.stdout


@pytest.mark.parametrize("lang", LANGS)
def test_the_journal_and_a_review_speak_the_language(lang, tmp_path):
    env = {"TRUSTDOSE_DB": str(tmp_path / "j.sqlite3")}
    case = {**CASES["overdose"], "date": "2026-10-01"}
    run("assess", "-", "--save", input=json.dumps(case), env=env)
    review = run("review", "1", "--outcome", "broken", "--cause", "competence", "--cause",
                 "bad-faith", "--date", "2026-11-01", "--lang", lang, env=env)
    shown = run("assess", "-", "--format", "text", "--planned", "advise", "--lang", lang,
                input=json.dumps({**case, "date": "2026-11-10"}), env=env).stdout
    listing = run("journal", "list", "--lang", lang, env=env).stdout
    history = run("journal", "history", SUBJECT, "--lang", lang, env=env).stdout
    entry = run("journal", "show", "1", "--lang", lang, env=env).stdout  # saved in English
    for text in (review.stdout, review.stderr, shown, listing, history, entry):
        assert text.strip()
        assert not leftovers(text, (SUBJECT, TITLE, str(tmp_path))), (lang, leftovers(
            text, (SUBJECT, TITLE, str(tmp_path))), text)
