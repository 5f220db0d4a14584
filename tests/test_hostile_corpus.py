"""A hostile-input corpus (issue 15, item 10): every class of bad input and hostile condition
the issue lists, and more, each run as a real `python -m trustdose` process with a deadline.
A run fails on exit 70, a traceback, a run over its deadline, a file that should stay
untouched but changed, a temporary file left behind, or its own check (a red line that did
not apply, colour where none belongs, a formula or a tag that got through). The inputs are
made here, none is committed; the runs go two at a time, and one test per input reports
them all at once."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import stat
import sys
import unicodedata

import pytest

from helpers import EXAMPLES
from hostile import Probe, Ran, run_all

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="FIFOs, devices, /proc")

CASE = ("subject: {name: Kim}\ntask: {title: Plan the rota}\ncompetence: 3\nintention: 3\n"
        "resources: 3\nrisk: 3\n")
GOOD = str(EXAMPLES / "routine-ordering.yaml")
ORG = str(EXAMPLES / "org-overlay")
HEADER = "id,subject,task,competence,intention,resources,risk,facts.amount\n"
ROW = "r{n},Ann,Plan,4,4,4,2,10\n"
IS_ROOT = os.geteuid() == 0


# --- what the inputs are made of ---------------------------------------------------------

def bomb(levels: int = 9) -> str:
    """A billion-laughs document: 9**levels strings from a few hundred bytes."""
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels + 1):
        lines.append(f"l{n}: &l{n} [" + ",".join([f"*l{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def case(**fields: str) -> str:
    """The plain case with some top-level lines replaced or added (raw YAML values)."""
    base = {"subject": "{name: Kim}", "task": "{title: Plan the rota}", "competence": "3",
            "intention": "3", "resources": "3", "risk": "3"}
    base.update(fields)
    return "".join(f"{k}: {v}\n" for k, v in base.items())


def amount_case(amount: str) -> str:
    return case(task="{title: Order lifting equipment, facts: {amount: %s}}" % amount,
                competence="5", intention="5", resources="5", risk="1")


def write(name: str, content: str | bytes, mode: int | None = None):
    def setup(d):
        path = d / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        if mode is not None:
            path.chmod(mode)
    setup.files = {name: content}
    return setup


def huge_sheet(d):
    """A workbook whose sheet says it spans all of Excel's 1,048,576 rows (issue 22)."""
    import zipfile

    import openpyxl
    made = openpyxl.Workbook()
    made.active.append(["subject", "task", "competence", "intention", "resources", "risk"])
    made.save(d / "plain.xlsx")
    with zipfile.ZipFile(d / "plain.xlsx") as source, \
            zipfile.ZipFile(d / "w.xlsx", "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'ref="A1:F1"', b'ref="A1:F1048576"')
            target.writestr(item, data)


def both(*setups):
    def setup(d):
        for s in setups:
            s(d)
    return setup


def fifo(name: str):
    def setup(d):
        (d / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(d / name)
    return setup


def link(name: str, target: str):
    def setup(d):
        (d / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target.replace("{d}", str(d)), d / name)
    return setup


def folder(name: str):
    return lambda d: (d / name).mkdir(parents=True, exist_ok=True)


def device(name: str, kind: int = stat.S_IFCHR, major: int = 1, minor: int = 3):
    """Our own device node (1,3 is null, 1,5 zero) in the scratch folder: never the system's."""
    def setup(d):
        (d / name).parent.mkdir(parents=True, exist_ok=True)
        os.mknod(d / name, kind | 0o666, os.makedev(major, minor))
        os.chmod(d / name, 0o666)
    return setup


def unix_socket(name: str):
    def setup(d):
        here = os.getcwd()
        os.chdir(d)  # a socket's path is short (108 bytes): bound by its relative name
        try:
            s = socket.socket(socket.AF_UNIX)
            s.bind(name)
            s.close()
        finally:
            os.chdir(here)
    return setup


def copy(source, name: str):
    def setup(d):
        (d / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, d / name)
    return setup


def rules_overlay(files: dict[str, str | bytes]):
    def setup(d):
        (d / "org").mkdir(exist_ok=True)
        for name, text in files.items():
            if isinstance(text, bytes):
                (d / "org" / name).write_bytes(text)
            else:
                (d / "org" / name).write_text(text, encoding="utf-8")
    return setup


def foreign_sqlite(name: str, version: int = 0):
    def setup(d):
        con = sqlite3.connect(d / name)
        con.execute("create table notes (body text)")
        con.execute("insert into notes values ('not trustdose')")
        con.execute(f"pragma user_version = {version}")
        con.commit()
        con.close()
        os.chmod(d / name, 0o644)
    return setup


JOURNAL = {}


def journal(name: str = "journal.sqlite3"):
    """A copy of a journal with two saved entries (made once per session)."""
    def setup(d):
        shutil.copy(JOURNAL["path"], d / name)
        os.chmod(d / name, 0o600)
    return setup


def journal_sql(*statements: str):
    """The base journal with some rows changed as another program (or damage) might."""
    def setup(d):
        journal()(d)
        db = sqlite3.connect(d / "journal.sqlite3")
        with db:
            for statement in statements:
                db.execute(statement)
        db.close()
    return setup


def chmod(name: str, mode: int):
    return lambda d: os.chmod(d / name, mode)


_ENTRY = ('saved_at, day, task, level, planned, scores, review_date, rules_digest, trustdose, '
          '"case", assessment')
COPY_AS_A = (f"INSERT INTO entries (subject_id, {_ENTRY}) SELECT (SELECT id FROM subjects "
             f"WHERE name = 'A'), {_ENTRY} FROM entries WHERE id = 1")  # Lars's, as A's
# Root may write anything: a run that must meet a read-only file drops every capability.
NO_PRIVILEGE = "setpriv --bounding-set=-all --inh-caps=-all" if IS_ROOT else ""
# text a rule file may hold that must reach no terminal raw (as YAML writes it)
CONTROLS = "\\e]0;title\\a \\e[2J \\u202eevil \\r"
HOSTILE_TEST = ("tests:\n  - name: \"name %s\"\n    case: {subject: {name: A}, task: {title: T},"
                " competence: 5, intention: 5, resources: 5, risk: 1}\n"
                "    expect: {level: tell}\n" % CONTROLS)
HOSTILE_REASON = ("red_lines:\n  - id: evil\n    when: {field: tags, op: contains, value: x}\n"
                  "    level: 3\n    reason: {en: \"reason %s\"}\n" % CONTROLS)


# --- checks ------------------------------------------------------------------------------

def said(*texts: str):
    """The run's output or its messages say each of `texts`."""
    def check(ran: Ran, d):
        text = out(ran) + ran.stderr.decode("utf-8", "replace")
        missing = [t for t in texts if t not in text]
        return f"not said: {missing}" if missing else None
    return check


def others_unchanged(name: str, *kept: int):
    """The subject `name` is gone, and the entries `kept` are as they were, every column."""
    def check(ran: Ran, d):
        now, base = (sqlite3.connect(p) for p in (d / "journal.sqlite3", JOURNAL["path"]))
        try:
            if now.execute("SELECT 1 FROM subjects WHERE name = ?", (name,)).fetchone():
                return f"{name!r} is still in the journal"
            select = "SELECT * FROM entries WHERE id IN (%s) ORDER BY id" % ", ".join(
                map(str, kept))
            same = now.execute(select).fetchall() == base.execute(select).fetchall()
        finally:
            now.close()
            base.close()
        return None if same else "another entry was changed"
    return check


def intact(entries: int):
    def check(ran: Ran, d):
        db = sqlite3.connect(d / "journal.sqlite3")
        try:
            found = (db.execute("PRAGMA integrity_check").fetchone()[0],
                     db.execute("SELECT count(*) FROM entries").fetchone()[0])
        finally:
            db.close()
        return None if found == ("ok", entries) else f"journal now {found}"
    return check



def out(ran: Ran) -> str:
    return ran.stdout.decode("utf-8", "replace")


def red_line_applies(ran: Ran, d) -> str | None:
    """Refused (exit 2), or assessed with the spending red line in force."""
    if ran.code == 0 and "spending-limit" not in out(ran):
        return "red line bypassed: exit 0 without spending-limit"
    return None


def batch_red_line_applies(ran: Ran, d) -> str | None:
    for line in out(ran).splitlines():
        if line.strip() and "spending-limit" not in line:
            return f"red line bypassed in a batch row: {line[:200]}"
    return None


def code_is(*codes):
    def check(ran: Ran, d):
        return None if ran.code in codes else f"exit {ran.code}, wanted {codes}"
    return check


def no_colour(ran: Ran, d) -> str | None:
    return "colour or bold codes" if "\x1b[" in out(ran) else None


def absent(path: str):
    def check(ran: Ran, d):
        return f"{path} exists" if (d / path).exists() or os.path.lexists(d / path) else None
    return check


def file_lacks(path: str, *bad: str):
    def check(ran: Ran, d):
        text = (d / path).read_text(encoding="utf-8-sig") if (d / path).exists() else ""
        found = [b for b in bad if b in text]
        return f"{path} holds {found}" if found else None
    return check


def no_raw_controls(ran: Ran, d) -> str | None:
    text = ran.stdout + ran.stderr
    for byte in (b"\x1b]", b"\x1b[2J", b"\x07", b"\r", b"\xe2\x80\xae"):
        if byte in text:
            return f"raw control {byte!r} reached the terminal"
    return None


def fits(width: int):
    """Every line on the terminal at most `width` columns (escape codes aside)."""
    def check(ran: Ran, d):
        import re
        for line in out(ran).splitlines():
            line = re.sub(r"\x1b\[[0-9;]*m", "", line).replace("\r", "").rstrip()
            if len(line) > width and " " in line.strip():
                return f"a line of {len(line)} columns: {line[:80]!r}"
    return check


def all_of(*checks):
    def check(ran, d):
        for c in checks:
            problem = c(ran, d)
            if problem:
                return problem
    return check


def rows_written(n: int, path: str | None = None):
    def check(ran: Ran, d):
        text = (d / path).read_text(encoding="utf-8") if path else out(ran)
        got = sum(1 for line in text.splitlines() if line.strip())
        return None if got == n else f"{got} good rows written, wanted {n}"
    return check


def csv(*rows: str, header: str = HEADER) -> str:
    return header + "".join(rows)


def good_rows(*ns) -> str:
    return "".join(ROW.format(n=n) for n in ns)


def special_rules_folder(d):
    """An overlay folder holding every kind of file that is not a rule file: a FIFO, a
    link to a zero device, a dangling link, a link loop, a folder loop, a folder named
    x.yaml, a socket."""
    (d / "org").mkdir()
    (d / "org" / "ok.yaml").write_text("measures: []\n", encoding="utf-8")
    os.mkfifo(d / "org" / "p.yaml")
    device("zero", minor=5)(d)
    os.symlink(d / "zero", d / "org" / "z.yaml")
    os.symlink(d / "gone", d / "org" / "gone.yaml")
    os.symlink(d / "org" / "b.yaml", d / "org" / "a.yaml")
    os.symlink(d / "org" / "a.yaml", d / "org" / "b.yaml")
    os.symlink(d / "org", d / "org" / "sub")
    (d / "org" / "x.yaml").mkdir()
    unix_socket("org/s.yaml")(d)


def mentions(*names):
    """When the run refused the folder, its message names every bad file (all at once)."""
    def check(ran: Ran, d):
        if ran.code != 2:
            return None
        err = ran.stderr.decode("utf-8", "replace")
        missing = [n for n in names if n not in err]
        return f"not named in the message: {missing}" if missing else None
    return check


def folded(group: list[Probe], probe_id: str, extra: list[str], good: int) -> Probe:
    """The inputs of many one-file probes as one batch folder (one process for them all):
    each bad file is rejected at its place, the good ones are assessed."""
    def setup(d):
        (d / "in").mkdir()
        for p in group:
            for name, content in p.setup.files.items():
                target = d / "in" / (p.id + os.path.splitext(name)[1])
                if isinstance(content, bytes):
                    target.write_bytes(content)
                else:
                    target.write_text(content, encoding="utf-8")
        for n in range(good):
            (d / "in" / f"zz-good-{n}.yaml").write_text(CASE, encoding="utf-8")

    def check(ran: Ran, d):
        got = sum(1 for line in out(ran).splitlines() if line.strip())
        return None if got >= good else f"{got} rows written, wanted at least {good}"
    return P(probe_id, ["batch", "{d}/in", "-f", "jsonl", *extra], setup, codes=(0, 1),
             check=check)


def level_is(number: int):
    def check(ran: Ran, d):
        got = json.loads(out(ran))["level"]["number"] if ran.code == 0 else None
        return None if got == number else f"level {got}, wanted {number}"
    return check


# issue 20, part "rules": a test in a rule no case can make true, each loaded silently
NEVER_TRUE = {
    "tags-eq": "{field: tags, op: '==', value: x}", "tags-in": "{field: tags, op: in, value: [x]}",
    "safeguards-eq": "{field: safeguards, op: '==', value: four-eyes}",
    "safeguard-unknown": "{field: safeguards, op: contains, value: four-eys}",
    "limiting-typo": "{field: limiting, op: '==', value: competance}",
    "uncertain-word": "{field: uncertain, op: contains, value: skill}",
    "carried-typo": "{field: carried, op: '==', value: delegat}",
    "planned-9": "{field: planned, op: '==', value: 9}",
    "risk-text": "{field: risk, op: '>', value: '3'}",
    "risk-6": "{field: risk, op: '==', value: 6}",
    "risk-7": "{field: risk, op: '>=', value: 7}",
    "new-yes": "{field: subject.new_in_role, op: '==', value: 'yes'}",
    "fact-null": "{field: facts.x, op: '==', value: null}",
    "fact-in-empty": "{field: facts.x, op: in, value: []}",
    "fact-contains-3": "{field: facts.y, op: contains, value: 3}",
    "any-empty": "{any: []}", "all-empty": "{all: []}"}
def many_tags(n: int = 2000, facts: bool = True) -> str:
    """Red lines on any of n tags, on all of n others, and (with `facts`) on a fact in a
    list of n values (grid, issue 20)."""
    def listed(prefix: str) -> str:
        return ", ".join(f"{{field: tags, op: contains, value: {prefix}{k}}}" for k in range(n))
    values = ", ".join(f"v{k}" for k in range(n))
    return "red_lines:\n" + "".join(
        f"  - id: {name}\n    when: {when}\n    level: {level}\n    reason: {{en: r}}\n"
        for name, when, level in [
            ("any-tag", f"{{any: [{listed('a')}]}}", 3),
            ("all-tags", f"{{all: [{listed('b')}]}}", 2),
            ("kind", f"{{field: facts.kind, op: in, value: [{values}]}}", 4)][:3 if facts else 2])


# --- the corpus --------------------------------------------------------------------------

P = Probe
XF = "xfail"


def probes() -> list[Probe]:
    c = [
        # bad case files --------------------------------------------------------------------------
        P("case-alias-bomb", ["assess", "{d}/c.yaml"], write("c.yaml", bomb() + CASE),
          keep=("c.yaml",), codes=(2,)),
        P("case-alias-bomb-json-fmt", ["assess", "{d}/c.yaml", "-f", "json"],
          write("c.yaml", "subject: &a {name: Kim}\ntask: {title: T}\ncompetence: 3\n"
                "intention: 3\nresources: 3\nrisk: 3\n" + bomb(7)), codes=(2,)),
        P("case-deep-flow-nesting", ["assess", "{d}/c.yaml"],
          write("c.yaml", CASE + "x: " + "[" * 5000 + "]" * 5000 + "\n"), codes=(2,)),
        P("case-deep-block-nesting", ["assess", "{d}/c.yaml"],
          write("c.yaml", CASE + "".join("  " * n + f"k{n}:\n" for n in range(700))
                + "  " * 700 + "v\n"), codes=(2,)),
        P("case-deep-json", ["assess", "{d}/c.json"],
          write("c.json", '{"x": ' + "[" * 100000 + "]" * 100000 + "}"), codes=(2,)),
        P("case-huge-int-score", ["assess", "{d}/c.yaml"],
          write("c.yaml", case(competence="9" * 5000)), codes=(2,)),
        P("case-huge-int-planned", ["assess", "{d}/c.yaml"],
          write("c.yaml", case(planned_level="7" * 5000)), codes=(2,)),
        P("case-huge-risk-part", ["assess", "{d}/c.yaml"],
          write("c.yaml", case(risk="{impact: 1e999, reversibility: 1, novelty: 1, "
                                     "exposure: 1}")), codes=(2,)),
        P("case-nan-score", ["assess", "{d}/c.yaml"], write("c.yaml", case(competence=".nan")),
          codes=(2,)),
        P("case-inf-score", ["assess", "{d}/c.yaml"], write("c.yaml", case(intention="-.inf")),
          codes=(2,)),
        P("case-bool-and-hex-scores", ["assess", "{d}/c.yaml"],
          write("c.yaml", case(competence="true", intention="0x3", resources="0o3")),
          codes=(2,)),
        P("case-json-nan-infinity", ["assess", "{d}/c.json"],
          write("c.json", '{"subject": {"name": "Kim"}, "task": {"title": "T"}, '
                '"competence": NaN, "intention": Infinity, "resources": 1e400, "risk": 3}'),
          codes=(2,)),
        P("case-impossible-date", ["assess", "{d}/c.yaml"],
          write("c.yaml", case(date="2026-13-01")), codes=(2,)),
        P("case-feb-30-quoted", ["assess", "{d}/c.yaml"],
          write("c.yaml", case(date='"2026-02-30"')), codes=(2,)),
        P("case-far-date", ["assess", "{d}/c.yaml"], write("c.yaml", case(date="9999-12-31")),
          codes=(2,)),
        P("case-year-one", ["assess", "{d}/c.yaml"], write("c.yaml", case(date="0001-01-01"))),
        P("case-datetime-with-zone", ["assess", "{d}/c.yaml", "--save"],
          write("c.yaml", case(date="2026-03-01T25:61:00+99:00"))),
        P("case-review-date-far", ["assess", GOOD, "--review-date", "9999-12-31", "--save"]),
        P("case-review-date-bad", ["assess", GOOD, "--review-date", "2026-02-30"], codes=(2,)),
        P("case-review-date-zero", ["assess", GOOD, "--review-date", "0000-00-00"], codes=(2,)),
        P("case-latin1", ["assess", "{d}/c.yaml"],
          write("c.yaml", case(subject="{name: Jørgen}").encode("latin-1")), codes=(2,)),
        P("case-utf16", ["assess", "{d}/c.yaml"],
          write("c.yaml", case().encode("utf-16")), codes=(2,)),
        P("case-utf8-bom", ["assess", "{d}/c.yaml"],
          write("c.yaml", b"\xef\xbb\xbf" + case().encode()), codes=(0, 2)),
        P("case-random-bytes", ["assess", "{d}/c.yaml"],
          write("c.yaml", bytes(range(256)) * 40), codes=(2,)),
        P("case-nul-bytes", ["assess", "{d}/c.yaml"],
          write("c.yaml", case().encode() + b"\x00\x00x: 1\n"), codes=(2,)),
        P("case-lone-surrogate-json", ["assess", "{d}/c.json"],
          write("c.json", '{"subject": {"name": "K\\ud800m"}, "task": {"title": "T"}, '
                '"competence": 3, "intention": 3, "resources": 3, "risk": 3}'), codes=(2,)),
        P("case-lone-surrogate-yaml", ["assess", "{d}/c.yaml"],
          write("c.yaml", case(subject='{name: "K\\ud800m"}')), codes=(0, 2)),
        P("case-escape-in-name", ["assess", "{d}/c.yaml"],
          write("c.yaml", case(subject='{name: "\\e]0;owned\\a\\e[2JKim"}')), codes=(2,),
          check=no_raw_controls),
        P("case-newline-in-title", ["assess", "{d}/c.yaml"],
          write("c.yaml", case(task='{title: "x\\nRecommended level: 7 · Delegate"}')),
          codes=(2,)),
        P("case-bidi-override", ["assess", "{d}/c.yaml"],
          write("c.yaml", case(subject='{name: "Kim\\u202egnp.exe"}')), codes=(2,),
          check=no_raw_controls),
        P("case-escape-in-unknown-key", ["assess", "{d}/c.yaml"],
          write("c.yaml", CASE + '"\\e]0;owned\\a": 1\n'), codes=(2,), check=no_raw_controls),
        P("case-line-separator-u2028", ["assess", "{d}/c.yaml", "-f", "markdown"],
          write("c.yaml", case(task='{title: "a\\u2028# heading\\u2029b"}')), codes=(0, 2)),
        P("case-duplicate-keys", ["assess", "{d}/c.yaml"],
          write("c.yaml", CASE + "competence: 5\n"), codes=(2,)),
        P("case-python-tag-injection", ["assess", "{d}/c.yaml"],
          write("c.yaml", CASE + "x: !!python/object/apply:os.system ['touch {d}/pwned']\n"
                .replace("{d}", "PWNED")), codes=(2,), check=absent("cwd/PWNED")),
        P("case-yaml-tags-and-merge", ["assess", "{d}/c.yaml"],
          write("c.yaml", "base: &b {competence: 3}\n<<: *b\nsubject: !!binary aGVsbG8=\n"
                "task: !!set {a, b}\nintention: 3\nresources: 3\nrisk: 3\n"), codes=(2,)),
        P("case-complex-keys", ["assess", "{d}/c.yaml"],
          write("c.yaml", CASE + "? [a, b]\n: 1\n1: 2\nnull: 3\n"), codes=(2,)),
        P("case-markdown-injection", ["assess", "{d}/c.yaml", "-f", "markdown", "-o",
                                      "{d}/r.md"],
          write("c.yaml", case(task='{title: "<script>alert(1)</script> [x](javascript:a)", '
                                    'description: '
                                    '"<img src=x onerror=alert(1)>\\n# H\\n- [ ] x"}')),
          codes=(0, 2),
          check=file_lacks("r.md", "<script", "<img", " ](javascript", "\n# H", "\n- [ ] x")),
        P("case-empty", ["assess", "{d}/c.yaml"], write("c.yaml", ""), codes=(2,)),
        P("case-only-comment", ["assess", "{d}/c.yaml"], write("c.yaml", "# nothing\n"),
          codes=(2,)),
        P("case-a-list", ["assess", "{d}/c.yaml"], write("c.yaml", "- 1\n- 2\n"), codes=(2,)),
        P("case-two-documents", ["assess", "{d}/c.yaml"], write("c.yaml", CASE + "---\n" + CASE),
          codes=(2,)),
        P("case-over-size-limit", ["assess", "{d}/c.yaml"],
          write("c.yaml", CASE + "#" + "x" * (11 * 1024 * 1024) + "\n"), codes=(2,)),
        P("case-long-name", ["assess", "{d}/c.yaml"],
          write("c.yaml", case(subject="{name: %s}" % ("x" * 2_000_000))), codes=(0, 2)),
        P("case-nul-in-planned", ["assess", "{d}/c.yaml"],
          write("c.yaml", case(planned_level='"delegate\\0"')), codes=(2,)),
        P("case-planned-options", ["assess", GOOD, "--planned", "99999999999999999999999"],
          codes=(2,)),
        P("case-planned-negative", ["assess", GOOD, "--planned=-1"], codes=(2,)),
        P("case-planned-empty", ["assess", GOOD, "--planned", ""], codes=(2,)),
        P("case-format-bogus", ["assess", GOOD, "-f", "\x1b[2Jhtml"], codes=(2,),
          check=no_raw_controls),
        P("case-lang-bogus", ["assess", GOOD, "--lang", "../../etc/passwd"], codes=(2,)),
        P("case-path-with-escape", ["assess", "{d}/\x1b]0;x\x07.yaml"], codes=(2,),
          check=no_raw_controls),
        P("case-path-too-long", ["assess", "{d}/" + "a" * 300 + "/" + "b" * 5000 + ".yaml"],
          codes=(2,)),
        P("case-path-dash", ["assess", "--", "-case.yaml"], write("cwd/-case.yaml", CASE)),
        # special files as the case ---------------------------------------------------------------
        P("case-fifo-no-writer", ["assess", "{d}/c.yaml"], fifo("c.yaml"), codes=(2,),
          keep=("c.yaml",)),
        P("batch-fifo-no-writer", ["batch", "{d}/p.csv"], fifo("p.csv"), codes=(2,),
          keep=("p.csv",), check=said("no program is writing to this pipe")),
        P("case-dev-zero-link", ["assess", "{d}/c.yaml"],
          both(device("zero", minor=5), link("c.yaml", "{d}/zero")), codes=(2,)),
        P("case-dev-zero-direct", ["assess", "{d}/zero"], device("zero", minor=5), codes=(2,)),
        P("case-dangling-link", ["assess", "{d}/c.yaml"], link("c.yaml", "{d}/gone.yaml"),
          codes=(2,)),
        P("case-link-loop", ["assess", "{d}/c.yaml"], both(link("c.yaml", "{d}/b.yaml"),
                                                         link("b.yaml", "{d}/c.yaml")),
          codes=(2,)),
        P("case-folder-named-yaml", ["assess", "{d}/c.yaml"], folder("c.yaml"), codes=(2,)),
        P("case-socket", ["assess", "{d}/c.sock"], unix_socket("c.sock"), codes=(2,)),
        P("case-proc-self", ["assess", "/proc/self/environ"], codes=(2,)),
        # standard input --------------------------------------------------------------------------
        P("stdin-random-bytes", ["assess", "-"], stdin=bytes(range(256)) * 20, codes=(2,)),
        P("stdin-utf16", ["assess", "-"], stdin=CASE.encode("utf-16"), codes=(2,)),
        P("stdin-closed-assess", ["assess", "-"], redirect="<&-", codes=(2,)),
        P("stdin-closed-batch", ["batch", "-"], redirect="<&-", codes=(0, 1, 2)),
        P("stdin-closed-no-args", ["assess", "--no-input"], redirect="<&-", codes=(2,)),
        P("stdin-dev-zero", ["assess", "-"], device("zero", minor=5),
          redirect="<{d}/zero", codes=(2,)),
        P("stdin-dev-zero-batch", ["batch", "-"], device("zero", minor=5),
          redirect="<{d}/zero", codes=(1, 2)),
        # Python itself refuses a folder as standard input before trustdose runs (exit 1)
        P("stdin-a-folder", ["assess", "-"], folder("f"), redirect="<{d}/f", codes=(1, 2)),
        P("stdin-questionnaire-garbage", ["assess"], stdin=b"\x1b[2J\n" * 50 + b"lots\n" * 50,
          codes=(2,)),
        # standard output and error ---------------------------------------------------------------
        P("stdout-closed", ["assess", GOOD], redirect=">&-", codes=(2,)),
        P("stdout-closed-with-output", ["assess", GOOD, "-o", "{d}/r.txt"], redirect=">&-",
          codes=(0,)),
        P("stdout-full-disk", ["assess", GOOD, "--full"], device("full", minor=7),
          redirect=">{d}/full", codes=(2,)),
        P("stdout-full-disk-batch", ["batch", str(EXAMPLES / "batch" / "workshop.csv")],
          device("full", minor=7), redirect=">{d}/full", codes=(2,)),
        P("stderr-closed-bad-case", ["assess", "{d}/missing.yaml"], redirect="2>&-",
          codes=(2,)),
        P("all-streams-closed", ["batch", "{d}/in.csv"], write("in.csv", csv(good_rows(1, 2))),
          redirect="<&- >&- 2>&-", codes=(0, 2)),
        # outputs onto inputs and onto special files ----------------------------------------------
        P("out-onto-case", ["assess", "{d}/c.yaml", "-o", "{d}/c.yaml"], write("c.yaml", CASE),
          keep=("c.yaml",), codes=(2,)),
        P("out-onto-case-hardlink", ["assess", "{d}/c.yaml", "-o", "{d}/h.yaml"],
          both(write("c.yaml", CASE), lambda d: os.link(d / "c.yaml", d / "h.yaml")),
          keep=("c.yaml",), codes=(2,)),
        P("out-onto-case-symlink", ["assess", "{d}/c.yaml", "-o", "{d}/s.yaml"],
          both(write("c.yaml", CASE), link("s.yaml", "{d}/c.yaml")),
          keep=("c.yaml", "s.yaml"), codes=(2,)),
        P("out-onto-case-dotdot", ["assess", "{d}/c.yaml", "-o", "{d}/home/../c.yaml"],
          write("c.yaml", CASE), keep=("c.yaml",), codes=(2,)),
        P("batch-out-onto-input", ["batch", "{d}/in.csv", "-o", "{d}/in.csv"],
          write("in.csv", csv(good_rows(1), "bad,row\n")), keep=("in.csv",), codes=(2,)),
        P("batch-errors-onto-input", ["batch", "{d}/in.csv", "--errors", "{d}/in.csv"],
          write("in.csv", csv(good_rows(1), "bad,row\n")), keep=("in.csv",), codes=(2,)),
        P("batch-out-and-errors-one-file", ["batch", "{d}/in.csv", "-o", "{d}/x",
                                            "--errors", "{d}/x"],
          both(write("in.csv", csv(good_rows(1), "bad,row\n")), write("x", "keep me\n")),
          keep=("in.csv", "x"), codes=(2,)),
        P("batch-out-into-input-folder", ["batch", "{d}/in", "-o", "{d}/in/c.yaml"],
          write("in/c.yaml", CASE), keep=("in/c.yaml",), codes=(2,)),
        P("batch-out-onto-folder", ["batch", "{d}/in.csv", "-o", "{d}/out"],
          both(write("in.csv", csv(good_rows(1))), write("out/keep", "x")),
          keep=("out", "out/keep"), codes=(2,)),
        P("out-onto-own-null-device", ["assess", GOOD, "-o", "{d}/null"], device("null"),
          keep=("null",), codes=(0,)),
        P("out-and-errors-onto-null-device", ["batch", "{d}/in.csv", "-o", "{d}/null",
                                              "--errors", "{d}/null"],
          both(device("null"), write("in.csv", csv(good_rows(1), "bad,row\n"))),
          keep=("null",), codes=(1,)),
        P("out-onto-fifo-with-reader", ["assess", GOOD, "-o", "{d}/p"],
          both(fifo("p"), lambda d: os.open(d / "p", os.O_RDONLY | os.O_NONBLOCK)),
          keep=("p",), codes=(0,)),
        P("out-onto-block-device", ["assess", GOOD, "-o", "{d}/blk"],
          device("blk", stat.S_IFBLK, 250, 250), keep=("blk",), codes=(2,)),
        P("out-onto-socket", ["assess", GOOD, "-o", "{d}/s.sock"], unix_socket("s.sock"),
          keep=("s.sock",), codes=(2,)),
        P("out-through-dangling-link", ["assess", GOOD, "-o", "{d}/l.txt"],
          link("l.txt", "{d}/target.txt"), keep=("l.txt",), codes=(0, 2)),
        P("out-into-missing-folder", ["assess", GOOD, "-o", "{d}/no/such/r.txt"], codes=(2,)),
        P("out-onto-dev-stdout", ["assess", GOOD, "-o", "/dev/stdout"], codes=(0,)),
        P("out-onto-journal", ["assess", GOOD, "--save", "--db", "{d}/j.sqlite3", "-o",
                               "{d}/j.sqlite3"], journal("j.sqlite3"), keep=("j.sqlite3",),
          codes=(2,)),
        P("export-onto-journal", ["journal", "export", "--db", "{d}/j.sqlite3", "-o",
                                  "{d}/j.sqlite3"], journal("j.sqlite3"), keep=("j.sqlite3",),
          codes=(2,)),
        P("schema-onto-case", ["rules", "schema", "{d}/c.yaml"], write("c.yaml", CASE),
          codes=(0, 2)),
        # rules folders ---------------------------------------------------------------------------
        P("rules-alias-bomb", ["assess", GOOD, "--rules", "{d}/org"],
          rules_overlay({"b.yaml": bomb()}), codes=(2,)),
        *[P(f"rules-special-files-{'-'.join(cmd[:2])}", [*cmd, "--rules", "{d}/org"],
            special_rules_folder, codes=(0, 1, 2), check=mentions("p.yaml", "z.yaml", "gone.yaml",
                                                                    "a.yaml", "x.yaml"))
          for cmd in (["assess", GOOD], ["batch", GOOD], ["rules", "list"])],
        P("rules-special-files-diff", ["rules", "diff", "default", "{d}/org"],
          special_rules_folder, codes=(0, 2)),
        P("rules-special-files-env-check", ["rules", "check"], special_rules_folder,
          env={"TRUSTDOSE_RULES": "{d}/org"}, codes=(0, 2)),
        P("rules-env-dangling", ["rules", "list"], link("org", "{d}/gone"),
          env={"TRUSTDOSE_RULES": "{d}/org"}, codes=(2,)),
        P("rules-is-a-file", ["assess", GOOD, "--rules", "{d}/c.yaml"], write("c.yaml", CASE),
          codes=(2,)),
        P("rules-is-dev-zero", ["assess", GOOD, "--rules", "{d}/zero"],
          device("zero", minor=5), codes=(2,)),
        P("rules-unreadable", ["rules", "list", "--rules", "{d}/org"],
          both(rules_overlay({"a.yaml": "measures: []\n"}),
               lambda d: (d / "org").chmod(0)), codes=(0, 2)),
        P("rules-all-problems-at-once", ["rules", "list", "--rules", "{d}/org"],
          rules_overlay({
              "a.yaml": "warnings:\n  - id: w1\n    when: {field: risk, op: '>=', value: 1}\n"
                        "    message: {en: 'x {level:d}'}\n    cite: trustdose\n",
              "b.yaml": "review:\n  - {id: review-default, days: %s, cite: trustdose}\n"
                        % ("9" * 5000),
              "c.yaml": "red_lines:\n  - id: x\n    when: {field: facts.amount, op: '=>', "
                        "value: 5}\n    require: [four-eyes]\n    reason: {en: r}\n"
                        "    cite: trustdose\n",
              "d.yaml": "# J\xf8rgen\n".encode("latin-1"),
              "e.yaml": bomb()}),
          codes=(2,), check=mentions("a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml")),
        P("rules-format-spec", ["assess", GOOD, "--rules", "{d}/org"],
          rules_overlay({"w.yaml": "warnings:\n  - id: w1\n    when: {field: risk, op: '>=', "
                         "value: 1}\n    message: {en: 'x {level:d} {subject:%Y}'}\n"
                         "    cite: trustdose\n"}), codes=(2,)),
        P("rules-huge-format-width", ["assess", GOOD, "--rules", "{d}/org"],
          rules_overlay({"w.yaml": "warnings:\n  - id: w1\n    when: {field: risk, op: '>=', "
                         "value: 1}\n    message: {en: '{level:>300000000}'}\n"
                         "    cite: trustdose\n"}), codes=(2,)),
        P("rules-attribute-placeholder", ["assess", GOOD, "--rules", "{d}/org"],
          rules_overlay({"w.yaml": "warnings:\n  - id: w1\n    when: {field: risk, op: '>=', "
                         "value: 1}\n    message: {en: '{subject.__class__.__init__.__globals__}"
                         " {level[0]} {level!r}'}\n    cite: trustdose\n"}), codes=(2,)),
        P("rules-huge-days", ["assess", GOOD, "--rules", "{d}/org"],
          rules_overlay({"r.yaml": "review:\n  - {id: review-default, days: %s, cite: trustdose}\n"
                         % ("9" * 5000)}), codes=(2,)),
        P("rules-far-days", ["assess", GOOD, "--rules", "{d}/org"],
          rules_overlay({"r.yaml": "review:\n  - {id: review-default, days: 99999999, "
                         "cite: trustdose}\n"}), codes=(0, 2)),
        P("rules-negative-days", ["assess", GOOD, "--rules", "{d}/org"],
          rules_overlay({"r.yaml": "review:\n  - {id: review-default, days: -5, "
                         "cite: trustdose}\n"}), codes=(0, 2)),
        P("rules-test-min-over-max", ["rules", "test", "--rules", "{d}/org"],
          rules_overlay({"t.test.yaml": "tests:\n  - name: x\n    case: {subject: {name: K}, "
                         "task: {title: T}, competence: 3, intention: 3, resources: 3, risk: 3}\n"
                         "    expect: {level: {min: 9, max: -1}}\n"}), codes=(1, 2)),
        P("rules-op-typo", ["rules", "check", "--rules", "{d}/org"],
          rules_overlay({"r.yaml": "red_lines:\n  - id: x\n    when: {field: facts.amount, "
                         "op: '=>', value: 5}\n    require: [four-eyes]\n    reason: {en: r}\n"
                         "    cite: trustdose\n"}), codes=(2,)),
        P("rules-latin1", ["rules", "list", "--rules", "{d}/org"],
          rules_overlay({"r.yaml": "# Jørgen\nmeasures: []\n".encode("latin-1")}), codes=(2,)),
        P("rules-empty-file", ["rules", "check", "--rules", "{d}/org"],
          rules_overlay({"r.yaml": ""}), codes=(0, 1, 2)),
        P("rules-unguarded", ["rules", "check", "--rules", "{d}/org"],
          rules_overlay({"c.yaml": "carry:\n" + "".join(
              f"  - {{id: {i}, level: 7}}\n" for i in ("carry-full", "carry-high", "carry-good",
                                                     "carry-fair", "carry-partial", "carry-weak",
                                                     "carry-none"))}),
          codes=(1, 2), check=code_is(1, 2)),
        P("rules-diff-bomb", ["rules", "diff", "default", "{d}/org", "--examples", "-1"],
          rules_overlay({"b.yaml": bomb()}), codes=(2,)),
        P("rules-check-min-coverage-nan", ["rules", "test", "--min-coverage", "nan"],
          codes=(2,)),
        P("rules-test-min-coverage-huge", ["rules", "test", "--min-coverage", "1e308"],
          codes=(2,)),
        P("rules-diff-examples-huge", ["rules", "diff", "default", ORG, "--examples",
                                       "99999999999999999999"], codes=(0, 2)),
        P("rules-show-unknown-with-escape", ["rules", "show", "\x1b]0;x\x07nope"], codes=(2,),
          check=no_raw_controls),
        P("rules-require-lang-bogus", ["rules", "check", "--require-lang", "xx"], codes=(2,)),
        # issue 20, part "rules": tests no case can make true, rule tests that cannot fail,
        # text in two Unicode forms ---------------------------------------------------------------
        P("rules-never-true-tests-refused", ["rules", "list", "--rules", "{d}/org"],
          rules_overlay({f"{name}.yaml": "red_lines:\n  - {id: %s, level: 2, reason: {en: r}, "
                         "when: %s}\n" % (name, cond) for name, cond in NEVER_TRUE.items()}),
          codes=(2,), check=all_of(code_is(2), mentions(*(f"{n}.yaml:2" for n in NEVER_TRUE)))),
        P("rules-test-ids-that-cannot-fail", ["rules", "test", "{d}/org"],
          rules_overlay({"r.yaml": "measures: []\n", "t.test.yaml": (
              "tests:\n  - name: x\n    case: {subject: {name: K}, task: {title: T}, "
              "competence: 3, intention: 3, resources: 3, risk: 3}\n    expect: {not_fired: "
              "[overdoze], no_measures: [four-eyez], no_warnings: [overcontroll], capped_by: "
              "risk-hihg}\n    each: [{risk: 2, expect: {levle: 3}}]\n")}),
          codes=(2,), check=all_of(code_is(2), mentions(
              "'overdose'", "'four-eyes'", "'overcontrol'", "'risk-high'", "'level'"))),
        P("redline-decomposed-text-fact", ["batch", "{d}/in.jsonl", "--rules", "{d}/org"],
          both(rules_overlay({"r.yaml": "red_lines:\n  - {id: spending-limit, level: 2, "
                                        "reason: {en: r}, when: {field: facts.resident, op: "
                                        "'==', value: \"Jos\u00e9\"}}\n"}),
               write("in.jsonl", "".join(json.dumps({
                   "id": form, "subject": {"name": "Bo"}, "competence": 5, "intention": 5,
                   "resources": 5, "risk": 1, "task": {"title": "T", "facts": {
                       "resident": unicodedata.normalize(form, "Jos\u00e9")}}}) + "\n"
                   for form in ("NFC", "NFD")))),
          codes=(0,), check=all_of(batch_red_line_applies, rows_written(2))),
        P("rules-weakened-red-line-said", ["assess", GOOD, "--rules", ORG, "--rules", "{d}/org",
                                           "--full", "-f", "markdown"],
          rules_overlay({"late.yaml": "red_lines:\n  - {id: use-of-force, level: 6}\n"
                                      "disable: [spending-limit]\n"}),
          codes=(0,), check=lambda ran, d: None if all(
              f"red line {rule} of layer {ORG}" in " ".join(out(ran).split())
              for rule in ("use-of-force", "spending-limit")) else "a weakened red line unsaid"),
        P("rules-misspelt-case-tag", ["batch", "{d}/in.csv", "{d}/in.jsonl", "--rules", ORG],
          both(write("in.csv", "id,subject,task,competence,intention,resources,risk,tags\n"
                               "a,Bo,T,5,5,5,2,use-of-forse\nb,Bo,T,5,5,5,2,use-of-force\n"),
               write("in.jsonl", json.dumps({"id": "c", "subject": {"name": "Bo"},
                                             "task": {"title": "T", "tags": ["use-of-forces"]},
                                             "competence": 5, "intention": 5, "resources": 5,
                                             "risk": 2}) + "\n")),
          codes=(1,), check=all_of(rows_written(1), mentions("did you mean 'use-of-force'?"),
                                   lambda ran, d: None if ran.stderr.count(b"did you mean") == 2
                                   else "a misspelt tag passed")),
        # batch inputs ----------------------------------------------------------------------------
        P("batch-alias-bomb-yaml", ["batch", "{d}/in.yaml"],
          write("in.yaml", CASE + "---\n" + bomb() + CASE + "---\n" + CASE), codes=(1,),
          check=rows_written(2)),
        P("batch-comment-separator", ["batch", "{d}/in.yaml"],
          write("in.yaml", CASE + "--- # second\n" + CASE.replace("Kim", "Bo")), codes=(0,),
          check=rows_written(2)),
        P("batch-folder-hostile", ["batch", "{d}/in"],
          both(write("in/a.yaml", CASE), write("in/b.yaml", case(subject="{name: Jørgen}")
                                                  .encode("latin-1")),
               link("in/c.yaml", "{d}/gone"), folder("in/d.yaml"), fifo("in/e.yaml"),
               device("zero", minor=5), link("in/f.yaml", "{d}/zero"),
               link("in/g.yaml", "{d}/in/g.yaml"), write("in/h.yaml", bomb()),
               write("in/i.yaml", CASE.replace("Kim", "Bo"))),
          codes=(1,), check=rows_written(2)),
        P("batch-big-cells", ["batch", "{d}/in.csv"],
          write("in.csv", csv(good_rows(1), "b1,Bo,Plan," + "7" * 5000 + ",4,4,2,1\n",
                              good_rows(2), "b2,Bo," + "x" * 140_000 + ",4,4,4,2,1\n",
                              good_rows(3))), codes=(1,), check=rows_written(3)),
        P("batch-far-date", ["batch", "{d}/in.csv"],
          write("in.csv", csv(good_rows(1), header=HEADER.strip() + ",date\n")
                .replace(",10\n", ",10,2026-01-01\n") + "b,Bo,P,4,4,4,2,1,9999-12-31\n"
                + "c,Bo,P,4,4,4,2,1,2026-13-01\n"), codes=(1,), check=rows_written(1)),
        P("batch-unclosed-quote", ["batch", "{d}/in.csv", "--errors", "{d}/e.jsonl"],
          write("in.csv", csv(good_rows(1), 'b,"Bo,Plan,4,4,4,2,1\n', good_rows(2, 3))),
          codes=(1,)),
        P("batch-duplicate-columns", ["batch", "{d}/in.csv"],
          write("in.csv", "id,subject,subject,task,competence,competence,intention,resources,"
                "risk\nr1,Ann,Eve,Plan,1,5,4,4,2\n"), codes=(2,)),
        P("batch-blank-lines-before-header", ["batch", "{d}/in.csv"],
          write("in.csv", "\n\n\n" + csv(good_rows(1))), codes=(0, 2)),
        P("batch-trailing-separator", ["batch", "{d}/in.csv"],
          write("in.csv", csv(good_rows(1), header=HEADER.strip() + ",\n")), codes=(0, 1, 2)),
        P("batch-unknown-column", ["batch", "{d}/in.csv"],
          write("in.csv", csv(header="id,subjekt,task\n")), codes=(2,)),
        P("batch-nul-and-bom-and-crlf", ["batch", "{d}/in.csv"],
          write("in.csv", b"\xef\xbb\xbf" + csv(good_rows(1)).replace("\n", "\r\n").encode()
                + b"b,B\x00o,Plan,4,4,4,2,1\r\n" + ROW.format(n=2).encode()),
          codes=(1,), check=rows_written(2)),
        P("batch-many-columns", ["batch", "{d}/in.csv"],
          write("in.csv", csv(good_rows(1), "x," * 100_000 + "\n", good_rows(2))),
          codes=(1,), check=rows_written(2)),
        P("batch-header-only", ["batch", "{d}/in.csv"], write("in.csv", HEADER), codes=(0, 2)),
        P("batch-excel-formulas", ["batch", "{d}/in.csv", "--excel", "-o", "{d}/o.csv"],
          write("in.csv", csv('r1,=HYPERLINK("http://x"),=cmd|\' /c calc\'!A1,4,4,4,2,1\n'
                              "r2,@SUM(A1),+1+1,4,4,4,2,1\n", header=HEADER)),
          codes=(0, 1), check=file_lacks("o.csv", ";=HYPERLINK", ";=cmd", ";@SUM", ";+1+1")),
        P("batch-jsonl-hostile", ["batch", "{d}/in.jsonl"],
          write("in.jsonl", "\n".join([
              json.dumps(json.loads(json.dumps({"id": "g1", "subject": {"name": "Kim"},
                                                "task": {"title": "T"}, "competence": 3,
                                                "intention": 3, "resources": 3, "risk": 3}))),
              '{"id": "b1", broken',
              "[" * 100_000 + "]" * 100_000,
              '{"id": "b3", "competence": 1e999, "subject": {"name": "K"}}',
              '{"id": "b4", "competence": NaN}',
              "[1, 2]", '"a string"', "null",
              '{"id": "b5", "subject": {"name": "K\\ud800"}, "task": {"title": "T"}, '
              '"competence": 3, "intention": 3, "resources": 3, "risk": 3}',
              '{"id": "b6", "id": "dup"}',
              json.dumps({"id": "g2", "subject": {"name": "Bo"}, "task": {"title": "T"},
                          "competence": 3, "intention": 3, "resources": 3, "risk": 3})])
              + "\n"), codes=(1,), check=rows_written(2)),
        P("batch-duplicate-ids", ["batch", "{d}/in.csv", "{d}/in.csv"],
          write("in.csv", csv(good_rows(1))), codes=(0, 1, 2)),
        P("batch-stdin-latin1", ["batch", "-"],
          stdin=csv("r1,Jørgen,Plan,4,4,4,2,1\n").encode("latin-1"),
          env={"LANG": "da_DK.ISO-8859-1", "LC_ALL": "da_DK.ISO-8859-1"}, codes=(1, 2),
          check=lambda ran, d: "Ã¸" in out(ran) and "mojibake" or None),
        P("batch-workers-hostile", ["batch", "{d}/in.csv"],
          write("in.csv", csv(good_rows(*range(50)))),
          env={"TRUSTDOSE_WORKERS": "-7"}, codes=(0, 2)),
        P("batch-workers-huge", ["batch", "{d}/in.csv"], write("in.csv", csv(good_rows(1, 2))),
          env={"TRUSTDOSE_WORKERS": "99999999999999999999"}, codes=(0, 2)),
        P("batch-workers-word", ["batch", "{d}/in.csv"], write("in.csv", csv(good_rows(1, 2))),
          env={"TRUSTDOSE_WORKERS": "lots"}, codes=(0, 2)),
        # number forms for red lines --------------------------------------------------------------
        *[P(f"redline-{lang}-{tag}", ["assess", "{d}/c.yaml", "--rules", ORG, "--lang", lang,
                                      "-f", "json"],
            write("c.yaml", amount_case(amount)), codes=(0, 2), check=red_line_applies)
          for lang, tag, amount in [
              ("da", "dot-thousands", '"60.000"'), ("en", "comma-thousands", '"60,000"'),
              ("en", "dot-thousands", '"60.000"'), ("en", "word", '"lots"'),
              ("da", "word", "lots"), ("en", "nan-string", '"NaN"'), ("en", "yaml-nan", ".nan"),
              ("en", "null", "null"), ("en", "bool", "true"), ("en", "list", "[60000]"),
              ("en", "mapping", "{value: 60000}"), ("sv", "nbsp", '"60\u00a0000"'),
              ("nb", "narrow-nbsp", '"60\u202f000"'), ("en", "fullwidth", '"６００００"'),
              ("en", "arabic-indic", '"٦٠٠٠٠"'), ("en", "hex", '"0xEA60"'),
              ("en", "swiss", "\"60'000\""), ("en", "k-suffix", '"60k"'),
              ("en", "exponent", '"6e4"'), ("en", "plus", '"+60000"'),
              ("en", "currency", '"DKK 60,000"'), ("da", "currency", '"60.000 kr."'),
              ("en", "infinity-string", '"Infinity"'), ("en", "underscore", '"60_000"'),
              ("da", "mixed", '"60.000,5"'), ("en", "trailing-space", '"60000 "'),
              ("en", "huge-string", '"%s"' % ("9" * 5000))]],
        P("redline-batch-csv-da", ["batch", "{d}/in.csv", "--rules", ORG, "--lang", "da"],
          write("in.csv", "id;subject;task;competence;intention;resources;risk;facts.amount\n"
                "a;Bo;Plan;5;5;5;1;60.000\nb;Bo;Plan;5;5;5;1;lots\nc;Bo;Plan;5;5;5;1;NaN\n"
                "d;Bo;Plan;5;5;5;1;60 000\n"),
          codes=(0, 1), check=batch_red_line_applies),
        P("redline-batch-csv-en", ["batch", "{d}/in.csv", "--rules", ORG, "--lang", "en"],
          write("in.csv", 'id,subject,task,competence,intention,resources,risk,facts.amount\n'
                'a,Bo,Plan,5,5,5,1,"60,000"\nb,Bo,Plan,5,5,5,1,Infinity\n'
                'c,Bo,Plan,5,5,5,1,nan\nd,Bo,Plan,5,5,5,1,"60,000.5"\n'),
          codes=(0, 1), check=batch_red_line_applies),
        P("redline-batch-jsonl", ["batch", "{d}/in.jsonl", "--rules", ORG, "--lang", "en"],
          write("in.jsonl", "".join(json.dumps({"id": str(n), "subject": {"name": "Bo"},
                                                "task": {"title": "T", "facts": {"amount": a}},
                                                "competence": 5, "intention": 5,
                                                "resources": 5, "risk": 1}) + "\n"
                                    for n, a in enumerate(["60,000", "lots", None, True,
                                                           [60000], "NaN", "6e4"]))),
          codes=(0, 1), check=batch_red_line_applies),
        # config file -----------------------------------------------------------------------------
        P("config-bomb-version", ["--version"], write("cfg.yaml", bomb()),
          env={"TRUSTDOSE_CONFIG": "{d}/cfg.yaml"}, codes=(0, 2)),
        P("config-bomb-help", ["--help"], write("cfg.yaml", bomb()),
          env={"TRUSTDOSE_CONFIG": "{d}/cfg.yaml"}, codes=(0, 2)),
        P("config-bomb-assess", ["assess", GOOD], write("cfg.yaml", bomb()),
          env={"TRUSTDOSE_CONFIG": "{d}/cfg.yaml"}, codes=(2,)),
        P("config-empty", ["assess", GOOD], write("cfg.yaml", ""),
          env={"TRUSTDOSE_CONFIG": "{d}/cfg.yaml"}, codes=(0,)),
        P("config-missing", ["assess", GOOD], env={"TRUSTDOSE_CONFIG": "{d}/nope.yaml"},
          codes=(2,)),
        P("config-folder", ["assess", GOOD], folder("cfg.yaml"),
          env={"TRUSTDOSE_CONFIG": "{d}/cfg.yaml"}, codes=(2,)),
        P("config-fifo", ["assess", GOOD], fifo("cfg.yaml"),
          env={"TRUSTDOSE_CONFIG": "{d}/cfg.yaml"}, codes=(2,)),
        P("config-dev-zero", ["rules", "list"], device("zero", minor=5),
          env={"TRUSTDOSE_CONFIG": "{d}/zero"}, codes=(2,)),
        P("config-deep", ["assess", GOOD], write("cfg.yaml", "rules: " + "[" * 3000 + "]" * 3000),
          env={"TRUSTDOSE_CONFIG": "{d}/cfg.yaml"}, codes=(2,)),
        P("config-bad-values", ["assess", GOOD],
          write("cfg.yaml", "lang: klingon\nrules: [/nonexistent, 5, null]\nextra: 1\n"),
          env={"TRUSTDOSE_CONFIG": "{d}/cfg.yaml"}, codes=(2,)),
        P("config-default-place-bomb", ["--version"],
          write("home/.config/trustdose/config.yaml", bomb()), env={"TRUSTDOSE_CONFIG": None},
          codes=(0, 2)),
        # --db and the journal -------------------------------------------------------------------
        P("db-folder", ["assess", GOOD, "--save", "--db", "{d}/f"], folder("f"), codes=(2,)),
        P("db-env-folder-no-save", ["assess", GOOD], folder("f"),
          env={"TRUSTDOSE_DB": "{d}/f"}, codes=(0, 2)),
        P("db-own-null-device", ["journal", "list", "--db", "{d}/null"], device("null"),
          keep=("null",), codes=(2,)),
        P("db-own-null-device-save", ["assess", GOOD, "--save", "--db", "{d}/null"],
          device("null"), keep=("null",), codes=(2,)),
        P("db-fifo", ["journal", "list", "--db", "{d}/p"], fifo("p"), keep=("p",), codes=(2,)),
        P("db-foreign-list", ["journal", "list", "--db", "{d}/other.db"],
          foreign_sqlite("other.db"), keep=("other.db",), codes=(2,),
          check=absent("other.db-wal")),
        P("db-foreign-save", ["assess", GOOD, "--save", "--db", "{d}/other.db"],
          foreign_sqlite("other.db"), keep=("other.db",), codes=(2,)),
        P("db-foreign-version-1", ["assess", GOOD, "--save", "--db", "{d}/other.db"],
          foreign_sqlite("other.db", 1), keep=("other.db",), codes=(2,)),
        P("db-foreign-version-negative", ["journal", "due", "--db", "{d}/other.db"],
          foreign_sqlite("other.db", -1), keep=("other.db",), codes=(2,)),
        P("db-foreign-via-link", ["assess", GOOD, "--save", "--db", "{d}/l.db"],
          both(foreign_sqlite("other.db"), link("l.db", "{d}/other.db")),
          keep=("other.db", "l.db"), codes=(2,)),
        P("db-text-file", ["journal", "export", "--db", "{d}/c.yaml"], write("c.yaml", CASE),
          keep=("c.yaml",), codes=(2,)),
        P("db-truncated-journal", ["journal", "list", "--db", "{d}/j.sqlite3"],
          both(journal("j.sqlite3"), lambda d: os.truncate(d / "j.sqlite3", 3000)),
          keep=("j.sqlite3",), codes=(2,)),
        P("db-under-a-file", ["assess", GOOD, "--save", "--db", "{d}/c.yaml/j.sqlite3"],
          write("c.yaml", CASE), keep=("c.yaml",), codes=(2,)),
        P("db-missing-list", ["journal", "list", "--db", "{d}/typo.sqlite3"], codes=(0, 2),
          check=absent("typo.sqlite3")),
        P("db-missing-history", ["journal", "history", "Kim", "--db", "{d}/typo.sqlite3"],
          codes=(0, 2), check=absent("typo.sqlite3")),
        P("db-missing-review", ["review", "--outcome", "kept", "--db", "{d}/typo.sqlite3"],
          codes=(2,), check=absent("typo.sqlite3")),
        P("db-other-owner", ["journal", "list", "--db", "{d}/j.sqlite3"],
          both(journal("j.sqlite3"), lambda d: os.chown(d / "j.sqlite3", 12345, 12345)),
          keep=("j.sqlite3",), codes=(2,)),
        P("journal-show-huge-id", ["journal", "show", "99999999999999999999999"],
          journal(), codes=(2,)),
        P("journal-show-negative-id", ["journal", "show", "--", "-1"], journal(), codes=(2,)),
        P("journal-show-escape", ["journal", "show", "\x1b]0;x\x07"], journal(), codes=(2,),
          check=no_raw_controls),
        P("journal-due-bad-date", ["journal", "due", "--on", "2026-13-01"], journal(),
          codes=(2,)),
        P("journal-due-far-date", ["journal", "due", "--on", "9999-12-31"], journal(),
          codes=(0,)),
        P("journal-forget-empty-name", ["journal", "forget", "", "--yes"], journal(),
          codes=(0, 2)),
        P("journal-forget-like-wildcard", ["journal", "forget", "%", "--yes"], journal(),
          codes=(0, 2), check=lambda ran, d: None if "Kim" in (d / "journal.sqlite3")
          .read_bytes().decode("latin-1") or "Lars" in (d / "journal.sqlite3").read_bytes()
          .decode("latin-1") else "forget '%' erased other subjects"),
        P("journal-forget-no-terminal", ["journal", "forget", "Lars"], journal(),
          keep=("journal.sqlite3",), codes=(2,)),
        P("review-impossible-date", ["review", "--outcome", "kept", "--date", "2026-13-01"],
          journal(), codes=(2,)),
        P("review-far-date", ["review", "--outcome", "broken", "--cause", "competence",
                              "--date", "9999-12-31"], journal(), codes=(0, 2)),
        P("review-from-bomb", ["review", "--from", "{d}/r.yaml"],
          both(journal(), write("r.yaml", bomb())), codes=(2,)),
        P("review-from-bad-date", ["review", "--from", "{d}/r.yaml"],
          both(journal(), write("r.yaml", "outcome: kept\ndate: 2026-13-01\nentry: "
                                          + "9" * 5000 + "\n")), codes=(2,)),
        P("review-note-escape", ["review", "--outcome", "kept", "--note", "\x1b[2J\x1b]0;x\x07"],
          journal(), codes=(2,), check=no_raw_controls),
        P("review-entry-huge", ["review", "99999999999999999999999", "--outcome", "kept"],
          journal(), codes=(2,)),
        P("save-pseudonym-escape", ["assess", GOOD, "--save", "--pseudonym", "\x1b[2J"],
          codes=(2,), check=no_raw_controls),
        # issue 20, the journal part: a journal that never loses, locks, or lies ------------
        P("journal-forget-short-name", ["journal", "forget", "A", "--yes"],
          journal_sql("INSERT INTO subjects (name, kind) VALUES ('A', 'person')", COPY_AS_A),
          codes=(0,), check=others_unchanged("A", 1, 2)),
        P("journal-forget-decomposed-name", ["journal", "forget", "Jos\u00e9", "--yes"],
          journal_sql("UPDATE subjects SET name = 'Jose\u0301' WHERE name = 'Lars'"), codes=(0,),
          check=others_unchanged("Jose\u0301", 2)),
        P("journal-damaged-row-export", ["journal", "export"],
          journal_sql("UPDATE entries SET scores = '{' WHERE id = 2"), codes=(0,),
          check=said("entry 2 is damaged", '"id": 1')),
        P("db-read-only-save", ["assess", GOOD, "--save"], both(journal(), chmod("journal"
          ".sqlite3", 0o400)), keep=("journal.sqlite3",), wrap=NO_PRIVILEGE, codes=(2,),
          check=said("permission denied", "journal.sqlite3 is read-only")),
        P("db-read-only-folder-list", ["journal", "list", "--db", "{d}/ro/j.sqlite3"],
          both(folder("ro"), journal("ro/j.sqlite3"), chmod("ro", 0o500)),
          keep=("ro", "ro/j.sqlite3"), wrap=NO_PRIVILEGE, codes=(0,), check=said("Lars")),
        P("db-read-only-shm-review", ["review", "1", "--outcome", "kept"],
          both(journal(), write("journal.sqlite3-shm", bytes(32768), 0o400)),
          keep=("journal.sqlite3",), wrap=NO_PRIVILEGE, codes=(2,),
          check=said("permission denied", "-shm is read-only")),
        P("db-file-size-limit-save", ["assess", GOOD, "--save"], journal(),
          shell="ulimit -f 32; trap '' XFSZ", keep=("journal.sqlite3",), codes=(2,),
          check=all_of(said("file size limit"), intact(2))),
        P("review-from-time-of-day", ["review", "--from", "{d}/r.yaml"],
          both(journal(), write("r.yaml", "entry: 1\noutcome: kept\ndate: 2026-12-01 10:00:00\n")),
          keep=("journal.sqlite3",), codes=(2,), check=said("without a time of day")),
        P("db-control-in-path-save", ["assess", GOOD, "--save", "--db", "{d}/a\nb/j.sqlite3"],
          folder("a\nb"), codes=(0,), check=said("a\\nb/j.sqlite3")),
        # locales, terminals and the environment --------------------------------------------------
        P("locale-c-no-utf8", ["assess", str(EXAMPLES / "vagtplan-da.yaml"), "--full"],
          env={"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
          codes=(0,)),
        P("locale-c-error-with-unicode", ["assess", "{d}/ø—✓.yaml"],
          env={"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
          codes=(2,)),
        P("locale-c-batch-stdin-utf8", ["batch", "-", "--lang", "da"],
          stdin=csv("r1,Jørgen ✓,Plan,4,4,4,2,1\n").encode(),
          env={"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
          codes=(0,)),
        P("locale-latin1-name", ["assess", "{d}/c.yaml", "--lang", "da"],
          write("c.yaml", case(subject="{name: Zoë 李 ✓}")),
          env={"LANG": "da_DK.ISO-8859-1", "LC_ALL": "da_DK.ISO-8859-1", "PYTHONUTF8": "0",
               "PYTHONCOERCECLOCALE": "0"}, codes=(0,)),
        P("locale-pythonioencoding-ascii", ["assess", "{d}/c.yaml", "--lang", "sv", "--full"],
          write("c.yaml", case(subject="{name: Åsa 李}")),
          env={"PYTHONIOENCODING": "ascii:strict"}, codes=(0,)),
        P("locale-pythonioencoding-latin1-error", ["assess", "{d}/李.yaml"],
          env={"PYTHONIOENCODING": "latin-1:strict"}, codes=(2,)),
        P("locale-turkish", ["assess", GOOD, "--planned", "INQUIRE"],
          env={"LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8"}, codes=(0,)),
        P("env-lang-bogus", ["assess", GOOD], env={"TRUSTDOSE_LANG": "\x1b[2Jxx"},
          codes=(0, 2), check=no_raw_controls),
        # no HOME: the user's folders come from elsewhere; the journal's is given, so that
        # the run cannot save into the journal of whoever runs the tests
        P("env-home-unset", ["assess", GOOD, "--save"],
          env={"HOME": None, "XDG_DATA_HOME": "{d}/data", "XDG_CACHE_HOME": None,
               "TRUSTDOSE_DB": None, "XDG_CONFIG_HOME": None, "TRUSTDOSE_CACHE_DIR": None},
          codes=(0, 2), check=lambda ran, d: None if ran.code or any(
              (d / "data").rglob("*.sqlite3")) else "saved, but not where XDG_DATA_HOME says"),
        P("env-cache-is-device", ["assess", GOOD], device("null"),
          env={"TRUSTDOSE_CACHE_DIR": "{d}/null"}, keep=("null",), codes=(0, 2)),
        P("env-cache-is-file", ["assess", GOOD], write("c.yaml", CASE),
          env={"TRUSTDOSE_CACHE_DIR": "{d}/c.yaml"}, keep=("c.yaml",), codes=(0, 2)),
        P("env-cache-poisoned", ["assess", GOOD],
          both(folder("cache"), lambda d: [
              (d / "cache" / n).write_bytes(b"\x80\x04cos\nsystem\n(S'touch PWNED'\ntR.")
              for n in ("rules.pickle", "x.pickle", "rules.json", "x.json")]),
          env={"TRUSTDOSE_CACHE_DIR": "{d}/cache"}, codes=(0, 2), check=absent("cwd/PWNED")),
        P("env-cache-world-writable", ["assess", GOOD], folder("cache"),
          env={"TRUSTDOSE_CACHE_DIR": "{d}/cache"}, codes=(0, 2)),
        P("env-umask-000", ["assess", GOOD, "--save"], umask=0, codes=(0,),
          env={"TRUSTDOSE_DB": None, "TRUSTDOSE_CACHE_DIR": None},
          check=lambda ran, d: next((f"{p} is {oct(p.stat().st_mode)}"
                                     for p in (d / "home").rglob("*")
                                     if p.is_dir() and p.stat().st_mode & 0o077), None)),
        P("term-dumb-tty", ["assess", GOOD], env={"TERM": "dumb"}, tty=True, codes=(0,),
          check=no_colour),
        P("no-color-tty-rules-list", ["rules", "list"], env={"NO_COLOR": "1"}, tty=True,
          codes=(0,), check=no_colour),
        P("no-color-tty-help", ["--help"], env={"NO_COLOR": "1"}, tty=True, codes=(0,),
          check=no_colour),
        P("no-color-tty-journal", ["journal", "list"], journal(), env={"NO_COLOR": "1"},
          tty=True, codes=(0,), check=no_colour),
        P("term-dumb-tty-batch", ["batch", str(EXAMPLES / "batch" / "workshop.csv")],
          env={"TERM": "dumb"}, tty=True, codes=(0, 1), check=no_colour),
        P("tty-narrow-columns", ["assess", GOOD, "--full"],
          env={"COLUMNS": "1", "LINES": "-5"}, tty=True, codes=(0,)),
        P("tty-huge-columns", ["rules", "list"], env={"COLUMNS": "99999999999"}, tty=True,
          codes=(0,)),
        P("lang-without-value", ["assess", GOOD, "--lang"], codes=(2,)),
        # issue 20, reading YAML and files as a person means them (part "yaml") -----------------
        # tags crashed every YAML reader (a batch stopped whole); folded into one batch folder;
        # a tag in a rule file, ~nouser in TRUSTDOSE_CONFIG and TRUSTDOSE_DB, the rules cache
        # and the 9 MB name's echo are in-process tests (tests/io, tests/rules)
        *[P(f"case-tag-{tag}", ["assess", "{d}/c.yaml"], write("c.yaml", case(competence=value)),
            codes=(2,)) for tag, value in [
              ("bool-maybe", "!!bool maybe"), ("int-empty", '!!int ""'),
              ("timestamp-abc", "!!timestamp abc"), ("float-x", "!!float x"),
              ("binary", "!!binary aGk="), ("python-name", "!!python/name:os.system"),
              ("set", "!!set {a}"), ("omap", "!!omap [a: 1]"), ("unknown", "!foo 3")]],
        P("case-tag-and-merge-key-named", ["batch", "{d}/in", "-f", "jsonl"],
          both(write("in/a.yaml", case(competence="!!int abc")),
               write("in/b.yaml", "base: &b {name: Kim}\n" + case(subject="{<<: *b}")),
               write("in/c.yaml", CASE)), codes=(1,),
          check=all_of(rows_written(1), said("a.yaml:3:13: a YAML tag (!!int) is not allowed",
                                             "b.yaml:2:11: a YAML merge key (<<)"))),
        P("case-huge-name-echo", ["assess", "{d}/c.yaml", "-f", "json"],
          write("c.yaml", case(subject='{name: "%s"}' % ("x" * 1_000_000))), codes=(2,),
          check=lambda ran, d: None if len(ran.stderr) < 2000
          else f"{len(ran.stderr)} bytes on stderr"),
        # JSON text in a .yaml file is YAML: 60.000 is sixty thousand in Danish
        P("redline-da-flow-json", ["assess", "{d}/c.yaml", "--rules", ORG, "--lang", "da",
                                   "-f", "json"],
          write("c.yaml", '{"subject": {"name": "Bo"}, "task": {"title": "Order lifting '
                'equipment", "facts": {"amount": 60.000}}, "competence": 5, "intention": 5, '
                '"resources": 5, "risk": 1}\n'), codes=(0, 2), check=red_line_applies),
        P("rules-suffix-in-capitals", ["assess", "{d}/c.yaml", "--rules", "{d}/org", "-f", "json"],
          both(write("c.yaml", case(task="{title: Restraint, tags: [use-of-force]}",
                                    competence="5", intention="5", resources="5", risk="2")),
               copy(f"{ORG}/red-lines.yaml", "org/red-lines.YAML"),
               copy(f"{ORG}/sources.yaml", "org/sources.yaml")), codes=(0,), check=level_is(3)),
        P("rules-tag-in-rule-test", ["rules", "test", "{d}/org"],
          both(write("org/ok.yaml", "measures: []\n"),
               write("org/t.test.yaml", "tests:\n  - name: !!bool maybe\n")), codes=(2,)),
        P("review-from-tag", ["review", "--from", "{d}/r.yaml"],
          both(journal(), write("r.yaml", "outcome: !!timestamp abc\n")), codes=(2,)),
        P("config-tag-version", ["--version"], write("cfg.yaml", "lang: !!bool maybe\n"),
          env={"TRUSTDOSE_CONFIG": "{d}/cfg.yaml"}, codes=(0, 2)),
        P("config-lang-off", ["assess", GOOD], write("cfg.yaml", "lang: off\n"),
          env={"TRUSTDOSE_CONFIG": "{d}/cfg.yaml"}, codes=(2,), check=said("'off'")),
        P("config-rules-tilde-unknown-user", ["assess", GOOD],
          write("cfg.yaml", "rules: ['~no-such-user-td20/r']\n"),
          env={"TRUSTDOSE_CONFIG": "{d}/cfg.yaml"}, codes=(2,), check=said("cfg.yaml:1:")),
        P("env-rules-tilde-unknown-user", ["assess", GOOD],
          env={"TRUSTDOSE_RULES": "~no-such-user-td20/r"}, codes=(2,)),
        P("env-no-home-no-user-entry", ["assess", GOOD, "--save"],
          write("site/sitecustomize.py", "import pwd\n\n\ndef _none(uid):\n    raise "
                "KeyError(uid)\n\n\npwd.getpwuid = _none\n"),
          env={"HOME": None, "XDG_DATA_HOME": None, "XDG_CONFIG_HOME": None,
               "XDG_CACHE_HOME": None, "TRUSTDOSE_DB": None, "TRUSTDOSE_CACHE_DIR": None,
               "PYTHONPATH": os.pathsep.join(filter(None, ["{d}/site",
                                                           os.environ.get("PYTHONPATH")]))},
          codes=(2,), check=all_of(absent("cwd/~"), said("HOME"))),
        P("batch-utf16-csv", ["batch", "{d}/in.csv"],
          write("in.csv", csv(good_rows(1, 2)).encode("utf-16")), codes=(2,), check=said("UTF-16")),
        P("batch-folder-suffixes", ["batch", "{d}/in", "-f", "jsonl"],
          both(write("in/a.YAML", CASE), write("in/b.Yml", CASE),
               write("in/c.JSON", json.dumps({"subject": {"name": "Kim"}, "task": {"title": "T"},
                                              "competence": 3, "intention": 3,
                                              "resources": 3, "risk": 3})),
               write("in/d.CSV", csv(good_rows(1)))),
          codes=(1,), check=all_of(rows_written(3), said("d.CSV: not read"))),
        # issue 22, part read: workbooks and CSV as coaches have them ---------------------------
        P("batch-xlsx-claims-a-million-rows", ["batch", "{d}/w.xlsx"], huge_sheet,
          codes=(2,), check=said("1,048,576 rows")),
        # written as CSV (a line of each row's subject, levels and measures): as JSON
        # lines the rows were 300 MB to read and search, the corpus's slowest part. The bad
        # byte at row 10,000 lies far past the 64 KB the reader looks at first (170 KB in)
        # and in a worker's chunk (500 rows) far from the first: 50,000 rows took 2.1 s
        # and found nothing more
        P("batch-mixed-encoding-row-10000", ["batch", "{d}/in.csv", "-f", "csv"],
          write("in.csv", "subject;task;competence;intention;resources;risk\n".encode()
                + "Åse;Plan;4;4;4;2\n".encode() * 9_998 + "Jørgen;Plan;4;4;4;2\n".encode(
                    "cp1252") + "Åse;Plan;4;4;4;2\n".encode()),
          env={"TRUSTDOSE_WORKERS": "2"}, codes=(1,),
          check=all_of(rows_written(1 + 9_999),  # the header, then each good row
                       said("in.csv:10000:2: not UTF-8 text",
                            "UTF-8 with some bytes that are not"),
                       lambda ran, d: "read as Windows-1252" if "Ã" in out(ran) else None)),
        # issue 20, the cli part: no input overwritten, no hang, no raw escape, no line
        # past the terminal's edge ---------------------------------------------------------
        P("config-out-onto-a-rule-file-it-lists", ["assess", GOOD, "-o", "{d}/org/m.yaml"],
          both(write("cfg.yaml", "rules: [org]\n"), write("org/m.yaml", "measures: []\n")),
          env={"TRUSTDOSE_CONFIG": "{d}/cfg.yaml"}, keep=("org/m.yaml", "cfg.yaml"),
          codes=(2,)),
        P("out-errors-onto-env-rules-by-link", ["batch", GOOD, "--errors", "{d}/l.yaml"],
          both(write("org/m.yaml", "measures: []\n"), link("l.yaml", "{d}/org/m.yaml")),
          env={"TRUSTDOSE_RULES": "{d}/org"}, keep=("org/m.yaml",), codes=(2,)),
        P("out-export-onto-the-config-by-link", ["journal", "export", "-o", "{d}/l.yaml"],
          both(journal(), write("cfg.yaml", "lang: en\n"), link("l.yaml", "{d}/cfg.yaml")),
          env={"TRUSTDOSE_CONFIG": "{d}/cfg.yaml"}, keep=("cfg.yaml", "l.yaml"), codes=(2,)),
        P("out-onto-fifo-no-reader", ["assess", GOOD, "-o", "{d}/p"], fifo("p"), keep=("p",),
          codes=(2,), deadline=10),
        P("term-help-huge-columns", ["--help"], env={"COLUMNS": "10000000"}, codes=(0,),
          check=lambda ran, d: None if len(ran.stdout) < 50_000 else
          f"{len(ran.stdout)} bytes of help"),
        P("term-help-overflowing-columns", ["rules", "--help"], env={"COLUMNS": "1" + "0" * 20},
          tty=True, codes=(0,)),
        P("term-rule-test-names-escaped", ["rules", "test", "{d}/org"],
          rules_overlay({"m.yaml": "measures: []\n", "t.test.yaml": HOSTILE_TEST}), codes=(1,),
          check=no_raw_controls),
        P("term-rule-show-bidi-escaped", ["rules", "show", "evil", "--rules", "{d}/org"],
          rules_overlay({"r.yaml": HOSTILE_REASON}), codes=(0,), check=no_raw_controls),
        P("tty-short-report-at-40-columns", ["assess", GOOD, "--lang", "sv"],
          env={"COLUMNS": "40"}, tty=True, codes=(0,), check=fits(40)),
        # grid (issue 20): rules check and rules diff grew without bound with the tags a
        # rule names (2,000: minutes); one process each for a red line on any of 2,000
        # tags, one on all of 2,000 others (and, for the check, a task fact in a list of
        # 2,000 values); the diff walks the same contexts, so 1,000 of each shows it too
        P("rules-check-2000-tags", ["rules", "check", "{d}/org"],
          rules_overlay({"r.yaml": many_tags()}), codes=(0,), deadline=60.0,
          check=lambda ran, d: None if b"no findings" in ran.stderr else "no verdict"),
        P("rules-diff-1000-tags", ["rules", "diff", "default", "{d}/org", "--examples", "1"],
          rules_overlay({"r.yaml": many_tags(1000, facts=False)}), codes=(0,), deadline=60.0,
          check=lambda ran, d: None if "change level" in out(ran) else "no comparison"),
        # issue 22, part "answer": the output answers the workshop's questions; the rest
        # is in-process (tests/batch/test_labelled.py). A workbook asked for on a terminal
        # is refused before the run, saying how to write it, never poured onto it as bytes
        P("term-batch-xlsx-to-a-terminal", ["batch", str(EXAMPLES / "batch" / "workshop.csv"),
                                            "-f", "xlsx"], tty=True, codes=(2,),
          check=lambda ran, d: None if b"-o results.xlsx" in ran.stderr
          and b"PK" not in ran.stdout else "not refused with how to write it"),
    ]
    c += dodged_by_spelling()
    c += agreements()
    c += summary_where_asked()
    solo_cases = {"case-alias-bomb", "case-far-date", "case-lone-surrogate-json",
                  "case-escape-in-name", "case-python-tag-injection", "case-over-size-limit"}
    solo_redlines = {"redline-da-dot-thousands", "redline-en-comma-thousands", "redline-en-word",
                     "redline-en-yaml-nan", "redline-en-nan-string", "redline-en-fullwidth"}
    cases = [p for p in c if p.id.startswith("case-") and p.id not in solo_cases
             and p.args in (["assess", "{d}/c.yaml"], ["assess", "{d}/c.json"])
             and hasattr(p.setup, "files")]
    redlines = [p for p in c if p.id.startswith("redline-") and p.args[0] == "assess"
                and p.id not in solo_redlines]
    folds = [folded(cases, "case-files-as-one-batch-folder", [], 2)]
    for lang in ("da", "en", "sv", "nb"):
        group = [p for p in redlines if p.args[5] == lang]
        if group:
            probe = folded(group, f"redline-forms-batch-{lang}", ["--rules", ORG, "--lang", lang],
                           0)
            probe.check = batch_red_line_applies
            folds.append(probe)
    gone = {p.id for p in cases + redlines}
    FOLDED.update({f.id: len([p for p in cases + redlines if p in (cases if f.id.startswith("case")
                   else [q for q in redlines if q.args[5] == f.id.rsplit("-", 1)[1]])])
                   for f in folds})
    return [p for p in c if p.id not in gone | DROPPED] + folds


def dodged_by_spelling() -> list[Probe]:
    """Issue 20: a red line passed by how a number is written (YAML 1.1 reads these as octal,
    binary or base 60: refused, never converted), and red lines on values no case can hold
    (refused at load with the spelling a case can have)."""
    numbers = [P(f"redline-{lang}-{tag}", ["assess", "{d}/c.yaml", "--rules", ORG, "--lang",
                                           lang, "-f", "json"],
                 write("c.yaml", amount_case(amount)), codes=(0, 2), check=red_line_applies)
               for lang, tag, amount in [
                   ("en", "yaml11-octal", "075000"), ("da", "yaml11-octal", "075000"),
                   ("en", "yaml11-octal-underscore", "0_75000"),
                   ("en", "yaml11-sexagesimal", "1:23:20"), ("sv", "yaml11-sexagesimal", "16:40"),
                   ("en", "yaml11-binary", "0b1100001101010000"),
                   ("en", "yaml11-octal-0o", "0o165140")]]
    unholdable = {
        "capitals.yaml": "red_lines:\n  - id: a\n    when: {field: tags, op: contains, "
                         "value: Use-Of-Force}\n    level: 3\n    reason: {en: x}\n",
        "space.yaml": 'red_lines:\n  - id: b\n    when: {field: tags, op: contains, '
                      'value: "use-of-force "}\n    level: 3\n    reason: {en: x}\n',
        "kind.yaml": "red_lines:\n  - id: c\n    when: {field: task.kind, op: ==, "
                     "value: one_off}\n    level: 3\n    reason: {en: x}\n",
        "fact-case.yaml": "red_lines:\n  - id: d\n    when: {field: facts.Amount, op: '>=', "
                          "value: 50000}\n    level: 3\n    reason: {en: x}\n",
        "fact-dots.yaml": "red_lines:\n  - id: e\n    when: {field: facts.a.b, op: '>=', "
                          "value: 1}\n    level: 3\n    reason: {en: x}\n"}
    return numbers + [
        P("rules-values-no-case-holds", ["rules", "list", "--rules", "{d}/org"],
          rules_overlay(unholdable), codes=(2,),
          check=all_of(mentions(*unholdable), mentions("use-of-force", "one-off", "amount"))),
    ]


# issue 22, part agreements: `batch --agreements DIR` names each file from the row's own
# words; one process for every hostile name, and one for a folder the cases come from
AGREEMENT_NAMES = ["../../etc/passwd", "CON", "nul.md", "ж" * 200, "🙂", "שרה כהן",
                   "..", "a/b\\c:d*?<>|", " .hidden", "~root"]


def agreements_written(ran: Ran, d) -> str | None:
    """Every assessed row has its agreement in the folder, each a regular file with a
    name that stays there; the link that was there is left, and nothing lands beside."""
    made = sorted(os.listdir(d / "out"))
    files = [n for n in made if not os.path.islink(d / "out" / n)]
    if len(files) != len(AGREEMENT_NAMES):
        return f"{len(files)} agreements, wanted {len(AGREEMENT_NAMES)}: {made}"
    bad = [n for n in files if n.startswith(".") or not n.endswith(".md") or "/" in n
           or n.split(".")[0] in ("con", "nul") or len(n.encode()) > 200]
    strays = [str(p.relative_to(d)) for p in d.rglob("*.md")
              if p.parent != d / "out" and p.name != "precious.md"]
    return f"bad names {bad}, strays {strays}" if bad or strays else None


def agreements() -> list[Probe]:
    rows = "subject,task,competence,intention,resources,risk\n" + "".join(
        '"%s",Plan,3,3,3,3\n' % name.replace('"', '""') for name in AGREEMENT_NAMES)
    return [
        P("batch-agreements-hostile-names",
          ["batch", "{d}/in.csv", "--agreements", "{d}/out", "--force", "-o", "{d}/rows.jsonl"],
          both(write("in.csv", rows), write("precious.md", "keep"),
               link("out/etc-passwd-plan.md", "{d}/precious.md")),
          keep=("precious.md", "/etc/passwd", "in.csv"), codes=(0,), check=agreements_written),
        P("batch-agreements-into-the-input-folder",
          ["batch", "{d}/in", "--agreements", "{d}/in/../in/"], write("in/c.yaml", CASE),
          keep=("in",), codes=(2,), check=mentions("the cases are read from this folder")),
    ]
# issue 22, part "summary": the summary goes where the coach sends it (a shell's redirection
# of standard output is the point: `--summary-only > opsummering.txt` left 0 bytes)
def summary_where_asked() -> list[Probe]:
    def summary_in_the_file(ran: Ran, d) -> str | None:
        path = d / "opsummering.txt"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if not text.startswith("3 sager: 2 vurderet, 1 afvist\nniveauer: "):
            return f"opsummering.txt holds {text[:60]!r}"
        return None if "niveauer" not in ran.stderr.decode() else "the summary on stderr too"
    return [P("out-summary-only-redirected", ["--lang", "da", "batch", "{d}/in.csv",
                                               "--summary-only"],
              write("in.csv", csv(good_rows(1, 2), "bad,Kim,Plan,9,3,3,3,10\n")),
              redirect=">{d}/opsummering.txt", codes=(1,), check=summary_in_the_file)]


# covered by another probe here or by the other tests, left out to keep the corpus fast
DROPPED = {
    "case-planned-empty", "case-review-date-zero", "case-path-dash", "case-proc-self",
    "case-dev-zero-direct", "case-lang-bogus", "stdin-closed-no-args", "stdout-full-disk-batch",
    "out-onto-case-dotdot", "out-into-missing-folder", "schema-onto-case", "rules-is-a-file",
    "rules-unreadable", "rules-format-spec", "rules-huge-days", "rules-op-typo", "rules-latin1",
    "rules-empty-file", "rules-diff-bomb", "rules-test-min-coverage-huge",
    "rules-require-lang-bogus", "batch-header-only", "batch-workers-huge", "batch-workers-word",
    "batch-blank-lines-before-header", "batch-trailing-separator", "batch-unknown-column",
    "batch-far-date", "config-bomb-assess", "config-deep", "config-dev-zero", "db-text-file",
    "db-missing-history", "journal-show-negative-id", "journal-due-far-date",
    "journal-forget-empty-name", "review-entry-huge", "locale-pythonioencoding-latin1-error",
    "locale-c-error-with-unicode", "env-cache-is-file", "env-cache-world-writable",
    "term-dumb-tty-batch", "tty-huge-columns", "rules-huge-format-width", "rules-negative-days",
    "case-planned-negative",
    # the same run, its message checked too, in tests/cli/test_streams.py (STREAMS)
    "stdin-closed-assess", "stdin-closed-batch"}


FOLDED: dict[str, int] = {}  # a folded probe's id -> how many inputs it holds


XFAIL: dict[str, str] = {}  # probe id -> why it is known to fail (none now)

CORPUS = probes()


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("hostile")
    base = scratch / "base"
    base.mkdir()
    JOURNAL["path"] = base / "journal.sqlite3"
    # the journal the probes start from, saved in-process: the probes are the processes
    from helpers import run
    for example in (GOOD, str(EXAMPLES / "new-employee.yaml")):
        done = run("assess", example, "--save", "--db", str(JOURNAL["path"]), "-f", "json")
        assert done.returncode == 0, done.stderr
    return run_all(CORPUS, scratch / "runs")


def _params():
    for probe in CORPUS:
        marks = ()
        reason = XFAIL.get(probe.id) or probe.xfail
        if reason:
            marks = (pytest.mark.xfail(strict=True, reason=reason),)
        yield pytest.param(probe.id, id=probe.id, marks=marks)


@pytest.mark.parametrize("probe_id", list(_params()))
def test_hostile_input(outcomes, probe_id):
    wrong = outcomes[probe_id]
    assert not wrong, f"{probe_id}: " + "; ".join(wrong)


def test_the_corpus_covers_every_class():
    prefixes = {p.id.split("-")[0] for p in CORPUS}
    assert {"case", "stdin", "stdout", "out", "batch", "rules", "redline", "config", "db",
            "journal", "review", "locale", "env", "term", "no"} <= prefixes
    assert len({p.id for p in CORPUS}) == len(CORPUS)
