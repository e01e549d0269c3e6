"""Shared test fixtures: paths to the seed article, the corpus, and the installed CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CHECKER_SHARED", ROOT.parent / "shared"))  # worktrees: set it
SEED_MD = ROOT / "articles" / "is-ketamine-therapy-addictive.md"
SEED_TXT = ROOT / "tests" / "fixtures" / "is-ketamine-therapy-addictive.txt"
CORPUS = SHARED / "data" / "corpus" / "medquad"


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory):
    """Every run of the session uses one fresh cache folder (results, compiled lexicons), not
    the user's: a test never sees results cached by an earlier session."""
    previous = os.environ.get("CHECKER_CACHE_DIR")
    os.environ["CHECKER_CACHE_DIR"] = str(tmp_path_factory.mktemp("checker-cache"))
    yield
    if previous is None:
        os.environ.pop("CHECKER_CACHE_DIR", None)
    else:
        os.environ["CHECKER_CACHE_DIR"] = previous


def checker_executable() -> str:
    """The installed ``checker`` console script next to the running Python."""
    candidate = Path(sys.executable).with_name("checker")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("checker")
    if not found:
        pytest.fail("the checker console script is not installed (run `make test`)")
    return found


def run_cli(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``checker`` command as a subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [checker_executable(), *args],
        cwd=cwd or ROOT,
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
    )


@pytest.fixture
def corpus() -> Path:
    """The MedQuAD corpus in ../shared (skipped with a reason when absent)."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


# One real LanguageTool server for the whole session (see tests/grammar_fixtures.py).
from grammar_fixtures import languagetool_for_session  # noqa: E402, F401
