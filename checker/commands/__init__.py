"""CLI subcommands: each module defines a click command named ``command``."""
