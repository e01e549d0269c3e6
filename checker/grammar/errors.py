"""Errors raised by the grammar engine."""

from __future__ import annotations

from checker.errors import EngineError


class GrammarUnavailable(Exception):
    """LanguageTool cannot be used: not installed, failed to start, died or timed out.

    The message is the plain reason, e.g. ``"java not found"``.
    """


class GrammarRequiredError(EngineError):
    """Grammar checking was required (``grammar = "required"``) but could not be done.

    An ``EngineError``, so the CLI prints the reason and exits with status 2.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(f"grammar check required but LanguageTool is unavailable: {reason}")
        self.reason = reason
