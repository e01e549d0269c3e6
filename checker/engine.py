"""The pipeline: load -> parse -> document -> checks -> findings -> filters -> result.

A failure in one article (unreadable, unparsable, a crashing check) becomes an ``input``
finding for that article; every other article is still checked.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from checker import resources
from checker.config import Config
from checker.context import CheckContext, RunState, rule_options
from checker.document import BlockKind, Document, MappedText
from checker.errors import CheckerError, UsageError
from checker.filters import (
    Suppressions,
    keeper,
    known_selector,
    parse_suppressions,
    rule_enabled,
    unknown_selector_message,
)
from checker.findings import Finding
from checker.loader import InputProblem, decode, discover, read
from checker.rules import Rule, all_rules
from checker.source import SourceFile

if TYPE_CHECKING:
    from checker.cache import ResultCache


@dataclass
class Summary:
    """What the corpus rules need of an article checked on its own (small and picklable: it
    travels back from worker processes and into the result cache)."""

    records: dict[str, list[Any]] | None = None
    """Per corpus rule with a step (checker/audit/steps.py), its records of the article;
    None when the result still has its full document (then corpus rules see documents)."""
    engines: dict[str, str] = field(default_factory=dict)
    """The engines' statuses after this article (e.g. ``languagetool: ok``)."""
    key: str | None = None
    """The article's result-cache key, when the run has a cache."""
    packed: bytes | None = None
    """``records`` pickled, in a result from the cache: unpickled only when a corpus rule
    needs them (not for one article, nor when the corpus rules' findings are cached too)."""

    def corpus_records(self) -> dict[str, list[Any]] | None:
        """``records``, unpacked on first use."""
        if self.packed is not None:
            import pickle

            self.records, self.packed = pickle.loads(self.packed), None
        return self.records

    def packed_copy(self) -> Summary:
        """This summary with its records pickled (for the result cache)."""
        import pickle

        if self.records is None:
            return replace(self)
        return replace(self, records=None, packed=pickle.dumps(self.records, protocol=5))

    @property
    def complete(self) -> bool:
        """Whether every engine that ran was available (else the result is partial)."""
        return all(status in ("ok", "off") for status in self.engines.values())


@dataclass
class FileResult:
    """The findings of one article (and its document, when it could be parsed).

    From :meth:`Pipeline.check_compact` the document is compact (source, headings, front
    matter span: what reports and fixes use) and ``summary`` holds the corpus rules' records.
    """

    path: str
    findings: list[Finding] = field(default_factory=list)
    document: Document | None = None
    summary: Summary = field(default_factory=Summary)


@dataclass
class RunResult:
    """Everything a reporter needs."""

    files: list[FileResult]
    engines: dict[str, str]
    rules: list[Rule]

    @property
    def findings(self) -> list[Finding]:
        """All findings of all files."""
        return [f for file in self.files for f in file.findings]


def active_rules(config: Config) -> list[Rule]:
    """The rules the configuration turns on; an unknown selector is a usage error."""
    rules = all_rules()
    for selector in [*config.select, *config.ignore]:
        if not known_selector(selector, rules):
            raise UsageError(f"{unknown_selector_message(selector, rules)} (see `checker rules`)")
    return [r for r in rules if rule_enabled(r, config)]


def load_sources(
    paths: Iterable[str], config: Config, stdin: tuple[str, bytes] | None = None
) -> list[SourceFile | InputProblem]:
    """Discover and read the articles named by ``paths`` (``-`` is standard input)."""
    out: list[SourceFile | InputProblem] = []
    for path in discover(paths, config.exclude):
        if path == "-":
            if stdin is None:
                raise UsageError("'-' given but no standard input")
            name, data = stdin
            out.append(decode(name, data, config.max_file_size))
        else:
            out.append(read(path, config.max_file_size))
    return out


@dataclass
class Pipeline:
    """The rules, their contexts and the shared state of one run.

    ``check_source`` is the per-article pipeline (parse, document rules) that ``run`` and
    ``checker audit``'s workers share; ``finish`` adds the corpus rules and the filters.
    """

    config: Config
    rules: list[Rule]
    state: RunState
    contexts: dict[str, CheckContext]

    @classmethod
    def start(cls, config: Config) -> Pipeline:
        """Load the rules and per-rule contexts for ``config``."""
        resources.set_rules_dir(config.rules_path)
        rules = active_rules(config)
        state = RunState(config)
        return cls(config, rules, state, {r.code: _context(r, state) for r in rules})

    def check_source(self, item: SourceFile | InputProblem) -> FileResult:
        """One article through parse and the document rules (unfiltered findings)."""
        return _check_one(item, self.rules, self.contexts)

    def check_compact(self, item: SourceFile | InputProblem) -> FileResult:
        """:meth:`check_source`, then the corpus rules' records, a compact document and the
        engines' statuses; the per-document memos are dropped (``run`` checks this way, in
        this process or in workers, so no parsed document outlives its checks)."""
        self.state.engines.clear()
        result = self.check_source(item)
        result.summary = Summary({}, dict(self.state.engines))
        if result.document is not None:
            _records(result, self)
            result.document = compact_document(result.document)
        self.forget_documents()
        return result

    def forget_documents(self) -> None:
        """Drop the per-document memos of the run's resources (dicts keyed by ``id(doc)``).

        For callers that check articles one at a time without keeping their documents
        (``checker audit``'s workers): a freed document's id may be reused by the next.
        """
        for value in self.state.resources.values():
            if isinstance(value, dict) and value and isinstance(next(iter(value)), int):
                value.clear()

    def finish(self, results: list[FileResult], cache: ResultCache | None = None) -> RunResult:
        """Corpus rules, then filters, over every article's findings.

        With a ``cache``, the corpus rules' findings are kept under a key made of every
        article's key, so an unchanged corpus does not run them again either.
        """
        for result in results:
            self.state.engines.update(result.summary.engines)
        key = _corpus_key(results) if cache is not None else None
        stored = cache.get(key) if cache is not None and key is not None else None
        if isinstance(stored, dict):
            for result in results:
                result.findings.extend(stored.get(result.path, []))
        else:
            added = _run_corpus_rules(results, self.rules, self.contexts)
            crashed = any(f.rule == "INP002" for found in added.values() for f in found)
            if cache is not None and key is not None and not crashed:
                cache.put(key, added)
        for result in results:
            filter_result(result, self.config)
        return RunResult(results, self.state.engines, self.rules)


def run(
    paths: Iterable[str],
    config: Config,
    stdin: tuple[str, bytes] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    *,
    jobs: int | None = 1,
    cache: ResultCache | None = None,
) -> RunResult:
    """Check the articles named by ``paths``; ``progress(done, total, path)`` after each.

    ``jobs`` worker processes check the articles (None: the cores available; 1: this process
    only) and ``cache`` skips articles whose inputs did not change (checker/parallel.py);
    the result is the same either way.
    """
    from checker.parallel import check_all

    current = Pipeline.start(config)
    sources = load_sources(paths, config, stdin)
    results = check_all(sources, current, jobs=jobs, cache=cache, progress=progress)
    return current.finish(results, cache)


def check_documents(docs: list[Document], config: Config) -> RunResult:
    """Run the configured rules over already-parsed documents (used by tests and tools)."""
    current = Pipeline.start(config)
    return current.finish([_check_document(d, current.rules, current.contexts) for d in docs])


def _context(rule: Rule, state: RunState) -> CheckContext:
    settings = state.config.rules.get(rule.code)
    severity = settings.severity if settings and settings.severity else rule.severity
    return CheckContext(rule, rule_options(rule, state.config), severity, state)


def _check_one(
    item: SourceFile | InputProblem, rules: list[Rule], contexts: dict[str, CheckContext]
) -> FileResult:
    from checker.parsing import parse  # not imported for a run whose results are all cached
    from checker.parsing.markdown import FrontMatterError

    if isinstance(item, InputProblem):
        return FileResult(item.path, [input_finding(item.path, item.reason)])
    try:
        doc = parse(item)
    except FrontMatterError as exc:
        return FileResult(item.path, [input_finding(item.path, str(exc))])
    except Exception as exc:  # a parser bug must not hide other articles' findings
        return FileResult(item.path, [input_finding(item.path, f"cannot parse: {exc!r}")])
    return _check_document(doc, rules, contexts)


def _check_document(
    doc: Document, rules: list[Rule], contexts: dict[str, CheckContext]
) -> FileResult:
    result = FileResult(doc.path, document=doc)
    for rule in rules:
        if rule.scope != "document" or rule.func is None:
            continue
        try:
            result.findings.extend(rule.func(doc, contexts[rule.code]))
        except CheckerError:
            raise
        except Exception as exc:
            result.findings.append(crash_finding(doc.path, rule, exc))
    return result


def compact_document(doc: Document) -> Document:
    """What outlives a document's checks: its source, format, front matter and headings (kind,
    level and source range: the HTML report marks heading lines); no paragraphs, sentences,
    heading texts or offset maps (a cached result unpickles a fifth faster without them)."""
    headings = [
        replace(b, text=MappedText(), sentences=[], links=[])
        for b in doc.blocks
        if b.kind is BlockKind.HEADING
    ]
    return Document(doc.source, doc.format, headings, doc.metadata, doc.metadata_span)


def _steps() -> dict[str, Any]:
    from checker.audit.steps import STEPS

    return STEPS


def _records(result: FileResult, pipeline: Pipeline) -> None:
    """Each active corpus rule's records of the (full) document; a crash is INP002."""
    assert result.document is not None and result.summary.records is not None
    steps = _steps()
    for rule in pipeline.rules:
        step = steps.get(rule.code)
        if rule.scope != "corpus" or step is None:
            continue
        try:
            records = step.extract(result.document, pipeline.contexts[rule.code])
        except Exception as exc:  # one article's bad record must not stop the run
            result.findings.append(crash_finding(result.path, rule, exc))
            continue
        result.summary.records[rule.code] = records


def _corpus_findings(rule: Rule, results: list[FileResult], ctx: CheckContext) -> Iterable[Finding]:
    """A corpus rule over the records of compact results, or over full documents."""
    step = _steps().get(rule.code)
    found = [r.summary.corpus_records() for r in results] if step is not None else [None]
    if step is not None and all(x is not None for x in found):
        records = [x for rs in found for x in (rs or {}).get(rule.code, [])]
        docs = {r.path: r.document for r in results if r.document is not None}
        return (_with_excerpt(f, docs) for f in step.reduce(records, ctx))
    assert rule.func is not None
    return rule.func([r.document for r in results if r.document is not None], ctx)


def _with_excerpt(finding: Finding, docs: dict[str, Document]) -> Finding:
    """Records may leave a span's text with the article: take it from the source again."""
    doc = docs.get(finding.path)
    if finding.excerpt or not finding.length or doc is None:
        return finding
    return replace(
        finding, excerpt=doc.source.text[finding.offset : finding.offset + finding.length]
    )


def _corpus_key(results: list[FileResult]) -> str | None:
    """A key for the corpus rules' findings: every article's key (None if one has none)."""
    import hashlib

    digest = hashlib.sha256(b"corpus rules\0")
    for result in results:
        if result.summary.key is None and result.document is not None:
            return None
        digest.update(f"{result.path}\0{result.summary.key}\0".encode("utf-8", "replace"))
    return digest.hexdigest()


def _run_corpus_rules(
    results: list[FileResult], rules: list[Rule], contexts: dict[str, CheckContext]
) -> dict[str, list[Finding]]:
    """Run the corpus rules; the findings they added, by path."""
    by_path = {r.path: r for r in results}
    added: dict[str, list[Finding]] = {}
    for rule in rules:
        if rule.scope != "corpus" or rule.func is None:
            continue
        try:
            for finding in _corpus_findings(rule, results, contexts[rule.code]):
                by_path[finding.path].findings.append(finding)
                added.setdefault(finding.path, []).append(finding)
        except CheckerError:
            raise
        except Exception as exc:
            for result in results:
                result.findings.append(crash_finding(result.path, rule, exc))
                added.setdefault(result.path, []).append(result.findings[-1])
    return added


def filter_result(result: FileResult, config: Config) -> None:
    """Drop the findings that select/ignore, per-file ignores or inline comments turn off."""
    suppressions: Suppressions | None = None
    if result.document is not None:
        suppressions = parse_suppressions(result.document)
    kept = list(filter(keeper(config, result.path, suppressions), result.findings))
    result.findings = sorted(kept, key=lambda f: f.sort_key())


def input_finding(path: str, reason: str, code: str = "INP001") -> Finding:
    """An ``input`` finding for a file that could not be checked."""
    from checker.checks.input import input_rule

    entry = input_rule(code)
    return Finding(
        rule=entry.code,
        name=entry.name,
        category="input",
        severity=entry.severity,
        path=path,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        offset=0,
        length=0,
        message=f"{path}: {reason}",
        excerpt="",
    )


def crash_finding(path: str, rule: Rule, exc: Exception) -> Finding:
    """An INP002 finding for a check that raised on ``path``."""
    where = traceback.extract_tb(exc.__traceback__)[-1]
    reason = f"check {rule.code} failed: {exc!r} at {where.filename}:{where.lineno}"
    return input_finding(path, reason, "INP002")
