"""Turning what readers write (reviews) into safe HTML, on the server.

Two formats (:class:`~mybookconnect.books.models.ReviewFormat`):

- plain text: escaped; blank lines separate paragraphs, single line breaks are kept as ``<br>``;
- Markdown, a small subset: emphasis, strong, links, lists, blockquotes, inline code and code blocks,
  paragraphs. No raw HTML (it is shown as text), no images, no headings or tables.

Whatever the parser makes then goes through nh3 (the Ammonia sanitiser) with an allow-list of those
tags only, so that a parser bug or a future option cannot let a script, an event handler or a
``javascript:`` link through. Links get ``rel="nofollow ugc noopener"``: readers' links are not
endorsed by the site.
"""

from __future__ import annotations

import html
import re

import nh3
from markdown_it import MarkdownIt

from .models import ReviewFormat

ALLOWED_TAGS = frozenset({"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre"})
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

# CommonMark with raw HTML off, less what the subset leaves out. "image" off turns ``![alt](url)``
# into a "!" and a link: nothing is loaded from elsewhere.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    ["image", "heading", "lheading", "hr", "html_block", "html_inline"]
)

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def sanitize(fragment: str) -> str:
    """``fragment`` with every tag, attribute and URL scheme outside the allowed subset removed."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()


def render_plain(text: str) -> str:
    """Plain text as HTML: escaped, paragraphs on blank lines, line breaks kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    paragraphs = (part.strip("\n") for part in _PARAGRAPH_BREAK.split(text))
    return "\n".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in part.split("\n")) + "</p>"
        for part in paragraphs
        if part.strip()
    )


def render_markdown(text: str) -> str:
    """The safe Markdown subset as sanitised HTML."""
    if not text.strip():
        return ""
    return sanitize(_markdown.render(text))


def render(text: str, body_format: str) -> str:
    """``text`` in ``body_format`` (``"plain"`` or ``"markdown"``) as safe HTML."""
    if body_format == ReviewFormat.MARKDOWN:
        return render_markdown(text)
    return render_plain(text)
