"""``checker setup``: fetch and verify the pinned LanguageTool jars for grammar checking."""

from __future__ import annotations

from pathlib import Path

import click

from checker.grammar.fetch import fetch
from checker.grammar.paths import find_java, jar_dir, pinned_version
from checker.progress import ProgressBar


@click.command("setup")
@click.option(
    "--dest",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the jars (default: the cache folder checker reads them from).",
)
def command(dest: Path | None) -> None:
    """Download the pinned LanguageTool jars from Maven Central and verify their checksums.

    Jars already present with the right SHA-256 are kept, so a second run downloads nothing.
    """
    dest = dest or jar_dir()
    version = pinned_version()
    click.echo(f"languagetool {version}: checking jars in {dest}", err=True)
    bar = ProgressBar()
    try:
        result = fetch(dest, progress=bar)
    finally:
        bar.close()
    size = f", {result.bytes_downloaded / 1e6:.0f} MB" if result.downloaded else ""
    click.echo(
        f"languagetool {version}: {result.kept + result.downloaded} jars verified in {dest} "
        f"({result.downloaded} downloaded{size}, {result.kept} already present)"
    )
    if find_java() is None:
        click.echo(
            "checker: note: java not found; grammar checks need a Java 17+ runtime "
            "(e.g. apt-get install default-jre-headless)",
            err=True,
        )
