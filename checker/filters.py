"""Which rules run and which findings are kept: select/ignore, per-file ignores, inline comments.

Inline comments (Markdown, HTML, and plain text alike)::

    <!-- checker-disable DUP002 SPL -->     ... until checker-enable (all rules if none named)
    <!-- checker-enable DUP002 -->
    <!-- checker-disable-next-line SPL001 -->
    <!-- checker-disable-file CLM -->

Rules may be named by code, code prefix or name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.config import Config
from checker.document import Document
from checker.findings import Finding, Severity
from checker.rules import Rule, matches, narrows

DIRECTIVE_RE = re.compile(
    r"<!--\s*checker-(disable-next-line|disable-file|disable|enable)\b(.*?)-->", re.S
)


def rule_enabled(rule: Rule, config: Config) -> bool:
    """Whether select/ignore and ``[rules.CODE] enabled`` leave a rule on."""
    settings = config.rules.get(rule.code)
    if settings and settings.enabled is not None:
        return settings.enabled
    selected = any(matches(s, rule.code, rule.name) or narrows(s, rule.code) for s in config.select)
    ignored = any(matches(s, rule.code, rule.name) for s in config.ignore)
    return selected and not ignored


@dataclass
class Suppressions:
    """The inline suppression directives of one document."""

    file_wide: list[str] = field(default_factory=list)
    regions: list[tuple[int, int, list[str]]] = field(default_factory=list)
    lines: dict[int, list[str]] = field(default_factory=dict)

    def covers(self, finding: Finding) -> bool:
        """Whether a directive silences ``finding``."""
        if _any(self.file_wide, finding):
            return True
        if _any(self.lines.get(finding.line, []), finding):
            return True
        return any(
            start <= finding.offset < end and _any(sel, finding) for start, end, sel in self.regions
        )


def _sub_code_selected(finding: Finding, config: Config) -> bool:
    family = finding.rule.split(":", 1)[0]
    if _any([s for s in config.ignore if narrows(s, family)], finding):
        return False
    narrowing = [s for s in config.select if narrows(s, family)]
    broad = [s for s in config.select if not narrows(s, family) and matches(s, family, "")]
    return bool(broad) or _any(narrowing, finding)


def _any(selectors: list[str], finding: Finding) -> bool:
    return any(matches(s, finding.rule, finding.name) for s in selectors)


def parse_suppressions(doc: Document) -> Suppressions:
    """Read the ``checker-disable`` comments of a document."""
    out = Suppressions()
    text = doc.source.text
    if "checker-" not in text:
        return out
    open_regions: dict[str, int] = {}
    for match in DIRECTIVE_RE.finditer(text):
        verb = match.group(1)
        selectors = match.group(2).replace(",", " ").split() or ["ALL"]
        if verb == "disable-file":
            out.file_wide.extend(selectors)
        elif verb == "disable-next-line":
            line, _ = doc.source.position(match.end())
            out.lines.setdefault(line + 1, []).extend(selectors)
        elif verb == "disable":
            for sel in selectors:
                open_regions.setdefault(sel, match.start())
        else:
            _close(out, open_regions, selectors, match.end())
    _close(out, open_regions, list(open_regions), len(text))
    return out


def _close(out: Suppressions, open_regions: dict[str, int], selectors: list[str], end: int):
    names = list(open_regions) if selectors == ["ALL"] else selectors
    for sel in names:
        start = open_regions.pop(sel, None)
        if start is not None:
            out.regions.append((start, end, [sel]))


def keep(finding: Finding, config: Config, suppressions: Suppressions | None) -> bool:
    """Whether a finding survives sub-code select/ignore, per-file ignores and inline comments.

    Rules that report under sub-codes (``GRM:OUTSIDE_OF``) can be selected or ignored one
    sub-code at a time; the rule itself runs when any of its sub-codes is selected.
    """
    if finding.rule.count(":") and not _sub_code_selected(finding, config):
        return False
    if _any(config.ignored_for(finding.path), finding):
        return False
    return not (suppressions and suppressions.covers(finding))


def drop_below(files: list, level: str | None) -> None:
    """``--min-severity``: drop findings less severe than ``level`` from each file's result
    (they are neither reported nor counted by ``--fail-on``)."""
    if not level:
        return
    rank = Severity(level).rank
    for file in files:
        file.findings = [f for f in file.findings if f.severity.rank >= rank]
