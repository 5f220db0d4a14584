"""The batch engine: a rule set compiled so that one case costs microseconds.

An assessment is made of parts, and each part depends on a few facts only: the level on
the weakest precondition and what the caps test; the measures on what their conditions
test and the level; the next step on the scores and the level. `Compiled` makes each part
once, with the engine's own functions (`_engine`), keeps it as finished UTF-8 JSON under
the values of the facts it depends on, and joins a case's JSON line (or CSV row) from those
pieces. The subject's name and the task's title, which rule texts may quote, are kept as
slots and filled in per case.

A case it cannot take as it stands (task facts, a date, an unknown key, a wrong value)
gets `None` and goes the whole way through `assess`, which also says what is wrong. So
the output and the errors are the same either way; `tests/test_compiled.py` checks it
byte for byte on generated cases.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import operator
import re
import string
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any, Callable, NamedTuple

from . import __version__
from . import _engine as engine
from ._assessment import LevelRef, _plain
from ._batch import _EMPTY, _convert
from ._case import Answer, _score, parse_level
from ._conditions import FACT_PREFIX, fields_tested
from ._i18n import current, pick
from ._rules import RuleSet
from ._vocabulary import DIMENSIONS, PRECONDITIONS

CASE_KEYS = frozenset({"id", "subject", "task", *DIMENSIONS, "planned_level"})
SUBJECT_KEYS = frozenset({"name", "kind", "new_in_role"})
TASK_KEYS = frozenset({"title", "description", "tags"})
# The CSV columns the engine reads from the cells themselves.
CSV_PATHS = frozenset({("id",), ("subject", "name"), ("subject", "kind"),
                       ("subject", "new_in_role"), ("task", "title"), ("task", "description"),
                       ("task", "tags"), ("planned_level",), *((d,) for d in DIMENSIONS)})
TAG = re.compile(r"[a-z][a-z0-9-]*\Z")  # as `_case.Tag`
SUBJECT, TASK = "\ue000", "\ue001"  # private-use characters: slots in remembered texts
SUBJECT_SLOT, TASK_SLOT = SUBJECT.encode(), TASK.encode()
MEMO_SIZE = 16384  # remembered parts per table, then that table starts afresh
# Lists among the facts cannot be part of a key; the keys read these tuples instead.
HASHABLE = {"tags": "tags#", "uncertain": "uncertain#"}
LIMITING = {d: f', "limiting": "{d}"'.encode() for d in PRECONDITIONS}
# The parts of an assessment made of entries, in the order of the trace.
PARTS = ("controls", "feedback", "warnings", "checklist", "questions")
# The facts a placeholder in a text stands for ("#": known to this module only).
WORD_FACTS = {"level": "level", "planned": "planned", "carried": "carried",
              "limiting": "limiting", "review_date": "review#", "cap_reason": "cap#"}
# About how many values a fact takes in practice (scores on a half-point grid); a run of
# entries is kept to MOST_VALUES combinations, so its table stays small and is soon full.
SPREAD = {"limiting": 3, "subject.kind": 2, "subject.new_in_role": 2, "capped": 2,
          "needs#": 1, "level": 7, "carried": 7, "planned": 8, "review#": 6, "cap#": 4,
          "uncertain": 16, "planned_gap": 13}
MOST_VALUES = 20000


class Outcome(NamedTuple):
    """One case as the batch engine assessed it: what the writers and the summary need."""

    line: bytes | None  # the JSON line as `JsonLines` writes an `Assessment`, with "\n"
    level: LevelRef
    limiting: str
    warning_kinds: tuple[str, ...]
    row: dict[str, Any] | None  # the flat CSV row, when asked for


class Decided(NamedTuple):
    """The level part of a case, remembered per decision key."""

    level: int
    carried: int
    cap: str | None  # the id of the cap or red line holding the level down
    head: bytes  # JSON from "level" to "carried_by"
    middle: bytes  # JSON from "capped_by" to "red_lines"
    trace: bytes
    ref: LevelRef
    how: engine.Decision
    needs: tuple  # (measure id, red line id) for the measures red lines require


def quote(text: str) -> bytes:
    """A JSON string as `json.dumps(..., ensure_ascii=False)` writes it, in UTF-8."""
    return encode_basestring(text).encode()


def _dumps(value: Any) -> bytes:
    return json.dumps(_plain(value), ensure_ascii=False).encode()


def _trace(fired: list) -> bytes:
    return b", ".join(_dumps(f) for f in fired)


def _getter(fields: list[str]) -> Callable[[dict], Any]:
    names = [HASHABLE.get(f, f) for f in fields]
    return operator.itemgetter(*names) if names else lambda facts: ()


def _runs(items: list[tuple[int, Any]], depends_on: Callable[[Any], set[str]]) -> list[Run]:
    """The entries cut into runs of neighbours that depend on few facts."""
    def values(fields: set[str]) -> int:
        return math.prod(SPREAD.get(f, 9) for f in fields)

    runs: list[tuple[list, set[str]]] = []
    for item in items:
        fields = depends_on(item[1])
        if runs and values(runs[-1][1] | fields) <= MOST_VALUES:
            runs[-1][0].append(item)
            runs[-1][1].update(fields)
        else:
            runs.append(([item], set(fields)))
    return [Run(_getter(sorted(fields)), {}, run) for run, fields in runs]


def _quotes_plainly(texts: list[str]) -> bool:
    """Whether the texts name {subject} and {task} only as they are (no format spec,
    no index), so that a slot can stand for them."""
    for text in texts:
        if SUBJECT in text or TASK in text:
            return False
        for _literal, name, spec, conversion in string.Formatter().parse(text):
            if name and re.match(r"(subject|task)\b", name) and \
                    (name not in ("subject", "task") or spec or conversion):
                return False
    return True


class Run(NamedTuple):
    """Neighbouring entries of the list parts (controls, feedback, …, in the order of the
    trace) that depend on few facts together: what they give is remembered under the
    values of those facts."""

    key: Callable[[dict], Any]
    table: dict
    items: list[tuple[int, Any]]  # (index in PARTS, entry); entry None: the 'find out's


class Compiled:
    """A rule set, a language and the run's settings, ready to assess cases fast."""

    def __init__(self, rules: RuleSet, planned: int | str | None = None,
                 today: dt.date | None = None, *, json_lines: bool = True,
                 rows: bool = False) -> None:
        self.rules, self.lang = rules, current()
        self.today = today or dt.date.today()
        self.json_lines, self.rows = json_lines, rows
        self.labels = rules.level_labels()
        self.planned: int | None = None
        self.usable = _quotes_plainly([pick(e.item.message) for e in rules.warnings] +
                                      [pick(e.item.text) for e in rules.checklist] +
                                      [pick(e.item.text) for e in rules.questions])
        if planned is not None:
            try:
                self.planned = parse_level(planned, self.labels)
            except ValueError:  # every row is rejected the whole way, with the reason
                self.usable = False
        self.overridden = planned is not None
        self.indicators = {dim: [i.id for i in e.item.indicators]
                           for dim, e in rules.rubrics.items()}

        def fields(*sections: list) -> list[str]:
            return sorted(fields_tested(e.item.when for s in sections for e in s))

        tested = fields(rules.caps, rules.red_lines, rules.review, rules.controls,
                        rules.feedback, rules.warnings, rules.checklist, rules.questions)
        # indicators left out and task facts are None to a condition, and so in a key
        self.blank = {f: None for f in tested
                      if "." in f and (f.startswith(FACT_PREFIX) or f.split(".")[0] in DIMENSIONS)}
        self.decision_key = _getter(sorted(set(fields(rules.caps, rules.red_lines)) |
                                           {"weakest"}))
        self.review_key = _getter(fields(rules.review))
        items = [(i, e) for i, part in enumerate(PARTS) for e in getattr(rules, part) + (
            [None] if part == "feedback" else [])]  # the 'find out's follow the feedback
        self.runs = _runs(items, self._depends_on)
        # the remembered parts, table by table (each bounded by MEMO_SIZE)
        self.memo: dict[str, dict] = {t: {} for t in (
            "tags", "answers", "decision", "review", "next step", "planned", "measure",
            "find out", "lists", "planned levels", "steps")}
        self.head = b'{"case_id": '
        self.tail = b', "lang": ' + quote(self.lang) + b', "date": ' + \
            quote(self.today.isoformat()) + b', "history": [], "source": '
        self.stamp = b', "trustdose": ' + quote(__version__) + b', "rules_digest": ' + \
            quote(rules.digest) + b"}\n"

    def _depends_on(self, entry: Any) -> set[str]:
        """The facts an entry's outcome depends on: what its condition tests, the red
        lines' requirements (measures), the placeholders its text uses (texts)."""
        if entry is None:
            return {"uncertain"}
        found = fields_tested([entry.item.when])
        if entry.section == "measures":
            return found | {"needs#"}
        text = pick(entry.item.message if entry.section == "warnings" else entry.item.text)
        return found | {WORD_FACTS[name] for _l, name, _s, _c in string.Formatter().parse(text)
                        if name in WORD_FACTS}

    # -- reading a case ---------------------------------------------------------------

    def assess(self, case: Any, source: str) -> Outcome | None:
        """A case given as a mapping (read from JSON, YAML or CSV): its outcome, or None
        when it is not plainly valid (then `assess` takes it, and names any problem)."""
        if not self.usable or type(case) is not dict or not case.keys() <= CASE_KEYS:
            return None
        subject, task = case.get("subject"), case.get("task")
        if type(subject) is not dict or type(task) is not dict \
                or not subject.keys() <= SUBJECT_KEYS or not task.keys() <= TASK_KEYS:
            return None
        get = case.get
        return self._assess(get("id"), subject.get("name"), subject.get("kind", "person"),
                            subject.get("new_in_role", False), task.get("title"),
                            task.get("description"), task.get("tags", ()),
                            get("planned_level"), (get("competence"), get("intention"),
                                                   get("resources"), get("risk")), source)

    def cells(self, layout: Any) -> Callable[[list[str], str], Outcome | None] | None:
        """For a CSV layout (`_batch.CsvLayout`): a function from a row's cells to its
        outcome (or None, as `assess`), without making the case mapping first. None when
        the file has columns this engine leaves to `assess` (indicators, facts, date)."""
        at: dict[tuple, int] = {}
        for number, (path, _cells) in enumerate(layout.plan):
            if path in at or path not in CSV_PATHS:
                return None
            at[path] = number
        if not self.usable or any(p not in at for p in (("subject", "name"), ("task", "title"))):
            return None
        plan = layout.plan
        text = [at.get(p) for p in (("id",), ("subject", "name"), ("task", "title"),
                                    ("task", "description"))]
        places = [at.get(path) for path in (("subject", "kind"), ("subject", "new_in_role"),
                                            ("task", "tags"), ("planned_level",))]
        defaults = ("person", False, (), None)
        dims = [(dim, at.get((dim,))) for dim in DIMENSIONS]
        heads: dict[tuple, Any] = {}  # the cells of kind … planned_level → what they say
        answers: dict[tuple, Any] = {}  # (dimension, cell) → its rubric part

        def convert(i: int | None, default: Any, values: list[str]) -> Any:
            if i is None:
                return default
            value = _convert(plan[i][1], values[i], plan[i][0])
            return default if value is _EMPTY else value

        def assess_cells(values: list[str], source: str) -> Outcome | None:
            case_id, name, title, description = (
                None if i is None else values[i].strip() or None for i in text)
            if not (_is_name(name) and _is_name(title)):
                return None
            cells = tuple(None if i is None else values[i] for i in places)
            head = heads.get(cells)
            if head is None:
                kind, new, tags, planned = (convert(i, d, values) for i, d in zip(places, defaults))
                head = self._settings(kind, new, tags, planned) or False
                if len(heads) < MEMO_SIZE:
                    heads[cells] = head
            if head is False:
                return None
            rubrics = []
            for dim, i in dims:
                key = (dim, None if i is None else values[i])
                found = answers.get(key)
                if found is None:
                    found = self._rubric(dim, convert(i, None, values)) or False
                    if len(answers) < MEMO_SIZE:
                        answers[key] = found
                if found is False:
                    return None
                rubrics.append(found)
            return self._outcome(case_id, name, title, description, head, rubrics, source)

        return assess_cells

    def _tags(self, tags: tuple) -> bytes | None:
        """The tags as JSON, or None when one is not a tag."""
        try:
            found = self.memo["tags"].get(tags)
        except TypeError:  # not a list of words: `assess` says what is wrong
            return None
        if found is None:
            ok = all(type(t) is str and TAG.match(t) for t in tags)
            found = self.memo["tags"][tags] = _dumps(list(tags)) if ok else b""
        return found or None

    def _rubric(self, dim: str, value: Any) -> tuple | None:
        """A dimension's answer as (score, uncertain, indicators, JSON piece, trace)."""
        if value is None or value is True or value is False or type(value) is dict:
            return self._indicators(dim, value) if type(value) is dict else None
        try:
            found = self.memo["answers"].get((dim, value))
        except TypeError:  # a list, say: `assess` says what is wrong with it
            return None
        if found is None:
            score = _score(value, whole=False)
            found = False if score is False else \
                self._scored(dim, Answer(score=score))  # type: ignore[arg-type]
            self.memo["answers"][(dim, value)] = found
        return found or None

    def _indicators(self, dim: str, given: dict) -> tuple | None:
        ids = self.indicators[dim]
        if not given.keys() <= set(ids):
            return None
        scores: dict[str, int | None] = dict.fromkeys(ids)
        for key, value in given.items():
            score = _score(value, whole=True)
            if score is False:
                return None
            scores[key] = None if score is None else int(score)  # type: ignore[arg-type]
        return self._scored(dim, Answer(indicators=scores))

    def _scored(self, dim: str, answer: Answer) -> tuple:
        rubric = self.rules.rubrics[dim]
        value, unsure = engine.score(rubric.item, answer)
        indicators = {f"{dim}.{k}": v for k, v in (answer.indicators or {}).items()}
        return (value, unsure, indicators, f'"{dim}": {value!r}'.encode(),
                _dumps(engine.rubric_fired(rubric, dim, value, unsure)))

    # -- assessing --------------------------------------------------------------------

    def _assess(self, case_id: Any, name: Any, kind: Any, new: Any, title: Any,
                description: Any, tags: Any, planned: Any, answers: Any,
                source: str) -> Outcome | None:
        if not ((case_id is None or type(case_id) is str) and _is_name(name)
                and _is_name(title) and (description is None or type(description) is str)):
            return None
        head = self._settings(kind, new, tags, planned)
        if head is None:
            return None
        rubrics = []
        for dim, value in zip(DIMENSIONS, answers):
            found = self._rubric(dim, value)
            if found is None:
                return None
            rubrics.append(found)
        return self._outcome(case_id, name, title, description, head, rubrics, source)

    def _settings(self, kind: Any, new: Any, tags: Any, planned: Any) -> tuple | None:
        """(kind, new in role, tags, their JSON, planned level) when they are plainly
        valid, else None."""
        if not ((new is False or new is True) and (kind == "person" or kind == "team")
                and (type(tags) is list or type(tags) is tuple)):
            return None
        tags_json = self._tags(tuple(tags))
        if tags_json is None:
            return None
        if self.overridden:
            planned = self.planned
        elif planned is not None:
            given = planned
            if type(given) is not int and type(given) is not str:
                return None
            planned = self.memo["planned levels"].get(given)
            if planned is None:
                try:
                    planned = parse_level(given, self.labels)
                except ValueError:
                    return None
                if len(self.memo["planned levels"]) < MEMO_SIZE:
                    self.memo["planned levels"][given] = planned
        return kind, new, tuple(tags), tags_json, planned

    def _outcome(self, case_id: str | None, name: str, title: str, description: str | None,
                 head: tuple, rubrics: list[tuple], source: str) -> Outcome:
        """The outcome of a case whose parts are known to be valid."""
        kind, new, tags, tags_json, planned = head
        scores, uncertain, indicators, pieces, traces = {}, [], dict(self.blank), [], []
        for dim, answer in zip(DIMENSIONS, rubrics):
            scores[dim], unsure, given, piece, fired = answer
            if unsure:
                uncertain.append(dim)
            if given:
                indicators.update(given)
            pieces.append(piece)
            traces.append(fired)
        facts = engine.make_facts(scores, indicators, uncertain=uncertain, planned=planned,
                                  tags=tags, kind=kind, new_in_role=new)
        facts["tags#"], facts["uncertain#"] = tags, tuple(uncertain)

        memo = self.memo.__getitem__
        level_key = self.decision_key(facts)
        decided = memo("decision").get(level_key) or \
            self._keep("decision", level_key, self._decision(facts))
        level, carried, cap = decided.level, decided.carried, decided.cap
        facts["carried"], facts["level"], facts["capped"] = carried, level, cap is not None
        facts["planned_gap"] = None if planned is None else planned - level
        key = self.review_key(facts)
        days, review_trace, review_date = memo("review").get(key) or \
            self._keep("review", key, self._review(facts))
        facts["needs#"], facts["review#"], facts["cap#"] = decided.needs, days, cap
        traces += (decided.trace, review_trace)
        lists: tuple[list, ...] = ([], [], [], [], [])
        names: tuple[list, ...] = ([], [], [], [], [])
        slots = False
        for key_of, table, items in self.runs:
            found = table.get(key_of(facts))
            if found is None:
                found = self._run(key_of, table, items, facts, decided.how, days)
            adds, fired, slotted = found
            if fired:
                traces += fired
                for part, made, named in adds:
                    lists[part].extend(made)
                    names[part].extend(named)
                slots = slots or slotted
        key = (level, cap, facts["competence"], facts["intention"], facts["resources"],
               facts["risk"], level_key)
        step = memo("next step").get(key) or \
            self._keep("next step", key, self._next_step(facts, decided.how))

        limiting = facts["limiting"]
        source_id = case_id if case_id is not None else source
        kinds = tuple(names[2])
        line = None
        if self.json_lines:
            quoted_name, quoted_title, quoted_source = quote(name), quote(title), quote(source)
            said = [b"[" + b", ".join(lists[2]) + b"]", b"[" + b", ".join(lists[3]) + b"]",
                    b"[" + b", ".join(lists[4][:3]) + b"]"]
            if slots:  # the texts quote the name or the title
                said = [t.replace(SUBJECT_SLOT, quoted_name[1:-1]).replace(
                    TASK_SLOT, quoted_title[1:-1]) for t in said]
            line = b"".join((
                self.head, quoted_source if case_id is None else quote(case_id),
                b', "subject": {"name": ', quoted_name,
                b', "kind": "person", "new_in_role": ' if kind == "person" else
                b', "kind": "team", "new_in_role": ', b"true" if new else b"false",
                b'}, "task": {"title": ', quoted_title, b', "description": ',
                b"null" if description is None else quote(description),
                b', "tags": ', tags_json, b', "facts": {}}', decided.head,
                b', "planned": ', memo("planned").get(planned) or
                self._keep("planned", planned, self._planned(planned)),
                b', "scores": {', b", ".join(pieces), b'}, "uncertain": ',
                self._list(tuple(uncertain)), LIMITING[limiting], decided.middle,
                b', "controls": [', b", ".join(lists[0]), b'], "feedback": [',
                b", ".join(lists[1]), b'], "warnings": ', said[0], b', "next_step": ', step[0],
                b', "review_date": ', review_date, b', "checklist": ', said[1],
                b', "questions": ', said[2], b', "trace": [', b", ".join(traces),
                b"]", self.tail, quoted_source, self.stamp))
        row = None
        if self.rows:
            row = {"id": source_id, "source": source, "subject": name, "kind": kind,
                   "task": title, "level": level, "level_name": decided.ref.name, **scores,
                   "limiting": limiting, "capped_by": cap or "", "controls": " ".join(names[0]),
                   "feedback": " ".join(names[1]), "warnings": " ".join(kinds),
                   "next_step": step[1], "review_date": review_date.decode()[1:-1],
                   "trustdose": __version__, "rules_digest": self.rules.digest}
        return Outcome(line, decided.ref, limiting, kinds, row)

    def _keep(self, table: str, key: Any, part: Any) -> Any:
        """Remember a part; bounded, so memory stays flat however long the run."""
        found = self.memo[table]
        if len(found) >= MEMO_SIZE:
            found.clear()
        found[key] = part
        return part

    # -- making the parts, with the engine's own functions -----------------------------

    def _decision(self, facts: dict) -> Decided:
        """The level part; `needs` becomes a key (measure id, red line id)."""
        trace: list = []
        decided = engine.decision(self.rules, facts, trace)
        capped = engine.settle(dict(facts), decided.band, decided.holding, decided.level)
        cap = decided.holding if capped else None
        level = engine.level_ref(self.rules, decided.level)
        head = b', "level": ' + _dumps(level) + b', "carried": ' + _dumps(engine.level_ref(
            self.rules, decided.band.item.level)) + b', "carried_by": ' + quote(decided.band.id)
        middle = b', "capped_by": ' + (quote(cap.id) if cap else b"null") + \
            b', "cap_reason": ' + (quote(pick(cap.item.reason)) if cap else b"null") + \
            b', "red_lines": ' + _dumps(engine.red_lines(decided))
        needs = tuple(sorted((m, line.id) for m, line in decided.needs.items()))
        return Decided(decided.level, decided.band.item.level,
                       cap.id if cap else None, head, middle, _trace(trace), level, decided,
                       needs)

    def _review(self, facts: dict) -> tuple:
        trace: list = []
        days = engine.review_rule(self.rules, facts, trace).item.days
        return days, _trace(trace), quote((self.today + dt.timedelta(days=days)).isoformat())

    def _run(self, key_of: Any, table: dict, items: list, facts: dict,
             decided: engine.Decision, days: int) -> tuple:
        """What a run of entries gives for these facts: per part its JSON pieces and ids
        (or warning kinds), the trace pieces, and whether a piece has a slot for the name
        or the title."""
        adds, fired = [], []
        for (part, _find_out), group in itertools.groupby(
                items, key=lambda item: (item[0], item[1] is None)):
            made = self._made(part, [e for _p, e in group], facts, decided, days)
            if made:
                adds.append((part, tuple(m[0] for m in made), tuple(m[2] for m in made if m[2])))
                fired += [m[1] for m in made]
        found = (tuple(adds), tuple(fired),
                 any(SUBJECT_SLOT in p or TASK_SLOT in p for _part, made, _n in adds for p in made))
        if len(table) >= MEMO_SIZE:
            table.clear()
        table[key_of(facts)] = found
        return found

    def _made(self, part: int, entries: list, facts: dict, decided: engine.Decision,
              days: int) -> list[tuple[bytes, bytes, str]]:
        """(JSON piece, trace piece, id or warning kind) for what the entries give."""
        if entries == [None]:
            return [self._find_out(dim) for dim in facts["uncertain"]]
        if PARTS[part] in ("controls", "feedback"):
            return [self._measure(e, by) for e, by in engine.chosen(entries, facts,
                                                                     decided.needs)]
        trace: list = []
        cap = decided.holding if facts["capped"] else None
        words = engine.placeholders(self.rules, facts, SUBJECT, TASK,
                                    self.today + dt.timedelta(days=days), cap)
        if PARTS[part] == "warnings":
            warnings = engine._warnings(entries, facts, words, trace)
            return [(_dumps(w), _dumps(f), w.kind) for w, f in zip(warnings, trace)]
        texts = engine._prompts(entries, facts, words, trace)
        return [(_dumps(text), _dumps(f), "") for text, f in zip(texts, trace)]

    def _measure(self, entry: Any, by: Any) -> tuple[bytes, bytes, str]:
        """A measure's JSON, its trace entry and its id; the same for every case."""
        key = (entry.section, entry.id, by.id if by else None)
        found = self.memo["measure"].get(key)
        if found is None:
            found = self.memo["measure"][key] = (
                _dumps(engine.measure(entry, by)), _dumps(engine.measure_fired(entry, by)),
                entry.id)
        return found

    def _find_out(self, dim: str) -> tuple[bytes, bytes, str]:
        found = self.memo["find out"].get(dim)
        if found is None:
            trace: list = []
            measure, = engine._find_out(self.rules, [dim], trace)
            found = self.memo["find out"][dim] = (_dumps(measure), _trace(trace), measure.id)
        return found

    def _next_step(self, facts: dict, decided: engine.Decision) -> tuple:
        """The next step: the search for each case's scores, the words once per change."""
        level = decided.level
        if level >= 7:
            return b"null", ""
        cap = decided.holding if facts["capped"] else None
        change = engine.next_change(self.rules, facts, level)
        key = (level, cap.id if cap else None, change and tuple(
            (dim, facts[dim], to) for dim, to in change.items()))
        found = self.memo["steps"].get(key)
        if found is None:
            step = engine.step_to(self.rules, facts, level, cap, change)
            found = self._keep("steps", key, (_dumps(step), step.level.name))
        return found

    def _list(self, names: tuple[str, ...]) -> bytes:
        found = self.memo["lists"].get(names)
        if found is None:
            found = self.memo["lists"][names] = _dumps(list(names))
        return found

    def _planned(self, planned: int | None) -> bytes:
        return b"null" if planned is None else _dumps(engine.level_ref(self.rules, planned))


def _is_name(value: Any) -> bool:
    """A subject's name or a task's title as `_case.Name` allows: not blank, ≤ 200."""
    return type(value) is str and 0 < len(value) <= 200 and not value.isspace() \
        and SUBJECT not in value and TASK not in value
