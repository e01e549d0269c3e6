"""Applying fixes: overlapping edits, line endings, BOM, files changed meanwhile, idempotence."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import run_cli

from checker import fixes
from checker.config import Config
from checker.engine import run
from checker.findings import Edit, Finding, Fix, Severity
from checker.rules import all_rules

ARTICLE = (
    "# Side effects\n"
    "\n"
    "Ketamine can cause the the following effects:\n"
    "\n"
    "- Dissociation\n"
    "- Increase in blood pressure\n"
    "- Increase in blood pressure\n"
    "- Nausea\n"
)
FIXED = ARTICLE.replace("the the", "the").replace("- Increase in blood pressure\n", "", 1)


def _dup_config() -> Config:
    return Config(select=["DUP"])


def _fix_in_process(path: Path, **kw: bool) -> fixes.FixRun:
    result = run([str(path)], _dup_config())
    outcome = fixes.fix_documents(result, _dup_config(), narrow=None, **kw)
    fixes.write_all(outcome)
    return outcome


def test_select_fixes_leaves_out_overlapping_edits() -> None:
    a = Fix((Edit(0, 5, "x"),))
    b = Fix((Edit(3, 4, "y"),))  # overlaps a
    c = Fix((Edit(5, 2, "z"),))  # touches a's end: no overlap
    d = Fix((Edit(9, 0, "p"), Edit(9, 0, "q")))  # two insertions at one point clash
    taken, left = fixes.select_fixes([b, c, a, d])
    assert taken == [a, c] and left == 2
    assert fixes.apply_edits("0123456789", taken) == "xz789"


def test_apply_edits_writes_replacement_newlines_in_the_file_style() -> None:
    text = "one\r\ntwo\r\n"
    fix = Fix((Edit(5, 3, "2\nand 3"),))
    assert fixes.apply_edits(text, [fix], "\r\n") == "one\r\n2\r\nand 3\r\n"
    with pytest.raises(ValueError):
        fixes.apply_edits(text, [Fix((Edit(9, 5, ""),))])


def test_only_safe_fixes_unless_unsafe_requested() -> None:
    def finding(applicability: str) -> Finding:
        fix = Fix((Edit(0, 1, ""),), applicability)
        return Finding("X1", "x", "style", Severity.INFO, "p", 1, 1, 1, 2, 0, 1, "m", "a", fix=fix)

    assert fixes.wanted(finding("safe"), unsafe=False) is not None
    assert fixes.wanted(finding("unsafe"), unsafe=False) is None
    assert fixes.wanted(finding("unsafe"), unsafe=True) is not None
    assert fixes.wanted(finding("display-only"), unsafe=True) is None


def test_fix_writes_expected_bytes_and_second_run_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(ARTICLE.encode())
    outcome = _fix_in_process(path)
    assert path.read_bytes() == FIXED.encode()
    assert outcome.applied == 2
    again = _fix_in_process(path)
    assert again.applied == 0 and again.changed == []
    assert path.read_bytes() == FIXED.encode()


@pytest.mark.parametrize("bom", [False, True])
def test_crlf_and_bom_are_kept(tmp_path: Path, bom: bool) -> None:
    path = tmp_path / "crlf.md"
    prefix = b"\xef\xbb\xbf" if bom else b""
    path.write_bytes(prefix + ARTICLE.replace("\n", "\r\n").encode())
    _fix_in_process(path)
    data = path.read_bytes()
    assert data == prefix + FIXED.replace("\n", "\r\n").encode()
    assert data.count(b"\r\n") == FIXED.count("\n") and b"\n" not in data.replace(b"\r\n", b"")


def test_overlapping_fixes_settle_over_passes(tmp_path: Path) -> None:
    # DUP001 deletes the second line; DUP004 wants to edit inside that same line.
    path = tmp_path / "overlap.md"
    path.write_text("- Increase in in blood pressure\n- Increase in in blood pressure\n")
    result = run([str(path)], _dup_config())
    usable = [fixes.wanted(f, unsafe=False) for f in result.findings]
    taken, left = fixes.select_fixes([f for f in usable if f])
    assert len(taken) == 2 and left == 1
    _fix_in_process(path)
    assert path.read_text() == "- Increase in blood pressure\n"


def test_fixes_that_do_not_settle_leave_the_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "triple.md"
    original = "We saw that the the the dose was low.\n"
    path.write_text(original)
    monkeypatch.setattr(fixes, "MAX_PASSES", 1)
    outcome = _fix_in_process(path)
    assert path.read_text() == original
    assert outcome.problems and "did not settle" in outcome.problems[0].problem
    monkeypatch.setattr(fixes, "MAX_PASSES", 10)
    _fix_in_process(path)
    assert path.read_text() == "We saw that the dose was low.\n"


def test_file_changed_meanwhile_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE)
    result = run([str(path)], _dup_config())
    outcome = fixes.fix_documents(result, _dup_config())
    edited = ARTICLE + "\nAn editor added this line meanwhile.\n"
    path.write_text(edited)  # someone saves the file after it was checked
    assert fixes.write_all(outcome) == 0
    assert path.read_text() == edited
    assert "changed since" in (outcome.problems[0].problem or "")
    assert "Fixed 0 problems in 0 files" in fixes.summary(outcome, wrote=True)


def test_atomic_write_keeps_mode_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE)
    os.chmod(path, 0o640)
    _fix_in_process(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_cli_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE)
    out = run_cli("check", "--select", "DUP", "--diff", str(path), cwd=tmp_path)
    assert out.returncode == 1, out.stderr
    assert path.read_text() == ARTICLE
    assert "-- Increase in blood pressure\n" in out.stdout
    assert "-Ketamine can cause the the following effects:\n" in out.stdout
    assert "+Ketamine can cause the following effects:\n" in out.stdout
    assert "Would fix 2 problems in 1 file." in out.stderr


def test_cli_fix_reports_remaining_findings_only(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE + "- Nausea and vomiting\n")
    out = run_cli("check", "--select", "DUP", "--fix", "--format", "json", str(path), cwd=tmp_path)
    assert "Fixed 2 problems in 1 file." in out.stderr
    assert '"DUP001"' not in out.stdout and '"DUP004"' not in out.stdout
    assert out.returncode == 0
    stdin = run_cli("check", "--fix", "-", "--select", "DUP", stdin=b"- a\n- a\n", cwd=tmp_path)
    assert (
        stdin.returncode == 0 and stdin.stdout == "- a\n"
    )  # the fixed text (tests/test_cli_edges.py)


def test_unsafe_fixes_only_on_request(tmp_path: Path) -> None:
    if "SPL004" not in {r.code for r in all_rules()}:
        pytest.skip("SPL004 (inconsistent-spelling, an unsafe fix) is not registered")
    path = tmp_path / "variants.md"
    text = (
        "The anesthetic dose was low. A second anesthetic dose followed.\n\n"
        "The anaesthetic wore off within an hour.\n"
    )
    path.write_text(text)
    run_cli("check", "--select", "SPL004", "--fix", str(path), cwd=tmp_path)
    assert path.read_text() == text
    run_cli("check", "--select", "SPL004", "--fix", "--unsafe-fixes", str(path), cwd=tmp_path)
    assert path.read_text() == text.replace("anaesthetic", "anesthetic")
