"""DUP005: near-duplicate passages across articles (MinHash + LSH, exact Jaccard)."""

from __future__ import annotations

from pathlib import Path

from helpers import assert_positions, parse_text

from checker.checks.passages import PassageSettings, jaccard, shingles
from checker.config import Config
from checker.engine import check_documents
from checker.resources import load_yaml

PASSAGE = (
    "Most people with this condition live a normal life span when the thyroid gland is "
    "treated early, and regular blood tests every six to twelve months show whether the "
    "dose of the medicine still fits the body's needs."
)
OTHER = (
    "Children who snore loudly every night, stop breathing for a few seconds during sleep or "
    "are very tired during the day should see a doctor, who may suggest a sleep study."
)


def _run(*texts: tuple[str, str], **options):
    docs = [parse_text(text, name) for name, text in texts]
    config = Config(select=["DUP005"])
    if options:
        from checker.config import RuleSettings

        config.rules["DUP005"] = RuleSettings(options=options)
    result = check_documents(docs, config)
    return result.findings, {d.path: d for d in docs}


def test_repeat_reported_on_both_articles_with_the_other_place():
    edited = PASSAGE.replace("six to twelve", "six or twelve")
    found, docs = _run(
        ("a.md", f"# A\n\n{OTHER}\n\n{PASSAGE}\n"),
        ("b.md", f"# B\n\nIntro line.\n\n{edited}\n"),
    )
    assert [(f.path, f.line) for f in found] == [("a.md", 5), ("b.md", 5)]
    for f in found:
        assert_positions(f, docs[f.path].source.text)
        assert f.rule == "DUP005"
    assert found[0].excerpt == PASSAGE
    assert "b.md:5" in found[0].message and "a.md:5" in found[1].message
    assert found[0].related[0].path == "b.md" and found[0].related[0].line == 5
    assert found[0].data["articles"] == 2
    assert 0.7 <= found[0].data["similarity"] < 1.0


def test_a_passage_in_many_articles_counts_them_all():
    texts = [(f"p{i}.md", f"# P{i}\n\n{PASSAGE}\n") for i in range(5)]
    found, _ = _run(*texts, max_related=2)
    assert len(found) == 5
    assert all(f.data["articles"] == 5 for f in found)
    assert "in 4 other articles" in found[0].message and "and 2 more" in found[0].message
    assert len(found[0].related) == 2


def test_unrelated_short_same_article_and_boilerplate_passages_are_not_reported():
    boiler = str(load_yaml("boilerplate.yml")["passages"][0]).replace("\n", " ")
    short = "Call your doctor if the rash spreads."
    found, _ = _run(
        ("a.md", f"# A\n\n{PASSAGE}\n\n{PASSAGE}\n\n{short}\n\n{boiler}\n"),
        ("b.md", f"# B\n\n{OTHER}\n\n{short}\n\n{boiler}\n"),
    )
    assert found == []  # a.md repeats itself (DUP003's job), the rest is short or boilerplate


def test_threshold_is_an_option():
    half = (
        PASSAGE.split(", and ")[0] + ", and the doctor checks the heart and the lungs once a year."
    )
    texts = (("a.md", f"# A\n\n{PASSAGE}\n"), ("b.md", f"# B\n\n{half}\n"))
    similarity = jaccard(shingles(PASSAGE, 4), shingles(half, 4))
    assert 0.2 < similarity < 0.7
    assert _run(*texts)[0] == []
    assert len(_run(*texts, threshold=0.2, bands=32, rows=2)[0]) == 2


def test_banding_finds_pairs_at_the_threshold():
    """With 16 bands of 4 rows, a pair at the 0.7 threshold is a candidate 98.8% of the time."""
    settings = PassageSettings(0.7, 15, 4, 16, 4)
    chance = 1 - (1 - 0.7**settings.rows) ** settings.bands
    assert chance > 0.98


def _reference_repeats(passages, settings):
    """The sequential implementation DUP005 had before the banding was vectorised (band
    tables in dicts, one Jaccard per candidate pair): the vectorised one must agree."""
    ordered = sorted(passages, key=lambda p: (p.path, p.span.start))
    first: dict[bytes, int] = {}
    same = [first.setdefault(p.shingles.tobytes(), i) for i, p in enumerate(ordered)]
    parent = list(range(len(ordered)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    tables: list[dict[bytes, list[int]]] = [{} for _ in range(settings.bands)]
    copies: dict[int, list[tuple[int, float]]] = {}
    rows = settings.rows
    for i, passage in enumerate(ordered):
        bands = [
            passage.signature[k * rows : (k + 1) * rows].tobytes() for k in range(settings.bands)
        ]
        candidates = {
            j for table, band in zip(tables, bands, strict=True) for j in table.get(band, ())
        }
        for j in sorted(candidates):
            if ordered[j].path == passage.path:
                continue
            if len(copies.get(i, ())) >= settings.verify and find(j) == find(i):
                continue
            similarity = jaccard(ordered[same[i]].shingles, ordered[same[j]].shingles)
            if similarity >= settings.threshold:
                copies.setdefault(i, []).append((j, similarity))
                copies.setdefault(j, []).append((i, similarity))
                a, b = find(i), find(j)
                parent[max(a, b)] = min(a, b)
        for table, band in zip(tables, bands, strict=True):
            table.setdefault(band, []).append(i)
    members: dict[int, set[str]] = {}
    for i, p in enumerate(ordered):
        members.setdefault(find(i), set()).add(p.path)
    out = []
    for i, found in sorted(copies.items()):
        found.sort(key=lambda c: (-c[1], ordered[c[0]].path, ordered[c[0]].span.start))
        root = find(i)
        best = [(ordered[j].path, ordered[j].span.start, s) for j, s in found]
        out.append((ordered[i].path, ordered[i].span.start, best, len(members[root]), root))
    return out


def test_vectorised_banding_matches_the_sequential_walk():
    """Families of near-duplicates (words swapped, sentences dropped), identical copies in
    more articles than ``verify`` (so the bounded comparison matters), repeats inside one
    article, and unrelated passages: the same repeats, copies, similarities and groups."""
    import random

    from checker.checks.passages import Passage, repeated_passages, signature
    from checker.findings import Span

    rng = random.Random(5)
    vocabulary = [f"w{k}" for k in range(400)]
    bases = [[rng.choice(vocabulary) for _ in range(rng.randint(16, 60))] for _ in range(40)]
    passages = []
    for n in range(900):
        words = list(rng.choice(bases)) if rng.random() < 0.7 else rng.sample(vocabulary, 30)
        for _ in range(rng.choice((0, 0, 0, 1, 2, 5))):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        path, start = f"a{rng.randrange(120):03d}.md", 10 * n
        hashes = shingles(" ".join(words), 4)
        span = Span(path, start, start + 10, 1, 1, 1, 11, "")
        passages.append(Passage(span, hashes, signature(hashes, 64)))
    settings = PassageSettings(0.7, 15, 4, 16, 4)
    expected = _reference_repeats(passages, settings)
    got = [
        (
            r.passage.path,
            r.passage.span.start,
            [(p.path, p.span.start, s) for p, s in r.copies],
            r.articles,
            sorted(passages, key=lambda p: (p.path, p.span.start)).index(r.group),
        )
        for r in repeated_passages(reversed(passages), settings)
    ]
    assert len(expected) > 300 and max(len(e[2]) for e in expected) > settings.verify
    assert any(0.7 <= s < 1.0 for e in expected for _, _, s in e[2])
    assert got == expected


def test_one_article_needs_no_numpy_and_later_articles_are_signed():
    """A process's first article with passages leaves its signatures to the reduce (a
    one-article run never imports numpy); its later articles are signed where they are made,
    with the signatures the reduce would give them."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from helpers import parse_text\n"
        "from checker.checks import passages as dup\n"
        "s = dup.PassageSettings.of(dup.OPTIONS)\n"
        f"text = '# A\\n\\n' + {PASSAGE!r} + '\\n\\n' + {OTHER!r} + '\\n'\n"
        "first = dup.document_passages(parse_text(text, 'a.md'), s)\n"
        "assert len(first) == 2 and all(p.signature is None for p in first)\n"
        "assert dup.repeated_passages(first, s) == []\n"
        "assert 'numpy' not in sys.modules\n"
        "later = dup.document_passages(parse_text(text, 'b.md'), s)\n"
        "again = dup.signed(first, s.num_perm)\n"
        "assert all((a.signature == b.signature).all() for a, b in zip(later, again))\n"
        "found = [r.passage.path for r in dup.repeated_passages(first + later, s)]\n"
        "assert found == ['a.md', 'a.md', 'b.md', 'b.md'], found\n"
    )
    tests = str(Path(__file__).resolve().parent)
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tests)


def test_passages_of_numpy_arrays_still_compare():
    """Passages kept by an earlier version (numpy shingles) reduce as the plain ones do."""
    import numpy as np

    from checker.checks.passages import Passage, repeated_passages, signature
    from checker.findings import Span

    settings = PassageSettings.of({"threshold": 0.7, "min_words": 15, "shingle": 4,
                                   "bands": 16, "rows": 4})  # fmt: skip
    hashes = shingles(PASSAGE, 4)
    old = np.asarray(hashes, dtype=np.uint32)
    made = [
        Passage(Span("a.md", 0, 9, 1, 1, 1, 10, ""), old, signature(old, 64)),
        Passage(Span("b.md", 0, 9, 1, 1, 1, 10, ""), hashes),
    ]
    found = repeated_passages(made, settings)
    assert [r.passage.path for r in found] == ["a.md", "b.md"]
    assert found[0].copies[0][1] == 1.0
