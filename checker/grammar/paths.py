"""Where the pinned LanguageTool lives on disk: version, jar folder, cache folder, java.

The pinned version and its jars are listed in checker/data/languagetool/artifacts.txt
(package data, written from tools/languagetool/pom.xml by tools/languagetool/lock.sh).
`checker setup` downloads them into the cache folder: the checkout's .cache/languagetool, or
the user's cache folder (``$XDG_CACHE_HOME/checker/languagetool``, ``~/.cache/...``) for an
installed package; ``$CHECKER_LANGUAGETOOL_HOME`` overrides both.
"""

from __future__ import annotations

import os
import shutil
import sys
from importlib import resources
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
POM = PROJECT_ROOT / "tools" / "languagetool" / "pom.xml"
HOME_ENV = "CHECKER_LANGUAGETOOL_HOME"
FALLBACK_VERSION = "6.8"
SETUP_HINT = "run: checker setup"


def artifacts_text() -> str:
    """The shipped artifact list (``version X`` line, then ``coordinates size sha256`` lines)."""
    return resources.files("checker").joinpath("data/languagetool/artifacts.txt").read_text("utf-8")


def pinned_version() -> str:
    """The LanguageTool version the shipped artifact list pins."""
    for line in artifacts_text().splitlines():
        if line.startswith("version "):
            return line.split()[1]
    return FALLBACK_VERSION


def user_cache_dir() -> Path:
    """The user's cache folder for checker (XDG on Linux, ~/Library/Caches on macOS)."""
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "checker"
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    return (Path(base) if base else Path.home() / ".cache") / "checker"


def cache_root() -> Path:
    """The folder holding jars, the paragraph cache and the warm-server state file."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override)
    if POM.is_file():  # a source checkout
        return PROJECT_ROOT / ".cache" / "languagetool"
    return user_cache_dir() / "languagetool"


def jar_dir(version: str | None = None) -> Path:
    """The folder `checker setup` fills with the jars of ``version``."""
    return cache_root() / (version or pinned_version())


def find_java(java: str | None = None) -> str | None:
    """The java executable to use: an explicit path, $JAVA_HOME/bin/java, or java on PATH."""
    if java:
        return java if Path(java).is_file() else shutil.which(java)
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    return shutil.which("java")


def missing_install_reason(jars: Path, java: str | None) -> str | None:
    """Why LanguageTool cannot be started from ``jars`` with ``java``, or None if it can."""
    if java is None:
        return "java not found"
    if not any(jars.glob("languagetool-server-*.jar")):
        return f"LanguageTool jars not found in {jars} ({SETUP_HINT})"
    return None
