"""Grammar and style checking through a real LanguageTool server.

``GrammarEngine`` is the facade: build it from ``build_settings(...)``, call ``check_texts``
with plain texts, read ``status`` (``"ok"``, ``"off"`` or ``"unavailable: <reason>"``), and
``close`` it at the end of the run.

The names below are imported from their modules when first used, so a run with grammar off
(which reads only the settings) does not import the HTTP client and the server code.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.grammar.client import GrammarMatch, is_spelling
    from checker.grammar.engine import GrammarEngine, default_cache
    from checker.grammar.errors import GrammarRequiredError, GrammarUnavailable
    from checker.grammar.settings import GrammarSettings, GrammarSettingsError, build_settings

_HOMES = {
    "GrammarEngine": "engine",
    "GrammarMatch": "client",
    "GrammarRequiredError": "errors",
    "GrammarSettings": "settings",
    "GrammarSettingsError": "settings",
    "GrammarUnavailable": "errors",
    "build_settings": "settings",
    "default_cache": "engine",
    "is_spelling": "client",
}

__all__ = [
    "GrammarEngine",
    "GrammarMatch",
    "GrammarRequiredError",
    "GrammarSettings",
    "GrammarSettingsError",
    "GrammarUnavailable",
    "build_settings",
    "default_cache",
    "is_spelling",
]


def __getattr__(name: str) -> Any:
    """One of ``__all__``, from its module."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
