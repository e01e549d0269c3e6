"""The grammar engine: one object per run that finds a server, checks texts, caches results.

It never raises for an unavailable LanguageTool in ``auto`` mode: ``status`` becomes
``"unavailable: <reason>"`` and texts it could not check get no matches. In ``required`` mode
it raises :class:`GrammarRequiredError` instead. ``off`` checks nothing.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from checker.grammar.batch import Batch, make_batches
from checker.grammar.cache import ParagraphCache, cache_key
from checker.grammar.client import GrammarMatch, LanguageToolClient, server_version
from checker.grammar.errors import GrammarRequiredError, GrammarUnavailable
from checker.grammar.paths import (
    cache_root,
    find_java,
    jar_dir,
    missing_install_reason,
    pinned_version,
)
from checker.grammar.server import LocalServer, live_warm_server, server_answers, shared_server
from checker.grammar.settings import GrammarSettings

STATUS_OK = "ok"
STATUS_OFF = "off"
CACHE_FILE = "paragraphs.sqlite3"

ClientFactory = Callable[[str, GrammarSettings], LanguageToolClient]


@dataclass
class EngineStats:
    """Counters for tests and benchmarks."""

    requests: int = 0
    cache_hits: int = 0
    server_start_seconds: float = 0.0


def default_cache(settings: GrammarSettings) -> ParagraphCache | None:
    """The shared paragraph cache under the cache folder; None if off or not openable."""
    if not settings.cache:
        return None
    path = cache_root() / CACHE_FILE
    try:
        return ParagraphCache(path)
    except (OSError, sqlite3.Error) as exc:
        print(f"checker: warning: grammar cache {path} not used ({exc})", file=sys.stderr)
        return None


class GrammarEngine:
    """Checks plain texts with LanguageTool; see the module docstring for failure handling."""

    def __init__(
        self,
        settings: GrammarSettings,
        cache: ParagraphCache | None = None,
        client_factory: ClientFactory = LanguageToolClient,
    ) -> None:
        self.settings = settings
        self.cache = cache
        self.stats = EngineStats()
        self.status = STATUS_OFF if settings.mode == "off" else STATUS_OK
        self.server: LocalServer | None = None
        self._client_factory = client_factory
        self._client: LanguageToolClient | None = None
        self._version: str | None = None
        self._stop = threading.Event()

    @property
    def available(self) -> bool:
        """False once LanguageTool was found unusable (or the engine is off)."""
        return self.status == STATUS_OK

    def check_texts(self, texts: Sequence[str]) -> list[list[GrammarMatch]]:
        """Matches for each text (empty for texts that could not be checked)."""
        results: list[list[GrammarMatch]] = [[] for _ in texts]
        if not self.available or not texts:
            return results
        try:
            self._check_into(texts, results)
        except GrammarUnavailable as exc:
            self._fail(str(exc))
        return results

    def _check_into(self, texts: Sequence[str], results: list[list[GrammarMatch]]) -> None:
        version = self._cache_version()
        keys = [cache_key(version, self.settings.fingerprint(), t) for t in texts]
        cached = self.cache.get_many(keys) if self.cache is not None else {}
        todo = [i for i, key in enumerate(keys) if key not in cached]
        for i, key in enumerate(keys):
            if key in cached:
                results[i] = cached[key]
        self.stats.cache_hits += len(texts) - len(todo)
        if not todo:
            return
        client = self._ensure_client()
        batches = make_batches(texts, todo, self.settings.batch_chars)
        fresh, error = self._run_parallel(client, batches)
        checked: list[tuple[str, list[GrammarMatch]]] = []
        for batch, matches in zip(batches, fresh, strict=True):
            if matches is None:
                continue
            for i, per_text in zip(batch.indices, batch.split(matches), strict=True):
                results[i] = per_text
                checked.append((keys[i], per_text))
        if self.cache is not None:
            self.cache.put_many(checked)
        if error is not None:
            raise error

    def _run_parallel(
        self, client: LanguageToolClient, batches: Sequence[Batch]
    ) -> tuple[list[list[GrammarMatch] | None], GrammarUnavailable | None]:
        """Check batches on ``settings.workers`` threads; stop sending after the first failure."""
        errors: list[GrammarUnavailable] = []

        def one(batch: Batch) -> list[GrammarMatch] | None:
            if self._stop.is_set():
                return None
            try:
                return client.check(batch.text)
            except GrammarUnavailable as exc:
                self._stop.set()
                errors.append(exc)
                return None

        if len(batches) == 1:  # the common case (one article): no thread pool to start
            fresh = [one(batches[0])]
        else:
            with ThreadPoolExecutor(max_workers=self.settings.workers) as pool:
                fresh = list(pool.map(one, batches))
        self.stats.requests = client.calls
        return fresh, (self._explain(errors[0]) if errors else None)

    def _explain(self, error: GrammarUnavailable) -> GrammarUnavailable:
        """Prefer 'the server died' over a bare connection error when we own the server."""
        if self.server is not None and not self.server.alive():
            return GrammarUnavailable(self.server.exit_reason() + " mid-run")
        return error

    def _cache_version(self) -> str:
        """The LanguageTool version for cache keys, without starting a server if possible."""
        if self._version is None:
            url = self.settings.url
            timeout = self.settings.timeout
            self._version = (
                server_version(url, self.settings.language, timeout) if url else (pinned_version())
            )
        return self._version

    def server_url(self) -> str | None:
        """The URL of the server this engine uses, finding or starting one; None when
        LanguageTool is unavailable (the status is left for the checks to set)."""
        try:
            return self._ensure_client().url
        except GrammarUnavailable:
            return None

    def _ensure_client(self) -> LanguageToolClient:
        if self._client is None:
            self._client = self._client_factory(self._resolve_url(), self.settings)
        return self._client

    def _resolve_url(self) -> str:
        """A configured server, else the live warm server, else one started for this run."""
        if self.settings.url:
            if not server_answers(self.settings.url):
                raise GrammarUnavailable(f"no LanguageTool server answers at {self.settings.url}")
            return self.settings.url
        warm = live_warm_server()
        if warm is not None and warm.version == self._cache_version():
            return warm.url
        return self._start_server()

    def _start_server(self) -> str:
        java = find_java(self.settings.java)
        jars = self.settings.jars or jar_dir()
        reason = missing_install_reason(jars, java)
        if reason is not None or java is None:
            raise GrammarUnavailable(reason or "java not found")
        s = self.settings
        _tell("checker: starting LanguageTool (10-30 s; `checker server start` keeps one warm)")
        server = shared_server(
            java, jars, self._cache_version(), s.java_options, s.start_timeout, s.language
        )
        self.server = server
        self.stats.server_start_seconds = server.start_seconds
        return server.url

    def _fail(self, reason: str) -> None:
        self.status = f"unavailable: {reason}"
        if self.settings.mode == "required":
            raise GrammarRequiredError(reason)

    def close(self) -> None:
        """Close the client and the cache; the process's server is stopped at exit."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self.cache is not None:
            self.cache.close()
            self.cache = None


def _tell(message: str) -> None:
    """A note on the terminal (standard error, only when it is one)."""
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)
