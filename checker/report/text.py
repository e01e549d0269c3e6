"""The text report, in the manner of ruff and rustc.

post.md:58:3: DUP001 duplicate list item "Increase in blood pressure" (first at line 57)
   |
58 | - Increase in blood pressure
   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^ error
   = help: remove the repeated item (fix available)
"""

from __future__ import annotations

import unicodedata

from checker.engine import FileResult, RunResult
from checker.findings import Finding
from checker.report import ReportOptions, counts

FORMAT = "text"
COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "help": "32"}
TAB = "    "


def _paint(text: str, style: str, options: ReportOptions) -> str:
    return f"\x1b[{COLORS[style]}m{text}\x1b[0m" if options.color else text


def render(result: RunResult, options: ReportOptions) -> str:
    """The whole report: each finding with its source line, then a summary."""
    parts: list[str] = []
    if not options.quiet:
        for file in result.files:
            for finding in file.findings:
                parts.append(render_finding(finding, file, options))
    parts.append(summary(result, options))
    return "\n".join(parts)


def render_finding(finding: Finding, file: FileResult, options: ReportOptions) -> str:
    """One finding: header line, source line with a caret underline, help lines."""
    level = finding.severity.value
    header = (
        f"{_paint(f'{finding.path}:{finding.line}:{finding.column}:', 'bold', options)} "
        f"{_paint(finding.rule, level, options)} {finding.message}"
    )
    lines = [header]
    if file.document is not None and finding.length:
        lines.extend(_snippet(finding, file, options))
    for suggestion in finding.suggestions[:3]:
        lines.append(f"   = {_paint('suggestion', 'help', options)}: {suggestion}")
    if finding.fix:
        kind = "fix" if finding.fix.applicability == "safe" else "unsafe fix"
        lines.append(f"   = {_paint('fix', 'help', options)}: {kind} available")
    for related in finding.related:
        where = f"{related.path}:" if related.path else ""
        lines.append(f"   = note: {related.message} at {where}{related.line}:{related.column}")
    return "\n".join(lines) + "\n"


def _snippet(finding: Finding, file: FileResult, options: ReportOptions) -> list[str]:
    source = file.document.source  # type: ignore[union-attr]
    line_text = source.line_text(finding.line)
    end_col = finding.end_column if finding.end_line == finding.line else len(line_text) + 1
    gutter = str(finding.line)
    pad = " " * len(gutter)
    before = _display(line_text[: finding.column - 1])
    marked = _display(line_text[finding.column - 1 : end_col - 1])
    carets = "^" * max(1, _width(marked))
    more = " ..." if finding.end_line != finding.line else ""
    underline = _paint(carets, finding.severity.value, options)
    return [
        f"{pad} |",
        f"{gutter} | {_display(line_text)}",
        f"{pad} | {' ' * _width(before)}{underline}{more} {finding.severity.value}",
    ]


def _display(text: str) -> str:
    return text.replace("\t", TAB)


def _width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def summary(result: RunResult, options: ReportOptions) -> str:
    """The closing line(s): counts by severity and files, and engines that did not run."""
    c = counts(result)
    with_findings = sum(1 for f in result.files if f.findings)
    files = f"{c['files']} file{'s' if c['files'] != 1 else ''}"
    if c["findings"]:
        text = (
            f"Found {c['findings']} problem{'s' if c['findings'] != 1 else ''} "
            f"({c['error']} error{'s' if c['error'] != 1 else ''}, "
            f"{c['warning']} warning{'s' if c['warning'] != 1 else ''}, {c['info']} info) "
            f"in {with_findings} of {files}."
        )
    else:
        text = f"No problems found in {files}."
    lines = [_paint(text, "bold", options)]
    for engine, status in sorted(result.engines.items()):
        if status != "ok":
            lines.append(f"Note: {engine} {status}; its checks did not run.")
    return "\n".join(lines) + "\n"
