"""GitHub workflow-command annotations, escaped as the Actions runner expects."""

from __future__ import annotations

import dataclasses
import re

from conftest import SEED_MD, run_cli

from checker.config import Config
from checker.engine import run
from checker.report import ReportOptions
from checker.report.github import annotation, escape_data, escape_property, render

LINE_RE = re.compile(
    r"^::(error|warning|notice) ((?:[A-Za-z]+=[^,:]*)(?:,[A-Za-z]+=[^,:]*)*)::(.*)$"
)


def _unescape(value: str) -> str:
    """What the runner decodes (the reverse of the escaping, %25 last)."""
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def _seed_finding():
    return run([str(SEED_MD)], Config(select=["DUP001"])).findings[0]


def test_seed_annotation() -> None:
    line = annotation(_seed_finding())
    assert line.startswith(
        "::error file="
        + str(SEED_MD).replace(":", "%3A").replace(",", "%2C")
        + ",line=52,col=3,endLine=52,endColumn=29,title=DUP001::duplicate list item"
    )
    assert "%0ASuggestion: remove the repeated item" in line


def test_newlines_percent_colon_and_comma_are_escaped() -> None:
    message = 'dose "100%" per day:\r\nsee line 2, then 3'
    path = "articles/a,b: 100%\nx.md"
    finding = dataclasses.replace(
        _seed_finding(), message=message, path=path, rule="GRM:A,B", suggestions=[]
    )
    line = annotation(finding)
    assert "\n" not in line and "\r" not in line
    match = LINE_RE.match(line)
    assert match, line
    props = dict(p.split("=", 1) for p in match.group(2).split(","))
    assert _unescape(props["file"]) == path
    assert _unescape(props["title"]) == "GRM:A,B"
    assert props["file"] == "articles/a%2Cb%3A 100%25%0Ax.md"
    assert match.group(3) == 'dose "100%25" per day:%0D%0Asee line 2, then 3'
    assert _unescape(match.group(3)) == message


def test_escape_functions_escape_percent_first() -> None:
    assert escape_data("%0A") == "%250A"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_levels_and_render() -> None:
    result = run([str(SEED_MD)], Config(select=["DUP"]))
    lines = render(result, ReportOptions()).splitlines()
    assert len(lines) == len(result.findings)
    assert lines[0].startswith("::error ") and lines[1].startswith("::warning ")
    info = dataclasses.replace(result.findings[0], severity=result.findings[0].severity.INFO)
    assert annotation(info).startswith("::notice ")


def test_cli_format_github() -> None:
    out = run_cli("check", "--select", "DUP", "--format", "github", str(SEED_MD))
    assert out.returncode == 1
    assert all(LINE_RE.match(line) for line in out.stdout.splitlines())
