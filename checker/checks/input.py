"""Input problems: files that could not be read, parsed or fully checked, and suppression
comments that mean nothing.

INP001 and INP002 have no check function: the engine reports them itself. INP003 reads the
suppression comments with checker/filters.py's parser.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.context import CheckContext
from checker.document import Document
from checker.filters import parse_suppressions
from checker.findings import Finding, Severity
from checker.rules import REGISTRY, Rule, register_rule, rule

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


@rule("INP003", "invalid-suppression", category="input", severity="warning")
def invalid_suppression(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A suppression comment names a directive or a rule that does not exist.

    ## What it does
    Reports a `<!-- checker-... -->` comment whose directive is not one of `checker-disable`,
    `checker-enable`, `checker-disable-next-line` and `checker-disable-file`, and each rule it
    names that matches no rule code, code prefix or rule name (like ruff's RUF100 for `noqa`).

    ## Why is this bad?
    A misspelt comment silences nothing: the finding it was meant to hide comes back, or worse,
    a reviewer believes a problem was looked at when the comment never applied.

    ## Example
    ```markdown
    <!-- checker-disabel-next-line SPL001 -->  unknown directive (did you mean ...?)
    <!-- checker-disable-next-line SLP001 -->  unknown rule selector (did you mean "SPL001"?)
    <!-- checker-disable-next-line SPL001 -- brand name -->  fine: text after -- is a reason
    ```

    ## Fix safety
    No fix: only the author knows which rule was meant.
    """
    for bad in parse_suppressions(doc).problems:
        yield ctx.finding(doc, bad.start, bad.end, bad.message)
