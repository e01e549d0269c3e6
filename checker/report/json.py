"""The JSON report (a versioned contract; schema: checker/schemas/report-v1.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from checker import __version__
from checker.engine import RunResult
from checker.report import ReportOptions, counts

FORMAT = "json"
REPORT_VERSION = 1


def to_dict(result: RunResult) -> dict[str, Any]:
    """The report as plain data."""
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "checker", "version": __version__},
        "summary": counts(result),
        "engines": dict(result.engines),
        "files": [
            {"path": file.path, "findings": [f.to_dict() for f in file.findings]}
            for file in result.files
        ],
    }


def render(result: RunResult, options: ReportOptions) -> str:
    """The report as indented JSON."""
    return json.dumps(to_dict(result), indent=2, ensure_ascii=False) + "\n"
