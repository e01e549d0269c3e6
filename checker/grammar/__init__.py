"""Grammar and style checking through a real LanguageTool server.

``GrammarEngine`` is the facade: build it from ``build_settings(...)``, call ``check_texts``
with plain texts, read ``status`` (``"ok"``, ``"off"`` or ``"unavailable: <reason>"``), and
``close`` it at the end of the run.
"""

from checker.grammar.client import GrammarMatch, is_spelling
from checker.grammar.engine import GrammarEngine, default_cache
from checker.grammar.errors import GrammarRequiredError, GrammarUnavailable
from checker.grammar.settings import GrammarSettings, GrammarSettingsError, build_settings

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
