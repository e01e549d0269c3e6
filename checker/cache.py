"""The result cache: an article's document-rule output, keyed by everything it depends on.

An entry holds what checking one article produced before the corpus rules and the filters
ran (its findings, its compact summary and the engines' statuses), so an unchanged article is
not parsed or checked again. The key hashes:

- the article's path and bytes;
- the run's fingerprint (:func:`run_fingerprint`): the configuration (rules selected and
  ignored, per-rule options and severities, module tables, the rules folder), the content of
  every rule data file (the rules folder, the claims ledger, the fact base), the Hunspell
  dictionaries' sizes and dates, the checker's version and the size and date of every file
  of the installed package and of its dependencies, the ``CHECKER_*`` environment and, when
  grammar is on, the pinned LanguageTool version.

Entries live one file each under ``$CHECKER_CACHE_DIR`` or ``$XDG_CACHE_HOME/checker`` or
``~/.cache/checker`` (``results/``), written atomically (a temporary file, then a rename);
a corrupt or foreign entry is ignored and rewritten, never an error. A folder that cannot be
written (read-only, full) is still read, and bypassed for writes with one warning. The folder
is kept under ``MAX_BYTES`` by removing the least recently written entries. ``checker cache
clean`` removes it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from checker import __version__

CACHE_ENV = "CHECKER_CACHE_DIR"
NO_CACHE_ENV = "CHECKER_NO_CACHE"
FORMAT = 1
MAGIC = b"CHKR"
MAX_BYTES = 256 * 1024 * 1024
RESULTS = "results"
_HEADER = len(MAGIC) + 8
T = TypeVar("T")
_WARNED: set[Path] = set()


def cache_home() -> Path:
    """The user cache folder: $CHECKER_CACHE_DIR, $XDG_CACHE_HOME/checker or ~/.cache/checker."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "checker"


class ResultCache:
    """Pickled entries, one file per key, in ``folder``; every failure is a miss."""

    def __init__(self, folder: Path | None = None, max_bytes: int = MAX_BYTES) -> None:
        self.folder = folder or cache_home() / RESULTS
        self.max_bytes = max_bytes
        self.hits = 0
        self.writes = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key[2:]

    def get(self, key: str) -> Any | None:
        """The stored value for ``key``, or None when absent, unreadable or corrupt."""
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        value = _decode(data)
        if value is not None:
            self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` atomically; an unwritable cache only costs speed."""
        self.put_file(self._path(key), value)

    def put_file(self, path: Path, value: Any) -> None:
        """Store ``value`` at ``path`` atomically (see :meth:`put`)."""
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            header = (
                MAGIC + len(payload).to_bytes(4, "big") + zlib.crc32(payload).to_bytes(4, "big")
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            import tempfile  # only when writing: a cached re-run writes nothing

            handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(header + payload)
                os.replace(temp, path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            self._warn(exc)
            return
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return
        self.writes += 1

    def _warn(self, exc: OSError) -> None:
        root = cache_home()
        shown = root if self.folder.is_relative_to(root) else self.folder
        if shown not in _WARNED:  # once per process and folder, not once per entry
            _WARNED.add(shown)
            print(
                f"checker: warning: cache folder {shown} not writable ({exc});"
                " results are not cached",
                file=sys.stderr,
            )

    def prune(self) -> int:
        """Remove the oldest entries until the folder is under ``max_bytes``; how many."""
        entries = []
        for path in _files(self.folder):
            try:
                stat = path.stat()
            except OSError:
                continue
            entries.append((stat.st_mtime_ns, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, path in sorted(entries, key=lambda e: e[0]):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        return removed


def entries(folder: Path | None = None) -> tuple[int, int]:
    """``(entries, bytes)`` in the result cache folder."""
    count = size = 0
    for path in _files(folder or cache_home() / RESULTS):
        try:
            size += path.stat().st_size
        except OSError:
            continue
        count += 1
    return count, size


def clean(folder: Path | None = None) -> tuple[int, int]:
    """Delete the result cache folder; ``(entries, bytes)`` removed."""
    import shutil

    folder = folder or cache_home() / RESULTS
    found = entries(folder)
    shutil.rmtree(folder, ignore_errors=True)
    return found


def _files(folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return []
    return (p for p in folder.glob("??/*") if p.is_file())


def _decode(data: bytes) -> Any | None:
    if len(data) < _HEADER or not data.startswith(MAGIC):
        return None
    length = int.from_bytes(data[4:8], "big")
    crc = int.from_bytes(data[8:12], "big")
    payload = data[_HEADER:]
    if len(payload) != length or zlib.crc32(payload) != crc:
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # a foreign or stale entry: treat as a miss
        return None


def entry_key(fingerprint: str, path: str, data: bytes) -> str:
    """The key of one article's entry."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(data)
    return digest.hexdigest()


def run_fingerprint(config: Any) -> str:
    """Everything besides the article that decides its findings (see the module docstring)."""
    digest = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version}".encode())
    for field in fields(config):
        if field.name not in ("fail_on", "exclude"):  # applied outside the cached stage
            digest.update(f"{field.name}={getattr(config, field.name)!r}\n".encode())
    for name, value in sorted(os.environ.items()):
        if name.startswith("CHECKER_") and name not in (CACHE_ENV, NO_CACHE_ENV):
            digest.update(f"env {name}={value}\n".encode())
    for path in _data_files(config):
        _add_content(digest, path)
    for path in _stat_files():
        _add_stat(digest, path)
    if config.grammar != "off":
        from checker.grammar.paths import pinned_version

        digest.update(f"languagetool {pinned_version()}\n".encode())
    return digest.hexdigest()


def _data_files(config: Any) -> list[Path]:
    """Rule data read by the checks: the rules folders, the claims ledger, the fact base."""
    from checker.resources import DEFAULT_RULES_DIR

    out: list[Path] = []
    folders = [Path(p) for p in (config.rules_path, DEFAULT_RULES_DIR) if p is not None]
    for folder in dict.fromkeys(folders):
        if folder.is_dir():
            out.extend(sorted(p for p in folder.rglob("*") if p.is_file()))
    out.extend(_configured_files(config))
    return out


def _configured_files(config: Any) -> list[Path]:
    from checker.errors import CheckerError

    out: list[Path] = []
    try:
        from checker.claims.settings import claim_settings

        out.append(claim_settings(config).ledger)
    except CheckerError:  # a bad table is reported by the rules themselves
        pass
    base = config.section("facts").get("base")
    if isinstance(base, str):
        out.append(config.root / base)
    return out


def _stat_files() -> list[Path]:
    """The package's own files, its dependencies' metadata and the Hunspell dictionaries."""
    package = Path(__file__).resolve().parent
    out = sorted(p for p in package.rglob("*") if p.suffix not in (".pyc",) and p.is_file())
    for folder in {Path(p) for p in sys.path if p.endswith("-packages") and Path(p).is_dir()}:
        out.extend(sorted(folder.glob("*.dist-info")))
    hunspell = Path("/usr/share/hunspell")
    if hunspell.is_dir():
        out.extend(sorted(hunspell.glob("*.[da][if][cf]")))
    return out


def _add_content(digest: Any, path: Path) -> None:
    try:
        digest.update(f"file {path}\n".encode() + path.read_bytes())
    except OSError:
        digest.update(f"missing {path}\n".encode())


def _add_stat(digest: Any, path: Path) -> None:
    try:
        stat = path.stat()
    except OSError:
        return
    digest.update(f"stat {path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())


def cached_parse(kind: str, text: str, parse: Callable[[str], T]) -> T:
    """``parse(text)``, remembered as a pickle under the cache folder (keyed by ``kind``, the
    text and the checker's version), so rule data files are not parsed again in every run.
    Parse errors are raised as usual and nothing is stored for them."""
    digest = hashlib.sha256(f"{FORMAT}|{__version__}|{kind}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    path = cache_home() / "parsed" / f"{digest.hexdigest()[:32]}.pickle"
    try:
        found = _decode(path.read_bytes())
    except OSError:
        found = None
    if found is not None:
        return found[0]
    value = parse(text)
    ResultCache(path.parent).put_file(path, (value,))
    return value
