"""Searching the catalog from one box: an ISBN, or words of titles, subtitles, authors and series.

On PostgreSQL (see :mod:`mybookconnect.books.search_sql` for the objects behind it):

1. An ISBN in any form (10 or 13 digits, hyphens or not) goes straight to its edition's book.
2. Otherwise the text is cut into words, unaccented and lower-cased (``mbc_books_unaccent``). One query
   against the table of distinct catalog words checks each word; an unknown word of three letters or
   more is replaced by the most similar known word (pg_trgm, a second query, only then), so "Follet"
   becomes "follett". The last word is a prefix (as-you-type), checked as such.
3. The words, ANDed, match the weighted ``search_vector`` (GIN index). Ranking is bounded: the
   ``BOOKS_SEARCH_MAX_RESULTS`` most-read matches (by the indexed ``readers_count``) are the candidates,
   fetched once as a list of ids, and only they are ranked with ``ts_rank`` (title A > subtitle and
   authors B > series C). No candidate: an empty queryset, no further query (not even a count).

On other databases (SQLite) search degrades to a contains-match: every word must appear, ignoring
ASCII case, in the title, subtitle, an author's name or a series name; a title match ranks first.
No accent folding, no typo tolerance there.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import connection, transaction
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
    typed = (query or "")[: books_settings.BOOKS_SEARCH_MAX_LENGTH]
    query = typed.strip()
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
        # A space after the last word says it is whole: no prefix match ("dune " is not "dunes").
        return _search_postgresql(queryset, words, prefix=not typed[-1].isspace())
    return _search_contains(queryset, words, query)


def corrected_tsquery(words: list[str], prefix: bool = True) -> str:
    """A ``to_tsquery`` string for ``words``, each unaccented and, if unknown, typo-corrected.

    One query checks every word against the words table (indexes: equality, and the trigram index for
    a prefix); only when a word of three letters or more is unknown does a second one look for the
    most similar known words.
    """
    sql = f"""
        SELECT q.w, q.is_prefix,
               CASE WHEN q.is_prefix
                    THEN EXISTS (SELECT 1 FROM {WORDS} WHERE word LIKE q.w || '%%')
                    ELSE EXISTS (SELECT 1 FROM {WORDS} WHERE word = q.w) END
          FROM (SELECT mbc_books_unaccent(lower(u.w)) AS w, u.ord = %s AND %s AS is_prefix, u.ord
                  FROM unnest(%s::text[]) WITH ORDINALITY AS u(w, ord)) q
         ORDER BY q.ord
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [len(words), prefix, words])
        rows = cursor.fetchall()
    unknown = [word for word, _, known in rows if not known and len(word) >= 3]
    corrections = _typo_corrections(unknown) if unknown else {}
    terms = []
    for word, is_prefix, known in rows:
        lexeme = word if known else corrections.get(word, word)
        # Words are letters and digits only (query_words), so quoting them is enough.
        for part in _WORD.findall(lexeme):
            terms.append(f"'{part}'" + (":*" if is_prefix else ""))
    return " & ".join(terms)


def _typo_corrections(words: list[str]) -> dict[str, str]:
    """The most similar known word of each of ``words`` that has one (pg_trgm), in one query.

    The ``%`` operator (what the trigram index answers) compares with ``pg_trgm.similarity_threshold``,
    set for this transaction only to ``BOOKS_SEARCH_TYPO_SIMILARITY``. Candidates differ in length by
    at most two letters: a typo drops, adds or swaps a letter or two, and the bound keeps a short word
    from matching every longer word that contains its trigrams.
    """
    sql = f"""
        SELECT q.w, c.word
          FROM unnest(%s::text[]) AS q(w)
          JOIN LATERAL (
            SELECT word FROM {WORDS}
             WHERE word %% q.w AND abs(length(word) - length(q.w)) <= 2
             ORDER BY similarity(word, q.w) DESC, word
             LIMIT 1
          ) c ON true
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
            [str(books_settings.BOOKS_SEARCH_TYPO_SIMILARITY)],
        )
        cursor.execute(sql, [words])
        return dict(cursor.fetchall())


def ranked_matches(tsquery: str) -> list[int]:
    """Ids of the ``BOOKS_SEARCH_MAX_RESULTS`` most-read books matching ``tsquery``, best match first.

    PostgreSQL picks the way to the candidates: for a common word, the ``readers_count`` index read in
    order until enough books match; for a rarer one, the GIN index, then a top-N sort of its matches.
    Only the candidates kept are ranked (``ts_rank``, then most read, title, id: the API's relevance
    order), from the rows already read.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT c.id
              FROM (SELECT id, search_vector, readers_count, title FROM {BOOK}
                     WHERE search_vector @@ to_tsquery('simple', %s)
                     ORDER BY readers_count DESC, id LIMIT %s) c
             ORDER BY ts_rank(%s::float4[], c.search_vector, to_tsquery('simple', %s)) DESC,
                      c.readers_count DESC, c.title, c.id
            """,
            [tsquery, books_settings.BOOKS_SEARCH_MAX_RESULTS, RANK_WEIGHTS, tsquery],
        )
        return [row[0] for row in cursor.fetchall()]


class BooksInOrder:
    """Books given by ids in order, read a slice at a time: what a paginator needs from search results.

    ``len()`` costs nothing and a page costs one query (plus the prefetches of ``queryset``), where an
    ordered queryset of the candidates would read and sort them all for every page.
    """

    def __init__(self, ids: list[int], queryset: Any) -> None:
        self.ids = ids
        self.queryset = queryset

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: int | slice) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        ids = self.ids[index]
        found = {book.pk: book for book in self.queryset.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]


def _search_postgresql(queryset: Any, words: list[str], prefix: bool) -> Any:
    tsquery = corrected_tsquery(words, prefix=prefix)
    if not tsquery:
        return queryset.none()
    # The candidates are found and put in order once, here, rather than in a subquery that the page's
    # count and the page itself would each run again; no candidate means no further query at all.
    ids = ranked_matches(tsquery)
    if not ids:
        return queryset.none()
    rank = RawSQL(
        f"ts_rank(%s::float4[], {BOOK}.search_vector, to_tsquery('simple', %s))",
        [RANK_WEIGHTS, tsquery],
        output_field=FloatField(),
    )
    found = queryset.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids])).annotate(search_rank=rank)
    # The ids in relevance order: when nothing else narrows the list, a view pages through them with
    # BooksInOrder (read it before cloning: clones do not keep it).
    found.search_ids = ids
    return found


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
