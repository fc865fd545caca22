"""The three ways `posdiff check` reports: text, json and GitHub annotations."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any, TextIO

from rich.text import Text

from posdiff.diagnostics import Diagnostic, Severity
from posdiff.record.check import CheckReport
from posdiff.render.console import make_console, word_key
from posdiff.render.inert import inert, inert_json
from posdiff.render.layout import strip_trailing_space
from posdiff.words import count

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def render_text(report: CheckReport, out: TextIO, strict: bool) -> None:
    console = make_console(out)
    by_file = groupby(report.diagnostics, key=lambda d: d.file)
    for index, (_, problems) in enumerate(by_file):
        if index and console.is_terminal:
            console.print()
        for problem in problems:
            line = Text(f"{inert(problem.file)}:{problem.line}:{problem.column}: ", style="bold")
            line.append(problem.severity.value, style=_STYLE[problem.severity])
            line.append(f" [{problem.code}] ", style="dim")
            line.append(inert(problem.message))
            # Never wrapped: a wrapped message could put its own words at a line's start.
            console.print(line, soft_wrap=True)
    # posdiff's own words, wrapped at the width like any table (a problem's line above is
    # never wrapped: its words are the record's, and file:line:col is one line for tools).
    with console.capture() as captured:
        console.print(_summary_line(report, strict))
        if console.color_system:  # what the colours of severities and the verdict say
            severities = {d.severity for d in report.diagnostics}
            console.print(word_key({"green" if report.ok(strict) else "red",
                                    *(["red"] if Severity.ERROR in severities else []),
                                    *(["yellow"] if Severity.WARNING in severities else [])},
                                   "colour"))
    out.write(strip_trailing_space(captured.get()))


def _summary_line(report: CheckReport, strict: bool) -> Text:
    s = report.summary()
    ok = report.ok(strict)
    counts = f"{count(s['errors'], 'error')}, {count(s['warnings'], 'warning')}"
    record = (f"{count(s['parties'], 'party', 'parties')}, {count(s['issues'], 'issue')}, "
              f"{count(s['positions'], 'position')}, {count(s['quotes'], 'quote')} "
              f"({s['quotes_exact']} exact, {s['quotes_normalised']} normalised, "
              f"{s['quotes_unmatched']} not located"
              + (f", {s['quotes_unchecked']} not checked" if s['quotes_unchecked'] else "")
              + f"), {count(s['seeds'], 'seed')}")
    text = Text("ok" if ok else "failed", style="bold green" if ok else "bold red")
    text.append(f": {counts}; {record}")
    return text


def diagnostic_dict(problem: Diagnostic) -> dict[str, Any]:
    return {"file": problem.file, "line": problem.line, "column": problem.column,
            "severity": problem.severity.value, "code": problem.code,
            "message": problem.message, "path": problem.path}


def render_json(report: CheckReport, out: TextIO, strict: bool) -> None:
    document = {"ok": report.ok(strict),
                "problems": [diagnostic_dict(d) for d in report.diagnostics],
                "summary": report.summary()}
    out.write(inert_json(document) + "\n")


def _github_escape(text: str, property_value: bool = False) -> str:
    # The workflow-command escapes GitHub documents for data and property values.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(report: CheckReport, out: TextIO, strict: bool) -> None:
    for problem in report.diagnostics:
        file = _github_escape(inert(problem.file.removeprefix("./")), property_value=True)
        message = _github_escape(inert(
            f"{problem.line}:{problem.column} [{problem.code}] {problem.message}"))
        out.write(f"::{problem.severity.value} file={file},line={problem.line},"
                  f"col={problem.column}::{message}\n")
    summary = report.summary()
    out.write(f"posdiff check: {count(summary['errors'], 'error')}, "
              f"{count(summary['warnings'], 'warning')}\n")


CHECK_FORMATS: dict[str, Callable[[CheckReport, TextIO, bool], None]] = {
    "text": render_text,
    "table": render_text,
    "json": render_json,
    "github": render_github,
}
