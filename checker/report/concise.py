"""The concise report (``--format concise``): one line per finding, in the manner of ruff's.

    articles/post.md:52:3: DUP001 [*] duplicate list item "Increase in blood pressure"

``[*]`` marks a finding ``--fix`` can fix. A summary line closes the report (``-q`` prints only
it); editors' problem matchers read the ``path:line:col: CODE`` lines.
"""

from __future__ import annotations

from checker.engine import RunResult
from checker.findings import Finding
from checker.report import ReportOptions
from checker.report.text import summary_line

FORMAT = "concise"


def line(finding: Finding) -> str:
    """One finding on one line (line breaks in the message become spaces)."""
    fixable = "[*] " if finding.fix and finding.fix.applicability == "safe" else ""
    message = " ".join(finding.message.split())
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} {fixable}{message}"


def render(result: RunResult, options: ReportOptions) -> str:
    """Every finding, one a line, then the summary line."""
    lines = [] if options.quiet else [line(f) for f in result.findings]
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"
