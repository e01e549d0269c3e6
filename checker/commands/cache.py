"""``checker cache clean|info``: the result cache in the user cache folder."""

from __future__ import annotations

import click

from checker.cache import RESULTS, cache_home, clean, entries


@click.group("cache")
def command() -> None:
    """Manage the result cache (unchanged articles are not checked again)."""


@command.command("clean")
def clean_command() -> None:
    """Delete every cached result."""
    count, size = clean()
    click.echo(f"removed {count} cached result(s), {size / 1e6:.1f} MB, from {_folder()}")


@command.command("info")
def info_command() -> None:
    """Where the cache is and how big it is."""
    count, size = entries()
    click.echo(f"{_folder()}: {count} cached result(s), {size / 1e6:.1f} MB")


def _folder() -> str:
    return str(cache_home() / RESULTS)
