"""The one atomic writer (`io.atomic`) that the output, the rule cache and the journal
share: a draft is owner-only, reaches the disk before it is in place, replaces only a
regular file, links only where nothing is, and never leaves its temporary name behind."""

from __future__ import annotations

import os
import stat

import pytest

from trustdose.io import atomic
from trustdose.io.atomic import TEMP_PREFIX, drafting


def names(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("named", [False, True])
def test_a_draft_is_owner_only_whatever_the_umask_and_synced_before_it_is_in_place(
        tmp_path, monkeypatch, named):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    old = os.umask(0)
    try:
        with drafting(tmp_path / "out", named=named) as draft:
            draft.handle.write(b"whole")
            assert (draft.path is not None) == named
            assert draft.replace("out") is None
    finally:
        os.umask(old)
    assert synced, "fsync before the rename"
    assert (tmp_path / "out").read_bytes() == b"whole"
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o600
    assert names(tmp_path) == ["out"]


def test_replace_leaves_anything_but_a_regular_file_and_cleans_up(tmp_path):
    (tmp_path / "folder").mkdir()
    with drafting(tmp_path / "folder") as draft:
        draft.handle.write(b"x")
        mode = draft.replace("folder")
    assert mode is not None and stat.S_ISDIR(mode)
    assert names(tmp_path) == ["folder"] and not list((tmp_path / "folder").iterdir())


def test_link_puts_a_draft_only_where_nothing_is(tmp_path):
    place = tmp_path / "journal"
    with drafting(place, named=True) as draft:
        draft.handle.write(b"first")
        assert draft.link("journal")
    with drafting(place, named=True) as draft:  # another run, a moment later
        draft.handle.write(b"second")
        assert not draft.link("journal")
    assert place.read_bytes() == b"first"
    assert names(tmp_path) == ["journal"]


def test_a_failure_leaves_no_temporary_name(tmp_path):
    with pytest.raises(RuntimeError):
        with drafting(tmp_path / "out", named=True) as draft:
            draft.handle.write(b"half")
            assert any(n.startswith(TEMP_PREFIX) for n in names(tmp_path))
            raise RuntimeError
    assert names(tmp_path) == []
