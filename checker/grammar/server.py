"""Starting, watching and stopping a LanguageTool HTTP server on 127.0.0.1.

Two kinds of server:

* an *owned* server, started for one checker run. It lives in its own process group, is
  stopped by ``atexit`` and on SIGTERM/SIGHUP, and is killed by the kernel if the checker
  dies without cleaning up (``prctl(PR_SET_PDEATHSIG, SIGKILL)``), so no JVM is left behind
  even after ``kill -9`` of the checker;
* a *warm* server (``checker server start``), detached on purpose so it outlives the command.
  Its pid and port are kept in a state file under the cache folder; ``checker server stop``
  ends it and later runs use it while it is alive.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from checker.grammar.errors import GrammarUnavailable
from checker.grammar.paths import cache_root

MAIN_CLASS = "org.languagetool.server.HTTPServer"
STATE_FILE = "server.json"
PR_SET_PDEATHSIG = 1
_LIBC: Any = None
if sys.platform.startswith("linux"):
    with contextlib.suppress(OSError):
        _LIBC = ctypes.CDLL(None, use_errno=True)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_answers(url: str, timeout: float = 2.0) -> bool:
    """Whether a LanguageTool server at ``url`` answers ``GET /v2/languages``."""
    probe = urllib.parse.urljoin(url.rstrip("/") + "/", "v2/languages")
    try:
        with urllib.request.urlopen(probe, timeout=timeout) as response:
            return bool(response.status == 200)
    except (OSError, ValueError):
        return False


def warm_up(url: str, language: str, timeout: float) -> None:
    """Send one tiny check so LanguageTool loads the language's rules before real work."""
    data = urllib.parse.urlencode({"language": language, "text": "This is a test."}).encode()
    check = urllib.parse.urljoin(url.rstrip("/") + "/", "v2/check")
    with contextlib.suppress(OSError), urllib.request.urlopen(check, data, timeout=timeout):
        pass


SERVER_PROPERTIES = {
    "cacheSize": "20000",
    "pipelineCaching": "true",
    "maxPipelinePoolSize": "8",
    "maxCheckThreads": str(max(4, os.cpu_count() or 1)),
}
"""The server's own settings (``--config``): a sentence cache (health sites repeat sentences
across articles, and a re-run re-sends changed paragraphs only), pooled analysis pipelines
instead of one built per request, and a check thread per core (at least 4): ``--jobs`` runs
one worker process per core, each with a request in flight at a time for most articles, so
every core can be checking (docs/grammar.md, Speed)."""


def server_properties() -> Path:
    """The properties file passed with ``--config`` (written once to the cache folder)."""
    text = "".join(f"{key}={value}\n" for key, value in SERVER_PROPERTIES.items())
    path = cache_root() / "server.properties"
    with contextlib.suppress(OSError):
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return path


def server_command(java: str, jars: Path, port: int, options: tuple[str, ...] = ()) -> list[str]:
    """The command line of a LanguageTool HTTP server (localhost only: no ``--public``)."""
    config = ["--config", str(server_properties())]
    return [java, *options, "-cp", f"{jars}/*", MAIN_CLASS, *config, "--port", str(port)]


def _die_with_parent(parent_pid: int) -> Callable[[], None]:
    """A ``preexec_fn`` asking the kernel to SIGKILL the child when its parent thread dies."""

    def hook() -> None:
        if _LIBC is not None:
            _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent_pid:
            os._exit(1)

    return hook


def _spawn_in_keeper_thread(cmd: list[str], log: Any) -> subprocess.Popen[bytes]:
    """Start ``cmd`` from a daemon thread that lives as long as the process.

    PR_SET_PDEATHSIG fires when the *thread* that forked the child ends, so the child is forked
    from a thread that only waits for it; the kernel then kills the JVM exactly when this
    process dies.
    """
    box: dict[str, Any] = {}
    ready = threading.Event()

    def keeper() -> None:
        try:
            box["proc"] = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent(os.getpid()),  # noqa: PLW1509
            )
        except OSError as exc:
            box["error"] = exc
        finally:
            ready.set()
        if "proc" in box:
            box["proc"].wait()

    threading.Thread(target=keeper, name="languagetool-keeper", daemon=True).start()
    ready.wait()
    if "error" in box:
        raise GrammarUnavailable(f"cannot run java: {box['error']}")
    proc: subprocess.Popen[bytes] = box["proc"]
    return proc


def _log_tail(path: Path, lines: int = 3) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    interesting = [line for line in text if "Exception" in line or "Error" in line]
    return " | ".join((interesting or text)[-lines:])[:300]


def kill_group(pid: int, gone: Callable[[], bool] | None = None, grace: float = 5.0) -> None:
    """SIGTERM the process group led by ``pid``, then SIGKILL it if it lingers.

    ``gone`` tells whether the process has ended (default: :func:`pid_alive`); an owned child
    passes ``Popen.poll`` so that only its keeper thread reaps it.
    """
    is_gone = gone or (lambda: not pid_alive(pid))
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, sig)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            if is_gone():
                return
            time.sleep(0.05)


def pid_alive(pid: int) -> bool:
    """Whether ``pid`` is a running (non-zombie) process."""
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


class LocalServer:
    """A LanguageTool server process started by this checker on 127.0.0.1."""

    def __init__(self, java: str, jars: Path, version: str, options: tuple[str, ...] = ()) -> None:
        self.java = java
        self.jars = jars
        self.version = version
        self.options = options
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path: Path | None = None
        self.start_seconds = 0.0
        self.ready_seconds = 0.0

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float, language: str = "en-US", detached: bool = False) -> None:
        """Start the server, wait until it answers and warm it up; raise GrammarUnavailable."""
        began = time.monotonic()
        for _attempt in range(3):
            if self._try_start(timeout, detached):
                self.ready_seconds = time.monotonic() - began
                warm_up(self.url, language, timeout)
                self.start_seconds = time.monotonic() - began
                return
        raise GrammarUnavailable("LanguageTool server could not bind a free port")

    def _try_start(self, timeout: float, detached: bool) -> bool:
        self.port = free_port()
        self.log_path = self._new_log(detached)
        cmd = server_command(self.java, self.jars, self.port, self.options)
        with open(self.log_path, "ab") as log:
            self.process = (
                _spawn_detached(cmd, log) if detached else _spawn_in_keeper_thread(cmd, log)
            )
        if not detached:
            _register(self)
        try:
            return self._wait_ready(timeout)
        except GrammarUnavailable:
            self.stop()
            raise

    def _new_log(self, detached: bool) -> Path:
        if detached:
            cache_root().mkdir(parents=True, exist_ok=True)
            return cache_root() / "server.log"
        fd, name = tempfile.mkstemp(prefix="languagetool-", suffix=".log")
        os.close(fd)
        return Path(name)

    def _wait_ready(self, timeout: float) -> bool:
        """True once the server answers, False if the port was taken; raise on other failure."""
        assert self.process is not None and self.log_path is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                tail = _log_tail(self.log_path)
                if "Address already in use" in tail or "BindException" in tail:
                    return False
                raise GrammarUnavailable(
                    f"LanguageTool server exited with code {code} while starting: {tail}"
                )
            if server_answers(self.url, timeout=1.0):
                return True
            time.sleep(0.2)
        raise GrammarUnavailable(f"LanguageTool server did not answer within {timeout:g}s")

    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.process is not None and self.process.poll() is None

    def exit_reason(self) -> str:
        """A short description of how the server ended (for 'unavailable' reasons)."""
        if self.process is None:
            return "LanguageTool server was never started"
        code = self.process.poll()
        if code is None:
            return "LanguageTool server is running"
        how = f"signal {-code}" if code < 0 else f"code {code}"
        return f"LanguageTool server died (exit {how})"

    def stop(self) -> None:
        """Stop the server and its process group; safe to call twice."""
        proc = self.process
        if proc is not None and proc.poll() is None:
            kill_group(proc.pid, lambda: proc.poll() is not None)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)
        _unregister(self)
        if self.log_path is not None and self.log_path.parent != cache_root():
            with contextlib.suppress(OSError):
                self.log_path.unlink()


def _spawn_detached(cmd: list[str], log: Any) -> subprocess.Popen[bytes]:
    try:
        return subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            close_fds=True,
        )
    except OSError as exc:
        raise GrammarUnavailable(f"cannot run java: {exc}") from exc


# --- cleanup of owned servers -------------------------------------------------------------

_OWNED: list[LocalServer] = []
_OWNED_LOCK = threading.Lock()
_HANDLERS_INSTALLED = False


def _register(server: LocalServer) -> None:
    with _OWNED_LOCK:
        _OWNED.append(server)
    _install_handlers()


def _unregister(server: LocalServer) -> None:
    with _OWNED_LOCK:
        if server in _OWNED:
            _OWNED.remove(server)


def stop_owned_servers() -> None:
    """Stop every server this process started for itself (not the warm one)."""
    with _OWNED_LOCK:
        servers = list(_OWNED)
    for server in servers:
        server.stop()


def _install_handlers() -> None:
    """atexit always; SIGTERM/SIGHUP chained to the previous handlers when in the main thread."""
    global _HANDLERS_INSTALLED
    if _HANDLERS_INSTALLED:
        return
    _HANDLERS_INSTALLED = True
    atexit.register(stop_owned_servers)
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _chained_handler(sig, signal.getsignal(sig)))


def _chained_handler(sig: int, previous: Any) -> Callable[[int, Any], None]:
    def handler(signum: int, frame: Any) -> None:
        stop_owned_servers()
        if callable(previous):
            previous(signum, frame)
            return
        if previous == signal.SIG_IGN:
            return
        signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)

    return handler


_SHARED: dict[tuple[str, str], LocalServer] = {}
_START_LOCK = threading.Lock()


def shared_server(
    java: str, jars: Path, version: str, options: tuple[str, ...], timeout: float, language: str
) -> LocalServer:
    """This process's own server for ``java`` and ``jars``: reused while alive, else started.

    Every engine of the process (one per run; tests run many) shares it; it is stopped at exit.
    """
    key = (java, str(jars))
    with _START_LOCK:
        server = _SHARED.get(key)
        if server is not None and server.alive():
            return server
        server = LocalServer(java, jars, version, options)
        server.start(timeout, language)
        _SHARED[key] = server
        return server


# --- the warm server kept between runs -------------------------------------------------------


@dataclass
class WarmState:
    """What the state file records about the warm server."""

    pid: int
    port: int
    version: str
    started: float

    @property
    def url(self) -> str:
        """The warm server's base URL."""
        return f"http://127.0.0.1:{self.port}"


def state_path() -> Path:
    """The warm-server state file."""
    return cache_root() / STATE_FILE


def read_state() -> WarmState | None:
    """The recorded warm server, if the state file exists and parses."""
    try:
        data = json.loads(state_path().read_text(encoding="utf-8"))
        return WarmState(**data)
    except (OSError, ValueError, TypeError):
        return None


def _is_languagetool(pid: int) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return MAIN_CLASS.encode() in cmdline


def live_warm_server() -> WarmState | None:
    """The warm server if it is running and answering, else None."""
    state = read_state()
    if state is None or not _is_languagetool(state.pid) or not pid_alive(state.pid):
        return None
    return state if server_answers(state.url) else None


def start_warm(
    java: str, jars: Path, version: str, options: tuple[str, ...], timeout: float
) -> WarmState:
    """Start a detached warm server (or return the live one) and record it."""
    current = live_warm_server()
    if current is not None:
        return current
    server = LocalServer(java, jars, version, options)
    server.start(timeout, detached=True)
    assert server.process is not None
    state = WarmState(server.process.pid, server.port, version, time.time())
    state_path().write_text(json.dumps(asdict(state)), encoding="utf-8")
    return state


def stop_warm() -> bool:
    """Stop the warm server; True if one was running."""
    state = read_state()
    running = state is not None and _is_languagetool(state.pid) and pid_alive(state.pid)
    if running and state is not None:
        kill_group(state.pid)
    with contextlib.suppress(FileNotFoundError):
        state_path().unlink()
    return running
