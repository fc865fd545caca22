"""The brief as HTML: Jinja2 templates with autoescape, so every value from the record
reaches the page as text (in HTML and in SVG alike), never as markup.

Jinja2 is imported here only, and this module only by `posdiff brief`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from posdiff.render.inert import inert_page
from posdiff.reports.brief import page
from posdiff.reports.brief.page import Brief
from posdiff.words import count

_STYLE_WORDS = {"bold", "dim", "red", "green", "yellow"}  # the views' cell styles
_UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\`]")


def http_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) address that can stand in an attribute as
    it is; anything else (javascript:, data:, relative, spaces) never becomes a link."""
    if not url or _UNSAFE_IN_URL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def style_classes(style: str) -> str:
    """The CSS classes of a view's cell style ("bold red" -> "s-bold s-red")."""
    return " ".join(f"s-{word}" for word in style.split() if word in _STYLE_WORDS)


def anchor(text: str) -> str:
    """A fragment id from a record id: ids are checked by the loader, and this keeps one
    safe to link to whatever they become."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("posdiff.render", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, finalize=inert_page)
    env.filters.update(http_url=http_url, style_classes=style_classes, anchor=anchor,
                       count=count)
    return env


def render_brief(brief: Brief) -> str:
    # The budgets are read now, not at import, so that the page states the ones applied.
    return _environment().get_template("brief.html").render(
        brief=brief, max_pairs=page.MAX_PAIRS, max_quotes=page.MAX_QUOTES,
        max_lines=page.MAX_LINES, max_marks=page.MAX_MARKS)
