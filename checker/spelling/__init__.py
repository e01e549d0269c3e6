"""Spelling that knows medicine: Hunspell en_US + en_med, a drug lexicon, the clinic's words.

``load_engine`` builds everything once per run (from ``[tool.checker.spelling]``);
``checker.spelling.analysis`` turns a document into spelling issues that the SPL rules report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.config import reject_unknown_keys
from checker.errors import ConfigError
from checker.resources import RulesDataError, load_yaml, rules_dir
from checker.spelling.dictionary import DEFAULT_DICTIONARY_DIR, cache_dir, load_dictionaries
from checker.spelling.errormodel import ErrorModel, parse_confusions
from checker.spelling.frequency import Frequencies
from checker.spelling.hunspell import parse_aff
from checker.spelling.speller import Speller
from checker.spelling.suggest import Suggester
from checker.spelling.vocab import load_drug_lexicon, load_vocabulary

SETTINGS = {"dictionary_dir": str, "cache_dir": str, "check_names": bool}
"""Keys of ``[tool.checker.spelling]`` and their types."""


@dataclass
class SpellingEngine:
    """The loaded speller and its suggester."""

    speller: Speller
    suggester: Suggester
    check_names: bool = False
    fine: set[str] = field(default_factory=set)
    """Words found fine wherever they stand: the tokenizer passes over them at once."""
    settled: dict[str, int] = field(default_factory=dict)
    """Verdicts on words that need no ``word_issue`` (see ``analysis._settle``)."""

    def status(self) -> str:
        """The engine's status line for reports."""
        return "ok"


def settings(section: dict[str, Any]) -> dict[str, Any]:
    """Validate ``[tool.checker.spelling]``: unknown keys and wrong types are config errors."""
    reject_unknown_keys("spelling", section, SETTINGS)
    for key, value in section.items():
        if not isinstance(value, SETTINGS[key]):
            raise ConfigError(f"spelling.{key} must be {SETTINGS[key].__name__}")
    return section


_LOADED: dict[tuple, SpellingEngine] = {}


def load_engine(section: dict[str, Any] | None = None) -> SpellingEngine:
    """The engine for these settings and rules folder, loaded once per process."""
    options = settings(dict(section or {}))
    key = (tuple(sorted(options.items())), str(rules_dir()))
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = _load(options)
    return _LOADED[key]


def unload_engines() -> None:
    """Forget the loaded engines, so the next check reads the vocabulary lists again."""
    _LOADED.clear()


def _load(options: dict[str, Any]) -> SpellingEngine:
    """Load dictionaries (cached on disk), the drug lexicon and the vocabulary lists."""
    folder = Path(options.get("dictionary_dir") or DEFAULT_DICTIONARY_DIR)
    cache = cache_dir(options.get("cache_dir"))
    dictionaries = load_dictionaries(folder, cache)
    speller = Speller(dictionaries, load_drug_lexicon(cache=cache), load_vocabulary(cache))
    replacements = parse_aff(folder / "en_US.aff").replacements
    model, ranking = _error_model()
    suggester = Suggester(speller, replacements, model, Frequencies(cache), ranking)
    return SpellingEngine(speller, suggester, bool(options.get("check_names", False)))


def _error_model() -> tuple[ErrorModel, dict[str, float]]:
    """The error model (``confusions``) and ranking weights (``ranking``) of
    rules/spelling.yml."""
    data = load_yaml("spelling.yml") or {}
    try:
        confusions = parse_confusions(str(line) for line in data.get("confusions") or [])
        ranking = {str(k): float(v) for k, v in (data.get("ranking") or {}).items()}
    except (ValueError, TypeError, AttributeError) as exc:
        raise RulesDataError(f"rules/spelling.yml: confusions or ranking: {exc}") from exc
    return ErrorModel(confusions), ranking
