"""A small Hunspell reader: parse an ``.aff`` file and expand ``.dic`` entries to word forms.

Only what the English dictionaries use is supported: single-character flags, ``PFX``/``SFX``
rules with strip, add and condition, cross products of one prefix and one suffix, ``NOSUGGEST``
and ``ONLYINCOMPOUND`` (compound-only entries, the ordinal pieces, are left out: numbers are
skipped by the checker before any lookup). The expanded forms are plain strings, so a lookup is
a set membership test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Affix:
    """One ``PFX`` or ``SFX`` rule line."""

    flag: str
    strip: str
    add: str
    condition: re.Pattern[str]
    cross: bool
    prefix: bool

    def apply(self, word: str) -> str | None:
        """The affixed form of ``word``, or ``None`` when the condition does not hold."""
        if not self.condition.search(word):
            return None
        if self.prefix:
            if self.strip and not word.startswith(self.strip):
                return None
            return self.add + word[len(self.strip) :]
        if self.strip and not word.endswith(self.strip):
            return None
        stem = word[: len(word) - len(self.strip)] if self.strip else word
        return stem + self.add


@dataclass
class AffixFile:
    """The parts of an ``.aff`` file that word expansion needs."""

    prefixes: dict[str, list[Affix]] = field(default_factory=dict)
    suffixes: dict[str, list[Affix]] = field(default_factory=dict)
    nosuggest: str = ""
    onlyincompound: str = ""
    replacements: list[tuple[str, str]] = field(default_factory=list)


def parse_aff(path: Path) -> AffixFile:
    """Read the affix rules of a Hunspell ``.aff`` file."""
    aff = AffixFile()
    headers: dict[tuple[str, str], bool] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = raw.split("#", 1)[0].split() if not raw.startswith("#") else []
        if not parts:
            continue
        key = parts[0]
        if key == "NOSUGGEST" and len(parts) > 1:
            aff.nosuggest = parts[1]
        elif key == "ONLYINCOMPOUND" and len(parts) > 1:
            aff.onlyincompound = parts[1]
        elif key == "REP" and len(parts) == 3:
            aff.replacements.append((parts[1], parts[2].replace("_", " ")))
        elif key in ("PFX", "SFX") and len(parts) == 4 and (key, parts[1]) not in headers:
            headers[(key, parts[1])] = parts[2] == "Y"
        elif key in ("PFX", "SFX") and len(parts) >= 5:
            _add_affix(aff, key, parts, headers.get((key, parts[1]), False))
    return aff


def _add_affix(aff: AffixFile, key: str, parts: list[str], cross: bool) -> None:
    flag, strip, add, cond = parts[1], parts[2], parts[3], parts[4]
    strip = "" if strip == "0" else strip
    add = "" if add == "0" else add.split("/", 1)[0]
    prefix = key == "PFX"
    pattern = "." if cond == "." else cond
    regex = re.compile(("^" + pattern) if prefix else (pattern + "$"))
    table = aff.prefixes if prefix else aff.suffixes
    table.setdefault(flag, []).append(Affix(flag, strip, add, regex, cross, prefix))


def read_dic(path: Path) -> Iterator[tuple[str, str]]:
    """``(word, flags)`` of each entry of a ``.dic`` file (comment lines left out)."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for index, line in enumerate(lines):
        if index == 0 and line.strip().isdigit():
            continue
        if not line or line[0] in " \t#":
            continue
        entry = line.split("\t", 1)[0].split(" ", 1)[0]
        word, _, flags = entry.partition("/")
        if word:
            yield word, flags


def expand(word: str, flags: str, aff: AffixFile) -> Iterator[str]:
    """Every form of a dictionary entry: the word, its affixed forms and cross products."""
    yield word
    suffixed: list[tuple[str, Affix]] = []
    for flag in flags:
        for affix in aff.suffixes.get(flag, ()):
            form = affix.apply(word)
            if form is not None:
                suffixed.append((form, affix))
                yield form
    for flag in flags:
        for affix in aff.prefixes.get(flag, ()):
            form = affix.apply(word)
            if form is None:
                continue
            yield form
            if affix.cross:
                yield from _cross(affix, suffixed)


def _cross(prefix: Affix, suffixed: Iterable[tuple[str, Affix]]) -> Iterator[str]:
    for form, suffix in suffixed:
        if suffix.cross:
            crossed = prefix.apply(form)
            if crossed is not None:
                yield crossed


def word_forms(dic: Path, aff: AffixFile) -> tuple[set[str], set[str]]:
    """``(forms, nosuggest)``: all accepted forms of ``dic``, and those never to suggest."""
    forms: set[str] = set()
    hidden: set[str] = set()
    for word, flags in read_dic(dic):
        if aff.onlyincompound and aff.onlyincompound in flags:
            continue
        expanded = set(expand(word, flags, aff))
        forms |= expanded
        if aff.nosuggest and aff.nosuggest in flags:
            hidden |= expanded
    return forms, hidden
