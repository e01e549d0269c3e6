"""Where the rule data lives (rules/) and cached loading of its word lists and YAML files.

The rules folder is the project's ``rules/`` (or the one named by ``rules-path`` in the
configuration). Nothing here reads ../shared.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from checker.errors import CheckerError

DEFAULT_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
_rules_dir: Path = DEFAULT_RULES_DIR


class RulesDataError(CheckerError):
    """A rules data file is missing or malformed."""


def set_rules_dir(path: Path) -> None:
    """Use ``path`` as the rules folder for the rest of the run."""
    global _rules_dir
    if Path(path) == _rules_dir:
        return
    _rules_dir = Path(path)
    load_word_list.cache_clear()
    load_yaml.cache_clear()


def rules_dir() -> Path:
    """The rules folder in use."""
    return _rules_dir


def rules_file(name: str) -> Path:
    """A file of the rules folder, falling back to the shipped default rules."""
    path = _rules_dir / name
    if path.exists() or _rules_dir == DEFAULT_RULES_DIR:
        return path
    return DEFAULT_RULES_DIR / name


@functools.cache
def load_word_list(name: str) -> tuple[str, ...]:
    """Lines of a word list under rules/ (``#`` comments and blank lines dropped)."""
    path = rules_file(name)
    if not path.exists():
        return ()
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(line)
    return tuple(words)


@functools.cache
def load_yaml(name: str) -> Any:
    """A YAML file under rules/, parsed; a clear error when it does not parse."""
    path = rules_file(name)
    if not path.exists():
        raise RulesDataError(f"{path}: rules file not found")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RulesDataError(f"{path}: not valid YAML: {exc}") from exc
