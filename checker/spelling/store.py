"""What the spelling engine derives from data files, kept in its cache folder with ``marshal``.

A stored value is named by what it is (``name``) and a digest of its inputs (the bytes of the
files it is made from, or their paths, sizes and dates), ``FORMAT``, the checker's version and
the sizes and dates of the code that reads the inputs (the spelling package and
checker/resources.py: an edited checkout is not served values its old code built): a changed
input or a new version is a new file. The ``KEEP`` newest files of a name stay (a
project's rules folder and the shipped one may take turns), older ones are removed. A missing,
corrupt or foreign file is built again; a folder that cannot be written only costs speed.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
from array import array
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from checker import __version__
from checker.atomic import atomic_write

FORMAT = 1
KEEP = 4
T = TypeVar("T")


def digest(*parts: str | bytes) -> str:
    """A short digest of ``parts`` (each length-prefixed, so no two lists of parts agree)."""
    found = hashlib.sha1(f"{FORMAT}|{__version__}|{_code()}".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        found.update(b"|%d:" % len(data) + data)
    return found.hexdigest()[:16]


@cache
def _code() -> str:
    """The paths, sizes and dates of the code that builds stored values."""
    folder = Path(__file__).resolve().parent
    files = [*sorted(folder.glob("*.py")), folder.parent / "resources.py"]
    stamps = []
    for path in files:
        with contextlib.suppress(OSError):
            stat = path.stat()
            stamps.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return ",".join(stamps)


def remembered(
    cache: Path | None,
    name: str,
    files: Iterable[Path],
    build: Callable[[], T],
    valid: Callable[[Any], bool],
    extra: str = "",
) -> T:
    """``build()``, kept in ``cache`` under ``name`` for the content of ``files`` and ``extra``
    (``valid`` tells a stored value of the expected shape). Without a folder, or when a file
    cannot be read (``build`` then says why), it is built every time."""
    if cache is None:
        return build()
    try:
        inputs = [path.read_bytes() for path in files]
    except OSError:
        return build()
    file = cache / f"{name}-{digest(*inputs, extra)}.marshal"
    found = read(file)
    if found is not None and valid(found):
        return found
    value = build()
    write(file, value, f"{name}-*.marshal")
    return value


def read(file: Path) -> Any:
    """The value stored in ``file``, or None when it is missing or unreadable."""
    try:
        return marshal.loads(file.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write(file: Path, data: Any, pattern: str) -> None:
    """Store ``data`` in ``file`` atomically and keep only the ``KEEP`` newest files matching
    ``pattern`` beside it; an unwritable folder only costs speed."""
    with contextlib.suppress(OSError):
        atomic_write(file, marshal.dumps(data))
        older = sorted(
            (p for p in file.parent.glob(pattern) if p != file),
            key=_written,
            reverse=True,
        )
        for old in older[KEEP - 1 :]:
            old.unlink(missing_ok=True)


class WordTable:
    """Small numbers (under 65,536) of many words, kept as buckets of the words that share
    their first ``PREFIX`` letters: each bucket's words joined by newlines (``words``) and
    their numbers (``numbers``: ``array("H")`` bytes), made into a dictionary when a word of
    it is first looked up. Read in a few milliseconds, a tenth of the time of a list of the
    words (two mappings of strings and bytes leave the garbage collector nothing to scan);
    a run opens a small part of the buckets."""

    PREFIX = 3

    def __init__(self, words: dict[str, str], numbers: dict[str, bytes]) -> None:
        self.words = words
        self.numbers = numbers
        self.opened: dict[str, dict[str, int]] = {}

    @classmethod
    def compact(cls, table: dict[str, int]) -> tuple[dict[str, str], dict[str, bytes]]:
        """``table`` as the two mappings a ``WordTable`` is made of (``marshal`` stores them)."""
        grouped: dict[str, list[str]] = {}
        for word in sorted(table):
            grouped.setdefault(word[: cls.PREFIX], []).append(word)
        words = {key: "\n".join(found) for key, found in grouped.items()}
        numbers = {key: array("H", map(table.__getitem__, found)) for key, found in grouped.items()}
        return words, {key: found.tobytes() for key, found in numbers.items()}

    @staticmethod
    def valid(found: object) -> bool:
        """Whether a stored value has the shape of ``compact``'s."""
        return isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], dict)

    def get(self, word: str) -> int | None:
        """The number of ``word``, or ``None``."""
        key = word[: self.PREFIX]
        found = self.opened.get(key)
        if found is None:
            found = self.opened[key] = self._open(key)
        return found.get(word)

    def _open(self, key: str) -> dict[str, int]:
        words = self.words.get(key)
        if words is None:
            return {}
        numbers = array("H")
        numbers.frombytes(self.numbers[key])
        return dict(zip(words.split("\n"), numbers, strict=True))


def _written(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0
