"""Edges of `checker check`: --fix -, empty inputs, bad suppression comments, --show-settings,
"did you mean" for unknown rules."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import ROOT, checker_executable, run_cli

DUPLICATE = "- Nausea\n- Nausea\n\nPatients took ketamin daily.\n"


def test_fix_stdin_writes_the_fixed_text_to_stdout(tmp_path: Path) -> None:
    out = run_cli("check", "--fix", "-", "--select", "DUP,SPL003", stdin=DUPLICATE.encode())
    assert out.stdout == "- Nausea\n\nPatients took ketamine daily.\n"
    assert out.returncode == 0
    assert "Fixed 2 problems" in out.stderr and "No problems found in 1 file." in out.stderr


def test_fix_stdin_keeps_crlf_and_reports_what_is_left() -> None:
    text = b"- Nausea\r\n- Nausea\r\n\r\nResearch shows that it cures anxiety.\r\n"
    args = [
        "check",
        "--fix",
        "-",
        "--select",
        "DUP,CLM",
        "--format",
        "concise",
        "--fail-on",
        "never",
    ]
    out = subprocess.run([checker_executable(), *args], input=text, capture_output=True)
    assert out.stdout == b"- Nausea\r\n\r\nResearch shows that it cures anxiety.\r\n"
    assert b"stdin.md:3:1: CLM001" in out.stderr and out.returncode == 0
    clean = run_cli("check", "--fix", "-", "--select", "DUP", stdin=b"Just prose.\n")
    assert clean.stdout == "Just prose.\n" and clean.returncode == 0


def test_fix_stdin_with_other_paths_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x\n")
    out = run_cli("check", "--fix", "-", "a.md", cwd=tmp_path, stdin=b"x\n")
    assert out.returncode == 2 and "standard input alone" in out.stderr


def test_no_articles_found_is_an_error_unless_allowed(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    out = run_cli("check", "empty", cwd=tmp_path)
    assert out.returncode == 2 and "no articles found in empty" in out.stderr
    allowed = run_cli("check", "--allow-empty", "empty", cwd=tmp_path)
    assert allowed.returncode == 0 and "0 files" in allowed.stdout


def test_bad_suppression_comments_are_findings(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "# Title\n\n"
        "<!-- checker-disabel-next-line SPL001 -->\nText here.\n\n"
        "<!-- checker-disable-next-line SLP001, DUP004 -- a reason -->\nMore text.\n",
        encoding="utf-8",
    )
    out = run_cli("check", "--select", "INP003", "--format", "concise", "a.md", cwd=tmp_path)
    lines = out.stdout.splitlines()[:-1]
    assert lines == [
        "a.md:3:1: INP003 unknown suppression directive checker-disabel-next-line "
        '(did you mean "checker-disable-next-line"?)',
        "a.md:6:32: INP003 unknown rule selector 'SLP001' (did you mean \"SPL001\"?) "
        "in a suppression comment",
    ]
    source = article.read_text().splitlines()
    assert source[5][31:].startswith("SLP001")


def test_valid_suppressions_are_not_findings(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "<!-- checker-disable-file GRM:OUTSIDE_OF unknown-word -->\n"
        "<!-- checker-disable DUP SPL001 -->\n- a\n- a\n<!-- checker-enable -->\n"
    )
    out = run_cli("check", "--select", "INP003,DUP", "a.md", cwd=tmp_path)
    assert out.returncode == 0 and "No problems found" in out.stdout


def test_unknown_rule_codes_suggest_the_closest(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x\n")
    out = run_cli("check", "--select", "SLP001", "a.md", cwd=tmp_path)
    assert out.returncode == 2 and 'did you mean "SPL001"?' in out.stderr
    out = run_cli("explain", "dupliate-list-item")
    assert out.returncode == 2 and 'did you mean "duplicate-list-item"?' in out.stderr


def test_show_settings_prints_the_resolved_configuration(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "checker.toml").write_text(
        'ignore = ["STY002"]\nfail-on = "warning"\n[rules.DUP002]\nthreshold = 0.9\n'
    )
    out = run_cli("check", "--show-settings", "--select", "DUP", cwd=tmp_path)
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert f'config-file = "{tmp_path / "checker.toml"}"' in lines
    assert 'select = ["DUP"]' in lines and 'ignore = ["STY002"]' in lines
    assert 'fail-on = "warning"' in lines and "rules.DUP002.threshold = 0.9" in lines
    layers = next(line for line in lines if line.startswith("rules-layers"))
    assert layers == f'rules-layers = ["{ROOT / "rules"}", "{tmp_path / "rules"}"]'
