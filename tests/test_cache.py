"""The compiled-rules cache: used when valid, never stale, never in the way."""

from __future__ import annotations

import os
import subprocess
import sys

import trustdose
from trustdose import _cache


def test_second_load_comes_from_the_cache(tmp_path, monkeypatch, overlay):
    monkeypatch.setenv("TRUSTDOSE_CACHE_DIR", str(tmp_path / "cache"))
    folder = overlay({"org.yaml": "questions:\n  - id: ask-influence\n    text: {en: 'First'}\n"})
    first = trustdose.load_rules([folder])
    files = list((tmp_path / "cache").glob("rules-*.pickle"))
    assert len(files) == 1 and oct(files[0].stat().st_mode & 0o777) == "0o600"
    again = trustdose.load_rules([folder])
    assert again.questions[-1].item.text == first.questions[-1].item.text
    assert again.questions[-1].parts == ()  # read from the cache, not from YAML
    assert again.questions[-1].source == first.questions[-1].source


def test_an_edited_rule_file_is_seen_at_once(tmp_path, monkeypatch, overlay):
    monkeypatch.setenv("TRUSTDOSE_CACHE_DIR", str(tmp_path / "cache"))
    folder = overlay({"org.yaml": "questions:\n  - id: ask-influence\n    text: {en: 'First'}\n"})
    trustdose.load_rules([folder])
    path = folder / "org.yaml"
    path.write_text(path.read_text().replace("First", "Second"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    texts = [q.item.text["en"] for q in trustdose.load_rules([folder]).questions]
    assert "Second" in texts and "First" not in texts


def test_a_broken_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUSTDOSE_CACHE_DIR", str(tmp_path))
    trustdose.load_rules()
    for path in tmp_path.glob("rules-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert len(trustdose.load_rules().rubrics) == 4


def test_cache_can_be_switched_off_and_survives_an_unwritable_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUSTDOSE_CACHE_DIR", "off")
    assert _cache.folder() is None and trustdose.load_rules().rubrics
    blocker = tmp_path / "a-file"
    blocker.write_text("")  # a cache folder below a file cannot be made, even by root
    monkeypatch.setenv("TRUSTDOSE_CACHE_DIR", str(blocker / "cache"))
    assert trustdose.load_rules().rubrics  # could not write the cache: still works
    assert not (blocker / "cache").exists()


def test_rule_errors_are_never_cached(tmp_path, monkeypatch, overlay):
    monkeypatch.setenv("TRUSTDOSE_CACHE_DIR", str(tmp_path / "cache"))
    folder = overlay({"org.yaml": "mesures: []\n"})
    for _ in range(2):
        try:
            trustdose.load_rules([folder])
        except trustdose.RulesError as exc:
            assert "mesures" in exc.problems[0].message
        else:
            raise AssertionError("a broken overlay must fail every time")


def test_old_cache_files_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUSTDOSE_CACHE_DIR", str(tmp_path))
    for n in range(20):
        (tmp_path / f"rules-old{n:02d}.pickle").write_bytes(b"x")
    trustdose.load_rules()
    assert len(list(tmp_path.glob("rules-*.pickle"))) <= 16


def test_a_cached_run_does_not_define_the_rule_models(tmp_path):
    # the point of the cache is start-up: the pydantic rule-file models cost milliseconds
    env = {**os.environ, "TRUSTDOSE_CACHE_DIR": str(tmp_path)}
    code = ("import sys, trustdose; trustdose.load_rules(user=False); "
            "print('trustdose._rulefile' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]
