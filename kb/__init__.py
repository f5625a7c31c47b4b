"""Kunnskapsbase for tildeling av kommunale helse- og omsorgstjenester.

The content (YAML under ``kb/data``) is the single source of truth; this package loads
and checks it, evaluates cases against the criteria and renders the site's pages.
"""

__version__ = "0.1.0"
