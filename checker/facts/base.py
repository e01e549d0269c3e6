"""The fact base (rules/facts.yml): entities, attributes with their patterns, and facts.

The file is edited by medical reviewers, so it is validated on load and every problem is
reported as ``path:line: what is wrong``. See docs/facts.md for the schema.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from checker.cache import cached_parse
from checker.errors import CheckerError
from checker.facts.values import KINDS, BadValue, Modifiers, Unit, Value, ValueType
from checker.regexcache import PatternStore

TOP_KEYS = {
    "version",
    "value_types",
    "units",
    "modifiers",
    "anaphors",
    "topic_anaphors",
    "negations",
    "general_qualifiers",
    "name_breaks",
    "not_subject_words",
    "snippets",
    "attributes",
    "entities",
    "facts",
}
PLACEHOLDERS = ("value", "subject")
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
QUALIFIER_WORD_RE = re.compile(r"[\w-]+")


class FactBaseError(CheckerError):
    """The fact base file is missing or has a bad entry (the message names the line)."""


class LineDict(dict):
    """A YAML mapping that remembers its first line and each key's line (1-based)."""

    line: int = 0
    key_lines: dict[Any, int] = {}  # noqa: RUF012 - replaced per instance


class LineList(list):
    """A YAML sequence that remembers each item's line (1-based)."""

    item_lines: list[int] = []  # noqa: RUF012 - replaced per instance


class _LineLoader(yaml.SafeLoader):
    """A safe loader whose mappings are ``LineDict`` objects."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    out = LineDict(loader.construct_mapping(node, deep=True))
    out.line = node.start_mark.line + 1
    out.key_lines = {
        loader.construct_object(k, deep=True): k.start_mark.line + 1 for k, _ in node.value
    }
    return out


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_sequence(node, deep=True))
    out.item_lines = [item.start_mark.line + 1 for item in node.value]
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


@dataclass(frozen=True)
class Entity:
    """Something the articles talk about: a drug, a person, a condition."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    case_sensitive: bool = False
    line: int = 0


@dataclass(frozen=True)
class Attribute:
    """A property stated about an entity, and the patterns that find it in a sentence."""

    name: str
    label: str
    value_type: ValueType
    patterns: tuple[str, ...]
    applies_to: tuple[str, ...] = ()
    generic: bool = False
    single: bool = True
    compare_across: bool = True
    triggers: tuple[str, ...] = ()
    exclude: tuple[re.Pattern[str], ...] = ()
    unverified: bool = False
    topic_fallback: bool = False
    line: int = 0


@dataclass(frozen=True)
class Fact:
    """What the fact base says about one entity's attribute, with its source."""

    entity: str
    attribute: str
    value: Value
    source: str
    reviewed: dt.date
    note: str = ""
    review_interval_days: int | None = None
    indications: tuple[str, ...] = ()
    line: int = 0

    def covers(self, qualifier: str) -> bool:
        """Whether a statement qualified by ``qualifier`` ("for OCD") is about this fact.

        An unqualified statement, or a fact with no ``indications``, always is; otherwise the
        qualifier must name one of the fact's indications (whole words, any case).
        """
        if not qualifier or not self.indications:
            return True
        words = " ".join(QUALIFIER_WORD_RE.findall(qualifier.lower()))
        return any(f" {i} " in f" {words} " for i in self.indications)


@dataclass
class FactBase:
    """The loaded, validated fact base."""

    path: str
    value_types: dict[str, ValueType] = field(default_factory=dict)
    modifiers: Modifiers = field(default_factory=Modifiers)
    anaphors: tuple[str, ...] = ()
    topic_anaphors: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()
    general_qualifiers: tuple[str, ...] = ()
    name_breaks: tuple[str, ...] = ()
    not_subject_words: tuple[str, ...] = ()
    snippets: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, Attribute] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: dict[tuple[str, str], Fact] = field(default_factory=dict)

    def alias_index(self) -> dict[str, Entity]:
        """Every name and alias, as written, to its entity."""
        out: dict[str, Entity] = {}
        for entity in self.entities.values():
            for alias in (entity.name, *entity.aliases):
                out[alias] = entity
        return out

    def fact(self, entity: str, attribute: str) -> Fact | None:
        """The fact for an entity's attribute, if the base has one."""
        return self.facts.get((entity, attribute))

    def without_knowledge(self) -> FactBase:
        """The same patterns with no entities and no facts (generic extraction only)."""
        return replace(self, entities={}, facts={})


def load_fact_base(path: Path) -> FactBase:
    """Load and validate the fact base at ``path``."""
    if not path.is_file():
        raise FactBaseError(f"{path}: fact base not found")
    text = path.read_text(encoding="utf-8")
    try:
        data = cached_parse("facts.LineLoader", text, _parse)
    except yaml.YAMLError as exc:
        raise FactBaseError(f"{path}: not valid YAML: {exc}") from exc
    return build_fact_base(data, str(path), PatternStore("facts-base", text))


def _parse(text: str) -> Any:
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader with line numbers


def build_fact_base(data: Any, path: str, store: PatternStore | None = None) -> FactBase:
    """Validate parsed YAML (with ``LineDict`` mappings) and build the fact base (``store``:
    where the patterns' compiled code is kept between runs, keyed by the file's text)."""
    where = _Where(path, store)
    if not isinstance(data, dict):
        raise FactBaseError(f"{path}:1: the fact base must be a mapping of sections")
    where.keys(data, TOP_KEYS, "the fact base")
    base = FactBase(path=path)
    units = _units(data.get("units") or {}, where)
    base.modifiers = _modifiers(data.get("modifiers") or {}, where)
    base.value_types = _value_types(data.get("value_types") or {}, units, where)
    base.anaphors = _words(data, "anaphors", where)
    base.topic_anaphors = _words(data, "topic_anaphors", where)
    base.negations = _words(data, "negations", where)
    base.general_qualifiers = _words(data, "general_qualifiers", where)
    base.name_breaks = _words(data, "name_breaks", where)
    base.not_subject_words = _words(data, "not_subject_words", where)
    base.snippets = _snippets(data.get("snippets") or {}, where)
    base.attributes = _attributes(data.get("attributes") or {}, base, where)
    base.entities = _entities(data.get("entities") or [], where)
    base.facts = _facts(data.get("facts") or [], base, where)
    return base


@dataclass
class _Where:
    """Builds ``path:line: message`` errors (and compiles the base's patterns)."""

    path: str
    store: PatternStore | None = None

    def error(
        self, node: Any, message: str, line: int | None = None, key: str | None = None
    ) -> FactBaseError:
        """An error at ``line``, else at ``key``'s line in ``node``, else at ``node``'s line."""
        if line is None and key is not None:
            line = getattr(node, "key_lines", {}).get(key)
        number = line if line is not None else getattr(node, "line", 0)
        return FactBaseError(f"{self.path}:{number}: {message}")

    def keys(self, node: dict, allowed: set[str], what: str) -> None:
        unknown = sorted(set(map(str, node)) - allowed)
        if unknown:
            known = ", ".join(sorted(allowed))
            raise self.error(
                node, f"{what}: unknown key {unknown[0]!r} (known: {known})", key=unknown[0]
            )

    def mapping(self, node: Any, what: str, parent: Any) -> dict:
        if not isinstance(node, dict):
            raise self.error(parent, f"{what} must be a mapping")
        return node

    def strings(self, node: Any, key: str, parent: Any) -> tuple[str, ...]:
        value = node.get(key, []) if isinstance(node, dict) else node
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(parent, f"{key} must be a list of strings")
        return tuple(value)


def _words(data: dict, key: str, where: _Where) -> tuple[str, ...]:
    return tuple(w.lower() for w in where.strings(data, key, data))


def _units(node: Any, where: _Where) -> dict[str, Unit]:
    out: dict[str, Unit] = {}
    for symbol, spec in where.mapping(node, "units", node).items():
        spec = where.mapping(spec, f"unit {symbol!r}", node)
        where.keys(spec, {"dimension", "factor", "aliases"}, f"unit {symbol!r}")
        factor = spec.get("factor")
        if not isinstance(spec.get("dimension"), str) or not isinstance(factor, int | float):
            raise where.error(spec, f"unit {symbol!r} needs a dimension and a numeric factor")
        unit = Unit(str(symbol), spec["dimension"], float(factor))
        for alias in (str(symbol), *where.strings(spec, "aliases", spec)):
            out[alias] = unit
    return out


def _modifiers(node: Any, where: _Where) -> Modifiers:
    node = where.mapping(node, "modifiers", node)
    where.keys(node, {"approximate", "upper_bound", "lower_bound"}, "modifiers")

    def words(key: str) -> tuple[str, ...]:
        return tuple(" ".join(w.lower().split()) for w in where.strings(node, key, node))

    return Modifiers(words("approximate"), words("upper_bound"), words("lower_bound"))


def _value_types(node: Any, units: dict[str, Unit], where: _Where) -> dict[str, ValueType]:
    out: dict[str, ValueType] = {}
    for name, spec in where.mapping(node, "value_types", node).items():
        spec = where.mapping(spec, f"value type {name!r}", node)
        where.keys(
            spec, {"kind", "values", "broader", "tolerance", "dimension"}, f"value type {name!r}"
        )
        kind = spec.get("kind")
        if kind not in KINDS:
            raise where.error(
                spec, f"value type {name!r}: kind must be one of {', '.join(KINDS)}", key="kind"
            )
        tolerance = spec.get("tolerance", 0.0)
        if not isinstance(tolerance, int | float) or not 0 <= tolerance < 1:
            raise where.error(spec, f"value type {name!r}: tolerance must be between 0 and 1")
        vocabulary = _vocabulary(spec, name, where) if kind == "category" else {}
        own_units = units
        if "dimension" in spec:
            own_units = {a: u for a, u in units.items() if u.dimension == spec["dimension"]}
            if not own_units:
                raise where.error(
                    spec, f"value type {name!r}: no unit has dimension {spec['dimension']!r}"
                )
        out[str(name)] = ValueType(str(name), kind, own_units, vocabulary, float(tolerance))
    return out


def _vocabulary(spec: dict, name: str, where: _Where) -> dict[str, frozenset[str]]:
    values = spec.get("values")
    if not isinstance(values, dict) or not values:
        raise where.error(spec, f"value type {name!r}: a category needs values: {{name: [words]}}")
    out: dict[str, frozenset[str]] = {}
    for canonical in values:
        for word in (str(canonical), *where.strings(values, str(canonical), spec)):
            out[" ".join(word.lower().split())] = frozenset({str(canonical)})
    broader = where.mapping(spec.get("broader") or {}, f"value type {name!r}: broader", spec)
    for word in broader:
        meanings = where.strings(broader, str(word), spec)
        unknown = [m for m in meanings if m not in values]
        if unknown or not meanings:
            raise where.error(
                spec,
                f"value type {name!r}: broader {word!r} must list values "
                f"of the type (unknown: {', '.join(unknown) or 'none given'})",
            )
        out[" ".join(str(word).lower().split())] = frozenset(meanings)
    return out


ATTRIBUTE_KEYS = {
    "label",
    "type",
    "applies_to",
    "generic",
    "single",
    "compare_across",
    "triggers",
    "patterns",
    "exclude",
    "unverified",
    "topic_fallback",
}


def _attributes(node: Any, base: FactBase, where: _Where) -> dict[str, Attribute]:
    out: dict[str, Attribute] = {}
    for name, spec in where.mapping(node, "attributes", node).items():
        spec = where.mapping(spec, f"attribute {name!r}", node)
        where.keys(spec, ATTRIBUTE_KEYS, f"attribute {name!r}")
        value_type = base.value_types.get(spec.get("type"))
        if value_type is None:
            known = ", ".join(sorted(base.value_types)) or "none defined"
            raise where.error(
                spec, f"attribute {name!r}: unknown type (value_types: {known})", key="type"
            )
        patterns = where.strings(spec, "patterns", spec)
        if not patterns:
            raise where.error(spec, f"attribute {name!r} needs at least one pattern")
        out[str(name)] = Attribute(
            name=str(name),
            label=str(spec.get("label", name)),
            value_type=value_type,
            patterns=tuple(
                _pattern(p, str(name), line, base, where)
                for p, line in zip(patterns, _item_lines(spec, "patterns"), strict=True)
            ),
            applies_to=where.strings(spec, "applies_to", spec),
            triggers=tuple(w.lower() for w in where.strings(spec, "triggers", spec)),
            generic=_flag(spec, "generic", False, where),
            single=_flag(spec, "single", True, where),
            compare_across=_flag(spec, "compare_across", _flag(spec, "single", True, where), where),
            exclude=tuple(
                _regex(p, str(name), line, where)
                for p, line in zip(
                    where.strings(spec, "exclude", spec), _item_lines(spec, "exclude"), strict=True
                )
            ),
            unverified=_flag(spec, "unverified", False, where),
            topic_fallback=_flag(spec, "topic_fallback", False, where),
            line=spec.line,
        )
    return out


def _item_lines(spec: LineDict, key: str) -> list[int]:
    """The line of each item of ``spec[key]`` (a list, or one string)."""
    items = spec.get(key, [])
    if isinstance(items, LineList):
        return items.item_lines
    line = spec.key_lines.get(key, spec.line)
    return [line] * (len(items) if isinstance(items, list) else 1 if items else 0)


def _flag(spec: dict, key: str, default: bool, where: _Where) -> bool:
    value = spec.get(key, default)
    if not isinstance(value, bool):
        raise where.error(spec, f"{key} must be true or false")
    return value


def _snippets(node: Any, where: _Where) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, text in where.mapping(node, "snippets", node).items():
        if not isinstance(text, str) or not re.fullmatch(r"[a-z_]+", str(name)):
            raise where.error(node, f"snippet {name!r} must be a lower-case name and a regex")
        if name in PLACEHOLDERS:
            raise where.error(node, f"snippet {name!r}: the name is reserved")
        _regex(text, f"snippet {name}", node.key_lines.get(name, node.line), where)
        out[str(name)] = text
    return out


def _pattern(text: str, name: str, line: int, base: FactBase, where: _Where) -> str:
    """Expand a pattern's snippets and check its placeholders and syntax.

    ``{value}`` and ``{subject}`` stay for the extractor to fill; ``{name}`` of a snippet is
    replaced by the snippet's regex.
    """
    for placeholder in PLACEHOLDER_RE.findall(text):
        if placeholder not in PLACEHOLDERS and placeholder not in base.snippets:
            known = ", ".join([*PLACEHOLDERS, *sorted(base.snippets)])
            raise where.error(
                None, f"attribute {name!r}: unknown placeholder {{{placeholder}}} ({known})", line
            )
    text = PLACEHOLDER_RE.sub(
        lambda m: f"(?:{base.snippets[m.group(1)]})" if m.group(1) in base.snippets else m.group(),
        text,
    )
    if text.count("{value}") != 1 or text.count("{subject}") > 1:
        raise where.error(
            None,
            f"attribute {name!r}: pattern {text!r} needs exactly one {{value}} "
            "and at most one {subject}",
            line,
        )
    probe = text.replace("{value}", "(?P<value>x)").replace("{subject}", "(?P<subject>x)")
    _regex(probe, name, line, where)
    return text


def _regex(text: str, name: str, line: int, where: _Where) -> re.Pattern[str]:
    try:
        if where.store is not None:
            return where.store.compile(text, re.IGNORECASE)
        return re.compile(text, re.IGNORECASE)
    except re.error as exc:
        raise where.error(
            None, f"attribute {name!r}: bad regular expression {text!r}: {exc}", line
        ) from exc


ENTITY_KEYS = {"name", "kind", "aliases", "case_sensitive"}


def _entities(node: Any, where: _Where) -> dict[str, Entity]:
    if not isinstance(node, list):
        raise where.error(node, "entities must be a list")
    out: dict[str, Entity] = {}
    seen: dict[str, str] = {}
    for spec in node:
        spec = where.mapping(spec, "an entity", node)
        where.keys(spec, ENTITY_KEYS, "entity")
        name, kind = spec.get("name"), spec.get("kind")
        if not isinstance(name, str) or not name.strip() or not isinstance(kind, str):
            raise where.error(spec, "an entity needs a name and a kind")
        entity = Entity(
            name,
            kind,
            where.strings(spec, "aliases", spec),
            _flag(spec, "case_sensitive", False, where),
            spec.line,
        )
        for alias in (entity.name, *entity.aliases):
            other = seen.setdefault(alias.lower(), name)
            if other != name or (alias != entity.name and alias.lower() == name.lower()):
                raise where.error(
                    spec, f"entity {name!r}: alias {alias!r} already names {other!r}", key="aliases"
                )
        out[name] = entity
    return out


FACT_KEYS = {
    "entity",
    "attribute",
    "value",
    "values",
    "range",
    "unit",
    "source",
    "reviewed",
    "note",
    "review_interval_days",
    "indications",
}


def _facts(node: Any, base: FactBase, where: _Where) -> dict[tuple[str, str], Fact]:
    if not isinstance(node, list):
        raise where.error(node, "facts must be a list")
    out: dict[tuple[str, str], Fact] = {}
    for spec in node:
        spec = where.mapping(spec, "a fact", node)
        where.keys(spec, FACT_KEYS, "fact")
        fact = _fact(spec, base, where)
        key = (fact.entity, fact.attribute)
        if key in out:
            raise where.error(
                spec,
                f"a second fact for {fact.entity} {fact.attribute} (first at line {out[key].line})",
            )
        out[key] = fact
    return out


def _fact(spec: LineDict, base: FactBase, where: _Where) -> Fact:
    entity = base.entities.get(spec.get("entity"))
    if entity is None:
        raise where.error(spec, f"fact: unknown entity {spec.get('entity')!r}", key="entity")
    attribute = base.attributes.get(spec.get("attribute"))
    if attribute is None:
        known = ", ".join(sorted(base.attributes))
        raise where.error(
            spec, f"fact: unknown attribute {spec.get('attribute')!r} ({known})", key="attribute"
        )
    if attribute.applies_to and entity.kind not in attribute.applies_to:
        raise where.error(spec, f"fact: {attribute.name} does not apply to a {entity.kind}")
    source = spec.get("source")
    if not isinstance(source, str) or not re.match(r"https?://\S+$", source):
        raise where.error(spec, "fact: source must be the URL the value comes from", key="source")
    interval = spec.get("review_interval_days")
    if interval is not None and (not isinstance(interval, int) or interval <= 0):
        raise where.error(spec, "fact: review_interval_days must be a positive whole number")
    return Fact(
        entity.name,
        attribute.name,
        _fact_value(spec, attribute, where),
        source,
        _reviewed(spec, where),
        str(spec.get("note", "")),
        interval,
        tuple(" ".join(i.lower().split()) for i in where.strings(spec, "indications", spec)),
        spec.line,
    )


def _reviewed(spec: LineDict, where: _Where) -> dt.date:
    value = spec.get("reviewed")
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            value = None
    if not isinstance(value, dt.date):
        raise where.error(spec, "fact: reviewed must be a date (YYYY-MM-DD)", key="reviewed")
    return value


def _fact_value(spec: LineDict, attribute: Attribute, where: _Where) -> Value:
    given = [k for k in ("value", "values", "range") if k in spec]
    if len(given) != 1:
        raise where.error(spec, "fact: give exactly one of value, values or range")
    unit = f" {spec['unit']}" if "unit" in spec else ""
    raw = spec[given[0]]
    try:
        if given[0] == "range":
            if not isinstance(raw, list) or len(raw) != 2:
                raise BadValue("range must be [low, high]")
            return attribute.value_type.parse(f"{raw[0]} to {raw[1]}{unit}")
        if given[0] == "values":
            items = raw if isinstance(raw, list) else [raw]
            parsed = [attribute.value_type.parse(f"{v}{unit}") for v in items]
            return _union(parsed)
        return attribute.value_type.parse(f"{raw}{unit}")
    except BadValue as exc:
        raise where.error(
            spec,
            f"fact: {exc} (attribute {attribute.name} is a {attribute.value_type.name})",
            key=given[0],
        ) from exc


def _union(values: list[Value]) -> Value:
    first = values[0]
    categories = frozenset().union(*(v.categories for v in values))
    label = ", ".join(v.label for v in values)
    lo = min(v.lo for v in values)
    hi = max(v.hi for v in values)
    return Value(first.dimension, lo, hi, label, False, categories)
