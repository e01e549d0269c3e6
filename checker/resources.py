"""The rule data: the defaults shipped in the package, with the project's own rules over them.

Two layers, read in this order:

1. the **shipped defaults**, package data of ``checker._rules`` (the repository's top-level
   ``rules/`` folder, mapped into the package by ``package-dir`` in pyproject.toml), read with
   :mod:`importlib.resources`, so an installed wheel has them;
2. the **project's rules folder**: ``rules-path`` in the configuration, or a ``rules/`` folder
   beside the configuration file (or in the working directory when there is none).

How the layers combine, file by file:

- word lists (``*.txt``): the union, shipped lines first. A project line ``!word`` removes
  ``word`` from the lists below it. Later lines win where a list maps a term (``reject.txt``).
- YAML files: merged by key, recursively for mappings; the project's value replaces the shipped
  one (scalars and lists alike). A key written ``extend_KEY`` (``extend-KEY``) appends its list
  to the shipped ``KEY`` instead of replacing it.
- files read whole (:func:`rules_file`: the fact base, grammar.yml): the project's file when it
  has one, else the shipped one.

So a clinic adds its words with a two-line ``rules/vocab/accept.txt`` and copies nothing.
Nothing here reads ../shared.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import Any

from checker.cache import cached_parse
from checker.errors import CheckerError

SHIPPED_PACKAGE = "checker._rules"
EXTEND_PREFIXES = ("extend_", "extend-")
REMOVE_MARK = "!"


def _shipped_dir() -> Path:
    """The shipped rule data folder: ``checker/_rules`` in an installed wheel (a namespace
    package: its folder is its search location); the checkout's ``rules/`` in an editable
    install (whose import hook cannot map a package that has no ``__init__.py``, so the folder
    beside the package is used directly). ``importlib.util.find_spec`` instead of
    ``importlib.resources``, which imports tempfile and more (~8 ms at every start)."""
    try:
        spec = importlib.util.find_spec(SHIPPED_PACKAGE)
    except ModuleNotFoundError:
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        return Path(__file__).resolve().parent.parent / "rules"
    return Path(locations[0])


DEFAULT_RULES_DIR = _shipped_dir()
_project_dir: Path | None = None


class RulesDataError(CheckerError):
    """A rules data file is missing or malformed."""


def set_rules_dir(path: Path | None) -> None:
    """Layer the project's rules folder ``path`` over the shipped defaults (None: defaults only)."""
    global _project_dir
    rules_files.cache_clear()  # files may have come or gone since the last run
    new = _layer(path)
    if new == _project_dir:
        return
    _project_dir = new
    load_word_list.cache_clear()
    load_yaml.cache_clear()


def _layer(path: Path | None) -> Path | None:
    if path is None:
        return None
    resolved = Path(path).resolve()
    return None if resolved == DEFAULT_RULES_DIR.resolve() else resolved


def rules_dir() -> Path:
    """The project's rules folder in use, or the shipped one when there is none."""
    return _project_dir or DEFAULT_RULES_DIR


def layers() -> list[Path]:
    """The rules folders in use, lowest first: the shipped defaults, then the project's."""
    return [DEFAULT_RULES_DIR, *([_project_dir] if _project_dir else [])]


@functools.cache
def rules_files(name: str) -> list[Path]:
    """The files called ``name`` in each layer that has one, lowest first (looked up once per
    run: checks ask for their data file per sentence)."""
    return [folder / name for folder in layers() if (folder / name).is_file()]


def rules_file(name: str) -> Path:
    """The topmost file called ``name`` (the project's, else the shipped one)."""
    found = rules_files(name)
    return found[-1] if found else rules_dir() / name


@functools.cache
def load_word_list(name: str) -> tuple[str, ...]:
    """Lines of a word list, all layers together (``#`` comments and blank lines dropped;
    ``!word`` drops ``word`` from the layers below)."""
    words: list[str] = []
    for path in rules_files(name):
        for line in _read(path).splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith(REMOVE_MARK):
                gone = line[len(REMOVE_MARK) :].strip()
                words = [w for w in words if w != gone]
            elif line:
                words.append(line)
    return tuple(words)


@functools.cache
def load_yaml(name: str) -> Any:
    """A YAML file, the project's merged over the shipped one; a clear error when one does
    not parse or neither exists."""
    found = rules_files(name)
    if not found:
        raise RulesDataError(f"{rules_dir() / name}: rules file not found")
    data: Any = None
    for index, path in enumerate(found):
        layer = _parse_yaml(path)
        if index:
            check_shape(data, layer, str(path))
        data = merge(data, layer)
    return data


def check_shape(base: Any, over: Any, where: str, key: str = "") -> None:
    """Raise a ``RulesDataError`` naming ``where`` when a project layer gives a value of another
    kind than the shipped one (a list where a mapping was, an empty ``key:``): such a file would
    otherwise make the checks that read it fail on every article, or silently do nothing."""
    if over is None and not key:
        return  # an empty file adds nothing
    kinds = ((dict, "a mapping"), (list, "a list"), (bool, "true or false"),
             ((int, float), "a number"), (str, "text"))  # fmt: skip
    for kind, name in kinds:
        if isinstance(base, kind) and not (isinstance(base, bool) and kind is not bool):
            valid = isinstance(over, kind) and (kind is bool or not isinstance(over, bool))
            if not valid:
                what = f"{key!r} must be" if key else "the file must be"
                given = "empty" if over is None else f"{over!r:.40}"
                raise RulesDataError(
                    f"{where}: {what} {name} (as in the shipped rules), not {given}"
                )
            break
    if isinstance(base, dict) and isinstance(over, dict):
        for sub, value in over.items():
            target = _extended(sub)
            if target is not None:
                if target in base and not isinstance(base[target], list):
                    raise RulesDataError(f"{where}: {sub!r}: {target!r} is not a list to extend")
            elif sub in base:
                check_shape(base[sub], value, where, f"{key}.{sub}" if key else str(sub))


def _parse_yaml(path: Path) -> Any:
    def parse(text: str) -> Any:  # PyYAML is imported only when a file is not cached yet
        import yaml

        from checker import yamlsafe

        try:
            return yamlsafe.load(text)
        except yaml.YAMLError as exc:
            raise RulesDataError(f"{path}: not valid YAML: {exc}") from exc

    return cached_parse("yamlsafe.load", _read(path), parse)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesDataError(f"{path}: cannot read: {exc}") from exc


def merge(base: Any, over: Any) -> Any:
    """``over`` layered on ``base``: mappings merge by key (recursively), ``extend_KEY`` appends
    to ``KEY``'s list, anything else in ``over`` replaces ``base``."""
    if over is None:
        return base
    if not isinstance(over, dict):
        return over
    out = dict(base) if isinstance(base, dict) else {}
    for key, value in over.items():
        target = _extended(key)
        if target is not None:
            out[target] = [*(out.get(target) or []), *_as_list(value)]
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def _extended(key: object) -> str | None:
    if isinstance(key, str):
        for prefix in EXTEND_PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix):
                return key[len(prefix) :]
    return None


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def reload() -> None:
    """Forget the parsed rule data, so the next read sees files changed meanwhile (the
    language server adds words to a vocabulary while it runs)."""
    load_word_list.cache_clear()
    load_yaml.cache_clear()
