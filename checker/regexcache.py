"""Compiled regular expressions remembered across runs, keyed by their text.

``re.compile`` parses a pattern (``re._parser``), generates the matcher's code
(``re._compiler``) and hands that code to ``_sre.compile``. The first two steps are the cost:
the fact extractor's patterns each hold every entity name of the fact base, and compiling them
took ~0.4 s of CPU per process. A :class:`PatternStore` keeps the generated code of one group
of patterns in one file under the cache folder (``regex/``), named by the group, a key of the
caller's (the rule data the patterns come from), the Python build and the regex engine's
version; a pattern it returns is built from that code by ``_sre.compile`` in well under a
millisecond. It is the same object ``re.compile`` makes: patterns compare equal only when their
text, flags and code are equal (``tests/test_regexcache.py``).

The generating steps are private parts of the standard library, so they are used only after a
probe pattern built that way compared equal to ``re.compile``'s in this process; otherwise, and
whenever a stored entry does not build, patterns come from ``re.compile`` as usual. A folder
that cannot be written only costs the speed.
"""

from __future__ import annotations

import _sre
import array
import functools
import hashlib
import re
import sys
from pathlib import Path

from checker import cache

FORMAT = 1
FOLDER = "regex"
KEEP = 4
"""Store files kept per group (a project's rules and the shipped ones, say); older ones go."""
PROBE = r"(?P<word>\w+)\s+(?i:y[a-z]{2,}|(?-i:Z))(?=\d)|(?<!x)[^.;]{0,4}?$"

Entry = tuple[int, array.array, int, dict[str, int], tuple[str | None, ...]]


class PatternStore:
    """A group of patterns whose compiled code is kept under the cache folder.

    ``key`` names what the patterns are made of (e.g. the fact base's text): a changed key is
    another file, so an entry is never used for patterns it was not made from. Entries are
    added as patterns are first compiled, and the file is rewritten after each addition; when
    a group's new file is first written, all but its ``KEEP`` newest files are removed.
    """

    def __init__(self, group: str, key: str) -> None:
        digest = hashlib.sha256(
            f"{FORMAT}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{group}\0".encode()
        )
        digest.update(key.encode("utf-8", "surrogatepass"))
        self.group = group
        self.path = cache.cache_home() / FOLDER / f"{group}-{digest.hexdigest()[:32]}.pickle"
        self._entries: dict[tuple[str, int], Entry] | None = None

    def compile(self, text: str, flags: int = 0) -> re.Pattern[str]:
        """``re.compile(text, flags)``, from the stored code when there is some."""
        flags = int(flags)
        entries = self._load()
        entry = entries.get((text, flags))
        if entry is not None:
            built = _build(text, entry)
            if built is not None:
                return built
        pattern, entry = _compile(text, flags)
        if entry is not None:
            new = not entries
            entries[(text, flags)] = entry
            cache.ResultCache(self.path.parent).put_file(self.path, entries)
            if new:
                _prune(self.path.parent, self.group)
        return pattern

    def _load(self) -> dict[tuple[str, int], Entry]:
        if self._entries is None:
            self._entries = _read(self.path)
        return self._entries


def _read(path: Path) -> dict[tuple[str, int], Entry]:
    """A store file's entries; none when it is missing, unreadable or not a store."""
    try:
        found = cache._decode(path.read_bytes())
    except OSError:
        found = None
    return found if isinstance(found, dict) else {}


def _prune(folder: Path, group: str) -> None:
    """Remove all but the ``KEEP`` most recently written store files of ``group``."""
    try:
        files = sorted(folder.glob(f"{group}-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in files[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # another process pruned first, or the folder went away: only costs space


def _build(text: str, entry: Entry) -> re.Pattern[str] | None:
    """The pattern ``entry`` holds the code of, or None when it does not build."""
    try:
        flags, code, groups, groupindex, indexgroup = entry
        return _sre.compile(text, flags, code.tolist(), groups, groupindex, indexgroup)
    except Exception:  # a damaged or foreign entry: compile again
        return None


def _compile(text: str, flags: int) -> tuple[re.Pattern[str], Entry | None]:
    """The compiled pattern and its entry (None when the private steps are not usable)."""
    if not _usable():
        return re.compile(text, flags), None
    entry = _generate(text, flags)  # raises re.error as re.compile does
    built = _build(text, entry)
    if built is None:
        return re.compile(text, flags), None
    return built, entry


def _generate(text: str, flags: int) -> Entry:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` for ``text``."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(text, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        array.array("I", code),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


@functools.cache
def _usable() -> bool:
    """Whether patterns built from generated code equal ``re.compile``'s in this Python."""
    if array.array("I").itemsize != _sre.CODESIZE:
        return False
    try:
        for flags in (0, re.IGNORECASE):
            built = _build(PROBE, _generate(PROBE, flags))
            expected = re.compile(PROBE, flags)
            if built is None or built != expected or built.groupindex != expected.groupindex:
                return False
    except Exception:
        return False
    return True
