"""The ``kb`` command line."""

from kb.cli.main import main

__all__ = ["main"]
