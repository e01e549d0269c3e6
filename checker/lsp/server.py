"""``checker lsp``: a language server (pygls) that lints articles as they are edited.

- Diagnostics on open, change and save. Each check runs in a worker thread in two passes: every
  rule but grammar first (published at once), then grammar, whose LanguageTool round trip may
  take seconds (published again with everything). A pass for an older version of the text is
  dropped.
- Code actions: each safe fix; "add to the clinic vocabulary" for an unknown word (appends to
  the project's rules/vocab/accept.txt); "record claim verdict" for an unsupported claim
  (writes the claims ledger, as `checker review` does).
- Hover: the finding's message and its rule's `checker explain` text.
"""

from __future__ import annotations

import datetime
import getpass
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from checker import __version__, resources, spelling
from checker.claims.ledger import STATUSES, Entry, load_ledger
from checker.claims.settings import claim_settings
from checker.config import Config, load_config
from checker.document import PLACEHOLDER
from checker.engine import FileResult, check_documents, input_finding
from checker.errors import CheckerError
from checker.findings import Finding
from checker.loader import InputProblem, decode
from checker.lsp.positions import finding_range, offset, span_range
from checker.parsing import parse
from checker.rules import find_rule
from checker.source import SourceFile

SOURCE = "checker"
ADD_WORD = "checker.addToVocabulary"
RECORD_CLAIM = "checker.recordClaimVerdict"
VOCABULARY = Path("vocab") / "accept.txt"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
GRAMMAR = "GRM"
WORD_RULES = ("SPL001",)
CLAIM_RULES = ("CLM001", "CLM002")


@dataclass
class Checked:
    """The last published findings of one document, with the text they refer to."""

    version: int | None
    source: SourceFile
    findings: list[Finding]


class CheckerServer(LanguageServer):
    """The language server: configuration, the latest findings per document, a worker pool."""

    def __init__(self) -> None:
        super().__init__("checker", __version__)
        self.config: Config = load_config()
        self.results: dict[str, Checked] = {}
        self.lock = threading.Lock()
        self.pending: dict[str, tuple[str, int | None]] = {}
        self.wake = threading.Condition()
        threading.Thread(target=self._work, name="checker-lsp", daemon=True).start()

    def configure(self, root: str | None) -> None:
        """Load the configuration found upward from the workspace folder (a bad one is shown
        to the editor, and the defaults are used until it is fixed)."""
        try:
            self.config = load_config(cwd=Path(root) if root else None)
        except CheckerError as exc:
            self.show_error(exc)

    def show_error(self, exc: CheckerError) -> None:
        """A configuration or rules problem, as a message in the editor."""
        self.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Error, message=f"checker: {exc}")
        )

    def schedule(self, uri: str) -> None:
        """Check a document in the background (non-grammar rules, then grammar). Edits made
        while a check runs are coalesced: only the newest text is checked next."""
        document = self.workspace.get_text_document(uri)
        with self.wake:
            self.pending[uri] = (document.source, document.version)
            self.wake.notify()

    def _work(self) -> None:
        """The worker thread (a daemon, so it never holds up the server's exit)."""
        while True:
            with self.wake:
                while not self.pending:
                    self.wake.wait()
                uri = next(iter(self.pending))
                text, version = self.pending.pop(uri)
            self._check(uri, text, version)

    def _check(self, uri: str, text: str, version: int | None) -> None:
        try:
            source, quick = self._run(uri, text, without_grammar(self.config))
            self._publish(uri, version, source, quick)
            grammar = grammar_config(self.config)
            if grammar is not None and uri not in self.pending:  # no newer text to check
                _, slow = self._run(uri, text, grammar)
                self._publish(uri, version, source, sorted_findings([*quick, *slow]))
        except CheckerError as exc:  # a bad rules file: say so in the editor
            self.show_error(exc)

    def _run(self, uri: str, text: str, config: Config) -> tuple[SourceFile, list[Finding]]:
        path = to_fs_path(uri) or uri
        item = decode(path, text.encode("utf-8"), config.max_file_size)
        if isinstance(item, InputProblem):
            return SourceFile(path, text), [input_finding(path, item.reason)]
        with self.lock:  # the rule data and engines are shared by the whole process
            result: FileResult = check_documents([parse(item)], config).files[0]
        return item, result.findings

    def _publish(
        self, uri: str, version: int | None, source: SourceFile, findings: list[Finding]
    ) -> None:
        current = self.workspace.get_text_document(uri).version
        if version is not None and current is not None and current != version:
            return  # the text changed meanwhile: a newer check is on its way
        self.results[uri] = Checked(version, source, findings)
        diagnostics = [diagnostic(source, f) for f in findings]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    def recheck_all(self) -> None:
        """Check every open document again (after the vocabulary or the ledger changed)."""
        for uri in list(self.workspace.text_documents):
            self.schedule(uri)

    def project_rules(self) -> Path:
        """The project's rules folder (created by the first word added)."""
        if self.config.rules_path != resources.DEFAULT_RULES_DIR:
            return self.config.rules_path
        return self.config.root / "rules"


def without_grammar(config: Config) -> Config:
    """The configuration for the quick pass: every selected rule but grammar."""
    return replace(config, ignore=[*config.ignore, GRAMMAR])


def grammar_config(config: Config) -> Config | None:
    """The configuration for the grammar pass, or None when grammar is not selected."""
    select = [
        GRAMMAR if s.upper() == "ALL" else s
        for s in config.select
        if s.upper() == "ALL" or s.upper().startswith(GRAMMAR)
    ]
    ignored = any(s.upper() == GRAMMAR for s in config.ignore)
    if not select or ignored or config.grammar == "off":
        return None
    return replace(config, select=select)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in report order."""
    return sorted(findings, key=lambda f: f.sort_key())


def diagnostic(source: SourceFile, finding: Finding) -> types.Diagnostic:
    """The LSP diagnostic of a finding."""
    return types.Diagnostic(
        range=finding_range(source, finding),
        message=finding.message,
        severity=SEVERITY[finding.severity.value],
        code=finding.rule,
        source=SOURCE,
    )


def covering(checked: Checked, rng: types.Range) -> list[Finding]:
    """The findings that touch ``rng``."""
    start, end = offset(checked.source, rng.start), offset(checked.source, rng.end)
    return [f for f in checked.findings if f.offset <= end and start <= f.offset + f.length]


def fix_action(uri: str, checked: Checked, finding: Finding) -> types.CodeAction | None:
    """The quick fix of a finding's safe fix."""
    fix = finding.fix
    if fix is None or fix.applicability != "safe" or not fix.edits:
        return None
    source = checked.source
    edits = [
        types.TextEdit(
            range=span_range(source, e.offset, e.offset + e.length),
            new_text=e.replacement.replace("\n", source.newline),
        )
        for e in fix.edits
    ]
    title = fix.title or (f"Fix: {finding.suggestions[0]}" if finding.suggestions else "Fix")
    return types.CodeAction(
        title=f"{title} ({finding.rule})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(source, finding)],
        edit=types.WorkspaceEdit(changes={uri: edits}),
        is_preferred=True,
    )


def word_action(checked: Checked, finding: Finding) -> types.CodeAction:
    """Add an unknown word to the clinic's vocabulary."""
    word = checked.source.text[finding.offset : finding.offset + finding.length]
    title = f'Add "{word}" to the clinic vocabulary ({VOCABULARY.as_posix()})'
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(checked.source, finding)],
        command=types.Command(title=title, command=ADD_WORD, arguments=[word]),
    )


def claim_actions(checked: Checked, finding: Finding) -> list[types.CodeAction]:
    """Record a verdict on an unsupported claim in the claims ledger."""
    text = checked.source.text[finding.offset : finding.offset + finding.length]
    claim = " ".join(text.replace(PLACEHOLDER, " ").split())
    return [
        types.CodeAction(
            title=f"Record claim verdict: {status}",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic(checked.source, finding)],
            command=types.Command(
                title=f"Record claim verdict: {status}",
                command=RECORD_CLAIM,
                arguments=[checked.source.path, claim, status],
            ),
        )
        for status in STATUSES
    ]


def actions_for(uri: str, checked: Checked, rng: types.Range) -> list[types.CodeAction]:
    """Every code action for the findings in ``rng``."""
    out: list[types.CodeAction] = []
    for finding in covering(checked, rng):
        fix = fix_action(uri, checked, finding)
        if fix is not None:
            out.append(fix)
        if finding.rule in WORD_RULES:
            out.append(word_action(checked, finding))
        if finding.rule in CLAIM_RULES:
            out.extend(claim_actions(checked, finding))
    return out


def hover_text(findings: list[Finding]) -> str:
    """Markdown for the findings under the cursor: message, then the rule's explanation."""
    parts = []
    for finding in findings:
        entry = find_rule(finding.rule.split(":", 1)[0])
        explanation = entry.explanation if entry else ""
        parts.append(f"**{finding.rule}** ({finding.name}): {finding.message}\n\n{explanation}")
    return "\n\n---\n\n".join(parts)


def add_word(server: CheckerServer, word: str) -> Path:
    """Append ``word`` to the project's rules/vocab/accept.txt and reload the vocabulary."""
    path = server.project_rules() / VOCABULARY
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    if word not in resources.load_word_list(VOCABULARY.as_posix()):
        joiner = "" if not existing or existing.endswith("\n") else "\n"
        path.write_text(f"{existing}{joiner}{word}\n", encoding="utf-8")
    if server.config.rules_path != path.parent.parent:
        server.config.rules_path = path.parent.parent.resolve()
    with server.lock:
        resources.reload()
        spelling.unload_engines()
    return path


def record_claim(server: CheckerServer, article: str, claim: str, status: str) -> Path:
    """Record the editor's verdict on a claim in the claims ledger."""
    ledger = load_ledger(claim_settings(server.config).ledger, check_articles=False)
    ledger.record(
        Entry(
            article=ledger.article_key(article),
            claim=claim,
            status=status,
            reviewer=getpass.getuser(),
            date=datetime.date.today().isoformat(),
            note="recorded from the editor (checker lsp)",
        )
    )
    ledger.save()
    return ledger.path


def build() -> CheckerServer:
    """The server with its features registered."""
    server = CheckerServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: CheckerServer, params: types.InitializeParams) -> None:
        folders = params.workspace_folders or []
        root = to_fs_path(folders[0].uri) if folders else params.root_path
        ls.configure(root)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CheckerServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CheckerServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: CheckerServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CheckerServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.results.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: CheckerServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        checked = ls.results.get(params.text_document.uri)
        return actions_for(params.text_document.uri, checked, params.range) if checked else []

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: CheckerServer, params: types.HoverParams) -> types.Hover | None:
        checked = ls.results.get(params.text_document.uri)
        here = types.Range(start=params.position, end=params.position)
        found = covering(checked, here) if checked else []
        if not found:
            return None
        content = types.MarkupContent(kind=types.MarkupKind.Markdown, value=hover_text(found))
        return types.Hover(contents=content)

    @server.command(ADD_WORD)
    def add_word_command(ls: CheckerServer, word: str) -> str:
        path = add_word(ls, word)
        ls.recheck_all()
        return str(path)

    @server.command(RECORD_CLAIM)
    def record_claim_command(ls: CheckerServer, article: str, claim: str, status: str) -> str:
        path = record_claim(ls, article, claim, status)
        ls.recheck_all()
        return str(path)

    return server


def main() -> None:
    """Serve over standard input and output."""
    build().start_io()
