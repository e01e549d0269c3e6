"""Input problems: files that could not be read, parsed or fully checked.

These rules have no check function: the engine reports them itself.
"""

from __future__ import annotations

from checker.findings import Severity
from checker.rules import REGISTRY, Rule, register_rule

UNREADABLE = Rule(
    code="INP001",
    name="unreadable-input",
    category="input",
    severity=Severity.ERROR,
    func=None,
    explanation="""An article could not be read or parsed, so it was not checked.

## What it does
Reports a file that is not UTF-8 text, looks binary, is larger than `max-file-size`
(default 5 MB), cannot be read, or has front matter that is not valid YAML.

## Why is this bad?
Nothing in the file was checked: a clean report would be a false reassurance.

## How to resolve
Save the article as UTF-8 text, split very large files, or fix the front matter. Raise
`max-file-size` in `[tool.checker]` if the limit is too low for your site.""",
)

CHECK_FAILED = Rule(
    code="INP002",
    name="check-failed",
    category="input",
    severity=Severity.ERROR,
    func=None,
    explanation="""A check crashed on this article; its other checks still ran.

## What it does
Reports an internal error of one check on one article, naming the check and the place in
the checker's code. Other articles and other checks are unaffected.

## How to resolve
This is a bug in checker: please report it with the article that triggers it.""",
)

for _entry in (UNREADABLE, CHECK_FAILED):
    register_rule(_entry)


def input_rule(code: str) -> Rule:
    """The registered input rule with ``code``."""
    return REGISTRY[code]
