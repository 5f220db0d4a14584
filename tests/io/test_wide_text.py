"""A file in UTF-16 or UTF-32 (Excel's "Unicode text" is UTF-16 with a byte order mark)
is said to be so, with how to save it (issue 20): never "unknown columns" made of its
bytes, nor a byte that "cannot start a character"."""

from __future__ import annotations

import pytest

from trustdose.errors import TrustdoseError
from trustdose.io.readers import rows_from_lines, rows_of
from trustdose.io.source import SourceError, read_file

from helpers import EXAMPLES

CSV = (EXAMPLES / "batch" / "workshop.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("codec, name", [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"),
                                         ("utf-32", "UTF-32"), ("utf-32-be", "UTF-32")])
def test_a_batch_file_in_utf16_or_utf32_is_named_so(tmp_path, codec, name):
    data = ("\ufeff" if codec.endswith("-be") else "") + CSV
    path = tmp_path / "in.csv"
    path.write_bytes(data.encode(codec))
    # standard input is read as `stdin_lines` reads it: UTF-8, other bytes kept as escapes
    lines = data.encode(codec).decode("utf-8", "surrogateescape").splitlines(keepends=True)
    for rows in (lambda: rows_of(path), lambda: rows_from_lines(iter(lines), "<stdin>")):
        with pytest.raises(TrustdoseError) as err:
            next(rows())
        assert f"is {name} text, not UTF-8" in str(err.value)
        assert "CSV UTF-8" in err.value.hint


def test_a_case_file_in_utf16_is_named_so(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_bytes((EXAMPLES / "new-employee.yaml").read_text(encoding="utf-8")
                     .encode("utf-16"))
    with pytest.raises(SourceError) as err:
        read_file(path)
    assert err.value.problem.message == "the file is UTF-16 text, not UTF-8 (its first " \
                                        "bytes say so)"
