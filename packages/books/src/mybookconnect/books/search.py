"""Searching the catalog from one box: an ISBN, or words of titles, subtitles, authors and series.

On PostgreSQL (see :mod:`mybookconnect.books.search_sql` for the objects behind it):

1. An ISBN in any form (10 or 13 digits, hyphens or not) goes straight to its edition's book.
2. Otherwise the text is cut into words, unaccented and lower-cased (``mbc_books_unaccent``). One query
   against the table of distinct catalog words checks each word; an unknown word of three letters or
   more is replaced by the most similar known word (pg_trgm), so "Follet" becomes "follett". The last
   word is a prefix (as-you-type), checked as such.
3. The words, ANDed, match the weighted ``search_vector`` (GIN index). Ranking is bounded: the
   ``BOOKS_SEARCH_MAX_RESULTS`` most-read matches (by the indexed ``readers_count``) are the candidates,
   and only they are ranked with ``ts_rank`` (title A > subtitle and authors B > series C).

On other databases (SQLite) search degrades to a contains-match: every word must appear, ignoring
ASCII case, in the title, subtitle, an author's name or a series name; a title match ranks first.
No accent folding, no typo tolerance there.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.db.models import Case, Exists, FloatField, OuterRef, Q, Value, When
from django.db.models.expressions import RawSQL

from mybookconnect.books.conf import books_settings
from mybookconnect.books.isbn import looks_like_isbn, normalize_isbn
from mybookconnect.books.search_sql import BOOK, WORDS

# Weights of ts_rank, in the order {D, C, B, A}: series words count for a fifth of title words.
RANK_WEIGHTS = "{0.05, 0.2, 0.5, 1.0}"
_WORD = re.compile(r"[^\W_]+")


def query_words(query: str) -> list[str]:
    """The words of a query, as PostgreSQL's ``simple`` parser would cut them (letters and digits)."""
    return _WORD.findall(query)[: books_settings.BOOKS_SEARCH_MAX_WORDS]


def isbn_of(query: str) -> str | None:
    """The normalised ISBN-13 if the whole query is a valid ISBN, else ``None``."""
    if not looks_like_isbn(query):
        return None
    try:
        return normalize_isbn(query)
    except ValueError:
        return None


def search_books(queryset: Any, query: str | None) -> Any:
    """``queryset`` narrowed to the books matching ``query``, annotated with ``search_rank``.

    Order by ``-search_rank`` for relevance (``BookQuerySet.in_order("relevance")`` does). A blank query
    returns ``queryset`` unchanged.
    """
    query = (query or "").strip()[: books_settings.BOOKS_SEARCH_MAX_LENGTH]
    if not query:
        return queryset
    isbn = isbn_of(query)
    if isbn is not None:
        from mybookconnect.books.models import Edition

        return queryset.filter(Exists(Edition.objects.filter(book=OuterRef("pk"), isbn_13=isbn))).annotate(
            search_rank=Value(1.0, output_field=FloatField())
        )
    words = query_words(query)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, words, prefix=not query[-1].isspace())
    return _search_contains(queryset, words, query)


def corrected_tsquery(words: list[str], prefix: bool = True) -> str:
    """A ``to_tsquery`` string for ``words``, each unaccented and, if unknown, typo-corrected.

    One query against the words table, whatever the number of words.
    """
    sql = f"""
        WITH q AS (
          SELECT u.ord, mbc_books_unaccent(lower(u.w)) AS w, u.ord = %s AND %s AS is_prefix
            FROM unnest(%s::text[]) WITH ORDINALITY AS u(w, ord)
        ), k AS (
          SELECT q.*, CASE WHEN q.is_prefix
                        THEN EXISTS (SELECT 1 FROM {WORDS} WHERE word LIKE q.w || '%%')
                        ELSE EXISTS (SELECT 1 FROM {WORDS} WHERE word = q.w) END AS known
            FROM q
        )
        SELECT k.w, k.is_prefix, k.known, c.word
          FROM k LEFT JOIN LATERAL (
            SELECT word FROM {WORDS}
             WHERE NOT k.known AND length(k.w) >= 3 AND word %% k.w
               AND similarity(word, k.w) >= %s
             ORDER BY similarity(word, k.w) DESC, word
             LIMIT 1
          ) c ON true
         ORDER BY k.ord
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [len(words), prefix, words, books_settings.BOOKS_SEARCH_TYPO_SIMILARITY])
        rows = cursor.fetchall()
    terms = []
    for word, is_prefix, known, correction in rows:
        lexeme = correction if (not known and correction) else word
        # Words are letters and digits only (query_words), so quoting them is enough.
        for part in _WORD.findall(lexeme):
            terms.append(f"'{part}'" + (":*" if is_prefix else ""))
    return " & ".join(terms)


def _search_postgresql(queryset: Any, words: list[str], prefix: bool) -> Any:
    tsquery = corrected_tsquery(words, prefix=prefix)
    if not tsquery:
        return queryset.none()
    candidates = RawSQL(
        f"SELECT id FROM {BOOK} WHERE search_vector @@ to_tsquery('simple', %s) "
        f"ORDER BY readers_count DESC, id LIMIT %s",
        [tsquery, books_settings.BOOKS_SEARCH_MAX_RESULTS],
    )
    rank = RawSQL(
        f"ts_rank(%s::float4[], {BOOK}.search_vector, to_tsquery('simple', %s))",
        [RANK_WEIGHTS, tsquery],
        output_field=FloatField(),
    )
    return queryset.filter(pk__in=candidates).annotate(search_rank=rank)


def _search_contains(queryset: Any, words: list[str], query: str) -> Any:
    from mybookconnect.books.models import BookAuthor, BookSeries

    def author_matches(text: str) -> Exists:
        return Exists(BookAuthor.objects.filter(book=OuterRef("pk"), author__name__icontains=text))

    def series_matches(text: str) -> Exists:
        return Exists(BookSeries.objects.filter(book=OuterRef("pk"), series__name__icontains=text))

    for word in words:
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(subtitle__icontains=word)
            | author_matches(word)
            | series_matches(word)
        )
    phrase = " ".join(words)
    rank = Case(
        When(title__icontains=phrase, then=Value(1.0)),
        When(author_matches(phrase), then=Value(0.5)),
        When(series_matches(phrase), then=Value(0.2)),
        default=Value(0.1),
        output_field=FloatField(),
    )
    return queryset.annotate(search_rank=rank)
