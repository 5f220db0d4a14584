"""The guard against telling answers by difference: per combination shown, a hash of
each form's token and each leg as shown, owner-only beside the journal, and nothing else;
a form is combined with the same forms only, and then each leg shows as before; two runs
at once cannot both slip by."""

from __future__ import annotations

import multiprocessing
import os
import stat

import pytest

from trustdose.leading.forms import Answered, new_token
from trustdose.leading.kept import Refused, forget, guard
from trustdose.leading.rubric import shown


def _forms(n, value=3):
    return [Answered(f"f{i}.yaml", "form", new_token(), "T",
                     {"relational-team": {"rely": value, "disagree": 4}}) for i in range(n)]


def _guard(forms, path, team="T"):
    """As the command does: each form's token, and the leg as it is shown."""
    means = [sum(f.answers["relational-team"].values()) / 2 for f in forms]
    guard(team, [f.token for f in forms],
          {"relational-team": f"{shown(sum(means) / len(means))}/{len(forms)}"}, path)


def test_a_form_is_combined_with_the_same_forms_only(tmp_path):
    path = tmp_path / "data" / "stool-combinations.json"
    forms = _forms(15)
    _guard(forms[:5], path)
    _guard(forms[:5], path)  # the same forms again: fine, kept once
    for overlapping in (forms[:6], forms[:4] + forms[5:6], forms[:10], forms[4:9]):
        with pytest.raises(Refused, match="combined before .* with other forms"):
            _guard(overlapping, path)
    _guard(forms[5:10], path)  # forms never combined: fine
    with pytest.raises(Refused):  # a superset of two shown: its sum is theirs, or a change
        _guard(forms[:10], path)


def test_no_chain_of_combinations_far_apart_tells_one_form(tmp_path):
    """A hostile pass: sixteen combinations of twelve forms, each five or more forms apart
    from every other, were added and subtracted until each form stood alone. Now a second
    combination sharing any form with the first is refused, whatever its distance."""
    path = tmp_path / "stool-combinations.json"
    forms = _forms(12)
    _guard(forms[:6], path)
    shown_sets = 1
    for start in range(1, 7):
        try:
            _guard(forms[start:start + 6], path)
            shown_sets += 1
        except Refused:
            pass
    assert shown_sets == 2  # the first, and the six forms it did not touch


def test_a_form_edited_between_two_runs_is_a_difference(tmp_path):
    path = tmp_path / "stool-combinations.json"
    forms = _forms(5)
    _guard(forms, path)
    changed = forms[0]._replace(answers={"relational-team": {"rely": 1, "disagree": 4}})
    with pytest.raises(Refused, match="a form has changed since"):
        _guard([changed, *forms[1:]], path)


def test_another_teams_name_is_no_way_around_the_guard(tmp_path):
    path = tmp_path / "stool-combinations.json"
    forms = _forms(6)
    _guard(forms[:5], path, "T")
    with pytest.raises(Refused):
        _guard(forms, path, "Another name")
    with pytest.raises(Refused):  # nor combining the same forms under another name, edited
        _guard([forms[0]._replace(answers={"relational-team": {"rely": 5, "disagree": 4}}),
                *forms[1:5]], path, "Another name")


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
