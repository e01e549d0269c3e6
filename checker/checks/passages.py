"""Near-duplicate passages across articles (DUP005): MinHash signatures with LSH banding.

Each paragraph of at least ``min_words`` words becomes a ``Passage``: the CRC-32 hashes of
its word shingles (``shingle`` words each) and their MinHash signature (datasketch). Passages
are compact and carry no text, so ``checker audit``'s workers compute them and only they
travel back; the reduce step (``repeated_passages``) finds candidate pairs by LSH banding
(``bands`` x ``rows`` = the signature length) and keeps the pairs whose exact Jaccard
similarity over the shingle sets reaches ``threshold``. Passages a site repeats on purpose
(disclaimers, calls to action) are listed in rules/boilerplate.yml and never become passages.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from checker.context import CheckContext
from checker.document import BlockKind, Document
from checker.findings import Finding, Span
from checker.resources import load_yaml
from checker.rules import rule
from checker.words import word_list

if TYPE_CHECKING:  # numpy is imported where it is used: most runs of checker need none
    import numpy as np

SEED = 1
OPTIONS = {
    "threshold": 0.7,
    "min_words": 15,
    "shingle": 4,
    "bands": 16,
    "rows": 4,
    "max_related": 3,
}


@dataclass(frozen=True)
class Passage:
    """One paragraph's shingle hashes (sorted, unique) and MinHash signature, at a span.

    The span's excerpt is empty: the text stays with the article.
    """

    span: Span
    shingles: np.ndarray
    signature: np.ndarray

    @property
    def path(self) -> str:
        """The article's path."""
        return self.span.path


@dataclass(frozen=True)
class PassageSettings:
    """DUP005's options, validated."""

    threshold: float
    min_words: int
    shingle: int
    bands: int
    rows: int
    verify: int = 8

    @classmethod
    def of(cls, options: dict) -> PassageSettings:
        """Settings from the rule's options."""
        keys = ("threshold", "min_words", "shingle", "bands", "rows")
        return cls(*(options[k] for k in keys))

    @property
    def num_perm(self) -> int:
        """The signature's length."""
        return self.bands * self.rows


def shingles(text: str, size: int) -> np.ndarray:
    """Sorted unique CRC-32 hashes of the lower-cased word ``size``-grams of ``text``."""
    import numpy as np

    words = word_list(text.lower())
    grams = [" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))]
    return np.unique(np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint32))


MERSENNE_PRIME = (1 << 61) - 1
MAX_HASH = (1 << 32) - 1


@cache
def _permutations(num_perm: int) -> np.ndarray:
    """datasketch's MinHash permutations for ``SEED``, computed as datasketch does.

    Signatures are computed here in numpy rather than through datasketch, whose import pulls
    in scipy (over a second at every start); tests/test_passages.py checks that they equal
    datasketch's ``MinHash`` signatures.
    """
    import numpy as np

    gen = np.random.RandomState(SEED)
    prime = np.uint64(MERSENNE_PRIME)
    pairs = [
        (gen.randint(1, prime, dtype=np.uint64), gen.randint(0, prime, dtype=np.uint64))
        for _ in range(num_perm)
    ]
    return np.array(pairs, dtype=np.uint64).T


def signature(hashes: np.ndarray, num_perm: int) -> np.ndarray:
    """The MinHash signature (uint32) of precomputed 32-bit shingle hashes."""
    import numpy as np

    a, b = _permutations(num_perm)
    if not hashes.size:
        return np.full(num_perm, MAX_HASH, dtype=np.uint64).astype(np.uint32)
    values = hashes.astype(np.uint64)[:, None]
    permuted = np.bitwise_and((values * a + b) % np.uint64(MERSENNE_PRIME), np.uint64(MAX_HASH))
    return permuted.min(axis=0).astype(np.uint32)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique hash arrays."""
    import numpy as np

    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (a.size + b.size - common) if common else 0.0


@dataclass(frozen=True)
class Boilerplate:
    """Passages a site repeats on purpose: shingle sets and regular expressions."""

    texts: tuple[np.ndarray, ...]
    patterns: tuple[re.Pattern[str], ...]

    def covers(self, text: str, hashes: np.ndarray, threshold: float) -> bool:
        """Whether a paragraph is one of the site's boilerplate passages."""
        if any(p.search(text) for p in self.patterns):
            return True
        return any(jaccard(hashes, b) >= threshold for b in self.texts)


@cache
def boilerplate(size: int) -> Boilerplate:
    """rules/boilerplate.yml, shingled with ``size``-word shingles."""
    data = load_yaml("boilerplate.yml") or {}
    texts = tuple(shingles(str(t), size) for t in data.get("passages") or [])
    patterns = tuple(re.compile(str(p), re.IGNORECASE) for p in data.get("patterns") or [])
    return Boilerplate(texts, patterns)


def document_passages(doc: Document, settings: PassageSettings) -> list[Passage]:
    """The passages of ``doc``: its paragraphs of ``min_words`` words or more, boilerplate out."""
    out: list[Passage] = []
    plate = boilerplate(settings.shingle)
    for block in doc.blocks:
        if block.kind is not BlockKind.PARAGRAPH or block.in_quote:
            continue
        text = block.text.text
        if len(word_list(text)) < settings.min_words:
            continue
        hashes = shingles(text, settings.shingle)
        if plate.covers(text, hashes, settings.threshold):
            continue
        span = replace(Span.of(doc.source, block.source_start, block.source_end), excerpt="")
        out.append(Passage(span, hashes, signature(hashes, settings.num_perm)))
    return out


@dataclass
class Repeat:
    """A passage found again in other articles: its closest copies and how many articles."""

    passage: Passage
    copies: list[tuple[Passage, float]]
    articles: int
    group: Passage
    """The group's first passage (in path and offset order): names the group."""


def repeated_passages(passages: Iterable[Passage], settings: PassageSettings) -> list[Repeat]:
    """Every passage that has a near-duplicate (Jaccard >= threshold) in another article.

    Passages are taken in (path, offset) order so that the result does not depend on how
    they were gathered. Each passage lists the copies verified against it, best first, and
    the number of articles in its group (pairs joined transitively). Once a passage has
    ``verify`` copies, candidates already in its group are not compared again, so a passage
    repeated in thousands of articles costs a bounded number of comparisons per copy.
    """
    ordered = sorted(passages, key=lambda p: (p.path, p.span.start))
    paths = [p.path for p in ordered]
    starts = [p.span.start for p in ordered]
    same = _same_shingles(ordered)
    similarities: dict[tuple[int, int], float] = {}
    tables: list[dict[bytes, list[int]]] = [{} for _ in range(settings.bands)]
    copies: dict[int, list[tuple[int, float]]] = {}
    groups = _Groups(len(ordered))
    for i, passage in enumerate(ordered):
        bands = _bands(passage.signature, settings)
        candidates = {
            j for table, band in zip(tables, bands, strict=True) for j in table.get(band, ())
        }
        for j in sorted(candidates):
            if paths[j] == paths[i]:
                continue
            if len(copies.get(i, ())) >= settings.verify and groups.find(j) == groups.find(i):
                continue  # already in the group: a long group costs verify, not its size, each
            # a passage copied into many articles is compared once per distinct wording
            pair = (min(same[i], same[j]), max(same[i], same[j]))
            similarity = similarities.get(pair)
            if similarity is None:
                similarity = jaccard(passage.shingles, ordered[j].shingles)
                similarities[pair] = similarity
            if similarity >= settings.threshold:
                copies.setdefault(i, []).append((j, similarity))
                copies.setdefault(j, []).append((i, similarity))
                groups.join(i, j)
        for table, band in zip(tables, bands, strict=True):
            table.setdefault(band, []).append(i)
    articles = groups.articles(ordered)
    out: list[Repeat] = []
    for i, found in sorted(copies.items()):
        found.sort(key=lambda c: (-c[1], paths[c[0]], starts[c[0]]))
        best = [(ordered[j], s) for j, s in found]
        root = groups.find(i)
        out.append(Repeat(ordered[i], best, articles[root], ordered[root]))
    return out


def _same_shingles(passages: list[Passage]) -> list[int]:
    """For each passage, the index of the first passage with exactly its shingles."""
    first: dict[bytes, int] = {}
    return [first.setdefault(p.shingles.tobytes(), i) for i, p in enumerate(passages)]


def _bands(signature: np.ndarray, settings: PassageSettings) -> list[bytes]:
    """LSH banding (as datasketch's ``MinHashLSH``): passages that agree on every row of some
    band are candidates."""
    rows = settings.rows
    return [signature[k * rows : (k + 1) * rows].tobytes() for k in range(settings.bands)]


class _Groups:
    """Union-find over passage indexes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def articles(self, passages: list[Passage]) -> dict[int, int]:
        """Distinct articles per group root."""
        paths: dict[int, set[str]] = {}
        for i, passage in enumerate(passages):
            paths.setdefault(self.find(i), set()).add(passage.path)
        return {root: len(found) for root, found in paths.items()}


def passage_findings(
    passages: Iterable[Passage], ctx: CheckContext, excerpt: Callable[[Span], str] | None = None
) -> Iterator[Finding]:
    """DUP005 findings for passages gathered from any number of articles.

    ``excerpt`` gives a span's source text when the caller has it (``checker check``); the
    audit fills excerpts in from the files afterwards.
    """
    settings = PassageSettings.of(ctx.options)
    limit = int(ctx.options["max_related"])
    for repeat in repeated_passages(passages, settings):
        span = repeat.passage.span
        if excerpt is not None:
            span = replace(span, excerpt=excerpt(span))
        shown = repeat.copies[:limit]
        named = ", ".join(f"{p.path}:{p.span.line} ({s:.0%} alike)" for p, s in shown)
        others = repeat.articles - 1
        more = others - len({p.path for p, _ in shown})
        yield ctx.finding_at(
            span,
            f"passage repeated in {others} other article{'s' if others != 1 else ''}: "
            f"{named}{f' and {more} more' if more > 0 else ''}",
            suggestions=[
                "keep one copy and link to it, or fix every copy together",
                "add it to rules/boilerplate.yml if the site repeats it on purpose",
            ],
            related=[ctx.related_at(p.span, f"copy ({s:.0%} alike)") for p, s in shown],
            data={
                "articles": repeat.articles,
                "group": f"{repeat.group.path}:{repeat.group.span.line}",
                "others": [f"{p.path}:{p.span.line}" for p, _ in repeat.copies],  # compared
                "similarity": round(repeat.copies[0][1], 3),
            },
        )


def run_settings(ctx: CheckContext) -> PassageSettings:
    """DUP005's settings for this run."""
    return PassageSettings.of(ctx.options)


@rule(
    "DUP005",
    "repeated-passage",
    category="duplicate",
    severity="warning",
    scope="corpus",
    options=dict(OPTIONS),
)
def repeated_passage(docs: list[Document], ctx: CheckContext) -> Iterator[Finding]:
    """A paragraph repeats, word for word or nearly, a paragraph of another article.

    ## What it does
    Splits every paragraph of at least `min_words` words into overlapping word shingles
    (`shingle` words each, case folded), signs each paragraph with MinHash and finds
    candidate pairs by LSH banding (`bands` bands of `rows` rows); a candidate pair is
    reported when the exact Jaccard similarity of the two shingle sets reaches `threshold`.
    The finding is on both articles and names the other article's path and line. Repeats
    within one article are DUP003's. Passages the site repeats on purpose (disclaimers,
    calls to action) are listed in rules/boilerplate.yml and ignored. It runs across every
    article of `checker check` and, for whole archives, in `checker audit` (docs/audit.md).

    ## Why is this bad?
    A passage pasted into many pages drifts: one copy gets corrected and the others keep
    the old, wrong text. Search engines also rank copied pages lower.

    ## Example
        a.md: Most people with the condition live a normal life span with treatment ...
        b.md: Most people with the condition live a normal life span with treatment ...

    ## Fix safety
    No automatic fix: an editor keeps one copy and links to it, or marks it as boilerplate.

    ## Options
    - `threshold` (default 0.7): the least Jaccard similarity of two passages' shingles.
    - `min_words` (default 15): shorter paragraphs are not compared.
    - `shingle` (default 4): words per shingle.
    - `bands` (default 16), `rows` (default 4): LSH banding (signature length bands x rows);
      more bands find more pairs below the threshold, at the cost of more candidates.
    - `max_related` (default 3): how many copies a finding names.
    """
    settings = run_settings(ctx)
    sources = {doc.path: doc.source for doc in docs}
    passages = [p for doc in docs for p in document_passages(doc, settings)]
    yield from passage_findings(
        passages, ctx, lambda span: sources[span.path].text[span.start : span.end]
    )
