"""``python -m kb.cli``: the ``kb`` command."""

from kb.cli.main import run

run()
