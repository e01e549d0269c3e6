"""Build the drug lexicon shipped with the checker (checker/data/drugs.tsv).

Reads the MedlinePlus drug list (generic names, brand names in ``Synonyms``) and the DrugBank
open vocabulary (generic names and synonyms) from ../shared/data/drugs and writes one term a
line: ``term<TAB>kind<TAB>sources``. ``kind`` is ``generic`` (matched in any case) or ``brand``
(a proper name: written with a capital). Only single words are kept, since the spelling check
works word by word: multi-word names contribute each of their words as generic terms.

Usage::

    python scripts/build_drug_lexicon.py [--drugs DIR] [--out checker/data/drugs.tsv]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DRUGS = REPO.parent / "shared" / "data" / "drugs"
DEFAULT_OUT = REPO / "checker" / "data" / "drugs.tsv"
TERM_RE = re.compile(r"^[^\W\d_][^\W\d_'\-]*(?:-[^\W\d_]+)*$")
WORD_SPLIT_RE = re.compile(r"[\s,;/()\[\]+]+")
MIN_LENGTH = 4

HEADER = """\
# Drug lexicon for the spelling checks (SPL001, SPL003): term<TAB>kind<TAB>sources.
# kind: generic (any case) or brand (a proper name, written with a capital).
# Built by scripts/build_drug_lexicon.py from:
#   MedlinePlus drug entries (harvested by fastdatascience/drug_named_entity_recognition, MIT)
#   DrugBank open vocabulary (CC0 1.0; same repository, MIT)
# Edit by hand if you must (one term a line), but prefer rules/vocab/accept.txt for local words.
"""


def is_term(word: str) -> bool:
    """Whether ``word`` can be a lexicon term: letters (inner hyphens allowed), long enough."""
    return len(word) >= MIN_LENGTH and bool(TERM_RE.match(word)) and not word.isupper()


def words_of(name: str) -> Iterator[str]:
    """The single words of a (possibly multi-word) drug name that can be terms."""
    for word in WORD_SPLIT_RE.split(name):
        word = word.strip(".-'\"")
        if is_term(word):
            yield word


def read_medlineplus(path: Path) -> Iterator[tuple[str, str, str]]:
    """``(term, kind, source)`` from the MedlinePlus list: generics, then brand names."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            source = f"medlineplus:{row['Medline Plus ID']}"
            for word in words_of(row["Common name"]):
                yield word.lower(), "generic", source
            for brand in (row.get("Synonyms") or "").split("|"):
                brand = brand.strip()
                if is_term(brand):
                    yield brand, "brand", source


def read_drugbank(path: Path) -> Iterator[tuple[str, str, str]]:
    """``(term, "generic", source)`` from DrugBank common names and one-word synonyms."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            source = f"drugbank:{row['DrugBank ID']}"
            for word in words_of(row["Common name"]):
                yield word.lower(), "generic", source
            common = row["Common name"].lower()
            for synonym in (row.get("Synonyms") or "").split("|"):
                synonym = synonym.strip()
                if is_term(synonym) and not is_variant_of(synonym.lower(), common):
                    yield synonym.lower(), "generic", source


def is_variant_of(synonym: str, common: str) -> bool:
    """Whether a synonym is a foreign or Latin form of the common name ("ketamina", "imatinibum").

    Such forms look like misspellings of the English name; keeping them would hide real typos.
    """
    if synonym == common:
        return False
    stem = min(len(common), 5)
    return synonym[:stem] == common[:stem] and abs(len(synonym) - len(common)) <= 3


def merge(entries: Iterable[tuple[str, str, str]]) -> dict[str, tuple[str, list[str]]]:
    """One record per term; a brand whose name is also a generic counts as generic."""
    generics: dict[str, list[str]] = {}
    brands: dict[str, list[str]] = {}
    for term, kind, source in entries:
        table = generics if kind == "generic" else brands
        sources = table.setdefault(term, [])
        if source not in sources:
            sources.append(source)
    out = {term: ("generic", sources) for term, sources in generics.items()}
    for term, sources in brands.items():
        if term.lower() in generics:
            generics[term.lower()].extend(s for s in sources if s not in generics[term.lower()])
        else:
            out[term] = ("brand", sources)
    return out


def render(lexicon: dict[str, tuple[str, list[str]]]) -> str:
    """The TSV text of the lexicon, sorted case-insensitively."""
    lines = [HEADER.rstrip("\n")]
    for term in sorted(lexicon, key=lambda t: (t.lower(), t)):
        kind, sources = lexicon[term]
        lines.append(f"{term}\t{kind}\t{' '.join(sources[:3])}")
    return "\n".join(lines) + "\n"


def build(drugs_dir: Path) -> str:
    """The lexicon text built from the two CSV files of ``drugs_dir``."""
    medline = drugs_dir / "medlineplus_drugs.csv"
    drugbank = drugs_dir / "drugbank_vocabulary.csv"
    for path in (medline, drugbank):
        if not path.is_file():
            raise FileNotFoundError(f"{path}: not found")
    entries = [*read_medlineplus(medline), *read_drugbank(drugbank)]
    return render(merge(entries))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drugs", type=Path, default=DEFAULT_DRUGS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        text = build(args.drugs)
    except (OSError, KeyError, csv.Error) as exc:
        print(f"build_drug_lexicon: {exc}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    count = text.count("\n") - HEADER.count("\n")
    print(f"wrote {count} terms to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
