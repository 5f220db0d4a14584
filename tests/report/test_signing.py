"""Whom the agreement is from and where the two sign (a second coach pass of issue 22:
the agreement had no 'Fra' line and nowhere to sign), in every form and language."""

from __future__ import annotations

import io
import re

import pytest

import trustdose
from trustdose import i18n
from trustdose.report.formats import AgreementForm, agreement
from trustdose.report.signing import BLANK

from helpers import make_case

SAID = {"en": ("From: ", "Leader: ", "Employee: ", "For the team: ", "Date: ", "Signature: "),
        "da": ("Fra: ", "Leder: ", "Medarbejder: ", "For teamet: ", "Dato: ", "Underskrift: "),
        "nb": ("Fra: ", "Leder: ", "Medarbeider: ", "For teamet: ", "Dato: ", "Underskrift: "),
        "sv": ("Från: ", "Chef: ", "Medarbetare: ", "För teamet: ", "Datum: ",
               "Underskrift: ")}


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def _text(form: AgreementForm, data: bytes) -> str:
    """What a reader sees of an agreement in `form`, as lines of text."""
    if form is AgreementForm.docx:
        from docx import Document
        return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    text = data.decode()
    if form is AgreementForm.html:
        text = re.sub(r"<br>", "\n", text)
        text = re.sub(r"<[^>]+>", "", text)
    return text


@pytest.mark.parametrize("lang", ["en", "da", "nb", "sv"])
@pytest.mark.parametrize("form", list(AgreementForm))
def test_every_form_says_whom_it_is_from_and_has_two_signatures(lang, form):
    i18n.set_language(lang)
    rules = trustdose.load_rules(user=False)
    sender, leader, employee, _team, date, signature = SAID[lang]
    a = trustdose.assess(make_case(4, 4, 4, 2, task={"title": "Rota", "leader": "Åse Holm"}),
                         rules)
    text = _text(form, agreement(form, a))
    opening = text.index(sender + "Åse Holm")
    assert opening < text.index(leader + "Åse Holm") < text.index(employee + "Kim")
    assert text.index(employee + "Kim") > text.index(i18n.format_date(a.review_date))
    assert text.count(date + "...") == 2 and text.count(signature + "...") == 2


@pytest.mark.parametrize("form", list(AgreementForm))
def test_without_a_leader_in_the_case_the_configurations_is_used_else_a_line_to_write_on(form):
    rules = trustdose.load_rules(user=False)
    a = trustdose.assess(make_case(4, 4, 4, 2), rules)
    text = _text(form, agreement(form, a, "Bo Dahl"))
    assert "From: Bo Dahl" in text and "Leader: Bo Dahl" in text
    blank = _text(form, agreement(form, a))
    assert f"From: {BLANK}" in blank and f"Leader: {BLANK}" in blank
    named = trustdose.assess(make_case(4, 4, 4, 2, task={"title": "T", "leader": "Åse"}), rules)
    assert "From: Åse" in _text(form, agreement(form, named, "Bo Dahl"))  # the case's first


@pytest.mark.parametrize("lang", ["da", "nb", "sv"])
def test_a_team_signs_as_the_team_and_is_never_one_person(lang):
    i18n.set_language(lang)
    rules = trustdose.load_rules(user=False)
    a = trustdose.assess(make_case(4, 4, 4, 2, subject={"name": "Stuen", "kind": "team"}),
                         rules)
    text = agreement(AgreementForm.text, a).decode()
    assert SAID[lang][3] + "Stuen" in text and SAID[lang][2] not in text


def test_the_leader_is_a_name_of_the_leaders_own_that_forget_takes_out():
    from trustdose.model.case import OWN_WORDS, Task
    assert "leader" in OWN_WORDS
    with pytest.raises(ValueError):
        Task(title="T", leader="Åse\x1b[2J")


def test_a_batch_column_names_the_leader_and_a_workshops_own_leder_column_stays_its_own():
    from trustdose.io.headers import column, near
    for header in ("Leders navn", "lederens navn", "Fra", "Från", "Ledarens namn", "from"):
        assert column(header) == ("task", "leader"), header
    for header in ("Leder", "Ledare", "Chef"):  # a participant's name, carried as it is
        assert column(header) is None and near(header) is None, header


def test_the_configurations_leader_is_read_and_a_bad_one_is_refused(tmp_path, monkeypatch):
    from trustdose.errors import ConfigError
    from trustdose.io.config import load_config
    path = tmp_path / "config.yaml"
    monkeypatch.setenv("TRUSTDOSE_CONFIG", str(path))
    path.write_text("leader: ' Anne Holm '\n")
    assert load_config().leader == "Anne Holm"
    path.write_text("leader: [Anne]\n")
    with pytest.raises(ConfigError) as caught:
        load_config()
    assert caught.value.problems[0].line == 1


def test_assess_and_batch_write_the_configurations_leader_where_the_case_names_none(tmp_path):
    from helpers import EXAMPLES, run
    config = tmp_path / "config.yaml"
    config.write_text("leader: Bo Dahl\n")
    env = {"TRUSTDOSE_CONFIG": str(config)}
    result = run("assess", str(EXAMPLES / "new-employee.yaml"), "--format", "agreement",
                 "--lang", "da", env=env)
    assert result.returncode == 0 and "Fra: Bo Dahl" in result.stdout, result.stderr
    cases = tmp_path / "cases.csv"
    cases.write_text("navn;opgave;kompetence;intention;ressourcer;risiko;leders navn;Leder\n"
                     "Mette;Vagtplan;4;4;4;2;Åse Holm;Åse\nJonas;Møde;4;4;4;2;;Bo\n")
    result = run("batch", str(cases), "--agreements", str(tmp_path / "a"), "-f", "jsonl",
                 "--lang", "da", env=env)
    assert result.returncode == 0, result.stderr
    said = sorted(path.read_text() for path in (tmp_path / "a").iterdir())
    assert ["Fra: Bo Dahl" in text for text in said] == [True, False]  # Jonas, then Mette
    assert "Fra: Åse Holm" in said[1]
    rows = result.stdout.splitlines()
    assert '"leader": "Åse Holm"' in rows[0] and '"extra": {"Leder": "Åse"}' in rows[0]
