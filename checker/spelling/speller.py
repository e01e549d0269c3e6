"""The speller: Hunspell dictionaries + drug lexicon + the clinic's vocabulary, one lookup.

``Speller.known`` follows Hunspell's case rules: a lower-case entry accepts its capitalised
form (sentence starts, headings); a capitalised entry (a name) is not accepted in lower case.
A possessive ``'s`` and the parts of a hyphenated word are looked up on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from checker.spelling.dictionary import Dictionaries
from checker.spelling.vocab import DrugLexicon, Vocabulary

MIN_COMPOUND_PART = 4
CONTRACTIONS = ("n't", "'re", "'ve", "'ll")
"""Endings of the apostrophe forms that are suggested ("dont" -> "don't"; not possessives)."""


@dataclass
class Speller:
    """Everything the spelling checks look words up in."""

    dictionaries: Dictionaries
    drugs: DrugLexicon
    vocab: Vocabulary

    def __post_init__(self) -> None:
        self.known = lru_cache(maxsize=131072)(self._known)  # type: ignore[method-assign]

    def exact(self, word: str) -> bool:
        """Whether a dictionary, the lexicon or the accept list has this exact form."""
        return self.dictionaries.knows(word) or self.drugs.knows(word) or self.vocab.accepts(word)

    def _known(self, word: str) -> bool:
        """Whether ``word`` is correctly spelled (any source, Hunspell case rules)."""
        if self.exact(word):
            return True
        if word[:1].isupper() and word[1:].islower() and self.exact(word.lower()):
            return True
        if word.endswith("'s") and len(word) > 3:
            return self.known(word[:-2])
        if word.endswith("'ts") and self.known(word[:-1]):
            return True  # "dos and don'ts"
        if "-" in word:
            return all(self.known_part(part) for part in word.split("-"))
        lower = word.lower()
        return lower in self.vocab.combining_forms or self.formed(lower)

    def doubtful(self, word: str) -> bool:
        """Whether a known word is known only weakly: as a lower-cased capitalised medical word
        ("weill" from "Weill") or as a regular formation ("producted": "pro" + "ducted")."""
        if "-" in word or "'" in word:
            return False
        lower = word.lower()
        if self.drugs.knows(word) or self.vocab.accepts(word):
            return False
        if self.dictionaries.only_lowered(word):
            return True
        strong = self.dictionaries.english, self.dictionaries.medical
        if any(form in table for table in strong for form in (word, lower)):
            return False
        return self.formed(lower)

    def formed(self, lower: str) -> bool:
        """Whether a lower-case word is a regular formation of known words.

        A plural of a technical noun ("adhesions", "androgens"), a combining form and a known
        word ("neuro" + "degeneration") or a closed compound ending ("sleeplike").
        """
        return self._plural(lower) or self._combined(lower) or self._compound(lower)

    def _plural(self, lower: str) -> bool:
        if len(lower) < 5:
            return False
        for plural, singular in self.vocab.plural_endings:
            if lower.endswith(plural) and self.exact(lower[: -len(plural)] + singular):
                return True
        if not lower.endswith("s"):
            return False
        for base in (lower[:-1], lower[:-2] if lower.endswith("es") else ""):
            if not base or not (self.exact(base) or self._combined(base)):
                continue
            medical = self.dictionaries.medical
            technical = base in medical or base in self.dictionaries.lowered or self.is_drug(base)
            if technical or base.endswith(self.vocab.plural_bases_ending):
                return True
        return False

    def _combined(self, lower: str) -> bool:
        for form in self.vocab.combining_forms:
            rest = lower[len(form) :]
            if not lower.startswith(form) or len(rest) < (4 if len(form) > 2 else 6):
                continue
            if self.exact(rest) or self._combined(rest) or self._plural(rest):
                return True
        return False

    def _compound(self, lower: str) -> bool:
        for ending in self.vocab.compound_endings:
            base = lower[: -len(ending)]
            if lower.endswith(ending) and len(base) >= 3 and self.exact(base):
                return True
        return False

    def two_words(self, lower: str) -> bool:
        """Whether a word is two English content words of four letters or more ("germline").

        Not a proof of a correct word ("reoccurrance" is "reoccur" + "rance"): the analysis
        accepts it only when no English word is one slip away.
        """
        english = self.dictionaries.english
        function = self.vocab.function_words
        for i in range(MIN_COMPOUND_PART, len(lower) - MIN_COMPOUND_PART + 1):
            left, right = lower[:i], lower[i:]
            if left in english and right in english and not {left, right} & function:
                return True
        return False

    def known_part(self, part: str) -> bool:
        """Whether one part of a hyphenated word is fine (a prefix such as "non" counts)."""
        lower = part.lower()
        if len(part) <= 1 or lower in self.vocab.hyphen_prefixes:
            return True
        if lower in self.vocab.combining_forms:
            return True
        return self.known(part)

    def english(self, word: str) -> bool:
        """Whether the general English dictionary knows ``word`` (with Hunspell case rules)."""
        english = self.dictionaries.english
        return word in english or (word[:1].isupper() and word.lower() in english)

    def spellings(self, lower: str) -> tuple[str, ...]:
        """The suggestible spellings of a lower-case form: itself, capitalised, a brand."""
        hidden = self.dictionaries.nosuggest
        out = []
        for form in (lower, lower.capitalize()):
            if form in hidden or ("'" in form and not form.endswith(CONTRACTIONS)):
                continue
            if self.dictionaries.knows(form) or form in self.vocab.accept:
                out.append(form)
        if lower in self.drugs.generics:
            out.append(lower)
        brand = self.drugs.brands.get(lower)
        if brand is not None:
            out.append(brand)
        return tuple(dict.fromkeys(out))

    def is_drug(self, word: str) -> bool:
        """Whether ``word`` (any case) is a drug name that general English does not know."""
        lower = word.lower()
        known_drug = lower in self.drugs.generics or lower in self.drugs.brands
        return known_drug and not self.english(word)
