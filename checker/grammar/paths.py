"""Where the pinned LanguageTool lives on disk: version, jar folder, cache folder, java."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
POM = PROJECT_ROOT / "tools" / "languagetool" / "pom.xml"
HOME_ENV = "CHECKER_LANGUAGETOOL_HOME"
FALLBACK_VERSION = "6.8"


def pinned_version() -> str:
    """The LanguageTool version pinned in tools/languagetool/pom.xml."""
    try:
        pom = POM.read_text(encoding="utf-8")
    except OSError:
        return FALLBACK_VERSION
    found = re.search(r"<languagetool\.version>([^<]+)</languagetool\.version>", pom)
    return found.group(1).strip() if found else FALLBACK_VERSION


def cache_root() -> Path:
    """The folder holding jars, the paragraph cache and the warm-server state file."""
    override = os.environ.get(HOME_ENV)
    return Path(override) if override else PROJECT_ROOT / ".cache" / "languagetool"


def jar_dir(version: str | None = None) -> Path:
    """The folder the fetch script fills with the jars of ``version``."""
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
        return f"LanguageTool jars not found in {jars} (run: bash tools/languagetool/fetch.sh)"
    return None
