"""Jinja2 rendering of generated Markdown pages.

Autoescaping is on: every text from YAML is HTML-escaped on its way into Markdown, so
content cannot inject markup (``<script>``, ``onerror=``) into the site. Markdown built
by code (links, tables) is marked safe with :func:`markupsafe.Markup` by the filters.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from kb.site.pages.common import lovpalagt_tekst
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"


def escape_md(text: object) -> Markup:
    """Escape text for Markdown: HTML-escaped, and characters that start Markdown markup
    inside a line (``*``, ``_``, `````, ``[``, ``]``) backslash-escaped. Newlines become spaces."""
    s = str(escape(" ".join(str(text).split())))
    for ch in ("\\", "*", "_", "`", "[", "]"):
        s = s.replace(ch, "\\" + ch)
    return Markup(s)


def cell(text: object) -> Markup:
    """Escape text for a Markdown table cell (pipes escaped too)."""
    return Markup(str(escape_md(text)).replace("|", "\\|"))


def frontmatter(text: object) -> Markup:
    """A front-matter string value: HTML-escaped (MkDocs and the theme put page titles and
    tags into the HTML as they are) and then quoted as a YAML/JSON string."""
    import json
    return Markup(json.dumps(str(escape(" ".join(str(text).split()))), ensure_ascii=False))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The shared Jinja2 environment (autoescape on, strict undefined variables)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = escape_md
    env.filters["cell"] = cell
    env.filters["lovpalagt"] = lovpalagt_tekst
    env.filters["frontmatter"] = frontmatter
    return env


def render_template(name: str, **context) -> str:
    """Render ``kb/site/templates/<name>`` with ``context``."""
    return environment().get_template(name).render(**context)
