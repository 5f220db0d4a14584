"""The guard against telling answers by difference: per leg, the fingerprints of the
forms a shown combination came from, owner-only beside the journal, and nothing else; a
combination 1-4 forms from one kept is refused; two runs at once cannot both slip by."""

from __future__ import annotations

import multiprocessing
import os
import stat

import pytest

from trustdose.leading.forms import Answered, new_token
from trustdose.leading.kept import Refused, fingerprints, forget, guard


def _forms(n, value=3):
    return [Answered(f"f{i}.yaml", "form", new_token(), "T",
                     {"relational-team": {"rely": value, "disagree": 4}}) for i in range(n)]


def _guard(forms, path, team="T"):
    guard(team, fingerprints(forms, ["relational-team"]), 5, path)


def test_a_combination_a_few_forms_from_one_shown_is_refused(tmp_path):
    path = tmp_path / "data" / "stool-combinations.json"
    forms = _forms(10)
    _guard(forms[:5], path)
    _guard(forms[:5], path)  # the same forms again: fine, kept once
    for few in (forms[:6], forms[:4] + forms[5:6], forms[:9]):
        with pytest.raises(Refused, match="differ from a combination shown before"):
            _guard(few, path)
    _guard(forms, path)  # five more: fine


def test_a_form_edited_between_two_runs_is_a_difference(tmp_path):
    path = tmp_path / "stool-combinations.json"
    forms = _forms(5)
    _guard(forms, path)
    changed = forms[0]._replace(answers={"relational-team": {"rely": 1, "disagree": 4}})
    with pytest.raises(Refused):
        _guard([changed, *forms[1:]], path)


def test_another_teams_name_is_no_way_around_the_guard(tmp_path):
    path = tmp_path / "stool-combinations.json"
    forms = _forms(6)
    _guard(forms[:5], path, "T")
    with pytest.raises(Refused):
        _guard(forms, path, "Another name")


def test_nothing_personal_is_kept_and_only_its_owner_reads_it(tmp_path):
    folder = tmp_path / "data"
    path = folder / "stool-combinations.json"
    forms = _forms(5)
    _guard(forms, path)
    assert sorted(os.listdir(folder)) == ["stool-combinations.json", "stool-combinations.lock"]
    text = path.read_text(encoding="utf-8")
    assert all(f.token not in text for f in forms)
    assert "rely" not in text and "disagree" not in text and "f0.yaml" not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_forget_erases_one_teams_combinations_or_all(tmp_path):
    path = tmp_path / "stool-combinations.json"
    _guard(_forms(5), path, "A")
    _guard(_forms(5), path, "B")
    assert forget("A", path) == 1 and forget("A", path) == 0
    assert "\"B\"" in path.read_text() and "\"A\"" not in path.read_text()
    assert forget(None, path) == 1 and forget(None, path) == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes a read-only folder")
def test_a_read_only_folder_refuses_a_new_combination_but_shows_one_kept(tmp_path):
    folder = tmp_path / "data"
    path = folder / "stool-combinations.json"
    forms = _forms(10)
    _guard(forms[:5], path)
    folder.chmod(0o500)
    try:
        _guard(forms[:5], path)  # kept already: nothing to write
        with pytest.raises(Refused, match="cannot be written"):
            _guard(forms[5:], path)
    finally:
        folder.chmod(0o700)


def test_a_damaged_record_refuses_rather_than_starting_anew(tmp_path):
    path = tmp_path / "stool-combinations.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(Refused, match="cannot be read"):
        _guard(_forms(5), path)
    assert path.read_text(encoding="utf-8") == "{not json"


def _one(args):
    path, forms = args
    try:
        _guard(forms, path)
        return "shown"
    except Refused:
        return "refused"


def test_two_runs_at_once_one_differing_by_a_form_one_is_refused(tmp_path):
    path = tmp_path / "data" / "stool-combinations.json"
    forms = _forms(6)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        got = pool.map(_one, [(path, forms[:5]), (path, forms)])
    assert sorted(got) == ["refused", "shown"]
