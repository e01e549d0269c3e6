"""Finding what an article states: entity mentions, their attribute values, exact positions.

For each prose sentence the extractor tries every attribute's patterns (from the fact base).
A pattern's ``{value}`` is the attribute's value type; its optional ``{subject}`` is an entity
name or alias, an anaphor ("it", "the drug"), a topic anaphor ("the condition") or, for
generic attributes, a capitalised name at the start of the sentence. Without ``{subject}``
the subject is the nearest entity mentioned before the value in the sentence. Anaphors refer
to the one entity of the previous sentence (when there is exactly one); topic anaphors to the
article's subject (its title).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from checker.document import BlockKind, Document, Sentence
from checker.facts.base import Attribute, Entity, FactBase
from checker.facts.values import TOKEN_RE, BadValue, Value, apply_modifier
from checker.regexcache import PatternStore
from checker.words import normalise

ACRONYM_DEFINITION_RE = re.compile(r"\(([A-Z][A-Za-z0-9-]{1,7})\)")
NAME_WORD = r"[\w'\u2019()-]+"
ACRONYM = r"(?-i:(?<![\w-])[A-Z]{2,6}s?(?![\w-]))"
OBLIQUE_RE = re.compile(r"\b(?:of|to|than|like|from|with|versus|vs\.?)\s*$", re.IGNORECASE)
POSSESSIVE_RE = re.compile(r"['\u2019]s$")
WORD_POSSESSIVE_RE = re.compile(r"(?<=\w)(?:['\u2019]s|(?<=s)['\u2019])(?=\s|$)")
LEADING_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Subject:
    """Who or what a statement is about: a fact-base entity or a generic name."""

    key: str
    label: str
    kind: str = ""
    known: bool = False


UNNAMED = Subject("", "(subject not named)")
"""The subject of a checkable statement that names none: listed, never compared."""


@dataclass(frozen=True)
class Mention:
    """An entity named in a sentence, at sentence-relative ``start:end``."""

    entity: Entity
    start: int
    end: int


@dataclass
class Statement:
    """One value stated about one subject's attribute, at exact source offsets."""

    doc: Document
    sentence: Sentence
    attribute: Attribute
    subject: Subject
    value: Value
    start: int
    end: int
    qualifier: str = ""
    via: str = ""

    @property
    def path(self) -> str:
        """The article's path."""
        return self.doc.path

    @property
    def line(self) -> int:
        """1-based line of the value."""
        return self.doc.source.position(self.start)[0]

    @property
    def text(self) -> str:
        """The value as written in the source."""
        return self.doc.source.text[self.start : self.end]

    @property
    def key(self) -> tuple[str, str, str]:
        """What two statements must share to be compared: subject, attribute, qualifier."""
        return (self.subject.key, self.attribute.name, self.qualifier)

    def to_dict(self) -> dict[str, object]:
        """JSON form for ``checker facts``."""
        line, column = self.doc.source.position(self.start)
        return {
            "path": self.path,
            "line": line,
            "column": column,
            "offset": self.start,
            "length": self.end - self.start,
            "entity": self.subject.label,
            "known_entity": self.subject.known,
            "attribute": self.attribute.name,
            "attribute_label": self.attribute.label,
            "value": self.value.label,
            "normalised": self.value.to_dict(),
            "text": self.text,
            "qualifier": self.qualifier,
            "via": self.via,
        }


@dataclass
class _Compiled:
    attribute: Attribute
    sources: tuple[str, ...]
    prefilter: Callable[[str, frozenset[str]], bool]
    triggers: frozenset[str]
    excludes: tuple[re.Pattern[str], ...]
    store: PatternStore

    @functools.cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """The attribute's patterns, made when a sentence first gets past its triggers (each
        holds every entity name: compiling them is kept between runs, checker/regexcache.py)."""
        return tuple(self.store.compile(text, re.IGNORECASE) for text in self.sources)


class Extractor:
    """Extracts statements from documents with one fact base's entities and patterns."""

    def __init__(self, base: FactBase) -> None:
        self.base = base
        self._exact: dict[str, Entity] = {}
        self._folded: dict[str, Entity] = {}
        for alias, entity in base.alias_index().items():
            if _case_sensitive(alias, entity):
                self._exact[alias] = entity
            else:
                self._folded[alias.casefold()] = entity
        self._names = self._names_pattern()
        self._first_words = _first_words([*self._exact, *self._folded])
        self._anaphors = _alternation([*base.anaphors, *base.topic_anaphors])
        negations = _alternation(base.negations)
        general = _alternation(base.general_qualifiers)
        sources = [self._sources(a) for a in base.attributes.values()]
        texts = [self._names, self._anaphors, negations, general, *(t for s in sources for t in s)]
        self.store = PatternStore("facts-extract", "\0".join(texts))
        self.mention_re = self._optional(rf"(?<![\w-])(?:{self._names})(?![\w])", self._names, 0)
        # "the treatment of PTSD", "the drug for ...", "the drug Xyrem" name something new:
        # not anaphors.
        self.anaphor_re = self._optional(
            rf"(?<![\w-])(?:{self._anaphors})\b(?!\s+(?:of\b|for\b|(?-i:[A-Z])))",
            self._anaphors,
        )
        self.negation_re = self._optional(rf"\b(?:{negations})\b|n['\u2019]t\b", negations)
        self.general_qualifier_re = self._optional(rf"\b(?:{general})\b\s*", general)
        self.compiled = [
            self._compile(a, s) for a, s in zip(base.attributes.values(), sources, strict=True)
        ]

    def _optional(
        self, pattern: str, alternation: str, flags: int = re.IGNORECASE
    ) -> re.Pattern[str] | None:
        """``pattern`` compiled, or None when its word list is empty."""
        return self.store.compile(pattern, flags) if alternation else None

    def _names_pattern(self) -> str:
        parts = [re.escape(a) for a in self._exact]
        folded = [re.escape(a) for a in self._folded]
        alternatives = sorted(parts, key=len, reverse=True)
        out = "|".join(f"(?-i:{a})" for a in alternatives)
        if folded:
            folded_part = "(?i:" + "|".join(sorted(folded, key=len, reverse=True)) + ")"
            out = f"{out}|{folded_part}" if out else folded_part
        return out.replace(r"\ ", r"\s+")

    def _name_pattern(self) -> str:
        """A capitalised phrase of up to seven words that does not run past a clause word."""
        breaks = "|".join(re.escape(w) for w in self.base.name_breaks) or "(?!x)x"
        return rf"(?-i:[A-Z][\w'\u2019-]*)(?:\s+(?!(?:{breaks})\b){NAME_WORD}){{0,6}}?"

    def _sources(self, attribute: Attribute) -> tuple[str, ...]:
        """The attribute's patterns with ``{subject}`` and ``{value}`` filled in."""
        subject = [p for p in (self._names, self._anaphors) if p]
        if attribute.generic:
            subject += [f"^{self._name_pattern()}", ACRONYM]
        slot = "(?P<subject>" + "|".join(f"(?:{p})" for p in subject) + ")" if subject else None
        value = (
            rf"(?:(?P<modifier>{self.base.modifiers.pattern()})\s+)?(?:the\s+(?:year\s+)?)?"
            rf"(?P<value>{attribute.value_type.core_pattern()})"
        )
        patterns = []
        for template in attribute.patterns:
            if "{subject}" in template and slot is None:
                continue
            patterns.append(template.replace("{value}", value).replace("{subject}", slot or ""))
        return tuple(patterns)

    def _compile(self, attribute: Attribute, sources: tuple[str, ...]) -> _Compiled:
        excludes = tuple(re.compile(p.pattern, re.IGNORECASE) for p in attribute.exclude)
        return _Compiled(
            attribute,
            sources,
            attribute.value_type.prefilter(),
            frozenset(attribute.triggers),
            excludes,
            self.store,
        )

    def mentions(self, text: str) -> list[Mention]:
        """Entities named in ``text``, in order."""
        if self.mention_re is None:
            return []
        if (
            self._first_words is not None
            and text.isascii()
            and self._first_words.isdisjoint(TOKEN_RE.findall(text.lower()))
        ):
            return []  # no word of the text is the first word of a name: nothing can match
        out = []
        for match in self.mention_re.finditer(text):
            entity = self.entity_for(match.group())
            if entity is not None:
                out.append(Mention(entity, match.start(), match.end()))
        return out

    def entity_for(self, name: str) -> Entity | None:
        """The entity a name or alias (as written) stands for."""
        name = " ".join(name.split())
        return self._exact.get(name) or self._folded.get(name.casefold())

    def extract(self, doc: Document) -> list[Statement]:
        """Every statement of the document, in order."""
        return list(_DocumentPass(self, doc).run())


def _first_words(aliases: list[str]) -> frozenset[str] | None:
    """The lower-cased first words (``\\w`` runs) of ``aliases``; None when one is not ASCII
    or does not start with a word character (then every text is searched).

    A name matches only after a non-word character and is followed by a non-word character
    or the end, so the word of the text where it starts is its first word; in ASCII text,
    case-insensitive matching is matching the lower-cased words.
    """
    words = set()
    for alias in aliases:
        head = TOKEN_RE.match(alias)
        if head is None or not alias.isascii():
            return None
        words.add(head.group().lower())
    return frozenset(words)


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first, any white space between their parts."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))  # the same text in every run
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _case_sensitive(alias: str, entity: Entity) -> bool:
    """Match an alias exactly when the base says so or it looks like an acronym ("MDMA")."""
    return entity.case_sensitive or any(c.isupper() for c in alias[1:])


def topic_of(doc: Document) -> str:
    """The article's subject: its title metadata or first heading."""
    title = doc.metadata.get("title") if isinstance(doc.metadata, dict) else None
    if isinstance(title, str) and title.strip():
        return title.strip()
    for block in doc.blocks:
        if block.kind is BlockKind.HEADING:
            return block.text.text.strip()
    return ""


def topic_acronyms(topic: str) -> frozenset[str]:
    """Acronyms of the topic's first two or more words: "Ehlers-Danlos syndrome" -> EDS, ED."""
    initials = "".join(w[0] for w in re.split(r"[\s-]+", topic) if w and w[0].isalpha()).upper()
    return frozenset(initials[:n] for n in range(2, len(initials) + 1))


def generic_key(name: str) -> str:
    """A generic subject's comparison key: case-folded, no article, no possessives."""
    name = LEADING_ARTICLE_RE.sub("", normalise(name))
    return WORD_POSSESSIVE_RE.sub("", name)


def defined_acronyms(doc: Document, topic: str) -> frozenset[str]:
    """Acronyms the article defines for its subject: "Barth syndrome (BTHS)" -> BTHS."""
    if not topic:
        return frozenset()
    wanted = topic.casefold()
    found = set()
    for block in doc.blocks:
        text = block.text.text
        for match in ACRONYM_DEFINITION_RE.finditer(text):
            before = text[: match.start()].rstrip().casefold()
            if before.endswith(wanted):
                found.add(match.group(1))
    return frozenset(found)


class _DocumentPass:
    """One pass over one document, carrying the previous sentence's subjects."""

    def __init__(self, extractor: Extractor, doc: Document) -> None:
        self.x = extractor
        self.doc = doc
        self.previous: list[Subject] = []
        topic = topic_of(doc)
        entity = extractor.entity_for(topic) if topic else None
        self.topic = (
            _entity_subject(entity)
            if entity
            else (Subject(generic_key(topic), topic) if topic else None)
        )
        self.acronyms = topic_acronyms(topic) | defined_acronyms(doc, topic)

    def run(self) -> Iterator[Statement]:
        sentences = [(s, s.text) for s in self.doc.sentences(prose_only=False)]
        mentioned = [self.x.mentions(text) for _, text in sentences]
        kinds = {m.entity.kind for mentions in mentioned for m in mentions}
        if self.topic is not None and self.topic.known:
            kinds.add(self.topic.kind)
        self.active = [c for c in self.x.compiled if _can_apply(c.attribute, kinds)]
        for (sentence, text), mentions in zip(sentences, mentioned, strict=True):
            found: list[Statement] = []
            if sentence.block.is_prose:
                found = self._sentence(sentence, text, mentions)
            subjects = [_entity_subject(m.entity) for m in mentions]
            subjects += [s.subject for s in found if s.subject.known]
            self.previous = _unique(subjects)
            yield from found

    def _sentence(self, sentence: Sentence, text: str, mentions: list[Mention]) -> list[Statement]:
        best: dict[tuple[int, int], tuple[tuple[bool, int], Statement]] = {}
        tokens = frozenset(TOKEN_RE.findall(text.lower()))
        for compiled in self.active:
            if compiled.triggers and compiled.triggers.isdisjoint(tokens):
                continue
            if not compiled.prefilter(text, tokens):
                continue
            if any(e.search(text) for e in compiled.excludes):
                continue
            for pattern in compiled.patterns:
                for match in pattern.finditer(text):
                    statement = self._statement(sentence, text, mentions, compiled.attribute, match)
                    if statement is None:
                        continue
                    span = match.span("value")
                    # a named subject first, then the tightest match
                    rank = (statement.subject is UNNAMED, match.end() - match.start())
                    if span not in best or rank < best[span][0]:
                        best[span] = (rank, statement)
        return [s for _, s in sorted(best.values(), key=lambda p: p[1].start)]

    def _statement(
        self,
        sentence: Sentence,
        text: str,
        mentions: list[Mention],
        attribute: Attribute,
        match: re.Match[str],
    ) -> Statement | None:
        negation = self.x.negation_re
        if negation is not None and negation.search(match.group()):
            return None
        resolved = self._subject(text, mentions, attribute, match)
        if resolved is None:
            return None
        subject, via = resolved
        try:
            value = attribute.value_type.parse(match.group("value"))
        except BadValue:
            return None
        modifier = match.group("modifier")
        if modifier:
            value = apply_modifier(value, self.x.base.modifiers.kind_of(modifier))
        start, end = sentence.block.text.span(
            sentence.start + match.start("value"), sentence.start + match.end("value")
        )
        qualifier = self._qualifier(match)
        return Statement(
            self.doc,
            sentence,
            attribute,
            subject,
            value,
            start,
            end,
            qualifier,
            via,
        )

    def _qualifier(self, match: re.Match[str]) -> str:
        """The population a statement is about, without words that do not narrow it."""
        tails = [v for k, v in match.groupdict().items() if k.startswith("qualifier") and v]
        text = " ".join(" ".join(tails).lower().split()).strip(" ,;:")
        if not text or any(c.isdigit() for c in text):
            return text
        general = self.x.general_qualifier_re
        return " ".join((general.sub(" ", text) if general else text).split())

    def _subject(self, text, mentions, attribute, match) -> tuple[Subject, str] | None:
        if "subject" in match.re.groupindex and match.group("subject") is not None:
            return self._named(match.group("subject"), attribute)
        candidates = [
            (m.start, m.end, m.entity)
            for m in mentions
            if m.end <= match.start("value") and _applies(attribute, m.entity.kind)
        ]
        if self.x.anaphor_re is not None:
            candidates += [
                (a.start(), a.end(), None)
                for a in self.x.anaphor_re.finditer(text, 0, match.start("value"))
            ]
        chosen = _nearest(text, candidates)
        if chosen is None:
            return self._fallback(attribute)
        start, end, entity = chosen
        if entity is not None:
            return _entity_subject(entity), f'"{text[start:end]}"'
        return self._anaphor(text[start:end], attribute) or self._fallback(attribute)

    def _fallback(self, attribute: Attribute) -> tuple[Subject, str] | None:
        """A subject for a statement that names none: the article's subject for attributes
        marked ``topic_fallback`` ("A 2019 study found that 70% of patients ..."), else, for
        attributes reported when unverified, an unnamed subject that is never compared."""
        if attribute.topic_fallback and self.topic is not None:
            return self.topic, "no subject named: the article's subject"
        if attribute.unverified or attribute.topic_fallback:
            return UNNAMED, "no subject named"
        return None

    def _named(self, name: str, attribute: Attribute) -> tuple[Subject, str] | None:
        stripped = POSSESSIVE_RE.sub("", " ".join(name.split()))
        if LEADING_ARTICLE_RE.match(stripped + " ") and " " not in stripped:
            return None
        entity = self.x.entity_for(stripped) or self.x.entity_for(
            LEADING_ARTICLE_RE.sub("", stripped)
        )
        if entity is not None:
            return (
                (_entity_subject(entity), f'"{stripped}"')
                if _applies(attribute, entity.kind)
                else None
            )
        if (
            stripped.lower() in self.x.base.anaphors
            or stripped.lower() in self.x.base.topic_anaphors
        ):
            return self._anaphor(stripped, attribute)
        if not attribute.generic or self._not_a_subject(stripped):
            return None
        if self.topic is not None and stripped.rstrip("s") in self.acronyms:
            return self.topic, f'"{stripped}" = the article\'s subject (acronym)'
        return Subject(generic_key(stripped), stripped), f'"{stripped}"'

    def _not_a_subject(self, name: str) -> bool:
        """ "This form of ...", "Mutations in the gene", "... associated with this condition"."""
        words = name.lower().split()
        return any(w in self.x.base.not_subject_words for w in words[:-1] or words)

    def _anaphor(self, word: str, attribute: Attribute) -> tuple[Subject, str] | None:
        key = " ".join(word.lower().split())
        if key in self.x.base.topic_anaphors:
            if self.topic is None or not (attribute.generic or self.topic.known):
                return None
            return self.topic, f'"{word}" = the article\'s subject'
        previous = [s for s in self.previous if _applies(attribute, s.kind)]
        if len(previous) == 1:
            return previous[0], f'"{word}" = {previous[0].label} (previous sentence)'
        if not previous and not self.previous and attribute.generic and self.topic is not None:
            return self.topic, f'"{word}" = the article\'s subject'
        return None


def _entity_subject(entity: Entity) -> Subject:
    return Subject(entity.name, entity.name, entity.kind, True)


def _can_apply(attribute: Attribute, kinds: set[str]) -> bool:
    """Whether an attribute can find a subject in a document mentioning entities of ``kinds``.

    Only generic attributes find subjects without fact-base entities; skipping the others
    in documents that name none of their entities keeps extraction fast.
    """
    if attribute.generic:
        return True
    if not attribute.applies_to:
        return bool(kinds)
    return not kinds.isdisjoint(attribute.applies_to)


def _applies(attribute: Attribute, kind: str) -> bool:
    return not attribute.applies_to or not kind or kind in attribute.applies_to


def _nearest(text: str, candidates: list) -> tuple | None:
    """The nearest candidate before the value, preferring ones not after "of"/"to" or in ()."""
    if not candidates:
        return None

    def rank(c: tuple) -> tuple[int, int]:
        start = c[0]
        oblique = bool(OBLIQUE_RE.search(text, 0, start)) or text.count("(", 0, start) > text.count(
            ")", 0, start
        )
        return (0 if oblique else 1, start)

    return max(candidates, key=rank)


def _unique(subjects: list[Subject]) -> list[Subject]:
    seen: dict[str, Subject] = {}
    for subject in subjects:
        seen.setdefault(subject.key, subject)
    return list(seen.values())
