"""Placeholder covers: the title and author on a coloured card, as SVG, for books without a cover.

The colour comes from a hash of the title, so a book keeps its colour and neighbouring books differ.
The API serves the card at ``books/{id}/cover.svg``; :func:`placeholder_cover_url` gives that address.
"""

from __future__ import annotations

import colorsys
import hashlib
import textwrap
from html import escape
from typing import TYPE_CHECKING

from django.urls import reverse

if TYPE_CHECKING:
    from django.http import HttpRequest

    from mybookconnect.books.models import Book

WIDTH, HEIGHT = 400, 600
TITLE_SIZE, TITLE_LINE_CHARS, TITLE_MAX_LINES = 34, 18, 7
AUTHOR_SIZE, AUTHOR_LINE_CHARS, AUTHOR_MAX_LINES = 22, 28, 2


def cover_colours(title: str) -> tuple[str, str]:
    """The card's background and text colours for a title (a dark, fairly saturated tone; light text)."""
    digest = hashlib.sha256(title.strip().casefold().encode()).digest()
    hue = digest[0] / 255
    saturation = 0.45 + digest[1] / 255 * 0.25
    lightness = 0.28 + digest[2] / 255 * 0.12
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    background = f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"
    return background, "#fdfcf7"


def _lines(text: str, width: int, max_lines: int) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width=width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def placeholder_cover_svg(title: str, author: str = "") -> str:
    """An SVG card showing ``title`` (wrapped) and ``author``; both are escaped, so any text is safe."""
    background, ink = cover_colours(title)
    title_lines = _lines(title, TITLE_LINE_CHARS, TITLE_MAX_LINES)
    author_lines = _lines(author, AUTHOR_LINE_CHARS, AUTHOR_MAX_LINES) if author.strip() else []
    title_height = len(title_lines) * TITLE_SIZE * 1.2
    title_top = max(90, (HEIGHT * 0.42) - title_height / 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(_label(title, author))}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{background}"/>',
        f'<rect x="20" y="20" width="{WIDTH - 40}" height="{HEIGHT - 40}" fill="none" '
        f'stroke="{ink}" stroke-opacity="0.35" stroke-width="2"/>',
        f'<g fill="{ink}" font-family="Georgia, \'Times New Roman\', serif" text-anchor="middle">',
    ]
    for index, line in enumerate(title_lines):
        y = title_top + (index + 1) * TITLE_SIZE * 1.2
        attributes = f'x="{WIDTH // 2}" y="{y:.0f}" font-size="{TITLE_SIZE}" font-weight="bold"'
        parts.append(f"<text {attributes}>{escape(line)}</text>")
    for index, line in enumerate(author_lines):
        y = HEIGHT - 70 - (len(author_lines) - 1 - index) * AUTHOR_SIZE * 1.3
        parts.append(f'<text x="{WIDTH // 2}" y="{y:.0f}" font-size="{AUTHOR_SIZE}">{escape(line)}</text>')
    parts.append("</g></svg>")
    return "\n".join(parts) + "\n"


def _label(title: str, author: str) -> str:
    return f"{title} — {author}" if author.strip() else title


def book_cover_author(book: Book) -> str:
    """The name shown on a book's placeholder: its first author (of role "author" if it has one)."""
    links = sorted(book.book_authors.all(), key=lambda link: (link.role != "author", link.position, link.pk))
    return links[0].author.name if links else ""


def placeholder_cover_url(book: Book, request: HttpRequest | None = None) -> str:
    """The address of ``book``'s placeholder cover; absolute when ``request`` is given.

    Serializers use it as the cover of a book that has neither an uploaded cover nor a ``cover_url``.
    """
    path = reverse("mybookconnect_books:book-cover-placeholder", kwargs={"pk": book.pk})
    return request.build_absolute_uri(path) if request is not None else path
