"""Download the pinned LanguageTool jars from Maven Central and verify their SHA-256.

The list (checker/data/languagetool/artifacts.txt) names each runtime jar by its Maven
coordinates with its size and checksum. A jar already in the folder with the right checksum
is kept; a missing or damaged one is downloaded (over HTTPS, from Maven Central's repository
layout, or the mirror in ``$CHECKER_MAVEN_REPOSITORY``) to a temporary file, checked, then
moved into place, so an interrupted download never leaves a bad jar behind.
"""

from __future__ import annotations

import hashlib
import os
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from checker.errors import EngineError
from checker.grammar.paths import artifacts_text, pinned_version

MAVEN_CENTRAL = "https://repo1.maven.org/maven2"
REPOSITORY_ENV = "CHECKER_MAVEN_REPOSITORY"
STAMP = ".complete"
CHUNK = 1 << 16
WORKERS = 4
TIMEOUT = 60.0


@dataclass(frozen=True)
class Artifact:
    """One jar: Maven coordinates, size in bytes and SHA-256."""

    group: str
    artifact: str
    version: str
    classifier: str
    size: int
    sha256: str

    @property
    def filename(self) -> str:
        """The jar's name, as Maven's copy-dependencies writes it."""
        suffix = f"-{self.classifier}" if self.classifier else ""
        return f"{self.artifact}-{self.version}{suffix}.jar"

    def url(self, repository: str) -> str:
        """Where the jar is in a Maven repository."""
        group = self.group.replace(".", "/")
        return f"{repository.rstrip('/')}/{group}/{self.artifact}/{self.version}/{self.filename}"


def artifacts(text: str | None = None) -> list[Artifact]:
    """Parse the shipped artifact list."""
    out = []
    for raw in (artifacts_text() if text is None else text).splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "version ")):
            continue
        coords, size, sha = line.split()
        group, artifact, version, *classifier = coords.split(":")
        out.append(Artifact(group, artifact, version, "".join(classifier), int(size), sha))
    return out


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def is_valid(path: Path, item: Artifact) -> bool:
    """Whether ``path`` is ``item`` (size, then checksum)."""
    return path.is_file() and path.stat().st_size == item.size and sha256_of(path) == item.sha256


def download(item: Artifact, dest: Path, repository: str) -> None:
    """Download one jar into ``dest``, verified, atomically."""
    url = item.url(repository)
    partial = dest / f".{item.filename}.part"
    digest = hashlib.sha256()
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response, partial.open("wb") as out:
            while chunk := response.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
    except (urllib.error.URLError, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise EngineError(f"cannot download {url}: {exc}") from exc
    if digest.hexdigest() != item.sha256:
        partial.unlink(missing_ok=True)
        raise EngineError(
            f"{url}: SHA-256 {digest.hexdigest()} does not match the pinned {item.sha256}"
        )
    os.replace(partial, dest / item.filename)


@dataclass
class FetchResult:
    """What a fetch did."""

    dest: Path
    kept: int
    downloaded: int
    bytes_downloaded: int


def fetch(
    dest: Path,
    items: list[Artifact] | None = None,
    *,
    repository: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> FetchResult:
    """Make ``dest`` hold every listed jar, verified; ``progress(done, total, name)`` per jar."""
    items = artifacts() if items is None else items
    repository = repository or os.environ.get(REPOSITORY_ENV) or MAVEN_CENTRAL
    dest.mkdir(parents=True, exist_ok=True)
    (dest / STAMP).unlink(missing_ok=True)
    missing = [item for item in items if not is_valid(dest / item.filename, item)]
    done = len(items) - len(missing)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = {pool.submit(download, item, dest, repository): item for item in missing}
        for future in as_completed(futures):
            if future.exception() is not None:
                pool.shutdown(cancel_futures=True)
                raise future.exception()  # type: ignore[misc]
            done += 1
            if progress is not None:
                progress(done, len(items), futures[future].filename)
    (dest / STAMP).write_text(f"version={pinned_version()}\njars={len(items)}\n", "utf-8")
    return FetchResult(dest, len(items) - len(missing), len(missing), sum(i.size for i in missing))
