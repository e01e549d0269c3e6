"""Which rules run and which findings are kept: select/ignore, per-file ignores, inline comments.

Inline comments (Markdown, HTML, and plain text alike)::

    <!-- checker-disable DUP002 SPL -->     ... until checker-enable (all rules if none named)
    <!-- checker-enable DUP002 -->
    <!-- checker-disable-next-line SPL001 -->
    <!-- checker-disable-file CLM -->
    <!-- checker-disable-next-line SPL001 -- brand name, checked with the manufacturer -->

Rules may be named by code, code prefix or name. A comment with an unknown directive
(``checker-disabel``) or an unknown rule is recorded in ``Suppressions.problems`` and reported
by INP003 (checker/checks/input.py).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from checker.config import Config
from checker.document import Document
from checker.findings import Finding, Severity
from checker.rules import Rule, all_rules, matches, narrows

DIRECTIVE_RE = re.compile(r"<!--\s*checker-([\w-]*)(.*?)-->", re.S)
VERBS = ("disable-next-line", "disable-file", "disable", "enable")


def known_selector(selector: str, rules: list[Rule] | None = None) -> bool:
    """Whether a selector names a rule: ``ALL``, a code, a code prefix, a name or a sub-code
    of a rule family (``GRM:OUTSIDE_OF``)."""
    rules = all_rules() if rules is None else rules
    return selector.upper() == "ALL" or any(
        matches(selector, r.code, r.name) or narrows(selector, r.code) for r in rules
    )


def did_you_mean(word: str, choices: list[str], prefix: str = "") -> str:
    """`` (did you mean "X"?)`` for the closest of ``choices``, or ``""``."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(word.upper(), choices, n=1, cutoff=0.6)
    return f' (did you mean "{prefix}{close[0]}"?)' if close else ""


def unknown_selector_message(selector: str, rules: list[Rule] | None = None) -> str:
    """``unknown rule selector 'X' (did you mean "Y"?)``."""
    rules = all_rules() if rules is None else rules
    names = [r.code for r in rules] + [r.name for r in rules]
    return f"unknown rule selector {selector!r}{did_you_mean(selector, names)}"


@dataclass(frozen=True)
class BadDirective:
    """A suppression comment (or one selector of it) that means nothing: offsets and why."""

    start: int
    end: int
    message: str


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
    problems: list[BadDirective] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Whether the document has no directive that silences anything."""
        return not (self.file_wide or self.regions or self.lines)

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
        if verb not in VERBS:
            hint = did_you_mean(verb, list(VERBS), "checker-")
            message = f"unknown suppression directive checker-{verb}{hint}"
            out.problems.append(BadDirective(match.start(), match.end(), message))
            continue
        selectors = _selectors(match, out)
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


def _selectors(match: re.Match[str], out: Suppressions) -> list[str]:
    """The rules a directive names (``ALL`` if none); unknown ones are recorded as problems."""
    rules = all_rules()
    selectors: list[str] = []
    named = match.group(2).split("--", 1)[0]  # "-- why" after the codes is a comment
    for token in re.finditer(r"[^\s,]+", named):
        if known_selector(token.group(), rules):
            selectors.append(token.group())
        else:
            start = match.start(2) + token.start()
            message = unknown_selector_message(token.group(), rules) + " in a suppression comment"
            out.problems.append(BadDirective(start, start + len(token.group()), message))
    return selectors or (["ALL"] if not named.strip() else [])


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


def keeper(
    config: Config, path: str, suppressions: Suppressions | None
) -> Callable[[Finding], bool]:
    """:func:`keep` for the findings of the file ``path``: its per-file ignores are looked up
    once, and an article with neither those nor suppression comments only has its sub-codes
    checked (a cached re-run filters every finding of the corpus again)."""
    if config.ignored_for(path) or (suppressions is not None and not suppressions.empty):
        return lambda finding: keep(finding, config, suppressions)
    return lambda finding: ":" not in finding.rule or _sub_code_selected(finding, config)


def drop_below(files: list, level: str | None) -> None:
    """``--min-severity``: drop findings less severe than ``level`` from each file's result
    (they are neither reported nor counted by ``--fail-on``)."""
    if not level:
        return
    rank = Severity(level).rank
    for file in files:
        file.findings = [f for f in file.findings if f.severity.rank >= rank]
