"""Baselines: accept today's findings so that only new ones are reported.

A baseline is a JSON file written by ``checker baseline PATHS -o FILE``. Each entry names a
rule, an article (relative to the baseline file's folder) and the text the finding is about
(white space folded), with a count. Line numbers play no part, so edits elsewhere in an
article do not break the match; a finding whose own text changes is new. When an article
holds more findings with one key than the baseline counts, the extra ones are reported.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from checker import __version__
from checker.config import relative_path
from checker.engine import FileResult, RunResult
from checker.errors import UsageError
from checker.findings import Finding

BASELINE_VERSION = 1

Key = tuple[str, str, str]


def _fold(text: str) -> str:
    return " ".join(text.split())


def finding_text(finding: Finding, file: FileResult | None = None) -> str:
    """What a finding is about: its excerpt, or its line's text for a zero-length finding."""
    if finding.excerpt.strip():
        return _fold(finding.excerpt)
    if file is not None and file.document is not None:
        source = file.document.source
        if 1 <= finding.line <= source.line_count:
            return _fold(source.line_text(finding.line))
    return ""


def keys(result: RunResult, folder: Path) -> list[tuple[Key, Finding]]:
    """Each finding of ``result`` with its baseline key."""
    out: list[tuple[Key, Finding]] = []
    for file in result.files:
        path = relative_path(file.path, folder)
        for finding in file.findings:
            out.append(((finding.rule, path, finding_text(finding, file)), finding))
    return out


def build(result: RunResult, baseline_path: str) -> dict[str, Any]:
    """The baseline document for every finding of ``result``."""
    folder = Path(baseline_path).resolve().parent
    counted = Counter(key for key, _ in keys(result, folder))
    entries = [
        {"rule": rule, "path": path, "text": text, "count": count}
        for (rule, path, text), count in sorted(counted.items())
    ]
    return {
        "version": BASELINE_VERSION,
        "tool": {"name": "checker", "version": __version__},
        "findings": entries,
    }


def write(result: RunResult, baseline_path: str) -> int:
    """Write the baseline for ``result``; return the number of findings it holds."""
    data = build(result, baseline_path)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    Path(baseline_path).write_text(text, encoding="utf-8")
    return sum(entry["count"] for entry in data["findings"])


def load(baseline_path: str) -> Counter[Key]:
    """The counted keys of a baseline file; a missing or malformed file is a usage error."""
    try:
        data = json.loads(Path(baseline_path).read_text(encoding="utf-8"))
        if data.get("version") != BASELINE_VERSION:
            raise ValueError(f"unsupported baseline version {data.get('version')!r}")
        return Counter(
            {
                (str(e["rule"]), str(e["path"]), str(e["text"])): int(e.get("count", 1))
                for e in data["findings"]
            }
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UsageError(f"{baseline_path}: cannot read baseline: {exc}") from exc


class Baseline:
    """A loaded baseline that tells new findings from accepted ones."""

    def __init__(self, baseline_path: str) -> None:
        self.folder = Path(baseline_path).resolve().parent
        self.counts = load(baseline_path)

    def filter(self, result: RunResult) -> tuple[RunResult, int]:
        """``result`` without the findings the baseline accepts, and how many were dropped."""
        budget = Counter(self.counts)
        kept: dict[int, bool] = {}
        for key, finding in keys(result, self.folder):
            accepted = budget[key] > 0
            budget[key] -= accepted
            kept[id(finding)] = not accepted
        files = [
            replace(file, findings=[f for f in file.findings if kept[id(f)]])
            for file in result.files
        ]
        dropped = sum(1 for value in kept.values() if not value)
        return RunResult(files, result.engines, result.rules), dropped
