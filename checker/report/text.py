"""The text report, in the manner of ruff and rustc.

post.md:58:3: DUP001 duplicate list item "Increase in blood pressure" (first at line 57)
   |
58 | - Increase in blood pressure
   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^ error
   = help: remove the repeated item (fix available)
"""

from __future__ import annotations

import textwrap
import unicodedata

from checker.engine import FileResult, RunResult
from checker.findings import Finding
from checker.report import ReportOptions, counts

FORMAT = "text"
COLORS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "help": "32"}
TAB = "    "
WINDOW = 80
"""About this many characters of a long source line are shown around a finding."""
SLACK = 12
MAX_WIDTH = 120
"""Messages and help lines wrap at this width."""


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
    where = f"{finding.path}:{finding.line}:{finding.column}:"
    header = _wrap(f"{where} {finding.rule} {finding.message}", "     ")
    header[0] = header[0].replace(where, _paint(where, "bold", options), 1)
    header[0] = header[0].replace(finding.rule, _paint(finding.rule, level, options), 1)
    lines = header
    if file.document is not None and finding.length:
        lines.extend(_snippet(finding, file, options))
    for suggestion in finding.suggestions[:3]:
        lines.extend(_help("suggestion", suggestion, options))
    if finding.fix:
        kind = "fix" if finding.fix.applicability == "safe" else "unsafe fix"
        lines.extend(_help("fix", f"{kind} available", options))
    for related in finding.related:
        at = f"{related.path}:" if related.path else ""
        lines.extend(_wrap(f"   = note: {related.message} at {at}{related.line}:{related.column}"))
    return "\n".join(lines) + "\n"


def _help(label: str, text: str, options: ReportOptions) -> list[str]:
    lines = _wrap(f"   = {label}: {text}")
    lines[0] = lines[0].replace(label, _paint(label, "help", options), 1)
    return lines


def _wrap(text: str, indent: str = "       ") -> list[str]:
    """``text`` in lines of at most ``MAX_WIDTH`` characters (continuations indented)."""
    if len(text) <= MAX_WIDTH:
        return [text]
    return textwrap.wrap(text, MAX_WIDTH, subsequent_indent=indent, break_on_hyphens=False)


def _snippet(finding: Finding, file: FileResult, options: ReportOptions) -> list[str]:
    source = file.document.source  # type: ignore[union-attr]
    line_text = source.line_text(finding.line)
    end_col = finding.end_column if finding.end_line == finding.line else len(line_text) + 1
    lo, hi = window(line_text, finding.column - 1, end_col - 1)
    start, end = finding.column - 1, min(end_col - 1, hi)
    gutter = str(finding.line)
    pad = " " * len(gutter)
    head, tail = ("..." if lo > 0 else ""), ("..." if hi < len(line_text) else "")
    before = head + _display(line_text[lo:start])
    marked = _display(line_text[start:end])
    carets = "^" * max(1, _width(marked))
    more = " ..." if finding.end_line != finding.line or end < end_col - 1 else ""
    underline = _paint(carets, finding.severity.value, options)
    return [
        f"{pad} |",
        f"{gutter} | {head}{_display(line_text[lo:hi])}{tail}",
        f"{pad} | {' ' * _width(before)}{underline}{more} {finding.severity.value}",
    ]


def window(text: str, start: int, end: int, size: int = WINDOW) -> tuple[int, int]:
    """The slice ``[lo, hi)`` of ``text`` to show for the span ``[start, end)``: the whole line
    when it is short, else about ``size`` characters around the span, cut at spaces."""
    if len(text) <= size + SLACK:
        return 0, len(text)
    room = max(size - (end - start), 0)
    lo = max(0, start - room // 2)
    hi = min(len(text), max(lo + size, end if end - start <= size else start + size))
    lo = max(0, min(lo, hi - size))
    if lo > 0:
        cut = text.find(" ", lo, start)
        lo = cut + 1 if cut != -1 and cut - lo < SLACK else lo
    if hi < len(text):
        cut = text.rfind(" ", hi - SLACK if end >= hi else max(end, hi - SLACK), hi)
        hi = cut if cut != -1 else hi
    return lo, hi


def _display(text: str) -> str:
    return text.replace("\t", TAB)


def _width(text: str) -> int:
    """Display columns of ``text``: wide characters take 2, combining marks 0."""
    if text.isascii():  # every ASCII character is one column: the common case, 20x quicker
        return len(text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def summary_line(result: RunResult) -> str:
    """``Found N problems (e errors, w warnings, i info) in f of n files.`` (or none found)."""
    c = counts(result)
    with_findings = sum(1 for f in result.files if f.findings)
    files = f"{c['files']} file{'s' if c['files'] != 1 else ''}"
    if not c["findings"]:
        return f"No problems found in {files}."
    return (
        f"Found {c['findings']} problem{'s' if c['findings'] != 1 else ''} "
        f"({c['error']} error{'s' if c['error'] != 1 else ''}, "
        f"{c['warning']} warning{'s' if c['warning'] != 1 else ''}, {c['info']} info) "
        f"in {with_findings} of {files}."
    )


def by_rule(result: RunResult) -> list[str]:
    """Findings summed by rule, most frequent first, with how many ``--fix`` can fix."""
    totals: dict[tuple[str, str], list[int]] = {}
    for f in result.findings:
        entry = totals.setdefault((f.rule, f.name), [0, 0])
        entry[0] += 1
        entry[1] += bool(f.fix and f.fix.applicability == "safe")
    width = max((len(code) for code, _ in totals), default=0)
    rows = sorted(totals.items(), key=lambda item: (-item[1][0], item[0][0]))
    return [
        f"{count:>5}  {code:<{width}}  {name}" + (f" ({fixable} fixable)" if fixable else "")
        for (code, name), (count, fixable) in rows
    ]


def summary(result: RunResult, options: ReportOptions) -> str:
    """The closing lines: findings by rule, counts by severity and files, fixable findings and
    engines that did not run."""
    lines = [] if options.quiet else by_rule(result)
    lines.append(_paint(summary_line(result), "bold", options))
    fixable = sum(1 for f in result.findings if f.fix and f.fix.applicability == "safe")
    if fixable:
        lines.append(f"{fixable} fixable with --fix.")
    for engine, status in sorted(result.engines.items()):
        if status != "ok":
            lines.append(f"Note: {engine} {status}; its checks did not run.")
    return "\n".join(lines) + "\n"
