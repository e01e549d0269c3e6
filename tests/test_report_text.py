"""The text report's excerpt window and summary, the concise format and --min-severity."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import SEED_MD, run_cli

from checker.report.text import MAX_WIDTH, _width, window

LOCATION = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<code>\S+) ")


def test_window_keeps_short_lines_whole():
    text = "- Increase in blood pressure"
    assert window(text, 2, len(text)) == (0, len(text))


def test_window_cuts_long_lines_at_spaces_around_the_span():
    words = " ".join(f"word{i}" for i in range(60))
    start = words.index("word30")
    lo, hi = window(words, start, start + len("word30"))
    assert lo <= start and start + 6 <= hi
    assert 60 <= hi - lo <= 92
    assert words[lo - 1] == " " and words[hi] == " "


def test_display_width_counts_wide_and_combining_characters():
    assert _width("plain ASCII, tabs\tand all") == len("plain ASCII, tabs\tand all")
    assert _width("日本") == 4  # two wide characters
    assert _width("café") == 4  # a combining accent takes no column
    assert _width("") == 0


def test_text_report_excerpt_is_a_window_with_the_caret_under_the_finding(tmp_path: Path):
    filler = "Sleep matters for health and mood in many ways that people do not notice. " * 6
    article = tmp_path / "a.md"
    article.write_text(f"{filler}Patients take ketamin daily. {filler}\n", encoding="utf-8")
    out = run_cli("check", "--select", "SPL003", "--no-color", "a.md", cwd=tmp_path)
    lines = out.stdout.splitlines()
    source = next(i for i, line in enumerate(lines) if line.startswith("1 | "))
    excerpt, carets = lines[source], lines[source + 1]
    assert excerpt.startswith("1 | ...") and excerpt.endswith("...")
    assert len(excerpt) < 100
    col = carets.index("^")
    assert excerpt[col : col + len("ketamin")] == "ketamin"
    assert carets[col:].startswith("^^^^^^^ ")


def test_sample_article_text_report_has_no_line_over_the_width():
    out = run_cli("check", "--no-color", str(SEED_MD))
    assert out.returncode == 1
    long = [line for line in out.stdout.splitlines() if len(line) > MAX_WIDTH]
    assert not long


def test_summary_sums_findings_by_rule_with_fixable_counts():
    out = run_cli("check", "--no-color", "--select", "DUP,SPL003", str(SEED_MD))
    tail = out.stdout.splitlines()[-6:]
    assert any(re.match(r"^\s+1  DUP001\s+duplicate-list-item \(1 fixable\)$", t) for t in tail)
    assert any(re.match(r"^\s+1  SPL003\s+drug-name \(1 fixable\)$", t) for t in tail)
    assert "2 fixable with --fix." in tail


def test_concise_prints_one_line_per_finding():
    json_out = run_cli("check", "--format", "json", str(SEED_MD))
    count = json_out.stdout.count('"rule": ')
    out = run_cli("check", "--format", "concise", str(SEED_MD))
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    located = [m for m in map(LOCATION.match, lines) if m]
    assert len(located) == count == len(lines) - 1 and count > 10
    assert lines[-1].startswith(f"Found {count} problems")
    seed = SEED_MD.read_text(encoding="utf-8").splitlines()
    dup = next(m for m in located if m["code"] == "DUP001")
    row, col = int(dup["line"]), int(dup["col"])
    assert seed[row - 1][col - 1 :].startswith("Increase in blood pressure")
    assert any("SPL003 [*] " in line for line in lines)


def test_min_severity_hides_less_severe_findings():
    every = run_cli("check", "--format", "concise", str(SEED_MD)).stdout
    errors = run_cli("check", "--format", "concise", "--min-severity", "error", str(SEED_MD))
    assert errors.returncode == 1
    assert 0 < len(errors.stdout.splitlines()) < len(every.splitlines())
    assert ", 0 warnings, 0 info)" in errors.stdout
    info_only = run_cli("check", "--min-severity", "error", "--select", "STY", str(SEED_MD))
    assert info_only.returncode == 0 and "No problems found" in info_only.stdout
