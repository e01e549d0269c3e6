"""The HTML report in a real headless Chromium (Debian's ``chromium``, driven over DevTools).

Loads a report of the seed article and a hostile article, then checks: no console errors,
exceptions or CSP violations; nothing from the article executes; highlights sit on the right
text; the filters hide and restore findings; focus shows the message. A screenshot is saved
to tests/artifacts/html-report.png.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED_MD

from checker.config import Config
from checker.engine import RunResult, run
from checker.report import ReportOptions
from checker.report.html import render

websocket = pytest.importorskip("websocket", reason="websocket-client is not installed")

ARTIFACTS = ROOT / "tests" / "artifacts"
HOSTILE = (
    "# Title <script>window.__pwned = 1; document.title = 'PWNED'</script>\n\n"
    'Text <img src=x onerror="window.__pwned=2"> and [a link](javascript:window.__pwned=3)\n'
    'and <a href="javascript:window.__pwned=4" onclick="window.__pwned=4">this</a> </style>\n'
    "</textarea> <!-- comment --> the the end.\n\n"
    '- Item <b onmouseover="window.__pwned=5" onfocus="window.__pwned=6">bold</b>\n'
    '- Item <b onmouseover="window.__pwned=5" onfocus="window.__pwned=6">bold</b>\n'
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--remote-debugging-port=0",
    "--window-size=1280,1800",
]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    print("SKIP: chromium is not installed (Debian package `chromium`, see tools/)")
    pytest.skip("chromium is not installed (Debian package `chromium`)")


class DevTools:
    """A minimal Chrome DevTools Protocol client over one websocket (flattened sessions)."""

    def __init__(self, url: str) -> None:
        self.ws = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None
        self.result: RunResult | None = None

    def send(self, method: str, params: dict | None = None, *, browser: bool = False) -> dict:
        """Call a method and wait for its result (events seen meanwhile are kept)."""
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if self.session and not browser:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict:
        """Wait for an event."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self.events:
                if event.get("method") == method:
                    return event
            self.events.append(json.loads(self.ws.recv()))
        raise TimeoutError(method)

    def js(self, expression: str) -> Any:
        """Evaluate JavaScript in the page and return its value."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions, and error log entries."""
        out = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                out.append(json.dumps(params["exceptionDetails"])[:300])
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning"):
                out.append(json.dumps(params["args"])[:300])
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                out.append(params["entry"]["text"])
        return out


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory):
    """The report loaded in headless Chromium."""
    binary = _chromium()
    folder = tmp_path_factory.mktemp("browser")
    hostile = folder / "hostile.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    result = run([str(SEED_MD), str(hostile)], Config(select=["DUP", "SPL"]))
    report = folder / "report.html"
    report.write_text(render(result, ReportOptions()), encoding="utf-8")
    profile = folder / "profile"
    log = (folder / "chromium.log").open("w")
    proc = subprocess.Popen(
        [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        tools = DevTools(_browser_url(profile, proc))
        tools.result = result
        target = tools.send("Target.createTarget", {"url": "about:blank"}, browser=True)
        attached = tools.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}
        )
        tools.session = attached["sessionId"]
        for domain in ("Runtime", "Log", "Page"):
            tools.send(f"{domain}.enable")
        tools.send("Page.navigate", {"url": report.as_uri()})
        tools.wait_for("Page.loadEventFired")
        yield tools
        tools.ws.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _browser_url(profile: Path, proc: subprocess.Popen) -> str:
    """The browser's DevTools websocket, from the DevToolsActivePort file Chromium writes."""
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chromium exited with {proc.returncode}")
        if port_file.exists():
            lines = port_file.read_text().split()
            if len(lines) >= 2:
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
        time.sleep(0.1)
    raise TimeoutError("chromium did not open its DevTools port")


def _mark_text(fid: str) -> str:
    return f"""Array.from(document.querySelectorAll('mark.f[data-f~="{fid}"]'))
        .map(m => m.textContent).join('')"""


def _finding_id(page: DevTools, rule: str, article: int) -> str:
    return page.js(
        f"""Array.from(document.querySelectorAll('#a{article} li.fi'))
        .find(li => li.querySelector('.rule').textContent === '{rule}').id"""
    )


def test_loads_without_errors_and_runs_nothing_from_articles(page: DevTools) -> None:
    assert page.js("document.title") == "checker review report"
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.js("document.scripts.length") == 1
    assert page.js("document.querySelectorAll('img, iframe, b, textarea').length") == 0
    on_attrs = """Array.from(document.querySelectorAll('*')).filter(e =>
        Array.from(e.attributes).some(a => a.name.startsWith('on'))).length"""
    assert page.js(on_attrs) == 0
    assert page.js("document.querySelectorAll('a[href^=\"javascript\" i]').length") == 0
    # Hovering and focusing every highlight runs no article code either.
    page.js(
        """document.querySelectorAll('mark.f').forEach(m => {
            m.dispatchEvent(new MouseEvent('mouseenter')); m.focus(); m.blur(); });"""
    )
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.problems() == []


def test_highlights_sit_on_the_right_text(page: DevTools) -> None:
    dup = _finding_id(page, "DUP001", 0)
    assert page.js(_mark_text(dup)) == "Increase in blood pressure"
    line = page.js(
        f"""document.querySelector('mark.f[data-f~="{dup}"]')
        .closest('.ln').querySelector('.no').textContent"""
    )
    assert line == "52"
    colour = page.js(
        f"""getComputedStyle(document.querySelector('mark.f[data-f~="{dup}"]')).backgroundColor"""
    )
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    hostile_dup = _finding_id(page, "DUP001", 1)
    excerpt = next(f.excerpt for f in page.result.files[1].findings if f.rule == "DUP001")
    assert excerpt.startswith('Item <b onmouseover="window.__pwned=5"')
    assert page.js(_mark_text(hostile_dup)) == excerpt
    repeated = _finding_id(page, "DUP004", 1)
    assert page.js(_mark_text(repeated)) == "the the"


def test_filters_hide_and_restore_findings(page: DevTools) -> None:
    dup = _finding_id(page, "DUP001", 0)
    mark = f"""document.querySelector('mark.f[data-f~="{dup}"]')"""
    total = "document.querySelector('#a0 h2 .total').textContent"
    before = int(page.js(total))
    page.js("document.querySelector('input[data-filter=category][value=duplicate]').click()")
    assert page.js(f"document.getElementById('{dup}').hidden") is True
    assert page.js(f"{mark}.classList.contains('off')") is True
    assert page.js(f"getComputedStyle({mark}).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert int(page.js(total)) < before
    page.js("document.querySelector('input[data-filter=category][value=duplicate]').click()")
    assert page.js(f"document.getElementById('{dup}').hidden") is False
    assert int(page.js(total)) == before
    page.js("document.querySelector('input[data-filter=severity][value=error]').click()")
    hidden_levels = page.js(
        "Array.from(document.querySelectorAll('li.fi')).filter(li => li.hidden)"
        ".map(li => li.dataset.sev)"
    )
    assert hidden_levels and set(hidden_levels) == {"error"}
    page.js("document.querySelector('input[data-filter=severity][value=error]').click()")
    assert page.js("document.querySelectorAll('li.fi[hidden]').length") == 0
    assert page.problems() == []


def test_focus_shows_message_and_screenshot_is_saved(page: DevTools) -> None:
    dup = _finding_id(page, "DUP001", 0)
    page.js(f"""document.querySelector('mark.f[data-f~="{dup}"]').focus()""")
    assert page.js("document.getElementById('tip').hidden") is False
    assert "duplicate list item" in page.js("document.getElementById('tip').textContent")
    page.js(f"document.getElementById('{dup}').click()")
    assert page.js("document.activeElement.dataset.f.split(' ')").count(dup) == 1
    shot = page.send("Page.captureScreenshot", {"format": "png"})
    data = base64.b64decode(shot["data"])
    assert data.startswith(b"\x89PNG") and len(data) > 10_000
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "html-report.png").write_bytes(data)
    assert page.problems() == []
