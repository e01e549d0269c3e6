"""Turn a document into spelling issues: unknown words, run-together words, drug names,
inconsistent spellings. The SPL rules each report their own kind of issue.

Decisions, in order, for a word no source knows:

1. a rejected word (rules/vocab/reject.txt) is SPL001 even when a dictionary knows it;
   a listed common misspelling (rules/vocab/misspellings.txt) no source knows is SPL001 with
   its correction and a safe fix (capitalised in mid-sentence, it is taken for a name);
2. a brand name written in lower case ("spravato") is SPL003;
3. a capitalised word in mid-sentence is taken for a name unless it is one cheap edit from a
   drug name (SPL003); with ``check_names`` it is checked like any word;
4. otherwise the suggestions decide: a drug name is best -> SPL003; no close typo but a cut
   into an English word and a function word -> SPL002; a suggestion within ``max_cost_short``
   (up to 6 letters) or ``max_cost_long`` -> SPL001; else a common English word a few
   edits away whose frequency outweighs the slips (``far_max_cost``, ``far_min_score``) ->
   SPL001; none -> a rare term, not reported.

Regular formations are known words: plurals of technical nouns, combining forms + a known word
("neurodegeneration"), closed compounds ("sleeplike") (see ``Speller.formed``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from checker.document import Document
from checker.resources import load_yaml
from checker.spelling import SpellingEngine
from checker.spelling.suggest import MAX_DISTANT_LENGTH, MAX_SUGGEST_LENGTH, Candidate
from checker.spelling.tokens import Token, tokens

DEFAULT_THRESHOLDS = {
    "split_min_part": 3,
    "typo_cost": 0.6,
    "clear_margin": 0.15,
    "max_cost_short": 1.0,
    "max_cost_long": 1.7,
    "name_drug_cost": 0.8,
    "term_repeats": 3,
    "far_max_cost": 2.4,
    "far_min_score": 1.5,
    "far_cost_weight": 1.0,
    "doubt_margin": 2.5,
    "rare_zipf": 2.5,
    "rare_cost": 0.9,
    "compound_margin": 1.0,
    "unknown_budget": 80,
}
"""``unknown_budget``: how many different unknown words of one article are searched for
suggestions; past it the rest of the article is not checked for typos and one finding says
so, so a dense run of non-words (a corrupt paste) costs a bounded time. No MedQuAD article has
over 36 (measured with the tokenizer and speller over all 2,491)."""
EPSILON = 1e-6
ARTICLE_CLASH = 0.3
"""Rank penalty of a suggestion that disagrees with the "a" or "an" before the word."""
CONSONANT_SOUND_STARTS = ("uni", "use", "usu", "ure", "uro", "eu", "one", "once")
VOWEL_SOUND_STARTS = ("hour", "honest", "honor", "honour", "heir")
LONG_DRUG_NAME = 11
ONE_SLIP = 0.85
CUE_WINDOW = 24
MIN_PART = 4
MAX_SUGGESTIONS = 5
PREVIOUS_WORD_RE = re.compile(r"(?<!\w)(\w++)[ \t]{1,2}$")
"""The word before a position (searched up to it); tried at word starts only (linear)."""
NEXT_WORD_RE = re.compile(r"[ \t]{1,2}(\w+)")


@dataclass
class Issue:
    """One spelling problem at one token."""

    code: str
    token: Token
    message: str
    suggestions: list[str] = field(default_factory=list)
    replacement: str | None = None
    safe: bool = False
    related: list[tuple[Token, str]] = field(default_factory=list)


def thresholds() -> dict[str, float]:
    """The decision thresholds of rules/spelling.yml (``thresholds:``), with defaults."""
    data = load_yaml("spelling.yml") or {}
    out = dict(DEFAULT_THRESHOLDS)
    out.update({k: float(v) for k, v in (data.get("thresholds") or {}).items()})
    return out


def analyse(doc: Document, engine: SpellingEngine) -> list[Issue]:
    """Every spelling issue of ``doc``, in document order."""
    limits = thresholds()
    words = list(tokens(doc, engine.speller.vocab, engine.fine))
    seen = Seen.of(words)
    budget = Budget(int(limits["unknown_budget"]))
    issues = []
    settled = engine.settled
    for token in words:
        verdict = settled.get(token.text)
        if verdict is None:
            verdict = _settle(token, engine)
        if verdict is not UNSETTLED:
            if verdict is FINE_ANYWHERE:
                engine.fine.add(token.block.text.text[token.start : token.end])
            continue
        if not budget.allows(token, engine):
            continue
        issue = word_issue(token, engine, limits, seen)
        if issue is not None:
            issues.append(issue)
        elif _fine_anywhere(token, engine):
            # only words fine on their own: a repeated term or a name is fine in its article
            # only, and remembering it would change what later articles report
            engine.fine.add(token.block.text.text[token.start : token.end])
    if budget.stopped_at is not None:
        issues.append(budget.issue())
        issues.sort(key=lambda i: (i.token.block.index, i.token.start))
    issues.extend(variant_issues(words, engine))
    issues.extend(case_issues(words, engine))
    return issues


UNSETTLED, FINE_HERE, FINE_ANYWHERE = 0, 1, 2
"""Verdicts of ``_settle``: a word that needs ``word_issue``; a known word that is fine
wherever it stands but still counts for the consistency checks (a drug name, a US/UK
variant); a known word that is fine anywhere and matters to no check."""
MAX_SETTLED = 200_000


def _settle(token: Token, engine: SpellingEngine) -> int:
    """The verdict on ``token``'s text, remembered for the run: a word that is not rejected,
    known outright and not doubtful has no issue of its own whatever its place, so
    ``word_issue`` is not asked again (the tokens are still counted and checked for
    consistency)."""
    word = token.text
    speller = engine.speller
    if word.lower() in speller.vocab.reject or not speller.known(word) or speller.doubtful(word):
        verdict = UNSETTLED
    else:
        verdict = FINE_ANYWHERE if _position_free(token, engine) else FINE_HERE
    if len(engine.settled) >= MAX_SETTLED:
        engine.settled.clear()
    engine.settled[word] = verdict
    return verdict


def _fine_anywhere(token: Token, engine: SpellingEngine) -> bool:
    """Whether a word found fine here is fine in any article: known outright (a weakly known
    word, "weill", is judged by its article), and free of the consistency checks."""
    speller = engine.speller
    word = token.text
    return speller.known(word) and not speller.doubtful(word) and _position_free(token, engine)


@dataclass
class Budget:
    """The different unknown words of one article searched for suggestions so far."""

    limit: int
    spent: set[str] = field(default_factory=set)
    stopped_at: Token | None = None

    def allows(self, token: Token, engine: SpellingEngine) -> bool:
        """Whether ``token`` may be checked (known words and words met before cost nothing)."""
        word = token.text
        if word in self.spent or engine.speller.known(word):
            return True
        if len(self.spent) >= self.limit:
            self.stopped_at = self.stopped_at or token
            return False
        self.spent.add(word)
        return True

    def issue(self) -> Issue:
        """The SPL001 finding at the first word left unchecked."""
        message = (
            f"spelling stopped after {len(self.spent):,} different unknown words: the rest of"
            " this article is not checked for typos (is it prose?)"
        )
        return Issue("SPL001", self.stopped_at, message)  # type: ignore[arg-type]


def _position_free(token: Token, engine: SpellingEngine) -> bool:
    """Whether a fine word is fine anywhere and matters to no consistency check.

    A drug name that is also an English word ("with", "protein": the lexicon has such
    generics) matters to none: ``case_issues`` passes over it. Passing over its tokens changes
    no other word's counts: every form of it the tokenizer keeps is known outright too.
    """
    lower = token.text.lower()
    speller = engine.speller
    vocab, drugs = speller.vocab, speller.drugs
    if lower in vocab.variants or lower in drugs.brands:
        return False
    return lower not in drugs.generics or speller.english(lower)


@dataclass
class Seen:
    """What the document as a whole says about its words."""

    counts: Counter[str] = field(default_factory=Counter)
    folded: Counter[str] = field(default_factory=Counter)
    """Occurrences by lower-case form (a term may start a sentence once and recur in lower case)."""
    mid_capitals: set[str] = field(default_factory=set)
    """Capitalised words met in mid-sentence (names), to recognise them at sentence starts."""

    @classmethod
    def of(cls, words: list[Token]) -> Seen:
        """Count the checked words of a document."""
        texts = [t.text for t in words]
        parts = [p for t in texts if "-" in t for p in t.split("-")]
        folded = Counter(_base(w.lower()) for w in texts + parts)
        seen = cls(Counter(texts + parts), folded)
        seen.mid_capitals = {t.text for t in words if not t.initial and t.text[:1].isupper()}
        return seen

    def name_like(self, token: Token, cues: tuple[str, ...]) -> bool:
        """A capitalised word in mid-sentence or used as a name elsewhere; a word after a cue
        that introduces a term ("a protein called spartin")."""
        word = token.text
        if _after_cue(token, cues):
            return True
        if not word[:1].isupper():
            return False
        return not token.initial or word in self.mid_capitals or self.counts[word] >= 2


def _base(lower: str) -> str:
    """A word without its possessive ("megalin's" counts as "megalin")."""
    return lower[:-2] if lower.endswith("'s") else lower


def word_issue(
    token: Token, engine: SpellingEngine, limits: dict[str, float], seen: Seen | None = None
) -> Issue | None:
    """The issue of one word on its own (SPL001-SPL003), or ``None`` if it is fine."""
    seen = seen or Seen.of([token])
    speller = engine.speller
    word = token.text
    preferred = speller.vocab.reject.get(word.lower())
    if preferred is not None:
        return _rejected(token, preferred)
    if speller.known(word):
        return _doubted(token, engine, limits, seen)
    parts = _unknown_parts(token, engine)
    if parts:
        return _part_issue(parts, engine, limits, seen)
    listed = speller.vocab.misspellings.get(word.lower())
    if listed and (token.initial or not word[:1].isupper() or engine.check_names):
        return _listed(token, listed)
    brand = speller.drugs.brands.get(word.lower())
    if brand and not token.initial:
        return _drug_issue(token, [Candidate(brand, 0.0, True)], limits, case=True)
    if seen.name_like(token, speller.vocab.name_cues) and not engine.check_names:
        near = [
            c for c in engine.suggester.drug_candidates(word) if c.cost <= _name_limit(word, limits)
        ]
        return _drug_issue(token, near, limits) if near else None
    return _unknown(token, engine, limits, seen.folded[_base(word.lower())])


def _unknown_parts(token: Token, engine: SpellingEngine) -> list[Token]:
    """The unknown parts of a hyphenated word ("health-ralated" -> "ralated"), as tokens of
    their own. None for names ("Donnai-Barrow": a capital past the sentence start) or when a
    part under ``MIN_PART`` letters is unknown ("cri-du-chat")."""
    pieces = token.text.split("-")
    if len(pieces) < 2 or any(p[:1].isupper() for p in pieces[1:]):
        return []
    if pieces[0][:1].isupper() and not token.initial:
        return []
    speller = engine.speller
    offset = token.start
    unknown = []
    for piece in pieces:
        if piece and not speller.known_part(piece):
            initial = token.initial and offset == token.start
            unknown.append(Token(piece, offset, offset + len(piece), token.block, initial))
        offset += len(piece) + 1
    return [] if any(len(t.text) < MIN_PART for t in unknown) else unknown


def _part_issue(
    parts: list[Token], engine: SpellingEngine, limits: dict[str, float], seen: Seen
) -> Issue | None:
    """The first issue among the unknown parts of a hyphenated word ("valosin-conteining":
    "conteining"); a plural the dictionaries lack ("out-pouchings") is not one."""
    for part in parts:
        issue = word_issue(part, engine, _part_limits(limits), seen)
        if issue is None or f"{issue.suggestions[0]}s".lower() == part.text.lower():
            continue
        return issue
    return None


def _part_limits(limits: dict[str, float]) -> dict[str, float]:
    """Stricter limits for a part of a hyphenated word: one slip, no far search (the parts of
    compound terms, "valosin-containing", are often rare words; a plural the dictionaries
    lack, "out-pouchings", is not reported either)."""
    return {**limits, "max_cost_long": limits["max_cost_short"], "two_slips": 0.0}


def _doubted(token: Token, engine: SpellingEngine, limits: dict[str, float], seen: Seen):
    """SPL001 for a word known only as a lower-cased medical name ("weill", "tham") or as a
    regular formation ("producted": "pro" + "ducted") when a far more common word is one slip
    away ("will", "than", "produced") and the article does not repeat it."""
    word = token.text
    speller, suggester = engine.speller, engine.suggester
    if not speller.doubtful(word) or seen.folded[_base(word.lower())] > 1:
        return None
    if seen.name_like(token, speller.vocab.name_cues):
        return None
    floor = suggester.zipf(word) + limits["doubt_margin"]
    near = [
        c
        for c in suggester.candidates(word)
        if c.cost <= ONE_SLIP
        and not c.drug
        and c.word[:1].islower() == word[:1].islower()
        and not word.lower().startswith(c.word.lower())
        and suggester.zipf(c.word) >= floor
    ]
    if not near:
        return None
    return _typo(token, near)


def _name_limit(word: str, limits: dict[str, float]) -> float:
    """How far a name-like word may be from a drug name: one plain slip for long words."""
    if len(word) >= limits.get("name_long_length", 99):
        return limits.get("name_drug_cost_long", limits["name_drug_cost"])
    return limits["name_drug_cost"]


def _after_cue(token: Token, cues: tuple[str, ...]) -> bool:
    before = token.block.text.text[max(0, token.start - CUE_WINDOW) : token.start]
    before = before.rstrip(" \t\"'\u201c\u2018(").lower()
    return any(before.endswith(cue) and not before[: -len(cue)][-1:].isalpha() for cue in cues)


def _typo(token: Token, candidates: list[Candidate]) -> Issue:
    """SPL001 for an unknown word with its best suggestions (an unsafe fix), in the order the
    article before it agrees with (``_in_context``)."""
    suggestions = [c.word for c in _in_context(token, candidates)[:MAX_SUGGESTIONS]]
    message = f'unknown word "{token.text}" (did you mean "{suggestions[0]}"?)'
    return Issue("SPL001", token, message, suggestions, suggestions[0])


def _in_context(token: Token, candidates: list[Candidate]) -> list[Candidate]:
    """Candidates reordered by the one piece of context that needs no word-pair counts: after
    "a" a word that sounds with a consonant, after "an" one with a vowel ("an ocasion" ->
    "occasion" before "cession")."""
    before = PREVIOUS_WORD_RE.search(token.block.text.text, 0, token.start)
    article = before.group(1).lower() if before is not None else ""
    if article not in ("a", "an") or len(candidates) < 2:
        return candidates
    wanted = article == "an"

    def key(c: Candidate) -> tuple[float, int]:
        clash = _vowel_sound(c.word) != wanted
        return (round(c.rank + (ARTICLE_CLASH if clash else 0.0), 3), candidates.index(c))

    return sorted(candidates, key=key)


def _vowel_sound(word: str) -> bool:
    """Whether a word starts with a vowel sound (roughly: "hour" yes, "unit" no)."""
    lower = word.lower()
    if lower.startswith(CONSONANT_SOUND_STARTS):
        return False
    return lower[:1] in "aeiou" or lower.startswith(VOWEL_SOUND_STARTS)


def _rejected(token: Token, preferred: str) -> Issue:
    message = f'"{token.text}" is on the reject list'
    if not preferred:
        return Issue("SPL001", token, message)
    fixed = _match_case(preferred, token.text)
    return Issue("SPL001", token, f'{message}; write "{fixed}"', [fixed], fixed, safe=True)


def _listed(token: Token, correction: str) -> Issue:
    fixed = _match_case(correction, token.text)
    message = f'"{token.text}" is a common misspelling of "{fixed}"'
    return Issue("SPL001", token, message, [fixed], fixed, safe=True)


def _max_cost(word: str, limits: dict[str, float]) -> float:
    return limits["max_cost_short"] if len(word) <= 6 else limits["max_cost_long"]


def _unknown(
    token: Token, engine: SpellingEngine, limits: dict[str, float], uses: int
) -> Issue | None:
    """SPL003, SPL002 or SPL001 for an unknown word the article uses ``uses`` times; a word
    repeated ``term_repeats`` times is a term, not a typo."""
    word = token.text
    repeated = uses >= limits["term_repeats"]
    seen_once = uses <= 1
    if len(word) > MAX_SUGGEST_LENGTH:
        return None  # a long hyphenated run: its parts are known or not, no suggestions
    limit = _max_cost(word, limits)
    drug_limit = limits["max_cost_long"] if len(word) >= LONG_DRUG_NAME else limit
    candidates = [
        c for c in engine.suggester.candidates(word) if c.cost <= (drug_limit if c.drug else limit)
    ]
    if repeated:
        candidates = [c for c in candidates if c.cost <= limits["typo_cost"]]
    if word.islower():
        candidates = [c for c in candidates if not _far_name(c, limits)]
    candidates = [c for c in candidates if not _rare_far(c, engine, limits)]
    if engine.speller.two_words(word.lower()) and not _english_slip(candidates, engine):
        return _not_compound(token, engine, limits, seen_once)
    best = min(candidates, key=lambda c: c.cost) if candidates else None
    if best is not None and best.drug and _drug_is_best(candidates):
        return _drug_issue(token, [c for c in candidates if c.drug], limits)
    splits = engine.suggester.splits(word.lower(), int(limits["split_min_part"]))
    if splits and (best is None or best.cost > limits["typo_cost"]):
        return _split_issue(token, splits, candidates)
    if not candidates and not repeated and limits.get("two_slips", 1.0):
        candidates = _two_slips(token, engine, limits, seen_once)
    if not candidates:
        return None
    return _typo(token, candidates)


def _two_slips(
    token: Token, engine: SpellingEngine, limits: dict[str, float], once: bool
) -> list[Candidate]:
    """Words two slips away ("pottasium" -> "potassium") and, for a lower-case word the article
    uses once, common words a few edits away ("medisin" -> "medicine")."""
    word = token.text
    found: list[Candidate] = []
    if 6 < len(word) <= MAX_DISTANT_LENGTH:
        found = [c for c in engine.suggester.distant(word) if c.cost <= _max_cost(word, limits)]
    if once and word.islower():
        found += _far(word, engine, limits)
    if word.islower():
        found = [c for c in found if not _far_name(c, limits)]
    found = [c for c in found if not _rare_far(c, engine, limits)]
    found.sort(key=lambda c: (round(c.rank, 3), c.cost, c.word))
    return list(_unique(found))


def _unique(candidates: list[Candidate]) -> Iterator[Candidate]:
    seen: set[str] = set()
    for c in candidates:
        if c.word.lower() not in seen:
            seen.add(c.word.lower())
            yield c


def _far(word: str, engine: SpellingEngine, limits: dict[str, float]) -> list[Candidate]:
    """Common English words a few slips away, kept when the word's frequency outweighs the
    slips (a noisy-channel test: rare terms are far from every common word)."""
    suggester = engine.suggester
    weight = limits["far_cost_weight"]
    return [
        c
        for c in suggester.far(word)
        if c.cost <= limits["far_max_cost"]
        and suggester.zipf(c.word) - weight * c.cost >= limits["far_min_score"]
    ]


def _rare_far(candidate: Candidate, engine: SpellingEngine, limits: dict[str, float]) -> bool:
    """A rare word (not a drug) more than ``rare_cost`` away (one slip, plus the small cost of a
    medical word): the unknown word is likelier a rare term of its own ("seipin" is not a
    misspelling of "seizin", nor "miswiring" of "misfiring") than a slip for it."""
    if candidate.drug or candidate.cost <= limits["rare_cost"] + EPSILON:
        return False
    return engine.suggester.zipf(candidate.word) < limits["rare_zipf"]


def _far_name(candidate: Candidate, limits: dict[str, float]) -> bool:
    """A capitalised name (not a drug) more than a cheap slip from a lower-case word: "klotho"
    is not a misspelling of "Clotho"."""
    name = candidate.word[:1].isupper() and not candidate.drug
    return name and candidate.cost > limits["typo_cost"]


def _not_compound(
    token: Token, engine: SpellingEngine, limits: dict[str, float], once: bool
) -> Issue | None:
    """A word that cuts into two English words ("germline") is a closed compound unless a
    common word a few edits away is clearly likelier ("simptums": "simp" + "tums", but
    "symptoms"): the far search with a higher bar (``compound_margin``)."""
    if not (once and token.text.islower()):
        return None
    bar = {**limits, "far_min_score": limits["far_min_score"] + limits["compound_margin"]}
    found = [c for c in _far(token.text, engine, bar) if not _rare_far(c, engine, limits)]
    if not found:
        return None
    return _typo(token, found)


def _english_slip(candidates: list[Candidate], engine: SpellingEngine) -> bool:
    """Whether an English word is one slip from the word (then a compound is a typo)."""
    english = engine.speller.dictionaries.english
    return any(c.cost <= ONE_SLIP and c.word.lower() in english for c in candidates)


def _drug_is_best(candidates: list[Candidate]) -> bool:
    best_drug = min(c.cost for c in candidates if c.drug)
    best_other = min((c.cost for c in candidates if not c.drug), default=99.0)
    return best_drug <= best_other


def _drug_issue(
    token: Token, drugs: list[Candidate], limits: dict[str, float], *, case: bool = False
) -> Issue:
    best = drugs[0].word
    if case:
        message = f'the brand name "{best}" is written with a capital'
    else:
        message = f'"{token.text}" looks like a misspelling of the drug name "{best}"'
    clear = len(drugs) == 1 or drugs[1].cost - drugs[0].cost >= limits["clear_margin"]
    return Issue(
        "SPL003", token, message, [d.word for d in drugs[:MAX_SUGGESTIONS]], best, safe=clear
    )


def _split_issue(token: Token, splits: list[tuple[str, str]], candidates: list[Candidate]):
    joined = [_match_case(f"{a} {b}", token.text) for a, b in splits]
    others = [c.word for c in candidates[: MAX_SUGGESTIONS - len(joined)]]
    message = f'"{token.text}" looks like two words run together: "{joined[0]}"'
    return Issue("SPL002", token, message, joined + others, joined[0], safe=len(splits) == 1)


def _match_case(text: str, like: str) -> str:
    if like[:1].isupper() and text[:1].islower():
        return text[:1].upper() + text[1:]
    return text


def variant_issues(words: list[Token], engine: SpellingEngine) -> Iterator[Issue]:
    """SPL004 for US/UK pairs: every occurrence of the rarer spelling of a pair used both ways."""
    variants = engine.speller.vocab.variants
    groups: dict[str, dict[str, list[Token]]] = {}
    for token in words:
        lower = token.text.lower()
        key = variants.get(lower)
        if key is not None and not _in_name(token):
            side = "us" if lower in (key, key + "s") else "uk"
            groups.setdefault(key, {}).setdefault(side, []).append(token)
    for spellings in groups.values():
        yield from _minority(spellings, "spelled")


def _minority(spellings: dict[str, list[Token]], how: str) -> Iterator[Issue]:
    if len(spellings) < 2:
        return
    order = sorted(spellings.values(), key=lambda ts: (-len(ts), ts[0].block.index, ts[0].start))
    main = order[0]
    for tokens_ in order[1:]:
        for token in tokens_:
            preferred = _match_case(main[0].text, token.text) if how == "spelled" else main[0].text
            message = f'"{token.text}" is {how} "{main[0].text}" elsewhere in this article'
            yield Issue(
                "SPL004",
                token,
                message,
                [preferred],
                preferred,
                related=[(main[0], f'"{main[0].text}" is used here')],
            )


def case_issues(words: list[Token], engine: SpellingEngine) -> Iterator[Issue]:
    """SPL004 for a drug name written in two cases mid-sentence ("Esketamine", "esketamine")."""
    speller = engine.speller
    groups: dict[str, dict[str, list[Token]]] = {}
    for token in words:
        if token.initial or not token.block.is_prose:
            continue
        lower = token.text.lower()
        if lower not in speller.drugs.generics or speller.english(lower):
            continue
        if _in_name(token):
            continue
        groups.setdefault(lower, {}).setdefault(token.text, []).append(token)
    for spellings in groups.values():
        yield from _minority(spellings, "written")


def _in_name(token: Token) -> bool:
    """Whether a capitalised word stands next to another capitalised word (a proper name)."""
    if not token.text[:1].isupper():
        return False
    text = token.block.text.text
    before = PREVIOUS_WORD_RE.search(text, 0, token.start)
    after = NEXT_WORD_RE.match(text, token.end)
    return any(m is not None and m.group(1)[:1].isupper() for m in (before, after))
