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


def _written(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0
