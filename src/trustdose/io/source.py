"""Read YAML or JSON into plain Python values while remembering where each value stood.

Every error trustdose reports about a file names `file:line:col`; pydantic only knows the
*path* of a bad value inside the data (`("measures", 3, "when", "op")`). `Document.where`
maps such a path back to the line and column it came from. Duplicate keys, which PyYAML
and `json` silently accept, are errors here: a key written twice is one the author did
not mean.

YAML is read as a person means it, whatever its style (block or `{…}` flow): what each
scalar means, and which tags, keys and numbers are refused, is `io.scalars`.

JSON is a file named `.json` (in any case), a batch's JSON line, and standard input that
is a JSON object (`cat case.json | trustdose assess -` reads as the file does); all else
is YAML, JSON text in a `.yaml` file included (a `.yaml` file reads `60.000` the same in
braces or not). JSON is read by the `json` module, much faster to start than PyYAML;
positions, needed only when something is wrong, are then taken by the YAML parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import json
import os
import re
import stat

from ..errors import Problem, clipped
from ..i18n import N_, _, os_reason
from ..model.numbers import MAX_DIGITS  # in one number, however it is written
from .aliases import Expansion
from .scalars import Refused, grouped, no_merge_key, no_tag, scalar
from .scalars import loader as _loader

Loc = tuple  # a path into the data: keys and list indexes

# Limits that keep a hostile file from taking the time or memory of the machine: each is
# far above anything a case or rule file needs, and each is named when it is hit.
MAX_BYTES = 10 * 1024 * 1024  # one case, rule or config file
MAX_DEPTH = 40  # mappings and lists inside each other
MAX_VALUES = 200_000  # values in one document, aliases counted as often as they are used


_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


@dataclass(eq=False, slots=True)  # a batch makes one per row
class Document:
    """One parsed file: its data, the position of every value, and the name to report."""

    path: str
    data: object
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)  # where a key was written
    values: int = 0  # built so far (see MAX_VALUES)
    # values as written where a reader typed them, which a typed task fact is read from
    # (`model.facts`): numbers YAML read as decimals that a Dane writes as thousands
    # (60.000), and a CSV row's task facts (cells are text)
    grouped: dict[Loc, str] = field(default_factory=dict)
    text: str | None = None  # JSON read without positions: parse again when one is needed
    offset: int = 0  # lines before this text in its file (one case of many in a file)
    # a CSV row's (or a sheet's) columns by the place each gives in the case, as its header
    # names them, and its cells as written: a problem names the coach's column and cell,
    # never `subject.new_in_role` and a date as the case holds it (a coach pass)
    columns: dict[Loc, str] = field(default_factory=dict)
    written: dict[Loc, str] = field(default_factory=dict)

    def where(self, loc: Loc, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at `loc` (or of its key), or of its
        nearest parent."""
        if self.text is not None:
            # JSON that parsed may hold characters YAML refuses (DEL, C1: the case model
            # refuses them with their position): blanked, the positions stay the same
            try:
                with_marks = _parse_yaml(_NOT_YAML.sub(" ", self.text), self.path)
                self.marks, self.keys = with_marks.marks, with_marks.keys
            except SourceError:  # JSON that YAML cannot read at all (a lone surrogate)
                pass
            self.text = None
        loc = tuple(loc)
        if key and loc in self.keys:
            line, col = self.keys[loc]
            return line + self.offset, col
        while loc not in self.marks and loc:
            loc = loc[:-1]
        line, col = self.marks.get(loc, (None, None))
        return (line + self.offset if line is not None else None), col

    def column(self, loc: Loc) -> str | None:
        """The header of the column that gives the value at `loc`, or None."""
        return self.columns.get(tuple(loc)) if self.columns else None

    def cell(self, loc: Loc) -> str | None:
        """The cell that gives the value at `loc`, as written, or None."""
        return self.written.get(tuple(loc)) if self.written else None

    def problem(self, loc: Loc, message: str, hint: str | None = None,
                key: bool = False) -> Problem:
        line, col = self.where(loc, key)
        return Problem(self.path, line, col, message, hint)


class SourceError(Exception):
    """A file could not be read or parsed; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class EmptyFile(SourceError):
    """A file (or standard input) with nothing in it: the reader says what belongs there."""


def read_given(given: Path | str, empty_hint: str, stdin: Any = None) -> Document:
    """A file, or `stdin` (the caller's) for `-`, read; an empty one told with
    `empty_hint` (what kind of file was expected: a frame's list, a form …)."""
    try:
        return parse_stdin(stdin) if str(given) == "-" and stdin else read_file(Path(given))
    except EmptyFile as exc:
        found = exc.problem
        raise EmptyFile(Problem(found.path, None, None, found.message, empty_hint)) from None


def read_file(path: Path, shown: str | None = None) -> Document:
    """Read and parse `path`; `shown` is the name used in messages (defaults to the path)."""
    name = shown or str(path)
    return parse_text(decode(read_bytes(path, name), name), name)


def read_bytes(path: Path, name: str) -> bytes:
    """The bytes of `path` (`name` in messages). Only a regular file is read (a FIFO, a
    device or a socket could block or never end), and no more of it than MAX_BYTES."""
    try:
        # opened without blocking: opening a FIFO to read waits for a writer for ever
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise SourceError(Problem(name, None, None, _("not a regular file"),
                                          _("give a YAML or JSON file")))
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        if os.path.islink(path):
            raise SourceError(Problem(name, None, None, _(
                "a link to {target}, which does not exist").format(
                target=os.readlink(path)))) from None
        raise SourceError(Problem(name, None, None, _("file not found"),
                                  _("check the path; use - to read from standard input"))) from None
    except IsADirectoryError:
        raise SourceError(Problem(name, None, None, _("is a folder, not a file"))) from None
    except OSError as exc:
        raise SourceError(Problem(name, None, None, _("cannot be read: {reason}").format(
            reason=os_reason(exc)))) from None
    return _within_limit(data, name)


def parse_stdin(stream: Any, name: str = "<stdin>") -> Document:
    """One case from standard input: strict UTF-8 whatever the locale, and no more than
    MAX_BYTES (random bytes or UTF-16 are a problem at their line, not a crash). A JSON
    object is read by JSON's rules, as the same text in a `.json` file or a batch's JSON
    line is (YAML would read Danish `49.999` as 49999); other text, a YAML flow mapping
    `{name: Bo}` among it, is YAML."""
    text = decode(_within_limit(stream.read(MAX_BYTES + 1), name), name)
    if text.lstrip().startswith("{"):
        try:
            return parse_text(text, name, as_json=True)
        except SourceError:  # not JSON: YAML's rules, and its message if it is no YAML
            pass
    return parse_text(text, name)


def _within_limit(data: bytes, name: str) -> bytes:
    if len(data) > MAX_BYTES:
        raise SourceError(Problem(name, None, None, _("larger than {limit} MB").format(
            limit=MAX_BYTES // (1024 * 1024)), _("a case or rule file is a few kB")))
    return data


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM dropped); bytes that are not UTF-8 are a problem at their line
    and column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        wide = "UTF-32" if data.startswith((b"\xff\xfe\0\0", b"\0\0\xfe\xff")) else \
            "UTF-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else None
        if wide is not None:
            raise SourceError(Problem(name, 1, 1, _(
                "the file is {encoding} text, not UTF-8 (its first bytes say so)").format(
                encoding=wide), _("save the file as UTF-8"))) from None
        before = data[:exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise SourceError(Problem(name, line, column, _("not UTF-8 text ({reason})").format(
            reason=_("byte {byte} cannot start or continue a character").format(
                byte=f"0x{data[exc.start]:02x}")), _("save the file as UTF-8"))) from None


# What the YAML and JSON parsers say most often, marked so the catalogues translate it
# (`_()` is applied to the parser's message; anything else stays as the parser said it).
PARSER_MESSAGES = [
    N_("mapping values are not allowed here"), N_("could not find expected ':'"),
    N_("did not find expected key"), N_("did not find expected '-' indicator"),
    N_("found character '\\t' that cannot start any token"),
    N_("found unexpected end of stream"), N_("while scanning a quoted scalar"),
    N_("while scanning a simple key"), N_("while parsing a block mapping"),
    N_("while parsing a flow mapping"), N_("Expecting ',' delimiter"), N_("Expecting value"),
    N_("Expecting property name enclosed in double quotes"), N_("Expecting ':' delimiter"),
    N_("Extra data"), N_("Unterminated string starting at"), N_("malformed YAML"),
    N_("exceeded maximum nesting depth")]


class _DuplicateKey(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKey
    return result


def is_json(name: str) -> bool:
    """Whether a file is read as JSON: by its name alone (see above)."""
    return name.lower().endswith(".json")


def parse_text(text: str, name: str, as_json: bool | None = None) -> Document:
    """Parse one document from `text`: JSON if `as_json` says so (by default, if the
    name ends in `.json`), else YAML."""
    if not text.strip():
        raise EmptyFile(Problem(name, None, None, _("the file is empty"),
                                  _("a case or rule file is a YAML or JSON mapping")))
    if is_json(name) if as_json is None else as_json:
        try:
            return Document(name, json.loads(text, object_pairs_hook=_no_duplicates,
                                             parse_int=_json_int), text=text)
        except json.JSONDecodeError as exc:
            raise SourceError(Problem(name, exc.lineno, exc.colno,
                                      _("malformed JSON: {problem}").format(
                                          problem=_(exc.msg)),
                                      _("check commas, quotes and brackets near this place"))
                              ) from None
        except (_DuplicateKey, _TooLong, RecursionError):
            pass  # the YAML parser names the duplicate key or the limit, and where
    return _parse_yaml(text, name)


class _TooLong(Exception):
    pass


def _json_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _TooLong
    return int(digits)


def _malformed(name: str, exc: Exception, offset: int = 0) -> Problem:
    """The problem a YAML parser error describes, at its line (after `offset` lines)."""
    import yaml
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if isinstance(exc, yaml.MarkedYAMLError) and mark is not None:
        what = _(exc.problem or exc.context or "malformed YAML")
        return Problem(name, mark.line + 1 + offset, mark.column + 1,
                       _("malformed YAML/JSON: {problem}").format(problem=what),
                       _("check indentation, colons and quotes near this place"))
    return Problem(name, None, None, _("malformed YAML/JSON: {problem}").format(problem=exc))


def _parse_yaml(text: str, name: str) -> Document:
    import yaml
    loader = _loader(text)
    try:
        node = loader.get_single_node()
        if node is None:  # only comments
            raise EmptyFile(Problem(name, None, None, _("the file is empty"),
                                      _("a case or rule file is a YAML or JSON mapping")))
        doc = Document(name, None)
        doc.data = _value(loader, node, doc, "*" in text)
        return doc
    except yaml.YAMLError as exc:
        raise SourceError(_malformed(name, exc)) from None
    except RecursionError:  # the parser's own nesting, before MAX_DEPTH could be checked
        raise SourceError(Problem(name, None, None, _too_deep())) from None
    finally:
        loader.dispose()


def _too_deep() -> str:
    return _("nested more than {limit} levels deep").format(limit=MAX_DEPTH)


_DOCUMENT_START = ("---", "...")


def parse_stream(text: str, name: str) -> Iterator[Document | Problem]:
    """Every document of a multi-document YAML stream, as the YAML parser splits it; an
    empty document is skipped. A document the parser cannot read is a `Problem`, and
    reading goes on at the next document start after it, so one broken case never
    hides the others."""
    import yaml
    lines = text.splitlines(keepends=True)
    start, aliases = 0, "*" in text
    while start < len(lines):
        loader = _loader("".join(lines[start:]))
        try:
            while loader.check_node():
                node = loader.get_node()
                if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") \
                        and not node.value:
                    continue  # only comments, or nothing, between two separators
                doc = Document(name, None, offset=start)
                try:
                    doc.data = _value(loader, node, doc, aliases)
                except SourceError as exc:
                    yield exc.problem._replace(line=(exc.problem.line or 1) + start)
                    continue
                yield doc
            return
        except yaml.YAMLError as exc:
            problem = _malformed(name, exc, start)
            yield problem
            after = (problem.line or start + 1)  # 1-based: the index of the next line
            start = next((i for i in range(after, len(lines))
                          if lines[i].startswith(_DOCUMENT_START)), len(lines))
        finally:
            loader.dispose()


def _value(loader: Any, node: Any, doc: Document, aliases: bool = True) -> object:
    """The value of a document's root node (see `_build`). A document whose aliases
    expand beyond MAX_VALUES is refused without building it: a few hundred bytes can
    stand for billions of values, and building 200,000 of them takes a second. (Without
    a `*` in its text a document has no alias: its size is its nodes, none to count.)"""
    expansion = Expansion(node, MAX_VALUES) if aliases else None
    return _build(loader, node, (), doc,
                  expansion if expansion is not None and expansion.too_large() else None)


def _build(loader: Any, node: Any, loc: Loc, doc: Document,
           expansion: Expansion | None = None) -> object:
    """The value of a node, its position remembered; within the limits above (an alias
    is built each time it is used, so a few lines can stand for billions of values).
    With an `expansion` (a document that will be refused), a value checked before is
    counted, not walked again: the problem reported is the one a full walk meets first."""
    import yaml
    if expansion is not None and expansion.counted(node, len(loc), doc):
        return None
    doc.values += 1
    if doc.values > MAX_VALUES:
        raise SourceError(doc_problem(doc, node, _("more than {limit} values").format(
            limit=f"{MAX_VALUES:,}"), _("a YAML alias may repeat a value many times over; "
                                         "write the values out")))
    if len(loc) > MAX_DEPTH:
        raise SourceError(doc_problem(doc, node, _too_deep()))
    doc.marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    _refused(no_tag, loader, node, doc)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError(doc_problem(doc, key_node, _("a key must be a plain word")))
            _refused(no_merge_key, loader, key_node, doc)
            _refused(no_tag, loader, key_node, doc)
            key = _refused(scalar, loader, key_node, doc)
            if key in result:
                raise SourceError(doc_problem(
                    doc, key_node, _("duplicate key '{key}'").format(key=clipped(key)),
                    _("each key may appear once in a mapping; remove or rename one")))
            doc.keys[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _build(loader, value_node, loc + (key,), doc, expansion)
        return _checked(expansion, node, loc, result)
    if isinstance(node, yaml.SequenceNode):
        return _checked(expansion, node, loc, [
            _build(loader, item, loc + (i,), doc, expansion) for i, item in enumerate(node.value)])
    if grouped(node):
        doc.grouped[loc] = node.value  # what it means depends on the language
    return _refused(scalar, loader, node, doc)


def _checked(expansion: Expansion | None, node: Any, loc: Loc, value: object) -> object:
    if expansion is not None:
        expansion.checked(node, len(loc))
    return value


def _refused(read: Any, loader: Any, node: Any, doc: Document) -> Any:
    """`read(loader, node)`, a `Refused` value made a problem at its place in `doc`."""
    try:
        return read(loader, node)
    except Refused as exc:
        raise SourceError(doc_problem(doc, node, exc.message, exc.hint)) from None


def doc_problem(doc: Document, node: Any, message: str, hint: str | None = None) -> Problem:
    return Problem(doc.path, node.start_mark.line + 1, node.start_mark.column + 1, message, hint)
