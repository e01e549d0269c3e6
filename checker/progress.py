"""A progress bar on the terminal for runs over many articles.

Shown on standard error only when it is a terminal, the run has at least ``MIN_FILES``
articles, and neither ``CI`` nor ``TERM=dumb`` says otherwise: logs and pipes never see it.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from typing import TextIO

MIN_FILES = 20
REFRESH_SECONDS = 0.1


def wanted(stream: TextIO, total: int, env: dict[str, str] | None = None) -> bool:
    """Whether to draw a bar for ``total`` articles on ``stream``."""
    env = dict(os.environ) if env is None else env
    if env.get("CI") or env.get("TERM") == "dumb" or total < MIN_FILES:
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class ProgressBar:
    """Call with (done, total, path) after each article; ``close`` clears the line."""

    def __init__(self, stream: TextIO | None = None, env: dict[str, str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.env = env
        self.enabled: bool | None = None
        self.last = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int, path: str) -> None:
        """Record that ``done`` of ``total`` articles are checked (``path`` the latest)."""
        if self.enabled is None:
            self.enabled = wanted(self.stream, total, self.env)
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self.last < REFRESH_SECONDS:
            return
        self.last = now
        self.stream.write("\r" + line(done, total, path, _width()))
        self.stream.flush()
        self.drawn = True
        if done >= total:
            self.close()

    def close(self) -> None:
        """Erase the bar so the report starts on a clean line."""
        if self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.drawn = False


def _width() -> int:
    return shutil.get_terminal_size((80, 24)).columns


def line(done: int, total: int, path: str, width: int) -> str:
    """The bar's text, fitted to ``width`` columns: ``[####----] 12/40 path``."""
    bar_width = max(10, min(30, width // 4))
    filled = bar_width * done // max(total, 1)
    head = f"[{'#' * filled}{'-' * (bar_width - filled)}] {done}/{total} "
    room = width - len(head) - 1
    name = path if len(path) <= room else "..." + path[-max(room - 3, 0) :]
    return (head + name)[: max(width - 1, 0)]
