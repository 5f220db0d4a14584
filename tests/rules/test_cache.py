"""The compiled-rules cache: plain JSON, used when valid and trustworthy, never stale,
never in the way."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import trustdose
from trustdose.rules import cache, loader


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A cache folder of its own, and nothing remembered in this process."""
    monkeypatch.setenv("TRUSTDOSE_CACHE_DIR", str(tmp_path / "cache"))
    from_files_only(monkeypatch)
    return tmp_path / "cache"


def from_files_only(monkeypatch):
    monkeypatch.setattr(cache, "_IN_MEMORY", {})
    monkeypatch.setattr(loader, "_PARSED", {})


def test_second_load_comes_from_the_cache_as_plain_json(fresh, monkeypatch, overlay):
    folder = overlay({"org.yaml": "questions:\n  - id: ask-influence\n    text: {en: 'First'}\n"})
    first = trustdose.load_rules([folder])
    files = list(fresh.glob("rules-*.json"))
    assert len(files) == 1 and oct(files[0].stat().st_mode & 0o777) == "0o600"
    assert oct(fresh.stat().st_mode & 0o777) == "0o700"
    json.loads(files[0].read_text(encoding="utf-8"))  # data, never code
    from_files_only(monkeypatch)
    monkeypatch.setattr(loader, "_parse", lambda *a: pytest.fail("read the YAML again"))
    again = trustdose.load_rules([folder])
    assert again.questions[-1].item["text"] == first.questions[-1].item["text"]
    assert again.questions[-1].source == first.questions[-1].source
    assert again.digest == first.digest
    assert again.rubrics["competence"].item == first.rubrics["competence"].item  # anchors 1-5


def test_an_edited_rule_file_is_seen_at_once(fresh, overlay):
    folder = overlay({"org.yaml": "questions:\n  - id: ask-influence\n    text: {en: 'First'}\n"})
    trustdose.load_rules([folder])
    path = folder / "org.yaml"
    path.write_text(path.read_text().replace("First", "Second"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    texts = [q.item["text"]["en"] for q in trustdose.load_rules([folder]).questions]
    assert "Second" in texts and "First" not in texts


def test_a_same_size_edit_with_its_time_put_back_is_seen(fresh, monkeypatch, overlay):
    """The key is the files' content: `touch -d` after an edit of the same size left a
    key of size and time unchanged, and the old rules in force (issue 20)."""
    folder = overlay({"org.yaml": "questions:\n  - id: ask-influence\n    text: {en: 'First'}\n"})
    path = folder / "org.yaml"
    trustdose.load_rules([folder])
    before = path.stat()
    path.write_text(path.read_text().replace("First", "Other"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    for remembered in (True, False):  # in this process, and in the cache folder
        if not remembered:
            from_files_only(monkeypatch)
        texts = [q.item["text"]["en"] for q in trustdose.load_rules([folder]).questions]
        assert "Other" in texts and "First" not in texts


def test_a_rule_set_cached_by_other_code_is_read_again(fresh, monkeypatch, overlay):
    """The key holds the code that reads rules, derived from its modules: a rule set
    cached before a new check was written must not skip that check."""
    folder = overlay({"org.yaml": "questions:\n  - id: ask-influence\n    text: {en: 'First'}\n"})
    trustdose.load_rules([folder])
    assert cache._code() == cache._code.__wrapped__()  # derived afresh, the same
    from_files_only(monkeypatch)
    monkeypatch.setattr(cache, "_code", lambda: "the code after an upgrade")
    read = []
    parse = loader._parse
    monkeypatch.setattr(loader, "_parse", lambda *a: read.append(1) or parse(*a))
    trustdose.load_rules([folder])
    assert read


@pytest.mark.parametrize("garbage", [b"not json", b"[1, 2]", b'[[["x"]], [], "d"]', b"\xff"])
def test_a_broken_cache_is_ignored(fresh, monkeypatch, garbage):
    trustdose.load_rules(user=False)
    for path in fresh.glob("rules-*.json"):
        path.write_bytes(garbage)
    from_files_only(monkeypatch)
    assert len(trustdose.load_rules(user=False).rubrics) == 4


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="ownership is a POSIX matter")
def test_a_cache_others_may_write_to_is_not_used(fresh, monkeypatch):
    trustdose.load_rules(user=False)
    os.chmod(fresh, 0o777)  # a shared folder: another user could swap the file
    (path,) = fresh.glob("rules-*.json")
    rows = json.loads(path.read_text())
    rows[2] = "tampered"  # their rules
    path.write_text(json.dumps(rows))
    from_files_only(monkeypatch)
    assert trustdose.load_rules(user=False).digest != "tampered"
    os.chmod(fresh, 0o700)
    os.chmod(path, 0o666)  # the file itself writable by others
    from_files_only(monkeypatch)
    assert trustdose.load_rules(user=False).digest != "tampered"


def test_folders_it_creates_are_owner_only_whatever_the_umask(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUSTDOSE_CACHE_DIR", str(tmp_path / "a" / "b" / "cache"))
    monkeypatch.setattr(cache, "_IN_MEMORY", {})
    old = os.umask(0)
    try:
        trustdose.load_rules(user=False)
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "cache"):
        assert oct(folder.stat().st_mode & 0o777) == "0o700", folder


def test_cache_can_be_switched_off_and_survives_an_unwritable_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUSTDOSE_CACHE_DIR", "off")
    assert cache.folder() is None and trustdose.load_rules().rubrics
    blocker = tmp_path / "a-file"
    blocker.write_text("")  # a cache folder below a file cannot be made, even by root
    monkeypatch.setenv("TRUSTDOSE_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(cache, "_IN_MEMORY", {})
    assert trustdose.load_rules().rubrics  # could not write the cache: still works
    assert not (blocker / "cache").exists()


def test_rule_errors_are_never_cached(fresh, overlay):
    folder = overlay({"org.yaml": "mesures: []\n"})
    for _ in range(2):
        with pytest.raises(trustdose.RulesError) as caught:
            trustdose.load_rules([folder])
        assert "mesures" in caught.value.problems[0].message


def test_old_cache_files_are_pruned(fresh):
    fresh.mkdir(mode=0o700)
    for n in range(20):
        (fresh / f"rules-old{n:02d}.json").write_bytes(b"x")
    trustdose.load_rules()
    assert len(list(fresh.glob("rules-*.json"))) <= cache.KEEP + 1


def test_a_cached_run_never_imports_the_rule_file_shapes(tmp_path):
    # the point of the cache is start-up: validating the rule files costs pydantic models
    env = {**os.environ, "TRUSTDOSE_CACHE_DIR": str(tmp_path)}
    code = ("import sys, trustdose; trustdose.load_rules(user=False); "
            "print('trustdose.rules.files' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]


def test_a_cache_folder_that_is_a_rules_folder_in_force_is_refused(monkeypatch, overlay):
    """TRUSTDOSE_CACHE_DIR=myrules wrote rules-*.json into the rules, and every later run
    stopped at them ("not read")."""
    from trustdose.errors import RulesError
    folder = overlay({"org.yaml": "measures: []\n"})
    monkeypatch.setenv("TRUSTDOSE_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache, "_IN_MEMORY", {})
    with pytest.raises(RulesError, match="rules cache would be written into a rules folder"):
        trustdose.load_rules([folder])
    assert sorted(p.name for p in folder.iterdir()) == ["org.yaml"]
    monkeypatch.setenv("TRUSTDOSE_CACHE_DIR", str(folder / "cache"))  # a subfolder is fine
    trustdose.load_rules([folder])
    assert list((folder / "cache").glob("rules-*.json"))


def test_a_process_shares_one_read_only_rule_set_per_files_and_layers(fresh, overlay):
    folder = overlay({"org.yaml": "questions:\n  - id: ask-influence\n    text: {en: 'First'}\n"})
    first = trustdose.load_rules([folder])
    assert trustdose.load_rules([folder]) is first  # and so its compiled plans are kept
    assert trustdose.load_rules([]) is not first  # other layers, another rule set
    with pytest.raises((TypeError, AttributeError)):
        first.questions.append(first.questions[0])  # shared: nothing changes it in place
    with pytest.raises(TypeError):
        first.levels[9] = first.levels[1]
    (folder / "org.yaml").write_text(
        "questions:\n  - id: ask-influence\n    text: {en: 'Second'}\n", encoding="utf-8")
    edited = trustdose.load_rules([folder])  # an edit is seen at once, as a rule set anew
    assert edited is not first and edited.questions[-1].item["text"]["en"] == "Second"
    for n in range(cache.KEEP_LOADED + 2):  # the latest few are kept, no more
        (folder / "org.yaml").write_text(
            f"questions:\n  - id: ask-influence\n    text: {{en: 'Q{n}'}}\n", encoding="utf-8")
        trustdose.load_rules([folder])
    assert len(cache._IN_MEMORY) == cache.KEEP_LOADED


def test_another_layer_over_the_same_files_parses_only_the_files_it_adds(fresh, monkeypatch,
                                                                          overlay):
    """The defaults read for one rule set are not parsed again for a set with an overlay
    (`rules diff`, a finding tried); a file whose bytes changed is parsed anew."""
    parsed = []
    real = loader.parse_text
    monkeypatch.setattr(loader, "parse_text", lambda text, name: parsed.append(name) or real(
        text, name))
    monkeypatch.setenv("TRUSTDOSE_CACHE_DIR", "off")
    plain = trustdose.load_rules([], user=False)
    assert parsed and all(name.startswith("rules/") for name in parsed)
    parsed.clear()
    folder = overlay({"org.yaml": "questions:\n  - id: ask-influence\n    text: {en: 'One'}\n"})
    over = trustdose.load_rules([folder], user=False)
    assert [name.rsplit("/", 1)[-1] for name in parsed] == ["org.yaml"]
    assert over.rubrics["competence"].item == plain.rubrics["competence"].item
    (folder / "org.yaml").write_text(
        "questions:\n  - id: ask-influence\n    text: {en: 'Two'}\n", encoding="utf-8")
    assert trustdose.load_rules([folder], user=False).questions[-1].item["text"]["en"] == "Two"
    assert len(parsed) == 2

