"""Faults of the hardening issue on real files and processes: a read-only cache, two runs
sharing one cache, ``--fix`` killed with SIGKILL.

We run as root in CI, and ``chmod`` does not stop root from writing; a read-only folder here is
a read-only bind mount made in a private mount namespace (``unshare --mount``), which no other
process sees and which goes away with the child. Tests that need it skip, with the reason
printed, where mount namespaces are not allowed.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from conftest import CORPUS, SEED_MD, checker_executable
from grammar_fixtures import lt_url, require_lt  # noqa: F401  (lt_url is a fixture)

from checker.cache import _decode

MOUNT_READ_ONLY = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
"""``sh -c`` script: make folder ``$1`` read-only, then run the rest of the arguments."""
GRAMMAR_ARTICLES = {
    "a.md": "# First\n\nHe go to the store every day.\n\nThis are a short paragraph.\n",
    "b.md": "# Second\n\nShe have two cat at home.\n",
    "c.md": "# Third\n\nThey was late for the meeting.\n",
}


def _read_only_command(folder: Path, *command: str) -> list[str]:
    return ["unshare", "--mount", "sh", "-c", MOUNT_READ_ONLY, "sh", str(folder), *command]


def _require_read_only_mounts(tmp_path: Path) -> None:
    """Skip unless a read-only bind mount can be made (and really stops root writing)."""
    probe = tmp_path / "probe"
    probe.mkdir()
    try:
        done = subprocess.run(
            _read_only_command(probe, "touch", str(probe / "x")),
            capture_output=True,
            text=True,
            timeout=60,
        )
    except FileNotFoundError:
        pytest.skip("no unshare command here")
    if "Read-only file system" not in done.stderr:
        reason = f"read-only bind mounts unavailable: {done.stderr.strip()[:200]}"
        print(f"skipping: {reason}")
        pytest.skip(reason)
    assert not (probe / "x").exists()
    probe.rmdir()


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHECKER_")}
    env["CHECKER_CACHE_DIR"] = str(tmp_path / "cache")
    env.update(extra)
    return env


def _check(folder: Path, env: dict[str, str], *args: str, read_only: Path | None = None):
    command = [checker_executable(), "check", "--format", "json", *args, str(folder)]
    if read_only is not None:
        command = _read_only_command(read_only, *command)
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    return done


def _corpus_sample(folder: Path, count: int, step: int = 37) -> list[Path]:
    folder.mkdir()
    sources = sorted(CORPUS.glob("*.md"))[::step][:count] if CORPUS.is_dir() else []
    copied = [Path(shutil.copy(p, folder / p.name)) for p in [SEED_MD, *sources]]
    return copied


def _entries(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


def test_a_read_only_result_cache_is_read_and_bypassed_with_a_warning(tmp_path):
    _require_read_only_mounts(tmp_path)
    folder = tmp_path / "articles"
    later = _corpus_sample(folder, 4)[-1]
    held = later.rename(tmp_path / later.name)
    env = _env(tmp_path)
    _check(folder, env, "--no-grammar")  # fills the cache
    held.rename(later)  # a new article: its result would be written
    cache = tmp_path / "cache"
    before = _entries(cache)
    done = _check(folder, env, "--no-grammar", read_only=cache)
    reference = _check(folder, env, "--no-grammar", "--no-cache")
    assert json.loads(done.stdout) == json.loads(reference.stdout)
    assert "warning: cache folder" in done.stderr and "not writable" in done.stderr
    assert done.stderr.count("warning: cache folder") == 1
    assert "Traceback" not in done.stderr
    assert _entries(cache) == before  # nothing written, nothing removed


def _grammar_articles(tmp_path: Path, url: str) -> tuple[Path, Path, dict[str, str]]:
    """A folder of short articles with grammar errors, the LanguageTool home holding the
    paragraph cache, and the environment that checks them with the real server at ``url``."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in GRAMMAR_ARTICLES.items():
        (folder / name).write_text(text)
    home = tmp_path / "lt"
    env = _env(tmp_path, CHECKER_LANGUAGETOOL_URL=url, CHECKER_LANGUAGETOOL_HOME=str(home))
    return folder, home, env


GRAMMAR_ARGS = ("--select", "GRM", "--no-cache")
"""Grammar only, and no result cache: LanguageTool or the paragraph cache answers each time."""


def test_a_read_only_grammar_cache_is_bypassed_with_a_warning(tmp_path, lt_url):  # noqa: F811
    _require_read_only_mounts(tmp_path)
    folder, home, env = _grammar_articles(tmp_path, lt_url)
    args = GRAMMAR_ARGS
    (folder / "c.md").rename(tmp_path / "c.md")
    _check(folder, env, *args)  # fills the paragraph cache
    (tmp_path / "c.md").rename(folder / "c.md")
    before = _entries(home)
    done = _check(folder, env, *args, read_only=home)
    assert "warning: grammar cache" in done.stderr and "Traceback" not in done.stderr
    assert _entries(home) == before
    reference = _check(folder, env, *args)
    report = json.loads(done.stdout)
    assert report == json.loads(reference.stdout)
    rules = {f["rule"] for file in report["files"] for f in file["findings"]}
    assert rules and all(r.startswith("GRM") for r in rules) and "GRM:NOT_CHECKED" not in rules


def test_a_read_only_grammar_cache_file_is_read_and_not_written(tmp_path, capsys):
    from checker.grammar.cache import ParagraphCache
    from checker.grammar.client import GrammarMatch

    path = tmp_path / "paragraphs.sqlite3"
    match = GrammarMatch("R", "C", "grammar", "m", ("x",), 0, 1)
    cache = ParagraphCache(path)
    cache.put_many([("key", [match])])
    cache.close()
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i (an immutable file, read-only even for root) unavailable")
    try:
        again = ParagraphCache(path)
        assert again.get_many(["key"]) == {"key": [match]}
        again.put_many([("other", [match])])
        again.put_many([("third", [match])])
        assert len(again) == 1
        again.close()
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    err = capsys.readouterr().err
    assert err.count("not writable") == 1 and "new results are not cached" in err


def _together(folder: Path, env: dict[str, str], *args: str) -> list[str]:
    """Two ``checker check`` processes started at once on the same cache; their reports."""
    command = [checker_executable(), "check", "--format", "json", *args, str(folder)]
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outs = [run.communicate(timeout=600) for run in runs]
    for run, (_, err) in zip(runs, outs, strict=True):
        assert run.returncode in (0, 1), err.decode()
        assert b"Traceback" not in err and b"warning" not in err
    return [out.decode() for out, _ in outs]


def test_two_runs_sharing_one_result_cache_agree_and_leave_whole_entries(tmp_path):
    folder = tmp_path / "articles"
    _corpus_sample(folder, 40)
    env = _env(tmp_path)
    reference = json.loads(_check(folder, env, "--no-grammar", "--no-cache").stdout)
    first, second = _together(folder, env, "--no-grammar", "--jobs", "2")
    assert json.loads(first) == reference and json.loads(second) == reference
    results = tmp_path / "cache" / "results"
    entries = [p for p in results.rglob("*") if p.is_file()]
    assert len(entries) == len(list(folder.glob("*.md"))) + 1  # and the corpus rules' findings
    assert all(_decode(p.read_bytes()) is not None for p in entries)
    assert not [p for p in results.rglob(".tmp-*")]
    before = _entries(results)
    assert json.loads(_check(folder, env, "--no-grammar").stdout) == reference
    assert _entries(results) == before  # every entry was a hit: none rewritten


def test_two_runs_sharing_one_grammar_cache_agree_and_keep_it_whole(tmp_path, lt_url):  # noqa: F811
    require_lt()
    folder, home, env = _grammar_articles(tmp_path, lt_url)
    args = GRAMMAR_ARGS
    first, second = _together(folder, env, *args)
    assert first == second
    report = json.loads(first)
    assert any(f["rule"].startswith("GRM:") for file in report["files"] for f in file["findings"])
    db = sqlite3.connect(home / "paragraphs.sqlite3")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute("SELECT matches FROM paragraphs").fetchall()
    finally:
        db.close()
    assert len(rows) >= len(GRAMMAR_ARTICLES) and all(
        isinstance(json.loads(r), list) for (r,) in rows
    )
    assert json.loads(_check(folder, env, *args).stdout) == report


FIX_FILES = 300


def _fixable_folder(folder: Path) -> dict[str, bytes]:
    """``FIX_FILES`` articles of some 40 KB, each with a safe fix (a repeated word)."""
    folder.mkdir()
    body = SEED_MD.read_text(encoding="utf-8")
    originals = {}
    for i in range(FIX_FILES):
        data = f"# Article {i}\n\nIt is the the best choice for patient {i}.\n\n{body * 2}"
        originals[f"post-{i:03}.md"] = data.encode("utf-8")
        (folder / f"post-{i:03}.md").write_bytes(originals[f"post-{i:03}.md"])
    return originals


def _fix(folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [checker_executable(), "check", "--fix", "--select", "DUP004", str(folder)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def test_sigkill_during_fix_leaves_each_file_whole_and_no_temp_after_the_next_run(tmp_path):
    env = _env(tmp_path, CHECKER_NO_CACHE="1")
    expected_folder = tmp_path / "expected"
    originals = _fixable_folder(expected_folder)
    assert _fix(expected_folder, env).returncode in (0, 1)
    fixed = {name: (expected_folder / name).read_bytes() for name in originals}
    assert all(fixed[name] != originals[name] for name in originals)
    folder = tmp_path / "articles"
    _fixable_folder(folder)
    command = [checker_executable(), "check", "--fix", "--select", "DUP004", str(folder)]
    run = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    names = sorted(originals)
    watched = {n: (folder / n).stat().st_ino for n in names[:: FIX_FILES // 30]}
    deadline = time.monotonic() + 600
    while run.poll() is None and time.monotonic() < deadline:
        if any((folder / n).stat().st_ino != ino for n, ino in watched.items()):
            break  # a fixed file replaced the original: the run is writing
        time.sleep(0.001)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    assert run.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    now = {name: (folder / name).read_bytes() for name in names}
    assert all(now[n] in (originals[n], fixed[n]) for n in names)  # never a truncated file
    done = sum(now[n] == fixed[n] for n in names)
    assert 0 < done < FIX_FILES, f"{done} of {FIX_FILES} fixed: not killed mid-run"
    time.sleep(2.5)  # past the grace time of a temporary file that is not locked yet
    assert _fix(folder, env).returncode in (0, 1)
    assert {n: (folder / n).read_bytes() for n in names} == fixed
    assert sorted(p.name for p in folder.iterdir()) == names  # no .checker-*.tmp left
