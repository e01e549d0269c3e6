"""Talking to a LanguageTool server through language-tool-python (``remote_server``)."""

from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from typing import Any

from checker.grammar.errors import GrammarUnavailable
from checker.grammar.settings import GrammarSettings

SPELLING_RULE_PREFIXES = ("MORFOLOGIK_RULE", "HUNSPELL", "SPELLER")
NON_BMP_STAND_IN = "\u25a1"
"""Replaces characters outside the BMP (emoji) so Python and LanguageTool offsets agree."""


@dataclass(frozen=True)
class GrammarMatch:
    """One LanguageTool match, with offsets into the text that was sent."""

    rule_id: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]
    offset: int
    length: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form (for the paragraph cache)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GrammarMatch:
        """The inverse of :meth:`to_dict`."""
        return cls(**{**data, "replacements": tuple(data["replacements"])})


def is_spelling(match: GrammarMatch) -> bool:
    """Whether a match is LanguageTool's own spell checker (the spelling rules cover that).

    Decided by rule id: LanguageTool marks grammar rules such as EN_A_VS_AN with issue type
    "misspelling" and files MODAL_OF ("should of") under the TYPOS category, so neither the
    issue type nor the category tells its dictionary speller apart.
    """
    return match.rule_id.startswith(SPELLING_RULE_PREFIXES) or match.rule_id.endswith(
        "_SPELLER_RULE"
    )


def bmp_only(text: str) -> str:
    """``text`` with each non-BMP character replaced by one BMP character (same length)."""
    if text.isascii():
        return text
    return "".join(NON_BMP_STAND_IN if ord(ch) > 0xFFFF else ch for ch in text)


def server_version(url: str, language: str, timeout: float) -> str:
    """The LanguageTool version a server reports (one tiny check request)."""
    data = urllib.parse.urlencode({"language": language, "text": "Hi."}).encode()
    check = urllib.parse.urljoin(url.rstrip("/") + "/", "v2/check")
    try:
        with urllib.request.urlopen(check, data, timeout=timeout) as response:
            body = json.load(response)
    except (OSError, ValueError) as exc:
        raise GrammarUnavailable(f"no LanguageTool server answers at {url}: {exc}") from exc
    return str(body.get("software", {}).get("version", "unknown"))


class LanguageToolClient:
    """Checks texts against one server with the configured language, rules and level."""

    def __init__(self, url: str, settings: GrammarSettings) -> None:
        import language_tool_python  # imported here: only runs with grammar on pay for it
        from language_tool_python.exceptions import LanguageToolError

        try:
            tool = language_tool_python.LanguageTool(settings.language, remote_server=url)
        except (LanguageToolError, ValueError, OSError) as exc:
            raise GrammarUnavailable(f"cannot talk to LanguageTool at {url}: {exc}") from exc
        tool._TIMEOUT = settings.timeout  # type: ignore[misc]  # library default is 300 s
        tool.disabled_rules = set(settings.disabled_rules)
        tool.disabled_categories = set(settings.disabled_categories)
        tool.enabled_rules = set(settings.enabled_rules)
        tool.picky = settings.picky
        self.url = url
        self.timeout = settings.timeout
        self._tool = tool
        self._lock = threading.Lock()
        self.calls = 0

    def check(self, text: str) -> list[GrammarMatch]:
        """LanguageTool's matches for ``text``, spelling matches dropped.

        Raises GrammarUnavailable when the request fails or times out.
        """
        from language_tool_python.exceptions import LanguageToolError

        with self._lock:
            self.calls += 1
        try:
            raw = self._tool.check(bmp_only(text))
        except LanguageToolError as exc:
            raise GrammarUnavailable(self._describe(exc)) from exc
        matches = [_convert(m) for m in raw]
        return [m for m in matches if not is_spelling(m)]

    def _describe(self, exc: Exception) -> str:
        import requests

        if isinstance(exc.__cause__, requests.Timeout):
            return f"LanguageTool request timed out after {self.timeout:g}s"
        if isinstance(exc.__cause__, requests.ConnectionError):
            return f"LanguageTool server at {self.url} stopped answering"
        return f"LanguageTool request failed: {str(exc)[:200]}"

    def close(self) -> None:
        """Release the library object (the server itself is not ours to stop here)."""
        self._tool.close()


def _convert(match: Any) -> GrammarMatch:
    return GrammarMatch(
        rule_id=str(match.rule_id),
        category=str(match.category),
        issue_type=str(match.rule_issue_type),
        message=str(match.message),
        replacements=tuple(str(r) for r in match.replacements),
        offset=int(match.offset),
        length=int(match.error_length),
    )
