"""Grammar settings: rules/grammar.yml (with a reason per disabled entry) plus config overrides.

The configuration gives the mode with ``grammar = "auto" | "required" | "off"`` (or
``--require-grammar``) and the rest in a ``[tool.checker.languagetool]`` table with any of:
``language``, ``picky``, ``url``, ``disabled-rules``, ``enabled-rules``,
``disabled-categories``, ``timeout``, ``start-timeout``, ``workers``, ``batch-chars``, ``java``,
``java-options``, ``server-java-options``, ``jars``, ``cache``. Keys may use dashes or
underscores.
``enabled-rules`` turns back on rules that rules/grammar.yml disables.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.cache import cached_parse
from checker.errors import ConfigError

MODES = ("auto", "required", "off")
KNOWN_KEYS = frozenset(
    (
        "language",
        "picky",
        "url",
        "disabled_rules",
        "enabled_rules",
        "disabled_categories",
        "timeout",
        "start_timeout",
        "workers",
        "batch_chars",
        "java",
        "java_options",
        "server_java_options",
        "jars",
        "cache",
    )
)
URL_ENV = "CHECKER_LANGUAGETOOL_URL"
DEFAULT_JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-Xms128m", "-Xmx640m", "-XX:+UseParallelGC")
"""C1-only JIT: on 2 busy cores it halves start-up and warm-up; a bounded heap keeps the server
near 0.5 GB instead of a quarter of the machine's memory (the JVM default); the parallel
collector's larger young generation cost a third less server CPU than the serial collector on
100 MedQuAD articles (see docs/grammar.md, Speed)."""

WARM_SERVER_JAVA_OPTIONS = ("-Xms128m", "-Xmx640m", "-XX:+UseParallelGC")
"""The JVM options of the long-lived server of ``checker server start``: the same bounded heap
and collector, with the full JIT (C2). Its compiles cost more over the first ~200 articles but a
warm server then needs ~13-35% less CPU per article than with C1 only (docs/grammar.md, Speed);
a server kept warm between runs is past that point for most of its life."""


DEFAULT_BATCH_CHARS = 5000
"""Prose blocks are joined into requests of up to this many characters (about 800 words):
per-request cost becomes negligible while a long article still spreads over the ``workers``
(docs/grammar.md, Speed)."""


class GrammarSettingsError(ConfigError):
    """rules/grammar.yml or the grammar configuration is malformed."""


@dataclass(frozen=True)
class GrammarSettings:
    """Everything that decides how LanguageTool is run and asked."""

    mode: str = "auto"
    language: str = "en-US"
    picky: bool = False
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    disabled_categories: frozenset[str] = field(default_factory=frozenset)
    enabled_rules: frozenset[str] = field(default_factory=frozenset)
    disabled_rule_prefixes: frozenset[str] = field(default_factory=frozenset)
    fragment_disabled_rules: frozenset[str] = field(default_factory=frozenset)
    url: str | None = None
    timeout: float = 60.0
    start_timeout: float = 90.0
    workers: int = 2
    batch_chars: int = DEFAULT_BATCH_CHARS
    java: str | None = None
    java_options: tuple[str, ...] = DEFAULT_JAVA_OPTIONS
    server_java_options: tuple[str, ...] | None = None
    """The warm server's JVM options; None: ``java_options`` when configured, else
    ``WARM_SERVER_JAVA_OPTIONS`` (see :meth:`warm_java_options`)."""
    jars: Path | None = None
    cache: bool = True

    def warm_java_options(self) -> tuple[str, ...]:
        """The JVM options for ``checker server start``'s long-lived server."""
        if self.server_java_options is not None:
            return self.server_java_options
        if self.java_options != DEFAULT_JAVA_OPTIONS:
            return self.java_options
        return WARM_SERVER_JAVA_OPTIONS

    def fingerprint(self) -> str:
        """A short hash of the settings that change LanguageTool's answers (for cache keys)."""
        key = {
            "language": self.language,
            "picky": self.picky,
            "disabled_rules": sorted(self.disabled_rules),
            "disabled_categories": sorted(self.disabled_categories),
            "enabled_rules": sorted(self.enabled_rules),
        }
        return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]

    def drops(self, rule_id: str, *, fragment: bool) -> bool:
        """Whether a match is filtered out after LanguageTool answered (and after the cache).

        ``disabled_rule_prefixes`` cover families of generated rule ids that LanguageTool
        cannot disable as a group; ``fragment_disabled_rules`` apply only to list items and
        table cells, which are often fragments rather than sentences.
        """
        if rule_id.startswith(tuple(self.disabled_rule_prefixes)):
            return True
        return fragment and rule_id in self.fragment_disabled_rules


def _check_mode(mode: Any) -> str:
    if mode not in MODES:
        raise GrammarSettingsError(f"grammar mode must be one of {', '.join(MODES)}: {mode!r}")
    return str(mode)


def _reasoned_ids(data: Any, what: str) -> frozenset[str]:
    """Ids of a ``{ID: reason}`` mapping, insisting that every entry gives a reason."""
    if data is None:
        return frozenset()
    if not isinstance(data, Mapping):
        raise GrammarSettingsError(f"grammar.yml: {what} must map each id to a reason")
    for key, reason in data.items():
        if not isinstance(reason, str) or not reason.strip():
            raise GrammarSettingsError(f"grammar.yml: {what} {key} needs a reason")
    return frozenset(str(key) for key in data)


def _parse(text: str) -> Any:
    import yaml  # only when the file is not in the parsed cache yet

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise GrammarSettingsError(str(exc)) from exc


def load_rules_file(path: Path) -> dict[str, Any]:
    """Read rules/grammar.yml into keyword arguments for :class:`GrammarSettings`."""
    try:
        data = cached_parse("yaml.safe_load", path.read_text(encoding="utf-8"), _parse) or {}
    except (OSError, GrammarSettingsError) as exc:
        raise GrammarSettingsError(f"{path}: {exc}") from exc
    if not isinstance(data, Mapping):
        raise GrammarSettingsError(f"{path}: expected a mapping at top level")
    return {
        "language": str(data.get("language", "en-US")),
        "picky": bool(data.get("picky", False)),
        "disabled_rules": _reasoned_ids(data.get("disabled_rules"), "disabled_rules"),
        "disabled_categories": _reasoned_ids(
            data.get("disabled_categories"), "disabled_categories"
        ),
        "disabled_rule_prefixes": _reasoned_ids(
            data.get("disabled_rule_prefixes"), "disabled_rule_prefixes"
        ),
        "fragment_disabled_rules": _reasoned_ids(
            data.get("fragment_disabled_rules"), "fragment_disabled_rules"
        ),
    }


def _as_ids(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part]
    if not isinstance(value, Iterable):
        raise GrammarSettingsError(f"expected a list of rule ids: {value!r}")
    return frozenset(str(item) for item in value)


def _normalise(table: Mapping[str, Any]) -> dict[str, Any]:
    return {str(key).replace("-", "_"): value for key, value in table.items()}


def _apply_table(base: dict[str, Any], table: Mapping[str, Any]) -> None:
    """Fold a ``[tool.checker.languagetool]`` table into ``base`` (in place)."""
    t = _normalise(table)
    unknown = set(t) - KNOWN_KEYS
    if unknown:
        raise GrammarSettingsError(f"unknown languagetool option(s): {', '.join(sorted(unknown))}")
    simple = {"language": str, "picky": bool, "url": str, "java": str}
    simple |= {"timeout": float, "start_timeout": float, "workers": int, "cache": bool}
    simple |= {"batch_chars": int}
    for key, kind in simple.items():
        if t.get(key) is not None:
            base[key] = kind(t[key])
    for key in ("java_options", "server_java_options"):
        if t.get(key) is not None:
            base[key] = tuple(str(o) for o in t[key])
    if "jars" in t:
        base["jars"] = Path(t["jars"])
    base["disabled_rules"] = base.get("disabled_rules", frozenset()) | _as_ids(
        t.get("disabled_rules")
    )
    base["disabled_categories"] = base.get("disabled_categories", frozenset()) | _as_ids(
        t.get("disabled_categories")
    )
    enabled = _as_ids(t.get("enabled_rules"))
    base["enabled_rules"] = enabled
    base["disabled_rules"] = base["disabled_rules"] - enabled


def build_settings(
    rules_file: Path | None = None,
    options: Mapping[str, Any] | None = None,
    *,
    mode: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> GrammarSettings:
    """Settings from rules/grammar.yml, then the ``[tool.checker.languagetool]`` table
    (``options``), then ``CHECKER_LANGUAGETOOL_URL``, then ``mode`` (the configuration's
    ``grammar`` key, already set to "required" by ``--require-grammar``).
    """
    base: dict[str, Any] = {}
    if rules_file is not None and rules_file.exists():
        base |= load_rules_file(rules_file)
    _apply_table(base, options or {})
    env_url = (environ if environ is not None else os.environ).get(URL_ENV)
    if env_url:
        base["url"] = env_url
    if mode is not None:
        base["mode"] = mode
    base["mode"] = _check_mode(base.get("mode", "auto"))
    if int(base.get("workers", 2)) < 1:
        raise GrammarSettingsError("languagetool workers must be at least 1")
    if int(base.get("batch_chars", DEFAULT_BATCH_CHARS)) < 1:
        raise GrammarSettingsError("languagetool batch-chars must be at least 1")
    return GrammarSettings(**base)
