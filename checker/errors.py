"""Errors that stop a run with exit code 2 and a clear message (never a traceback)."""

from __future__ import annotations


class CheckerError(Exception):
    """Base class: the message is shown to the user as is, and the run exits with 2."""


class UsageError(CheckerError):
    """A bad path, option or argument."""


class ConfigError(CheckerError):
    """A configuration file that does not parse or has an unknown key or a bad value."""


class EngineError(CheckerError):
    """An external engine (dictionary, LanguageTool) that is required but unavailable."""
