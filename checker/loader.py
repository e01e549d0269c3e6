"""Finding article files and reading them safely.

Reading never raises for a bad article: it returns an ``InputProblem`` naming the reason, so
that one unreadable file never hides the findings of the others.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from checker.errors import UsageError
from checker.source import SourceFile

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
SKIPPED_DIRS = {".git", ".venv", "node_modules", "__pycache__", ".cache"}


@dataclass
class InputProblem:
    """An article that could not be read as text, and why."""

    path: str
    reason: str


def discover(
    paths: Iterable[str], exclude: Iterable[str] = (), suffixes: tuple[str, ...] = ARTICLE_SUFFIXES
) -> list[str]:
    """Expand files and directories into a sorted list of article paths.

    Directories are searched recursively for files with an article suffix; files named
    explicitly are always taken. Paths matching an ``exclude`` glob are left out.
    """
    patterns = list(exclude)
    found: list[str] = []
    for raw in paths:
        if raw == "-":
            found.append(raw)
            continue
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"{raw}: no such file or directory")
        if path.is_dir():
            found.extend(p for p in _walk(path, suffixes) if not _excluded(p, patterns))
        elif not _excluded(str(path), patterns):
            found.append(str(path))
    return list(dict.fromkeys(found))


def _walk(root: Path, suffixes: tuple[str, ...]) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
        for name in sorted(filenames):
            if name.lower().endswith(suffixes):
                yield os.path.join(dirpath, name)


def _excluded(path: str, patterns: list[str]) -> bool:
    norm = path.replace(os.sep, "/").removeprefix("./")
    return any(
        fnmatch.fnmatch(norm, pat) or fnmatch.fnmatch(os.path.basename(norm), pat)
        for pat in patterns
    )


def decode(path: str, data: bytes, max_size: int) -> SourceFile | InputProblem:
    """Decode raw bytes as a UTF-8 article, or say why they are not one."""
    if len(data) > max_size:
        return InputProblem(path, f"file is {len(data):,} bytes, over the {max_size:,}-byte limit")
    if b"\x00" in data[:8192]:
        return InputProblem(path, "file looks binary (it contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return InputProblem(path, f"file is not valid UTF-8 (bad byte at line {line})")
    return SourceFile.from_text(path, text)


def read(path: str, max_size: int) -> SourceFile | InputProblem:
    """Read one article from disk."""
    try:
        size = os.path.getsize(path)
        if size > max_size:
            return InputProblem(path, f"file is {size:,} bytes, over the {max_size:,}-byte limit")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return InputProblem(path, f"cannot read file: {exc.strerror or exc}")
    return decode(path, data, max_size)
