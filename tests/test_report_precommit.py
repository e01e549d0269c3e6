"""The pre-commit hook manifest: valid for pre-commit, and its entries work on an article."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_MD, run_cli

clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is not installed")


def _hooks() -> dict[str, dict]:
    return {h["id"]: h for h in clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}


def test_manifest_is_valid_and_selects_articles() -> None:
    hooks = _hooks()
    assert set(hooks) == {"checker", "checker-fix"}
    for hook in hooks.values():
        pattern, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])

        def selected(p: str, pattern=pattern, exclude=exclude) -> bool:
            return bool(pattern.search(p)) and not exclude.search(p)

        articles = ("a.md", "b/c.markdown", "articles/d.txt", "e.html", "articles/f.htm")
        assert all(selected(p) for p in articles)
        others = ("setup.py", "notes.md.bak", "image.png", "rules/vocab/accept.txt", "notes.txt")
        assert not any(selected(p) for p in (*others, "rules/claims.md", "site/vocab/x.md"))
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


def _git(*args: str, cwd: Path) -> str:
    out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def _hook_repository(dest: Path) -> str:
    """This working tree (tracked and new files) committed to a scratch repository; its sha."""
    files = _git("ls-files", "-co", "--exclude-standard", cwd=ROOT).splitlines()
    for name in files:
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "hook", cwd=dest)
    return _git("rev-parse", "HEAD", cwd=dest)


def test_hook_from_a_clean_install_in_a_scratch_repository(tmp_path: Path) -> None:
    """The real pre-commit installs the hook from a repository and runs it on staged files."""
    hooks, site = tmp_path / "hooks", tmp_path / "site"
    hooks.mkdir()
    (site / "articles").mkdir(parents=True)
    (site / "rules" / "vocab").mkdir(parents=True)
    sha = _hook_repository(hooks)
    (site / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {sha}\n    hooks:\n      - id: checker\n"
    )
    (site / "rules" / "vocab" / "accept.txt").write_text("# clinic words\nzorvexa\nqwzzt\n")
    (site / "rules" / "README.md").write_text("Words the the clinic accepts.\n")  # DUP004 if linted
    clean = "# Sleep and rest\n\nMost adults sleep about seven hours a night.\n"
    (site / "articles" / "sleep.md").write_text(clean, encoding="utf-8")
    _git("init", "-q", cwd=site)
    _git("add", "-A", cwd=site)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHECKER_", "VIRTUAL_ENV"))}
    env |= {"PRE_COMMIT_HOME": str(tmp_path / "pc"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    pre_commit = str(Path(sys.executable).with_name("pre-commit"))
    run = lambda: subprocess.run(  # noqa: E731
        [pre_commit, "run", "--all-files"],
        cwd=site,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    passed = run()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    shutil.copy(SEED_MD, site / "articles" / "ketamine.md")
    _git("add", "-A", cwd=site)
    failed = run()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "articles/ketamine.md:52:3: DUP001" in failed.stdout
    assert "rules/" not in failed.stdout  # rule data is never linted
