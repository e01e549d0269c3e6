"""The pre-commit hook manifest: valid for pre-commit, and its entries work on an article."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is not installed")


def _hooks() -> dict[str, dict]:
    return {h["id"]: h for h in clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}


def test_manifest_is_valid_and_selects_articles() -> None:
    hooks = _hooks()
    assert set(hooks) == {"checker", "checker-fix"}
    for hook in hooks.values():
        pattern = re.compile(hook["files"])
        assert all(pattern.search(p) for p in ("a.md", "b/c.markdown", "d.txt", "e.html"))
        assert not any(pattern.search(p) for p in ("setup.py", "notes.md.bak", "image.png"))
        assert hook["require_serial"] is True


def test_hook_entries_run_like_pre_commit_runs_them(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("- Nausea\n- Nausea\n")
    hooks = _hooks()
    args = ["--select", "DUP"]
    check = shlex.split(hooks["checker"]["entry"])[1:]
    out = run_cli(*check, *args, article.name, cwd=tmp_path)
    assert out.returncode == 1 and "DUP001" in out.stdout
    fix = shlex.split(hooks["checker-fix"]["entry"])[1:]
    out = run_cli(*fix, *args, article.name, cwd=tmp_path)
    assert out.returncode == 0 and article.read_text() == "- Nausea\n"
