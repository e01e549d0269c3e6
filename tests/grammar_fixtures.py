"""Helpers for the grammar tests: one real LanguageTool server per session, fakes for failures.

The real server is started once (module-level, shared by every test module that uses the
``lt_url`` fixture) and stopped at the end of the session. Tests skip with a printed reason
when java or the LanguageTool jars are missing (``bash tools/languagetool/fetch.sh``).
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import checker_executable

from checker.grammar.paths import find_java, jar_dir, missing_install_reason, pinned_version
from checker.grammar.server import MAIN_CLASS, LocalServer
from checker.grammar.settings import URL_ENV

_SESSION: dict[str, LocalServer] = {}


def lt_missing_reason() -> str | None:
    """Why the real LanguageTool cannot run here, or None."""
    return missing_install_reason(jar_dir(), find_java())


def require_lt() -> None:
    """Skip the calling test (with the reason printed) when LanguageTool is not installed.

    Under CI (``CI=true``) it fails instead: setup fetches LanguageTool there, so a missing
    install is a broken setup, not a reason to pass without the real-server tests.
    """
    reason = lt_missing_reason()
    if reason and os.environ.get("CI") == "true":
        pytest.fail(f"LanguageTool missing under CI: {reason}")
    if reason:
        print(f"skipping: {reason}")
        pytest.skip(reason)


def session_server() -> LocalServer:
    """The session's real LanguageTool server, started on first use."""
    server = _SESSION.get("server")
    if server is None or not server.alive():
        java = find_java()
        assert java is not None
        server = LocalServer(java, jar_dir(), pinned_version(), ("-XX:TieredStopAtLevel=1",))
        server.start(timeout=180)
        _SESSION["server"] = server
    return server


@pytest.fixture(scope="session")
def lt_url() -> str:
    """Base URL of a real LanguageTool server shared by the whole test session."""
    require_lt()
    return session_server().url


@pytest.fixture(scope="session", autouse=True)
def languagetool_for_session() -> Iterator[None]:
    """Point every run of the session (in-process and CLI subprocesses) at one real server.

    Without it each ``checker check`` subprocess whose rules include GRM would start its own
    JVM. Skipped when LanguageTool is not installed or a URL is already set; grammar tests that
    need their own server remove the variable themselves (``cli_env``, ``environ={}``).
    """
    if lt_missing_reason() is not None or os.environ.get(URL_ENV):
        yield
        return
    os.environ[URL_ENV] = session_server().url
    try:
        yield
    finally:
        os.environ.pop(URL_ENV, None)
        _SESSION.pop("server").stop()


def child_jvms(parent_pid: int) -> list[int]:
    """Pids of LanguageTool JVMs whose parent is ``parent_pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = next((ln.split()[1] for ln in status.splitlines() if ln.startswith("PPid:")), "")
        if ppid == str(parent_pid) and MAIN_CLASS.encode() in cmdline:
            found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def wait_for(predicate: Callable[[], bool], timeout: float) -> bool:
    """Poll ``predicate`` until true or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that give up (timeouts) are expected here: say nothing."""


class FakeLanguageTool:
    """A stand-in server used only to simulate failures (slow answers, dying mid-run).

    ``answers`` checks are answered with no matches; then the server either hangs for
    ``hang`` seconds per request or, if ``die`` is set, shuts down.
    """

    def __init__(self, answers: int = 1_000_000, hang: float = 0.0, die: bool = False) -> None:
        self.answers = answers
        self.hang = hang
        self.die = die
        self.checks = 0
        handler = self._handler()
        self.stopped = threading.Event()
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """Base URL."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> FakeLanguageTool:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop serving and close the listening socket (new connections are refused)."""
        if not self.stopped.is_set():
            self.stopped.set()
            self.httpd.shutdown()
            self.httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _json(self, body: object) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                langs = [{"name": "English (US)", "code": "en", "longCode": "en-US"}]
                self._json(langs)

            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                fake.checks += 1
                if fake.checks > fake.answers:
                    if fake.die:
                        threading.Thread(target=fake.stop, daemon=True).start()
                        self.close_connection = True
                        return
                    time.sleep(fake.hang)
                self._json({"software": {"version": "fake"}, "matches": []})

        return Handler


def run_checker(
    *args: str, cwd: Path, env: dict[str, str], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``checker`` with exactly ``env`` (conftest's run_cli merges os.environ,
    which would bring the session server's URL back)."""
    return subprocess.run(
        [checker_executable(), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a CLI subprocess without any inherited LanguageTool URL."""
    env = {k: v for k, v in os.environ.items() if k != URL_ENV}
    env.update(extra)
    return env
