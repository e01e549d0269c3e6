"""GitHub Actions annotations (``--format github``): one workflow command per finding.

    ::error file=articles/a.md,line=52,col=3,endLine=52,endColumn=29,title=DUP001::message

Escaped as the Actions runner decodes them: in the message ``%``, ``\\r`` and ``\\n``; in
property values also ``:`` and ``,``.
"""

from __future__ import annotations

import os

from checker.engine import RunResult
from checker.findings import Finding
from checker.report import ReportOptions

FORMAT = "github"
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (file, title)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """The workflow command for one finding."""
    path = finding.path.replace(os.sep, "/").removeprefix("./")
    props = [
        f"file={escape_property(path)}",
        f"line={finding.line}",
        f"col={finding.column}",
        f"endLine={finding.end_line}",
        f"endColumn={finding.end_column}",
        f"title={escape_property(finding.rule)}",
    ]
    message = finding.message
    if finding.suggestions:
        message += "\nSuggestion: " + finding.suggestions[0]
    command = COMMANDS[finding.severity.value]
    return f"::{command} {','.join(props)}::{escape_data(message)}"


def render(result: RunResult, options: ReportOptions) -> str:
    """Every finding as an annotation, one per line."""
    lines = [annotation(f) for f in result.findings]
    for engine, status in sorted(result.engines.items()):
        if status != "ok":
            lines.append(f"::warning title=checker::{escape_data(f'{engine} {status}')}")
    return "".join(line + "\n" for line in lines)
