"""Errors raised by the grammar engine."""

from __future__ import annotations


class GrammarUnavailable(Exception):
    """LanguageTool cannot be used: not installed, failed to start, died or timed out.

    The message is the plain reason, e.g. ``"java not found"``.
    """


class GrammarRequiredError(Exception):
    """Grammar checking was required (``grammar = "required"``) but could not be done.

    The CLI turns this into exit status 2.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(f"grammar check required but LanguageTool is unavailable: {reason}")
        self.reason = reason
