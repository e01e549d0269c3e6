"""A SQLite cache of LanguageTool matches per paragraph.

Keys hash the LanguageTool version, the settings fingerprint and the paragraph text, so a
change to any of them misses. All access happens on the thread that owns the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from checker.grammar.client import GrammarMatch

SCHEMA = 1
"""Bump when the stored form or the filtering of matches changes."""


def cache_key(version: str, fingerprint: str, text: str) -> str:
    """The cache key of one paragraph."""
    raw = json.dumps([SCHEMA, version, fingerprint, text], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ParagraphCache:
    """Matches per paragraph key, stored in one SQLite file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.warned = False
        try:
            self._db = _open(path)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError):
                raise  # locked or read-only: not ours to remove
            # a corrupt file (a crash mid-write, a stray copy): rebuild it, or no run would cache
            print(
                f"checker: warning: grammar cache {path} is corrupt ({exc}); rebuilt",
                file=sys.stderr,
            )
            for stale in (
                path,
                path.with_name(path.name + "-wal"),
                path.with_name(path.name + "-shm"),
            ):
                stale.unlink(missing_ok=True)
            self._db = _open(path)

    def get_many(self, keys: Sequence[str]) -> dict[str, list[GrammarMatch]]:
        """The cached matches of those ``keys`` that are present (none if the file is bad)."""
        try:
            return self._get_many(keys)
        except (sqlite3.Error, ValueError, TypeError):
            return {}

    def _get_many(self, keys: Sequence[str]) -> dict[str, list[GrammarMatch]]:
        found: dict[str, list[GrammarMatch]] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, matches FROM paragraphs WHERE key IN ({marks})", chunk
            )
            for key, payload in rows:
                found[key] = [GrammarMatch.from_dict(d) for d in json.loads(payload)]
        return found

    def put_many(self, items: Iterable[tuple[str, list[GrammarMatch]]]) -> None:
        """Store matches for paragraph keys."""
        rows = [(key, json.dumps([m.to_dict() for m in ms])) for key, ms in items]
        if not rows:
            return
        try:
            self._db.executemany("INSERT OR REPLACE INTO paragraphs VALUES (?, ?)", rows)
            self._db.commit()
        except sqlite3.Error as exc:  # a read-only, full or broken cache: read, not written
            with contextlib.suppress(sqlite3.Error):
                self._db.rollback()
            if not self.warned:
                self.warned = True
                print(
                    f"checker: warning: grammar cache {self.path} not writable ({exc});"
                    " new results are not cached",
                    file=sys.stderr,
                )

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0])

    def close(self) -> None:
        """Close the database."""
        self._db.close()


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), timeout=30)
    try:
        with contextlib.suppress(sqlite3.OperationalError):
            db.execute("PRAGMA journal_mode=WAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS paragraphs (key TEXT PRIMARY KEY, matches TEXT NOT NULL)"
        )
        db.execute("SELECT COUNT(*) FROM paragraphs").fetchone()
        db.commit()
    except BaseException:
        db.close()
        raise
    return db
