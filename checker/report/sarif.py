"""SARIF 2.1.0 (``--format sarif``), for GitHub code scanning and other SARIF viewers.

Rules carry their names, explanation (as help text) and default level; results carry exact
regions (columns count Unicode code points, ``endColumn`` is exclusive as in SARIF), related
locations, a stable fingerprint and the fix edits where a rule offers them.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.baseline import finding_text
from checker.engine import FileResult, RunResult
from checker.findings import Finding, Fix, Related
from checker.report import ReportOptions
from checker.rules import Rule, all_rules
from checker.source import SourceFile

FORMAT = "sarif"
SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(result: RunResult, options: ReportOptions) -> str:
    """The run as one SARIF log."""
    return json.dumps(to_sarif(result), indent=2, ensure_ascii=False) + "\n"


def to_sarif(result: RunResult) -> dict[str, Any]:
    """The SARIF log as plain data."""
    descriptors, index = _rules(result)
    results = []
    for file in result.files:
        seen: Counter[str] = Counter()
        for finding in file.findings:
            results.append(_result(finding, file, index[finding.rule], seen))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "checker",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [_invocation(result)],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rules(result: RunResult) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Descriptors for the run's rules and for every rule code its findings use."""
    known = {r.code: r for r in [*all_rules(), *result.rules]}
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in result.rules:
        index[rule.code] = len(descriptors)
        descriptors.append(_descriptor(rule.code, rule.name, rule.severity.value, rule))
    for finding in result.findings:
        if finding.rule not in index:
            base = known.get(finding.rule) or known.get(finding.rule.split(":", 1)[0])
            index[finding.rule] = len(descriptors)
            level = base.severity.value if base else finding.severity.value
            descriptors.append(_descriptor(finding.rule, finding.name, level, base))
    return descriptors, index


def _descriptor(code: str, name: str, level: str, rule: Rule | None) -> dict[str, Any]:
    summary = rule.summary if rule else name
    help_text = rule.explanation if rule and rule.explanation else summary
    out: dict[str, Any] = {
        "id": code,
        "name": name,
        "shortDescription": {"text": summary or code},
        "fullDescription": {"text": help_text or code},
        "help": {"text": help_text or code, "markdown": help_text or code},
        "defaultConfiguration": {"level": LEVELS[level]},
    }
    if rule:
        out["properties"] = {"tags": [rule.category], "fixable": rule.fixable}
    return out


def uri(path: str) -> str:
    """A path as a SARIF artifact URI: relative ones percent-encoded, absolute ones file://."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    norm = path.replace(os.sep, "/")
    while norm.startswith("./"):
        norm = norm[2:]
    return quote(norm, safe="/")


def _location(path: str) -> dict[str, Any]:
    out: dict[str, Any] = {"uri": uri(path)}
    if not os.path.isabs(path):
        out["uriBaseId"] = "%SRCROOT%"
    return out


def _region(
    source: SourceFile | None, offset: int, length: int, snippet: str | None = None
) -> dict[str, Any]:
    region: dict[str, Any] = {"charOffset": offset, "charLength": length}
    if source is not None:
        start_line, start_col = source.position(offset)
        end_line, end_col = source.position(offset + length)
        region.update(
            startLine=start_line, startColumn=start_col, endLine=end_line, endColumn=end_col
        )
    if snippet:
        region["snippet"] = {"text": snippet}
    return region


def _result(finding: Finding, file: FileResult, rule_index: int, seen: Counter[str]) -> dict:
    region = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "charOffset": finding.offset,
        "charLength": finding.length,
    }
    if finding.excerpt:
        region["snippet"] = {"text": finding.excerpt}
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity.value],
        "message": {"text": _message(finding)},
        "locations": [
            {"physicalLocation": {"artifactLocation": _location(finding.path), "region": region}}
        ],
        "partialFingerprints": {"checkerFinding/v1": _fingerprint(finding, file, seen)},
        "properties": {"category": finding.category, "name": finding.name},
    }
    source = file.document.source if file.document is not None else None
    if finding.related:
        out["relatedLocations"] = [
            _related(i, r, finding.path, source) for i, r in enumerate(finding.related)
        ]
    if finding.fix is not None and finding.fix.edits:
        out["fixes"] = [_fix(finding.fix, finding.path, source)]
    return out


def _message(finding: Finding) -> str:
    if not finding.suggestions:
        return finding.message
    return f"{finding.message} (suggestion: {finding.suggestions[0]})"


def _fingerprint(finding: Finding, file: FileResult, seen: Counter[str]) -> str:
    key = "\0".join((finding.rule, finding.path, finding_text(finding, file)))
    seen[key] += 1
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"{digest}:{seen[key]}"


def _related(number: int, related: Related, path: str, source: SourceFile | None) -> dict:
    other = related.path is not None and related.path != path
    region = {"startLine": related.line, "startColumn": related.column}
    if not other:
        region.update(_region(source, related.offset, related.length))
    return {
        "id": number,
        "physicalLocation": {
            "artifactLocation": _location(related.path or path),
            "region": region,
        },
        "message": {"text": related.message},
    }


def _fix(fix: Fix, path: str, source: SourceFile | None) -> dict[str, Any]:
    replacements = [
        {
            "deletedRegion": _region(source, edit.offset, edit.length),
            "insertedContent": {"text": edit.replacement},
        }
        for edit in fix.edits
    ]
    return {
        "description": {"text": fix.title or "apply the suggested change"},
        "artifactChanges": [{"artifactLocation": _location(path), "replacements": replacements}],
        "properties": {"applicability": fix.applicability},
    }


def _invocation(result: RunResult) -> dict[str, Any]:
    notes = [
        {"level": "warning", "message": {"text": f"{engine} {status}; its checks did not run"}}
        for engine, status in sorted(result.engines.items())
        if status != "ok"
    ]
    out: dict[str, Any] = {"executionSuccessful": True}
    if notes:
        out["toolExecutionNotifications"] = notes
    return out
