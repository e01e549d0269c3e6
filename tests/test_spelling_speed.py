"""The fast paths of spelling, readability and passages give what the plain ones gave: the
error model's distance, the word pattern, the compact frequency and syllable tables, the
far search's cached pool, Pyphen's hyphenation points and batched MinHash signatures."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest

from checker import syllables
from checker.checks.passages import _hashes, signature, signatures
from checker.spelling import load_engine
from checker.spelling.errormodel import (
    SWAPPED,
    ErrorModel,
    _dropped,
    _inserted,
    substitution_cost,
)
from checker.spelling.frequency import Frequencies, read_table
from checker.words import WORD_RE

OLD_WORD_RE = re.compile(r"[^\W_](?:[\w\u2019'\-]*[^\W_])?")
ALPHABET = "ab_-'\u2019 .9\u00c9\u00df\u0307\u00b2\u2160x\u200d\u0663"


def _random_strings(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30))) for _ in range(count)]


def test_word_pattern_matches_the_backtracking_one() -> None:
    for text in _random_strings(20_000) + ["it's a well-known fact_ --x", "a\u2019b'-_c"]:
        assert [m.span() for m in WORD_RE.finditer(text)] == [
            m.span() for m in OLD_WORD_RE.finditer(text)
        ], text


def _plain_distance(model: ErrorModel, typed: str, meant: str) -> float:
    """The weighted Damerau-Levenshtein recurrence written out cell by cell."""
    n, m = len(typed), len(meant)
    steps = model._rule_steps(typed, meant) if model.confusions else {}
    table = [[0.0] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        table[0][j] = table[0][j - 1] + _dropped(meant, j)
    for i in range(1, n + 1):
        table[i][0] = table[i - 1][0] + _inserted(typed, i)
        a = typed[i - 1]
        for j in range(1, m + 1):
            b = meant[j - 1]
            best = min(
                table[i - 1][j - 1] + substitution_cost(a, b),
                table[i - 1][j] + _inserted(typed, i),
                table[i][j - 1] + _dropped(meant, j),
            )
            if i > 1 and j > 1 and a == meant[j - 2] and typed[i - 2] == b and a != b:
                best = min(best, table[i - 2][j - 2] + SWAPPED)
            for (si, sj), cost in steps.get((i, j), ()):
                best = min(best, table[si][sj] + cost)
            table[i][j] = best
    return table[n][m]


@pytest.fixture(scope="module")
def engine():
    return load_engine({})


def test_distance_is_the_plain_recurrence(engine) -> None:
    model = engine.suggester.model
    rng = random.Random(5)
    words = sorted(w for w in engine.speller.dictionaries.english if w.islower())
    pairs = [("", "abc"), ("abc", ""), ("", ""), ("fysician", "physician"), ("phish", "fish")]
    for _ in range(1500):
        word = rng.choice(words)
        typo = list(word)
        for _ in range(rng.randint(0, 3)):
            typo.insert(rng.randrange(len(typo) + 1), rng.choice("abcdefghijklmnopqrstuvwxyz'-"))
            if len(typo) > 2 and rng.random() < 0.5:
                del typo[rng.randrange(len(typo))]
        pairs += [("".join(typo), word), (word, rng.choice(words))]
    for typed, meant in pairs:
        assert model.distance(typed, meant) == _plain_distance(model, typed, meant), (typed, meant)


def test_compact_frequency_table_is_wordfreqs(tmp_path) -> None:
    table = read_table()
    for _ in range(2):  # built, then read from the cache folder
        compact = Frequencies(tmp_path)._table
        sample = random.Random(1).sample(sorted(table), 20_000)
        assert all(compact.get(w, 0.0) == table[w] for w in sample)
        assert compact.get("qzxwvkjq", 0.0) == 0.0


def test_far_pool_from_the_cache_is_the_computed_one(engine) -> None:
    suggester = engine.suggester
    dictionaries = engine.speller.dictionaries
    words = sorted(
        w
        for w in dictionaries.english
        if w.islower() and "'" not in w and w not in dictionaries.nosuggest
    )
    minimum = suggester.ranking["far_min_zipf"]
    assert suggester._common == suggester.frequencies.common(words, minimum)


def test_hyphenation_points_are_pyphens(engine) -> None:
    hyphen = syllables._pyphen()
    words = sorted(w.lower() for w in engine.speller.dictionaries.medical if w.isalpha())
    for word in random.Random(2).sample(words, 5_000) + ["", "a", "ab", "x" * 40]:
        assert syllables._hyphen_points(word) == len(hyphen.positions(word)), word


def test_syllable_tokens_are_textstats() -> None:
    from textstat.backend.selections._list_words import list_words

    words = _random_strings(5_000, seed=7) + ["it's", "don't", "e.g.", "well-known", "naïve"]
    for word in words:
        assert syllables._tokens(word) == list_words(word, lowercase=True), word


def test_batched_signatures_are_one_by_one() -> None:
    rng = random.Random(4)
    sets = []
    for size in [1, 3, 40, 500, 20_000, 20_000, 2, 0]:
        words = [str(rng.randrange(10_000)) for _ in range(size)]
        sets.append(_hashes(words, 4))
    sets.append(np.empty(0, dtype=np.uint32))
    batched = signatures(sets, 64)
    assert len(batched) == len(sets)
    for hashes, found in zip(sets, batched, strict=True):
        assert (found == signature(hashes, 64)).all()


def test_shingle_hashes_are_the_plain_grams() -> None:
    import zlib

    for count in range(9):
        words = [f"w{k % 5}" for k in range(count)]
        for size in range(6):
            grams = [" ".join(words[i : i + size]) for i in range(max(1, count - size + 1))]
            plain = np.unique(np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint32))
            assert (_hashes(words, size) == plain).all()


def test_hyphen_path_is_pyphens_own() -> None:
    import pyphen

    assert syllables.hyphen_path() == Path(
        pyphen.LANGUAGES[pyphen.language_fallback(syllables.LANGUAGE)]
    )


def test_stored_hyphenation_prefixes_are_pyphens_patterns() -> None:
    patterns = syllables._pyphen().hd.patterns
    built = syllables._pattern_prefixes(patterns)
    for key, (start, values) in patterns.items():
        assert built[key] == bytes([start, *values])
    for _ in range(2):  # stored, then read back
        syllables._hyphenation.cache_clear()
        assert syllables._hyphenation()[0] == built


def test_word_table_is_the_plain_mapping() -> None:
    from checker.spelling.store import WordTable

    table = {"a": 1, "abacus": 3, "abandon": 3, "zoo": 1, "zoology": 4, "it's": 1, "ñu": 65535}
    compact = WordTable(*WordTable.compact(table))
    for word, count in table.items():
        assert compact.get(word) == count
    for missing in ("ab", "abandons", "", "zo", "q"):
        assert compact.get(missing) is None


def test_list_by_list_search_is_the_union_search(engine) -> None:
    """The first searches go list by list (no union built yet); past ``UNION_AFTER`` forms,
    through the union: the same forms either way."""
    from checker.spelling.suggest import UNION_AFTER, Suggester, _slips, edits1

    fresh = Suggester(engine.speller)
    union = Suggester(engine.speller)._spellable
    for word in ("symptomes", "recieve", "spavato", "ketamin", "xq"):
        forms = edits1(word) | {"Spravato", "it's"}
        assert fresh._searched + len(forms) <= UNION_AFTER
        assert fresh._known(forms) == forms & union
    assert "_spellable" not in vars(fresh)
    many = {e2 for w in ("pottasium", "symptomes") for e1 in edits1(w) for e2 in _slips(e1)}
    assert len(many) > UNION_AFTER
    assert fresh._known(many) == many & union
    assert "_spellable" in vars(fresh)
