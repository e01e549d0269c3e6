"""The installed ``checker`` command, run as a subprocess."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SEED_MD, SEED_TXT, run_cli

SCHEMA = json.loads((ROOT / "checker" / "schemas" / "report-v1.schema.json").read_text())
GOLDEN = ROOT / "tests" / "golden"


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites the file."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def test_version_and_help() -> None:
    out = run_cli("--version")
    assert out.returncode == 0 and "checker, version" in out.stdout
    assert "check" in run_cli("--help").stdout


def test_text_report_matches_golden(tmp_path: Path) -> None:
    out = run_cli("check", "--select", "DUP", "--no-color", str(SEED_MD.relative_to(ROOT)))
    assert out.returncode == 1
    golden("seed-md-dup.txt", out.stdout)
    out = run_cli("check", "--select", "DUP", "--no-color", str(SEED_TXT.relative_to(ROOT)))
    golden("seed-txt-dup.txt", out.stdout)


def test_json_report_validates_against_schema() -> None:
    out = run_cli("check", "--format", "json", "--fail-on", "never", str(SEED_MD), str(SEED_TXT))
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["summary"]["files"] == 2
    rules = {f["rule"] for file in report["files"] for f in file["findings"]}
    assert {"DUP001", "DUP002"} <= rules
    source = SEED_MD.read_text(encoding="utf-8")
    for finding in report["files"][0]["findings"]:
        assert (
            source[finding["offset"] : finding["offset"] + finding["length"]] == finding["excerpt"]
        )


def test_exit_codes_and_fail_on(tmp_path: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("# Title\n\nA short, clean paragraph.\n", encoding="utf-8")
    assert run_cli("check", "--select", "DUP", str(clean)).returncode == 0
    dup = tmp_path / "dup.md"
    dup.write_text("- Nausea\n- Fever\n- Nausea, fever\n- Fever\n", encoding="utf-8")
    assert run_cli("check", "--select", "DUP", str(dup)).returncode == 1
    assert run_cli("check", "--select", "DUP002", str(dup)).returncode == 0
    assert run_cli("check", "--select", "DUP", "--fail-on", "never", str(dup)).returncode == 0


def test_warning_fail_on(tmp_path: Path) -> None:
    path = tmp_path / "near.md"
    path.write_text("- Dissociation\n- Dissociative effects\n", encoding="utf-8")
    assert run_cli("check", "--select", "DUP002", str(path)).returncode == 0
    assert run_cli("check", "--select", "DUP002", "--fail-on", "warning", str(path)).returncode == 1


def test_select_ignore_by_prefix_and_name(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("- Nausea\n- Nausea\n\nSee the the doctor.\n", encoding="utf-8")
    out = run_cli(
        "check", "--format", "json", "--select", "DUP", "--ignore", "repeated-word", str(path)
    )
    rules = [f["rule"] for f in json.loads(out.stdout)["files"][0]["findings"]]
    assert rules == ["DUP001"]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = run_cli("check", str(tmp_path / "nope.md"))
    assert missing.returncode == 2 and "nope.md: no such file" in missing.stderr
    assert "Traceback" not in missing.stderr
    assert run_cli("check", "--format", "yaml", str(SEED_MD)).returncode == 2
    assert run_cli("check", "--fail-on", "sometimes", str(SEED_MD)).returncode == 2
    bad_rule = run_cli("check", "--select", "XYZ9", str(SEED_MD))
    assert bad_rule.returncode == 2 and "XYZ9" in bad_rule.stderr


def test_bad_config_exit_2(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text('fail_on = "error"\ncolour = true\n')
    (tmp_path / "a.md").write_text("Text.\n")
    out = run_cli("check", "a.md", cwd=tmp_path)
    assert out.returncode == 2 and "unknown key 'colour'" in out.stderr
    (tmp_path / "checker.toml").write_text("[rules.DUP002]\nthreshold = 'high'\n")
    out = run_cli("check", "a.md", cwd=tmp_path)
    assert out.returncode == 2 and "threshold must be float" in out.stderr
    (tmp_path / "checker.toml").write_text("select = [\n")
    out = run_cli("check", "a.md", cwd=tmp_path)
    assert out.returncode == 2 and "cannot read configuration" in out.stderr


def test_bad_files_do_not_hide_others(tmp_path: Path) -> None:
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02 binary")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait.\n".encode("latin-1"))
    (tmp_path / "big.md").write_text("word " * 300)
    (tmp_path / "front.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n")
    (tmp_path / "good.md").write_text("- Nausea\n- Nausea\n")
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "checker.toml").write_text("max-file-size = 1000\n")
    out = run_cli("check", "--format", "json", "--select", "DUP", ".", cwd=tmp_path)
    assert out.returncode == 1
    report = json.loads(out.stdout)
    by_path = {Path(f["path"]).name: f["findings"] for f in report["files"]}
    assert by_path["good.md"][0]["rule"] == "DUP001"
    assert by_path["empty.md"] == []
    for name, reason in [
        ("binary.md", "binary"),
        ("latin1.txt", "not valid UTF-8"),
        ("big.md", "limit"),
        ("front.md", "front matter"),
    ]:
        (finding,) = by_path[name]
        assert finding["rule"] == "INP001" and finding["category"] == "input"
        assert reason in finding["message"] and name in finding["message"]


def test_stdin_with_filename() -> None:
    out = run_cli(
        "check", "--select", "DUP", "--stdin-filename", "post.txt", "-", stdin=b"- a b\n- a b\n"
    )
    assert out.returncode == 1
    assert out.stdout.startswith("post.txt:2:3: DUP001")


def test_default_path_is_articles() -> None:
    out = run_cli("check", "--select", "DUP", "--quiet", "--no-color")
    assert out.returncode == 1
    assert out.stdout.startswith("Found 2 problems")


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    out = run_cli("check", "--format", "json", "-o", str(target), "--select", "DUP", str(SEED_MD))
    assert out.stdout == ""
    assert json.loads(target.read_text())["summary"]["error"] == 1


def test_rules_and_explain() -> None:
    listing = run_cli("rules")
    assert listing.returncode == 0
    assert "DUP001   duplicate-list-item" in listing.stdout
    explained = run_cli("explain", "DUP001")
    assert explained.returncode == 0
    assert "## Why is this bad?" in explained.stdout and "Fix safety" in explained.stdout
    assert run_cli("explain", "near-duplicate-list-item").stdout.startswith("DUP002")
    assert run_cli("explain", "NOPE123").returncode == 2


@pytest.mark.parametrize("module", ["checker"])
def test_python_dash_m(module: str) -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", module, "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "version" in out.stdout
