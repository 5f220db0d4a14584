"""`assess CASE --self ANSWERS…`: the employee's or team's own view beside the
leader's answers of one case, written after the report (in JSON, as its `self_view`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

SUFFIXES = (".yaml", ".yml", ".json")


def answer_files(given: Sequence[str]) -> list[Path]:
    """The answers files named: a file as it is, a folder as the YAML and JSON files in it
    (a team's answers gathered in one place), in name order; an empty folder is refused
    (`UsageError`): no answer would be compared."""
    from ..errors import UsageError
    from ..i18n import _
    files = []
    for name in given:
        if str(name).strip() in ("", "-"):  # an unset $VAR, or standard input: never meant
            raise UsageError(_("--self '{path}': give an answers file or a folder of "
                               "them").format(path=name), _(
                "the files the employee or team members wrote with trustdose ask --self"))
        path = Path(name)
        if not path.is_dir():
            files.append(path)
            continue
        found = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES
                       and not p.name.startswith("."))
        if not found:
            raise UsageError(_("--self {folder}: the folder holds no answers file (.yaml, "
                               ".yml or .json)").format(folder=path),
                             _("give the files the employee or team members wrote with "
                               "trustdose ask --self"))
        files += found
    return files


def not_inside(output: Path | None, given: Sequence[Path]) -> None:
    """Refuse an output inside a folder of answers files (exit 2): it would be read as
    an answer the next time."""
    if output is None:
        return
    import os
    where = os.path.realpath(output.parent if str(output.parent) else ".")
    for folder in given:
        if str(folder) not in ("", "-") and folder.is_dir() \
                and os.path.realpath(folder) == where:
            from ..errors import UsageError
            from ..i18n import _
            raise UsageError(_("--output {output}: it is in the folder of answers files "
                               "{folder}, where it would be read as an answer").format(
                output=output, folder=folder), _("write it to another folder"))


def compared(doc: Any, result: Any, files: Sequence[Path], rules: Any) -> Any:
    """The self-view of `files` compared with the case in `doc` (a board's self-view
    compares its area that is this task, if it has one)."""
    from ..engine.compiled import compile_rules
    from ..selfview.assess import self_compared
    from ..selfview.read import read_each
    compiled = compile_rules(rules)
    views, problems = read_each(files, compiled.indicators, result.subject)
    return self_compared([doc.data], [(None, result.task.title)], views, result.subject,
                         rules, compiled, today=result.date, strict=False, problems=problems)


def pieces(report: Any, result: Any, seen: Any) -> list[bytes]:
    """The report of `result` with the self-view `seen` after it (JSON: inside it)."""
    from ..report.formats import ReportFormat
    if report.fmt is ReportFormat.json:
        import json

        from ..errors import json_visible
        made = {**result.to_json(), "self_view": seen.to_json()}
        return [(json_visible(json.dumps(made, ensure_ascii=False, indent=2)) + "\n").encode()]
    made = report.result(result)
    if report.fmt is ReportFormat.agreement:  # the agreement is what was agreed, for them
        return made
    from ..report import self_view
    name, title = result.subject.name, result.task.title
    lines = self_view.items(seen, name, [title])
    said = self_view.level_said(seen, name, seen.levels[0] if seen.levels else None)
    if report.fmt is ReportFormat.markdown:
        from ..report.markdown import escape
        text = [f"## {escape(self_view.heading(name))}", ""]
        text += [f"- {escape(line)}" for line in lines]
        text += ["", escape(said)] if said else []
        return [*made, ("\n" + "\n".join(text) + "\n").encode()]
    from ..report.text import _wrap
    text = _wrap(self_view.heading(name), "", "  ", report.width)
    for line in [*lines, *([said] if said else [])]:
        text += _wrap(line, "  ", "    ", report.width)
    return [*made, ("\n" + "\n".join(text) + "\n").encode()]
