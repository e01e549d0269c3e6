"""Writing a file atomically: a temporary file in the same folder, then a rename.

A reader never sees a half-written file, and an interrupted write leaves the old one intact.
The writer holds a lock on its temporary file while it writes, so a later write in the same
folder can tell a temporary file whose writer was killed (no lock) from one being written,
and removes the first kind.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # no flock on this platform: only very old temporary files are removed
    fcntl = None  # type: ignore[assignment]


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
    import tempfile  # only when writing (a run that writes nothing does not import it)

    handle, temp = tempfile.mkstemp(prefix=".checker-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            if fcntl is not None:
                fcntl.flock(out.fileno(), fcntl.LOCK_EX)  # released by close, or by a kill
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
GRACE_SECONDS = 2.0
"""An unlocked temporary file younger than this may belong to a writer that has created it
but not yet locked it: kept."""


def remove_stale_temps(folder: str) -> None:
    """Delete ``.checker-*.tmp`` files a killed run (SIGKILL mid-write) left in ``folder``."""
    now = time.time()
    for stale in Path(folder).glob(".checker-*.tmp"):
        with contextlib.suppress(OSError):
            age = now - stale.stat().st_mtime
            if age > STALE_SECONDS or (age > GRACE_SECONDS and not _locked(stale)):
                stale.unlink()


def _locked(path: Path) -> bool:
    """Whether a live writer holds the lock of ``path`` (True when locks are unavailable)."""
    if fcntl is None:
        return True
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
