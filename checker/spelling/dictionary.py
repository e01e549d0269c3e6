"""The Hunspell dictionaries, read at run time from the system and cached in compiled form.

The English (``en_US``, Debian ``hunspell-en-us``) and medical (``en_med_glut``, Debian
``hunspell-en-med``) dictionaries are expanded once to sets of word forms and stored with
``marshal`` in a cache folder, keyed by the dictionary files' paths, sizes and mtimes. Later runs
load the cached sets in a few tens of milliseconds. Nothing of the dictionaries is copied into
the project (the medical dictionary is GPL). The medical dictionary capitalises many common
terms ("Sitosterolemia"), so its capitalised words are also accepted in lower case (the
``lowered`` set: the analysis doubts such a word when a far more common word is one slip away,
"weill" for "will"); so are its words in capitals of ``MIN_LOWERED_CAPITALS`` letters or more
("EMERIN"), but not its short acronyms ("CNA", "MOR"), which in lower case are misspellings of
common words ("can", "more").
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from checker.atomic import atomic_write
from checker.errors import EngineError
from checker.spelling.hunspell import parse_aff, word_forms

DEFAULT_DICTIONARY_DIR = Path("/usr/share/hunspell")
PROJECT_ROOT = Path(__file__).resolve().parents[2]
CACHE_ENV = "CHECKER_SPELLING_CACHE"
FORMAT_VERSION = 5
MIN_LOWERED_CAPITALS = 5


@dataclass(frozen=True)
class DictionarySpec:
    """One dictionary: its ``.dic`` name, the ``.aff`` it uses and the Debian package."""

    name: str
    aff: str
    package: str


ENGLISH = DictionarySpec("en_US", "en_US", "hunspell-en-us")
MEDICAL = DictionarySpec("en_med_glut", "en_US", "hunspell-en-med")


@dataclass(frozen=True)
class Dictionaries:
    """The word forms of the English and medical dictionaries."""

    english: frozenset[str]
    medical: frozenset[str]
    nosuggest: frozenset[str]
    source: str
    capitalised_forms: str = ""
    """``capitalised``'s words, one a line (made a set when suggestions first need it)."""
    lowered: frozenset[str] = frozenset()
    """Lower-cased forms of the medical dictionary's capitalised words ("sitosterolemia")."""
    key: str = ""
    """The compiled dictionaries' cache key (their files' paths, sizes and times), or ""."""

    @cached_property
    def capitalised(self) -> frozenset[str]:
        """Lower-cased forms of the English names ("spalato" for "Spalato"), for suggestions
        (a tenth of the dictionaries' words: an article with no unknown word needs none)."""
        return frozenset(self.capitalised_forms.split("\n"))

    def knows(self, word: str) -> bool:
        """Whether either dictionary has exactly this form (or its medical term in lower case)."""
        return word in self.english or word in self.medical or word in self.lowered

    def only_lowered(self, word: str) -> bool:
        """Whether ``word`` is known only as a lower-cased capitalised medical word."""
        lower = word.lower()
        if lower not in self.lowered:
            return False
        return not any(f in self.english or f in self.medical for f in (word, lower))


def cache_dir(configured: str | None = None) -> Path:
    """The folder for compiled dictionaries: the configured one, $CHECKER_SPELLING_CACHE, the
    project's .cache/spelling (in a source checkout) or ~/.cache/checker/spelling."""
    if configured:
        return Path(configured)
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT / ".cache" / "spelling"
    return Path.home() / ".cache" / "checker" / "spelling"


def _files(folder: Path, spec: DictionarySpec) -> tuple[Path, Path]:
    dic, aff = folder / f"{spec.name}.dic", folder / f"{spec.aff}.aff"
    for path in (dic, aff):
        if not path.is_file():
            raise EngineError(
                f"spelling: Hunspell dictionary {path} not found; install the Debian package "
                f"{spec.package} (sudo apt-get install {spec.package}, or `make setup`)"
            )
    return dic, aff


def _key(paths: list[Path]) -> str:
    digest = hashlib.sha1(str(FORMAT_VERSION).encode())
    for path in paths:
        stat = path.stat()
        digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def load_dictionaries(folder: Path | None = None, cache: Path | None = None) -> Dictionaries:
    """Load both dictionaries, from the cache when it is current, else by expanding them."""
    folder = folder or DEFAULT_DICTIONARY_DIR
    en_dic, en_aff = _files(folder, ENGLISH)
    med_dic, med_aff = _files(folder, MEDICAL)
    key = _key([en_dic, en_aff, med_dic, med_aff])
    cache_file = (cache or cache_dir()) / f"hunspell-{key}.marshal"
    data = _read_cache(cache_file)
    if data is None:
        data = _compile(en_dic, en_aff, med_dic, med_aff)
        _write_cache(cache_file, data)
    english, medical, hidden, lowered = (frozenset(data[i].split("\n")) for i in (0, 1, 2, 4))
    source = f"{en_dic}, {med_dic}"
    return Dictionaries(english, medical, hidden, source, data[3], lowered, key)


def _compile(en_dic: Path, en_aff: Path, med_dic: Path, med_aff: Path) -> tuple[str, ...]:
    """The five word sets as newline-joined strings (the fastest form to load again)."""
    english, hidden = word_forms(en_dic, parse_aff(en_aff))
    medical, med_hidden = word_forms(med_dic, parse_aff(med_aff))
    lowered = {word.lower() for word in medical if _lowered_ok(word)} - medical - english
    capitalised = {word.lower() for word in english if word[:1].isupper()}
    parts = (english, medical - english, hidden | med_hidden, capitalised, lowered)
    return tuple("\n".join(sorted(part)) for part in parts)  # type: ignore[return-value]


def _lowered_ok(word: str) -> bool:
    """Whether a medical dictionary form is also accepted in lower case: a capitalised term
    ("Sitosterolemia") or a protein written in capitals ("EMERIN"), not a short acronym
    ("CNA", "MOR")."""
    if word.isupper():
        return len(word) >= MIN_LOWERED_CAPITALS
    return word[:1].isupper() and word[1:].islower()


def _read_cache(path: Path):
    try:
        with path.open("rb") as handle:
            data = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, tuple) or len(data) != 5 or not isinstance(data[0], str):
        return None
    return data


def _write_cache(path: Path, data) -> None:
    """Write the compiled sets atomically and drop stale ones; an unwritable cache only costs
    speed."""
    try:
        atomic_write(path, marshal.dumps(data))
        for stale in path.parent.glob("hunspell-*.marshal"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        return
