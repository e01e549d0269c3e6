"""Near-duplicate passages across articles (DUP005): MinHash signatures with LSH banding.

Each paragraph of at least ``min_words`` words becomes a ``Passage``: the CRC-32 hashes of
its word shingles (``shingle`` words each) and their MinHash signature (as datasketch's). Passages
are compact and carry no text, so ``checker audit``'s workers compute them and only they
travel back; the reduce step (``repeated_passages``) finds candidate pairs by LSH banding
(``bands`` x ``rows`` = the signature length) and keeps the pairs whose exact Jaccard
similarity over the shingle sets reaches ``threshold``. Passages a site repeats on purpose
(disclaimers, calls to action) are listed in rules/boilerplate.yml and never become passages.

The reduce is vectorised (numpy): identical passages are folded into one wording, each band
is sorted once to find the wordings that share it, two exact upper bounds (set sizes, hash
bucket counts) discard candidates that cannot reach the threshold, and the survivors' exact
Jaccard similarities are computed in bulk by merging their sorted hash arrays. Only the
passages with a verified copy are then walked one by one (tests/test_passages.py checks the
result against the plain sequential walk).

Only the reduce needs numpy (a fifth of a second to import): an article's shingles are made in
plain Python (``array``), and the passages of a process's first article with passages are
signed in the reduce (``signed``), so a one-article run, whose reduce has nothing to compare,
never imports it. A process signs the passages of its later articles where it makes them
(numpy's import pays off there), so audit workers share the signing.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator
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
    """One paragraph's shingle hashes (sorted, unique uint32) and MinHash signature, at a span.

    The span's excerpt is empty: the text stays with the article. The signature is None
    until the reduce signs the passage (``signed``) when its process did not.
    """

    span: Span
    shingles: array[int] | np.ndarray
    signature: np.ndarray | None = None

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


def shingles(text: str, size: int) -> array[int]:
    """Sorted unique CRC-32 hashes of the lower-cased word ``size``-grams of ``text``."""
    return _hashes(word_list(text.lower()), size)


def _hashes(words: list[str], size: int) -> array[int]:
    """Sorted unique CRC-32 hashes (uint32) of the ``size``-grams of ``words`` (all of them
    as one gram when there are fewer); plain Python is faster than numpy for a paragraph."""
    if size < 1 or len(words) < size:
        grams: Iterable[str] = [
            " ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))
        ]
    else:
        grams = map(" ".join, zip(*(words[k:] for k in range(size)), strict=False))
    return array("I", sorted(set(map(zlib.crc32, map(str.encode, grams)))))


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


SIGNED_AT_ONCE = 1 << 15
"""Shingles signed in one array operation (``signatures``): 16 MB of work space at most."""


def signatures(hashes: Iterable[array[int] | np.ndarray], num_perm: int) -> list[np.ndarray]:
    """``signature`` of each of ``hashes``, computed for many sets at once (the same minima,
    taken over each set's rows of one permuted array)."""
    import numpy as np

    sets = [np.asarray(h, dtype=np.uint32) for h in hashes]
    out: list[np.ndarray] = []
    start = 0
    while start < len(sets):
        stop, total = start, 0
        while stop < len(sets) and (stop == start or total + sets[stop].size <= SIGNED_AT_ONCE):
            total += sets[stop].size
            stop += 1
        group = sets[start:stop]
        if len(group) == 1 or any(not s.size for s in group):
            out += [signature(s, num_perm) for s in group]
        else:
            a, b = _permutations(num_perm)
            values = np.concatenate(group).astype(np.uint64)[:, None]
            mask = np.uint64(MAX_HASH)
            permuted = np.bitwise_and((values * a + b) % np.uint64(MERSENNE_PRIME), mask)
            starts = np.cumsum([0] + [s.size for s in group[:-1]])
            minima = np.minimum.reduceat(permuted, starts, axis=0).astype(np.uint32)
            out += [row.copy() for row in minima]
        start = stop
    return out


def signature(shingled: array[int] | np.ndarray, num_perm: int) -> np.ndarray:
    """The MinHash signature (uint32) of precomputed 32-bit shingle hashes."""
    import numpy as np

    hashes = np.asarray(shingled, dtype=np.uint32)
    a, b = _permutations(num_perm)
    if not hashes.size:
        return np.full(num_perm, MAX_HASH, dtype=np.uint64).astype(np.uint32)
    values = hashes.astype(np.uint64)[:, None]
    permuted = np.bitwise_and((values * a + b) % np.uint64(MERSENNE_PRIME), np.uint64(MAX_HASH))
    return permuted.min(axis=0).astype(np.uint32)


def jaccard(a: Collection[int], b: Collection[int]) -> float:
    """Exact Jaccard similarity of two collections of unique hashes."""
    common = len(set(a).intersection(b))
    return common / (len(a) + len(b) - common) if common else 0.0


@dataclass(frozen=True)
class Boilerplate:
    """Passages a site repeats on purpose: shingle sets and regular expressions."""

    texts: tuple[frozenset[int], ...]
    patterns: tuple[re.Pattern[str], ...]

    def covers(self, text: str, hashes: array[int], threshold: float) -> bool:
        """Whether a paragraph is one of the site's boilerplate passages (a passage of a
        size the threshold rules out, Jaccard <= smaller / larger, is not compared)."""
        if any(p.search(text) for p in self.patterns):
            return True
        for b in self.texts:
            smaller, larger = sorted((len(hashes), len(b)))
            if smaller < threshold * larger * (1 - 1e-9):
                continue
            if jaccard(hashes, b) >= threshold:
                return True
        return False


@cache
def boilerplate(size: int) -> Boilerplate:
    """rules/boilerplate.yml, shingled with ``size``-word shingles."""
    data = load_yaml("boilerplate.yml") or {}
    texts = tuple(frozenset(shingles(str(t), size)) for t in data.get("passages") or [])
    patterns = tuple(re.compile(str(p), re.IGNORECASE) for p in data.get("patterns") or [])
    return Boilerplate(texts, patterns)


def document_passages(doc: Document, settings: PassageSettings) -> list[Passage]:
    """The passages of ``doc``: its paragraphs of ``min_words`` words or more, boilerplate out."""
    found: list[tuple[Span, array[int]]] = []
    plate = boilerplate(settings.shingle)
    for block in doc.blocks:
        if block.kind is not BlockKind.PARAGRAPH or block.in_quote:
            continue
        text = block.text.text
        words = word_list(text.lower())
        # lower case changes no word boundary of ASCII text: the same count
        count = len(words) if text.isascii() else len(word_list(text))
        if count < settings.min_words:
            continue
        hashes = _hashes(words, settings.shingle)
        if plate.covers(text, hashes, settings.threshold):
            continue
        span = replace(Span.of(doc.source, block.source_start, block.source_end), excerpt="")
        found.append((span, hashes))
    if not found:
        return []
    if not _sign_here():
        return [Passage(span, hashes) for span, hashes in found]
    signed = signatures([hashes for _, hashes in found], settings.num_perm)
    return [Passage(span, h, sig) for (span, h), sig in zip(found, signed, strict=True)]


_EXTRACTED = [0]
"""How many articles with passages this process has made passages of."""


def _sign_here() -> bool:
    """Whether ``document_passages`` signs the passages it makes: not those of the process's
    first article with passages (left to the reduce, ``signed``), those of every later one."""
    _EXTRACTED[0] += 1
    return _EXTRACTED[0] > 1


def signed(passages: list[Passage], num_perm: int) -> list[Passage]:
    """``passages``, each with its signature (computed, in bulk, for those that have none)."""
    unsigned = [i for i, p in enumerate(passages) if p.signature is None]
    if not unsigned:
        return passages
    out = list(passages)
    found = signatures([passages[i].shingles for i in unsigned], num_perm)
    for i, sig in zip(unsigned, found, strict=True):
        out[i] = replace(passages[i], signature=sig)
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
    ``verify`` copies among the earlier passages, an earlier candidate already in its group
    is not taken again, so a passage repeated in thousands of articles keeps a bounded list.

    The banding and the exact Jaccard similarities are computed in numpy over the distinct
    wordings (passages with exactly the same shingles are compared once); only the passages
    that have a verified near-duplicate are then walked in order, in Python.
    """
    ordered = sorted(passages, key=lambda p: (p.span.path, p.span.start))
    if len({p.span.path for p in ordered}) < 2:
        return []  # repeats inside one article are DUP003's
    words = _Wordings.of(ordered, settings.num_perm)
    near = _Near.of(words, settings)
    groups = _Groups(len(ordered))
    copies = _link(ordered, words, near, groups, settings.verify)
    return _repeats(ordered, copies, groups)


class _Wordings:
    """Passages with exactly the same shingles share a wording, compared once."""

    def __init__(self, ids: np.ndarray, shingles: list[np.ndarray], signatures: np.ndarray):
        import numpy as np

        self.of_passage = ids
        self.shingles = shingles
        self.signatures = signatures
        self.order = np.argsort(ids, kind="stable")
        self.starts = np.searchsorted(ids[self.order], np.arange(len(shingles) + 1))

    @classmethod
    def of(cls, passages: list[Passage], num_perm: int) -> _Wordings:
        """The wordings of ``passages``, numbered in order of first appearance (a wording
        whose first passage is unsigned is signed here)."""
        import numpy as np

        index: dict[bytes, int] = {}
        first: list[Passage] = []
        ids = np.empty(len(passages), dtype=np.int64)
        for i, passage in enumerate(passages):
            ids[i] = found = index.setdefault(passage.shingles.tobytes(), len(index))
            if found == len(first):
                first.append(passage)
        first = signed(first, num_perm)
        signatures = np.stack([p.signature for p in first])  # type: ignore[misc]
        return cls(ids, [np.asarray(p.shingles, dtype=np.uint32) for p in first], signatures)

    def members(self, word: int) -> np.ndarray:
        """The passages (ascending) of one wording."""
        return self.order[self.starts[word] : self.starts[word + 1]]

    def copies(self) -> np.ndarray:
        """How many passages share each wording."""
        import numpy as np

        return np.diff(self.starts)


def candidate_pairs(signatures: np.ndarray, settings: PassageSettings) -> np.ndarray:
    """LSH banding (as datasketch's ``MinHashLSH``): the pairs ``(u, v)``, ``u < v``, of rows
    of ``signatures`` that agree on every row of some band; unique, sorted."""
    import numpy as np

    count, rows = len(signatures), settings.rows
    found = [np.empty(0, dtype=np.int64)]
    for band in range(settings.bands):
        order, starts = _runs(signatures[:, band * rows : (band + 1) * rows])
        first, second = _pairs_within(starts, count)
        u, v = order[first], order[second]
        found.append(np.minimum(u, v) * count + np.maximum(u, v))
    pairs = np.sort(np.concatenate(found))
    pairs = pairs[np.append(True, pairs[1:] != pairs[:-1])] if len(pairs) else pairs
    return np.stack((pairs // count, pairs % count), axis=1)


def _runs(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rows of ``keys`` ordered so that equal rows are adjacent, and where each run of
    equal rows starts. Rows are sorted by a 64-bit mix of their values; runs are then checked
    row by row, and a mix that joined two different rows falls back to sorting the rows."""
    import numpy as np

    mixed = np.zeros(len(keys), dtype=np.uint64)
    for column in keys.T:
        mixed = mixed * np.uint64(0x9E3779B97F4A7C15) + column.astype(np.uint64)
    order = np.argsort(mixed)
    new = np.ones(len(keys), dtype=bool)
    new[1:] = mixed[order][1:] != mixed[order][:-1]
    ranked = keys[order]
    if (ranked != ranked[np.flatnonzero(new)][np.cumsum(new) - 1]).any():  # a collision
        order = np.lexsort(keys.T[::-1])
        ranked = keys[order]
        new[1:] = (ranked[1:] != ranked[:-1]).any(axis=1)
    return order, np.flatnonzero(new)


def _pairs_within(starts: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of positions (a < b) inside the same run, runs starting at ``starts``."""
    import numpy as np

    ends = np.append(starts[1:], count)
    sizes = ends - starts
    starts, ends = starts[sizes > 1], ends[sizes > 1]
    positions = _ranges(starts, ends - starts)
    later = np.repeat(ends, ends - starts) - positions - 1
    first = np.repeat(positions, later)
    second = first + 1 + _ranges(np.zeros(len(later), dtype=np.int64), later)
    return first, second


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``starts[k], starts[k] + 1, ..., starts[k] + lengths[k] - 1`` for every k, joined."""
    import numpy as np

    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    if not total:
        return np.empty(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    shift = np.repeat(np.asarray(starts, dtype=np.int64) - (ends - lengths), lengths)
    return np.arange(total, dtype=np.int64) + shift


def similarities(sets: list[np.ndarray], pairs: np.ndarray, chunk: int = 1 << 22) -> np.ndarray:
    """Exact Jaccard similarity (as ``jaccard``) of each pair of sorted unique hash arrays,
    ``sets[u]`` and ``sets[v]`` for every ``(u, v)`` of ``pairs``, vectorised."""
    import numpy as np

    lengths = np.array([s.size for s in sets], dtype=np.int64)
    flat = np.concatenate(sets).astype(np.uint64) if sets else np.empty(0, np.uint64)
    offsets = np.cumsum(lengths) - lengths
    common = np.zeros(len(pairs), dtype=np.int64)
    sizes = np.cumsum(lengths[pairs[:, 0]] + lengths[pairs[:, 1]])
    done = 0
    while done < len(pairs):
        before = sizes[done - 1] if done else 0
        stop = max(done + 1, int(np.searchsorted(sizes, before + chunk)))
        common[done:stop] = _common(flat, offsets, lengths, pairs[done:stop])
        done = stop
    union = lengths[pairs[:, 0]] + lengths[pairs[:, 1]] - common if len(pairs) else common
    out = np.zeros(len(pairs), dtype=np.float64)
    np.divide(common, union, out=out, where=common > 0)
    return out


def _common(flat: np.ndarray, offsets: np.ndarray, lengths: np.ndarray, pairs: np.ndarray):
    """How many hashes each pair of sets shares (each set holds each hash once)."""
    import numpy as np

    keys = []
    for side in (pairs[:, 0], pairs[:, 1]):
        owner = np.repeat(np.arange(len(pairs), dtype=np.uint64), lengths[side])
        keys.append((owner << np.uint64(32)) | flat[_ranges(offsets[side], lengths[side])])
    joined = np.sort(np.concatenate(keys), kind="stable")  # two sorted runs: a merge
    shared = joined[1:][joined[1:] == joined[:-1]] >> np.uint64(32)
    return np.bincount(shared.astype(np.int64), minlength=len(pairs))


BUCKETS = 64


def _may_reach(sets: list[np.ndarray], pairs: np.ndarray, threshold: float) -> np.ndarray:
    """Which pairs can reach ``threshold``, by two exact upper bounds of the hashes a pair
    shares: the smaller set's size, then the sum over hash buckets (``hash % BUCKETS``) of the
    smaller of the two sets' counts. Jaccard >= t needs ``t / (1 + t)`` of both sizes shared."""
    import numpy as np

    sizes = np.array([s.size for s in sets], dtype=np.int64)
    need = threshold / (1 + threshold) * (sizes[pairs[:, 0]] + sizes[pairs[:, 1]]) * (1 - 1e-9)
    keep = np.minimum(sizes[pairs[:, 0]], sizes[pairs[:, 1]]) >= need
    counts = _bucket_counts(sets, sizes)
    for start in range(0, len(pairs), 1 << 16):
        chunk = slice(start, start + (1 << 16))
        u, v = pairs[chunk, 0][keep[chunk]], pairs[chunk, 1][keep[chunk]]
        shared = np.minimum(counts[u], counts[v]).sum(axis=1, dtype=np.int64)
        keep[chunk][keep[chunk]] = shared >= need[chunk][keep[chunk]]
    return keep


def _bucket_counts(sets: list[np.ndarray], sizes: np.ndarray) -> np.ndarray:
    """How many of each set's hashes fall in each of ``BUCKETS`` buckets (sets by rows)."""
    import numpy as np

    counts = np.zeros((len(sets), BUCKETS), dtype=np.int32)
    for start in range(0, len(sets), 1 << 14):
        block = sets[start : start + (1 << 14)]
        owner = np.repeat(np.arange(len(block)), sizes[start : start + len(block)])
        flat = np.concatenate(block).astype(np.int64) % BUCKETS if block else owner
        found = np.bincount(owner * BUCKETS + flat, minlength=len(block) * BUCKETS)
        counts[start : start + len(block)] = found.reshape(len(block), BUCKETS)
    return counts


class _Near:
    """For each wording, the wordings verified at the threshold (itself when it has several
    passages), with their similarity."""

    def __init__(self, word: np.ndarray, other: np.ndarray, similarity: np.ndarray, count: int):
        import numpy as np

        order = np.argsort(word, kind="stable")
        self.other, self.similarity = other[order], similarity[order]
        self.starts = np.searchsorted(word[order], np.arange(count + 1))

    @classmethod
    def of(cls, words: _Wordings, settings: PassageSettings) -> _Near:
        """Candidates by banding over the distinct wordings, kept at ``threshold``."""
        import numpy as np

        pairs = candidate_pairs(words.signatures, settings)
        pairs = pairs[_may_reach(words.shingles, pairs, settings.threshold)]
        found = similarities(words.shingles, pairs)
        kept = found >= settings.threshold
        pairs, found = pairs[kept], found[kept]
        alike = np.flatnonzero(words.copies() > 1)
        itself = np.array([1.0 if words.shingles[w].size else 0.0 for w in alike])
        alike, itself = alike[itself >= settings.threshold], itself[itself >= settings.threshold]
        word = np.concatenate((pairs[:, 0], pairs[:, 1], alike))
        other = np.concatenate((pairs[:, 1], pairs[:, 0], alike))
        return cls(word, other, np.concatenate((found, found, itself)), len(words.shingles))

    def has(self) -> np.ndarray:
        """Which wordings have any verified near-duplicate."""
        import numpy as np

        return np.diff(self.starts) > 0

    def of_word(self, word: int) -> tuple[np.ndarray, np.ndarray]:
        """The verified wordings of ``word`` and their similarities."""
        a, b = self.starts[word], self.starts[word + 1]
        return self.other[a:b], self.similarity[a:b]


def _link(
    ordered: list[Passage], words: _Wordings, near: _Near, groups: _Groups, verify: int
) -> dict[int, list[tuple[int, float]]]:
    """Walk the passages that have near-duplicates in order: each takes its earlier verified
    copies in other articles (all of the first ``verify``, then one per group not yet its
    own) and joins their groups."""
    import numpy as np

    paths = [p.span.path for p in ordered]
    path_ids = np.cumsum([i > 0 and path != paths[i - 1] for i, path in enumerate(paths)])
    copies: dict[int, list[tuple[int, float]]] = {}
    for i in np.flatnonzero(near.has()[words.of_passage]).tolist():
        earlier, alike = _earlier(i, words, near)
        other = path_ids[earlier] != path_ids[i]
        earlier, alike = earlier[other], alike[other]
        taken = list(range(min(verify, len(earlier))))
        for k in taken:
            groups.join(i, int(earlier[k]))
        if len(earlier) > verify:
            labels = groups.label[earlier[verify:]]
            _, first = np.unique(labels, return_index=True)
            new = sorted(k + verify for k in first.tolist() if labels[k] != groups.label[i])
            for k in new:
                groups.join(i, int(earlier[k]))
            taken += new
        for j, similarity in zip(earlier[taken].tolist(), alike[taken].tolist(), strict=True):
            copies.setdefault(i, []).append((j, similarity))
            copies.setdefault(j, []).append((i, similarity))
    return copies


def _earlier(i: int, words: _Wordings, near: _Near) -> tuple[np.ndarray, np.ndarray]:
    """The passages before ``i`` whose wording is verified against ``i``'s, ascending, with
    their similarity."""
    import numpy as np

    others, alike = near.of_word(int(words.of_passage[i]))
    found = [words.members(int(w)) for w in others.tolist()]
    found = [m[: np.searchsorted(m, i)] for m in found]
    earlier = np.concatenate(found)
    similarity = np.repeat(alike, [len(m) for m in found])
    order = np.argsort(earlier, kind="stable")
    return earlier[order], similarity[order]


def _repeats(
    ordered: list[Passage], copies: dict[int, list[tuple[int, float]]], groups: _Groups
) -> list[Repeat]:
    """The ``Repeat`` of every passage with copies, in passage order."""
    paths = [p.path for p in ordered]
    starts = [p.span.start for p in ordered]
    roots, articles = groups.summary(paths)
    out: list[Repeat] = []
    for i, found in sorted(copies.items()):
        found.sort(key=lambda c: (-c[1], paths[c[0]], starts[c[0]]))
        best = [(ordered[j], s) for j, s in found]
        root = roots[i]
        out.append(Repeat(ordered[i], best, articles[root], ordered[root]))
    return out


class _Groups:
    """Passages joined into groups: a label per passage (union by size, so relabelling costs
    O(n log n) in all)."""

    def __init__(self, size: int) -> None:
        import numpy as np

        self.label = np.arange(size)
        self.members: dict[int, list[int]] = {}

    def join(self, i: int, j: int) -> None:
        """Put ``i`` and ``j`` in one group."""
        a, b = int(self.label[i]), int(self.label[j])
        if a == b:
            return
        small, big = self.members.pop(a, [a]), self.members.pop(b, [b])
        if len(small) > len(big):
            small, big, b = big, small, a
        self.label[small] = b
        big.extend(small)
        self.members[b] = big

    def summary(self, paths: list[str]) -> tuple[dict[int, int], dict[int, int]]:
        """Each grouped passage's group root (its first passage) and, by root, the group's
        number of articles."""
        roots: dict[int, int] = {}
        articles: dict[int, int] = {}
        for group in self.members.values():
            root = min(group)
            articles[root] = len({paths[m] for m in group})
            roots.update(dict.fromkeys(group, root))
        return roots, articles


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
