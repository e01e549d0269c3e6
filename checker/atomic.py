"""Writing a file atomically: a temporary file in the same folder, then a rename.

A reader never sees a half-written file, and an interrupted write leaves the old one intact.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path


def atomic_write(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data``, keeping the permission bits of an existing file.

    A symbolic link is followed (the file it names is replaced, the link stays); a device or
    pipe (``-o /dev/stdout``) is written to directly, never replaced by a file.
    """
    path = os.path.realpath(path)
    if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode):
        with open(path, "wb") as out:
            out.write(data)
        return
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    remove_stale_temps(folder)
    mode = os.stat(path).st_mode & 0o7777 if os.path.exists(path) else None
    handle, temp = tempfile.mkstemp(prefix=".checker-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


STALE_SECONDS = 600
"""A temporary file this old was left by a killed run (a live write takes well under that)."""


def remove_stale_temps(folder: str) -> None:
    """Delete ``.checker-*.tmp`` files a killed run (SIGKILL mid-write) left in ``folder``."""
    now = time.time()
    for stale in Path(folder).glob(".checker-*.tmp"):
        with contextlib.suppress(OSError):
            if now - stale.stat().st_mtime > STALE_SECONDS:
                stale.unlink()
