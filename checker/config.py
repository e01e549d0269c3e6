"""Configuration: ``[tool.checker]`` in pyproject.toml or a ``checker.toml``.

The file is found upward from the working directory (or named with ``--config``). Keys may be
written with dashes or underscores. An unknown key or a bad value is a ``ConfigError`` (exit 2).

Example::

    [tool.checker]
    rules-path = "rules"      # the project's rules, layered over the shipped defaults
    select = ["ALL"]
    ignore = ["DUP003"]
    fail-on = "warning"
    exclude = ["articles/drafts/*"]
    max-file-size = 5_000_000

    [tool.checker.per-file-ignores]
    "articles/legacy/*" = ["SPL"]

    [tool.checker.rules.DUP002]
    severity = "info"
    threshold = 0.8
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker import resources
from checker.errors import ConfigError
from checker.findings import Severity
from checker.resources import DEFAULT_RULES_DIR

FAIL_ON_VALUES = ("error", "warning", "info", "never")
GRAMMAR_MODES = ("auto", "required", "off")
SECTIONS = ("languagetool", "spelling", "claims", "facts", "style", "structure", "report")
"""Tables passed as they are to the module that owns them (which validates its own keys)."""
DEFAULT_MAX_FILE_SIZE = 5_000_000


@dataclass
class RuleSettings:
    """Per-rule settings from ``[tool.checker.rules.CODE]``."""

    severity: Severity | None = None
    enabled: bool | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Config:
    """The settings of one run."""

    root: Path = field(default_factory=Path.cwd)
    path: Path | None = None
    rules_path: Path = DEFAULT_RULES_DIR
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    grammar: str = "auto"
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        """A module's own table, e.g. ``[tool.checker.languagetool]`` (empty if absent)."""
        return self.sections.get(name, {})

    def ignored_for(self, path: str) -> list[str]:
        """Selectors ignored for ``path`` by ``per-file-ignores``."""
        if not self.per_file_ignores:  # called for every finding: skip the path arithmetic
            return []
        rel = relative_path(path, self.root)
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(rel), pattern):
                out.extend(codes)
        return out


def relative_path(path: str, root: Path) -> str:
    """``path`` relative to ``root``, with forward slashes (as globs and baselines use)."""
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:
        rel = path
    return rel.replace(os.sep, "/")


def find_config_file(start: Path) -> Path | None:
    """The nearest checker.toml, or pyproject.toml with a [tool.checker] table, upward."""
    for folder in [start, *start.parents]:
        candidate = folder / "checker.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if (
            pyproject.is_file()
            and "tool" in _read_toml(pyproject)
            and ("checker" in _read_toml(pyproject)["tool"])
        ):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc


def load_config(explicit: str | None = None, cwd: Path | None = None) -> Config:
    """Load the configuration named with ``--config`` or found upward from ``cwd``."""
    cwd = cwd or Path.cwd()
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: configuration file not found")
    else:
        path = find_config_file(cwd)
    if path is None:
        return with_project_rules(Config(root=cwd))
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("checker", {})
    elif "tool" in data and "checker" in data["tool"]:
        data = data["tool"]["checker"]
    return with_project_rules(from_mapping(data, path))


def with_project_rules(config: Config) -> Config:
    """Without ``rules-path``, a ``rules/`` folder at the configuration's root is the project's
    rules layer (over the shipped defaults; see checker/resources.py)."""
    if config.rules_path == DEFAULT_RULES_DIR and (config.root / "rules").is_dir():
        config.rules_path = (config.root / "rules").resolve()
    return config


def from_mapping(data: dict[str, Any], path: Path | None = None) -> Config:
    """Build and validate a configuration from a parsed TOML table."""
    root = path.parent.resolve() if path else Path.cwd()
    config = Config(root=root, path=path)
    where = str(path) if path else "configuration"
    for raw_key, value in data.items():
        key = raw_key.replace("_", "-")
        setter = _SETTERS.get(key)
        if setter is None:
            if key in SECTIONS:
                config.sections[key] = _table(where, key, value)
                continue
            known = ", ".join(sorted([*_SETTERS, *SECTIONS]))
            raise ConfigError(f"{where}: unknown key {raw_key!r} (known keys: {known})")
        setter(config, value, where)
    return config


def reject_unknown_keys(where: str, table: dict[str, Any], known: Iterable[str]) -> None:
    """Raise a ``ConfigError`` naming the first key of a module's table it does not know."""
    known = list(known)
    for key in table:
        if key not in known:
            names = ", ".join(sorted(k.replace("_", "-") for k in known))
            raise ConfigError(f"{where}: unknown key {key!r} (known keys: {names})")


def _table(where: str, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {key} must be a table")
    return {k.replace("-", "_"): v for k, v in value.items()}


def _string_list(where: str, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings")
    return list(value)


def _choice(where: str, key: str, value: Any, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ConfigError(f"{where}: {key} must be one of {', '.join(choices)}, not {value!r}")
    return str(value)


def _set_rules_path(config: Config, value: Any, where: str) -> None:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: rules-path must be a string")
    path = (config.root / value).resolve()
    if not path.is_dir():
        raise ConfigError(f"{where}: rules-path {value!r} is not a folder")
    config.rules_path = path


def _set_max_size(config: Config, value: Any, where: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ConfigError(f"{where}: max-file-size must be a positive number of bytes")
    config.max_file_size = value


def _set_per_file(config: Config, value: Any, where: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: per-file-ignores must be a table of glob = [codes]")
    config.per_file_ignores = {
        str(k): _string_list(where, f"per-file-ignores.{k}", v) for k, v in value.items()
    }


def _set_rules(config: Config, value: Any, where: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: rules must be a table of [rules.CODE] tables")
    for code, settings in value.items():
        if not isinstance(settings, dict):
            raise ConfigError(f"{where}: rules.{code} must be a table")
        config.rules[code.upper()] = _rule_settings(where, code, settings)


def _rule_settings(where: str, code: str, settings: dict[str, Any]) -> RuleSettings:
    out = RuleSettings()
    for raw_key, value in settings.items():
        key = raw_key.replace("-", "_")
        if key == "severity":
            out.severity = Severity(_choice(where, f"rules.{code}.severity", value, _SEVERITIES))
        elif key == "enabled":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: rules.{code}.enabled must be true or false")
            out.enabled = value
        else:
            out.options[key] = value
    return out


_SEVERITIES = ("error", "warning", "info")
_SETTERS = {
    "rules-path": _set_rules_path,
    "select": lambda c, v, w: setattr(c, "select", _string_list(w, "select", v)),
    "ignore": lambda c, v, w: setattr(c, "ignore", _string_list(w, "ignore", v)),
    "fail-on": lambda c, v, w: setattr(c, "fail_on", _choice(w, "fail-on", v, FAIL_ON_VALUES)),
    "exclude": lambda c, v, w: setattr(c, "exclude", _string_list(w, "exclude", v)),
    "per-file-ignores": _set_per_file,
    "max-file-size": _set_max_size,
    "grammar": lambda c, v, w: setattr(c, "grammar", _choice(w, "grammar", v, GRAMMAR_MODES)),
    "rules": _set_rules,
}


def describe(config: Config) -> str:
    """``--show-settings``: the resolved settings of a run, one ``key = value`` a line."""
    resources.set_rules_dir(config.rules_path)
    rows: list[tuple[str, Any]] = [
        ("config-file", str(config.path) if config.path else "(none: defaults)"),
        ("root", str(config.root)),
        ("rules-layers", [str(p) for p in resources.layers()]),
        ("select", config.select),
        ("ignore", config.ignore),
        ("fail-on", config.fail_on),
        ("exclude", config.exclude),
        ("max-file-size", config.max_file_size),
        ("grammar", config.grammar),
    ]
    rows += [(f"per-file-ignores.{k!r}", v) for k, v in config.per_file_ignores.items()]
    for code, rule in sorted(config.rules.items()):
        settings = {"severity": rule.severity, "enabled": rule.enabled, **rule.options}
        rows += [(f"rules.{code}.{k}", v) for k, v in settings.items() if v is not None]
    for name, table in sorted(config.sections.items()):
        rows += [(f"{name}.{k.replace('_', '-')}", v) for k, v in table.items()]
    return "".join(f"{key} = {_show(value)}\n" for key, value in rows)


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, str) else str(value)
