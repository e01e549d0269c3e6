"""The checks. Each module of this package registers its rules with ``checker.rules.rule``.

Adding a check means adding one module here (plus its test); nothing else needs to change.
"""

from __future__ import annotations

import importlib
import pkgutil

_loaded = False


def load_all() -> None:
    """Import every check module once so that its rules register themselves."""
    global _loaded
    if _loaded:
        return
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    _loaded = True
