"""The claims ledger: a YAML file recording each reviewed claim and the editor's verdict.

Format (docs/claims.md)::

    claims:
      - article: articles/is-ketamine-therapy-addictive.md   # relative to the ledger's folder
        claim: Ketamine was first introduced in clinical settings in the 1960s ...
        status: supported          # supported | not-a-claim | needs-source
        sources: [https://www.fda.gov/...]
        reviewer: jane
        date: '2026-11-27'
        note: ''

A claim matches an entry when their texts are equal after folding case, white space, quotes,
dashes and other typography (``claim_key``); a change of wording no longer matches. Saving
writes a temporary file beside the ledger and renames it over the old one, so a reader never
sees a half-written ledger.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from checker.atomic import atomic_write
from checker.document import PLACEHOLDER
from checker.errors import CheckerError

STATUSES = ("supported", "not-a-claim", "needs-source")
APPROVED = frozenset({"supported", "not-a-claim"})
HEADER = (
    "# Claims ledger: the editors' verdicts on claims (see docs/claims.md).\n"
    "# Written by `checker review`; safe to edit by hand.\n"
)
TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u00ad": None,
        "\u200b": None,
        "\u200d": None,
        "\u2060": None,
        PLACEHOLDER: " ",
    }
)
DASH_SPACE_RE = re.compile(r"(?!(?<=\s)\s)\s*+-\s*+(?=\S)")
SPACE_PUNCT_RE = re.compile(r"(?!(?<=\s)\s)\s++([,.;:!?)\]])")
"""Both never start inside a run of white space, so a long run is scanned once."""


class LedgerError(CheckerError):
    """The claims ledger cannot be read or is malformed."""


def claim_key(text: str) -> str:
    """The text a ledger entry is matched by: same wording, any typography or wrapping."""
    text = unicodedata.normalize("NFKC", text).translate(TYPOGRAPHY).replace("\u2026", "...")
    text = " ".join(text.split())
    text = DASH_SPACE_RE.sub("-", text)
    text = SPACE_PUNCT_RE.sub(r"\1", text)
    return text.casefold().strip().rstrip(".!?;: ")


def similarity(a: str, b: str) -> float:
    """How alike two claim keys are, word by word (0..1)."""
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


@dataclass
class Entry:
    """One reviewed claim."""

    article: str
    claim: str
    status: str
    sources: list[str] = field(default_factory=list)
    reviewer: str = ""
    date: str = ""
    note: str = ""

    @property
    def key(self) -> str:
        """The claim's matching key."""
        return claim_key(self.claim)

    @property
    def approved(self) -> bool:
        """Whether the entry clears the claim (supported or not a claim)."""
        return self.status in APPROVED


@dataclass
class Ledger:
    """The entries of one ledger file."""

    path: Path
    entries: list[Entry] = field(default_factory=list)

    def article_key(self, article: str) -> str:
        """An article's path as the ledger names it: relative to the ledger's folder."""
        relative = os.path.relpath(os.path.abspath(article), self.path.parent.resolve())
        return relative.replace(os.sep, "/")

    def for_article(self, article: str) -> list[Entry]:
        """The entries of one article (given as a path to it)."""
        target = os.path.normpath(os.path.abspath(article))
        return [e for e in self.entries if self._resolve(e.article) == target]

    def _resolve(self, article: str) -> str:
        """An entry's article as an absolute path (relative ones are from the ledger's folder)."""
        return os.path.normpath(os.path.join(os.path.abspath(self.path.parent), article))

    def lookup(self, article: str, text: str) -> Entry | None:
        """The entry recording this sentence of this article, if any."""
        key = claim_key(text)
        for entry in self.for_article(article):
            if entry.key == key:
                return entry
        return None

    def record(self, entry: Entry, replaces: Entry | None = None) -> None:
        """Add ``entry``, replacing ``replaces`` and any entry for the same claim."""
        key, article = entry.key, self._resolve(entry.article)
        self.entries = [
            e
            for e in self.entries
            if e is not replaces and not (self._resolve(e.article) == article and e.key == key)
        ]
        self.entries.append(entry)

    def save(self) -> None:
        """Write the ledger atomically (temporary file, then rename)."""
        import yaml  # only when a ledger is written (~28 ms to import)

        data = {"claims": [_entry_data(e) for e in self.entries]}
        text = HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        atomic_write(self.path, text.encode("utf-8"))


def _entry_data(entry: Entry) -> dict[str, Any]:
    data = asdict(entry)
    return {k: v for k, v in data.items() if v or k in ("article", "claim", "status")}


def load_ledger(path: Path, *, check_articles: bool = True) -> Ledger:
    """Read a ledger; a missing file is an empty ledger, a malformed one a ``LedgerError``."""
    if not path.exists():
        return Ledger(path)
    import yaml  # only when there is a ledger to read (~28 ms to import)

    from checker import yamlsafe

    try:
        data = yamlsafe.load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(f"{path}: cannot read the claims ledger: {exc}") from exc
    except yaml.YAMLError as exc:
        raise LedgerError(f"{path}: the claims ledger is not valid YAML: {exc}") from exc
    if data is None:
        return Ledger(path)
    if not isinstance(data, dict) or not isinstance(data.get("claims", []), list):
        raise LedgerError(f"{path}: the claims ledger must be a mapping with a 'claims' list")
    entries = [
        _entry(path, number, item) for number, item in enumerate(data.get("claims") or [], 1)
    ]
    if check_articles:
        for number, entry in enumerate(entries, 1):
            if not (path.parent / entry.article).is_file():
                raise LedgerError(
                    f"{path}: entry {number} names article {entry.article!r}, which does not "
                    f"exist (paths are relative to the ledger's folder)"
                )
    return Ledger(path, entries)


def _entry(path: Path, number: int, item: Any) -> Entry:
    where = f"{path}: entry {number}"
    if not isinstance(item, dict):
        raise LedgerError(f"{where}: must be a mapping with article, claim and status")
    unknown = set(item) - {"article", "claim", "status", "sources", "reviewer", "date", "note"}
    if unknown:
        raise LedgerError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    for name in ("article", "claim", "status"):
        if not isinstance(item.get(name), str) or not item[name].strip():
            raise LedgerError(f"{where}: {name!r} is missing or not text")
    if item["status"] not in STATUSES:
        raise LedgerError(f"{where}: status {item['status']!r} is not one of {', '.join(STATUSES)}")
    sources = item.get("sources") or []
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise LedgerError(f"{where}: 'sources' must be a list of links or references")
    return Entry(
        article=item["article"],
        claim=item["claim"],
        status=item["status"],
        sources=list(sources),
        reviewer=str(item.get("reviewer") or ""),
        date=str(item.get("date") or ""),
        note=str(item.get("note") or ""),
    )


def stale_entries(
    entries: list[Entry], sentences: list[tuple[str, Any]], threshold: float
) -> list[tuple[Entry, Any, float]]:
    """Approved entries whose sentence has been reworded: (entry, current sentence, similarity).

    ``sentences`` are (text, object) pairs of the article's current sentences; an entry is
    stale when no sentence has its key and one is at least ``threshold`` similar.
    """
    keys = [(claim_key(text), item) for text, item in sentences]
    current = {key for key, _ in keys}
    out = []
    for entry in entries:
        if not entry.approved or entry.key in current:
            continue
        best, best_item = 0.0, None
        for key, item in keys:
            score = similarity(entry.key, key)
            if score > best:
                best, best_item = score, item
        if best_item is not None and best >= threshold:
            out.append((entry, best_item, best))
    return out
