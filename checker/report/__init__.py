"""Reporters: turn a run's result into text, JSON and other formats.

Each module of this package defines ``FORMAT`` (the ``--format`` name) and
``render(result: RunResult, options: ReportOptions) -> str``. Adding a format means adding a
module here.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from checker.engine import RunResult


@dataclass
class ReportOptions:
    """How to render: colours, quiet mode, the configured fail-on level."""

    color: bool = False
    quiet: bool = False
    fail_on: str = "error"


Renderer = Callable[[RunResult, ReportOptions], str]


def reporters() -> dict[str, ModuleType]:
    """Every reporter module by its format name."""
    out: dict[str, ModuleType] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        name = getattr(module, "FORMAT", None)
        if name:
            out[name] = module
    return out


def counts(result: RunResult) -> dict[str, int]:
    """Findings by severity, plus files and total."""
    levels = Counter(f.severity for file in result.files for f in file.findings)
    out = {"files": len(result.files), "findings": sum(levels.values())}
    for level in ("error", "warning", "info"):
        out[level] = levels[level]
    return out
