"""Reading YAML/JSON with positions: every problem names line and column."""

from __future__ import annotations

import pytest

from trustdose.io.source import SourceError, parse_text, read_file


def test_positions_of_nested_values():
    doc = parse_text("a:\n  b:\n    - x\n    - {c: 1}\n", "f.yaml")
    assert doc.data == {"a": {"b": ["x", {"c": 1}]}}
    assert doc.where(("a", "b", 1, "c")) == (4, 11)
    assert doc.where(("a", "b", 0)) == (3, 7)
    assert doc.where(("a", "missing", 3)) == (2, 3)  # nearest known parent


def test_json_gets_positions_too():
    doc = parse_text('{\n  "risk": 7\n}\n', "c.json")
    assert doc.data == {"risk": 7}
    assert doc.where(("risk",)) == (2, 11)


def test_duplicate_keys_are_errors():
    with pytest.raises(SourceError) as err:
        parse_text("risk: 2\nintention: 3\nrisk: 4\n", "c.yaml")
    assert err.value.problem.line == 3 and "duplicate key 'risk'" in err.value.problem.message


@pytest.mark.parametrize("text,line", [("a: [1, 2\n", 2), ("a: 1\n b: 2\n", 2), ("- a\nb: 1\n", 2)])
def test_malformed_yaml_names_the_line(text, line):
    with pytest.raises(SourceError) as err:
        parse_text(text, "bad.yaml")
    assert err.value.problem.line == line
    assert "malformed YAML" in err.value.problem.message


@pytest.mark.parametrize("text", ["", "   \n# only a comment\n"])
def test_empty_files_say_so(text):
    with pytest.raises(SourceError, match="empty"):
        parse_text(text, "e.yaml")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(SourceError, match="file not found"):
        read_file(tmp_path / "nope.yaml")
    with pytest.raises(SourceError, match="folder"):
        read_file(tmp_path)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("navn: Søren\n".encode("latin-1"))
    with pytest.raises(SourceError, match="UTF-8"):
        read_file(path)


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffnavn: Søren\n".encode("utf-8"))
    assert read_file(path).data == {"navn": "Søren"}


def test_json_fast_path_finds_positions_only_when_needed():
    doc = parse_text('{\n  "subject": {"name": "A"},\n  "risk": "high"\n}\n', "c.json")
    assert doc.data["risk"] == "high" and doc.text is not None  # parsed by json, no marks yet
    assert doc.where(("risk",)) == (3, 11)
    assert doc.where(("subject",), key=True) == (2, 3)


def test_malformed_json_names_line_and_column():
    with pytest.raises(SourceError) as err:
        parse_text('{\n  "risk": 3,\n}\n', "c.json")
    problem = err.value.problem
    assert (problem.line, problem.col) == (3, 1) and "malformed JSON" in problem.message


def test_duplicate_keys_in_json_are_errors():
    with pytest.raises(SourceError) as err:
        parse_text('{"risk": 2,\n "risk": 4}', "c.json")
    assert err.value.problem.line == 2 and "duplicate key 'risk'" in err.value.problem.message


def test_yaml_flow_mapping_that_is_not_json():
    assert parse_text("{risk: 2, intention: 3}", "c.yaml").data == {"risk": 2, "intention": 3}
