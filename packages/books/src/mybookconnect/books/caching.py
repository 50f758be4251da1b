"""Cached responses of the books API: a book's page, an author's page, and search results, in the
default cache.

A book's page (``GET books/{id}/``) is stored as its rendered JSON body, one entry per book, language
and site address (the body holds absolute cover URLs). An author's page (``GET authors/{id}/``) is
stored the same way, per author, and search results (``GET books/?q=``) per query string. Entries are
never deleted one by one: their keys carry tokens that a write replaces, so that every older entry
becomes unreachable at once.

- Each book has a token (``book``): replaced when the book, its editions, its author, series or subject
  links change (:func:`invalidate_books`).
- Each author has a token (``author``): replaced when one of their books changes (through
  :func:`invalidate_books`, which finds the books' authors), and when a link between the author and a
  book is added, changed or removed (:func:`invalidate_authors`).
- The catalog has a token (``catalog``): replaced when an author, a series or a subject is renamed or
  deleted, which changes the pages of all their books (:func:`invalidate_catalog`); author pages carry
  it too, so a renamed or merged author's page goes with it.
- Search results carry the catalog token and a search token, replaced by both functions: any change to
  any book may change what a search shows.

Tokens are read before the database is, and replaced both at once and again when the writing
transaction commits; so a reader that read the old rows while the write was in progress stored them
under a token that no one reads any more. A token missing from the cache (evicted, or a cache cleared)
is replaced by a new random one, never by a guessable default, so a stale entry cannot come back.

Signals cover writes through the ORM (``save``, ``delete``, subjects' ``add``/``remove``); writes that
send none (``QuerySet.update``, ``bulk_create``, raw SQL) call :func:`invalidate_books` themselves, as
the services, merges and importers of this app do. Changes that only a book's own page shows (its
ratings and counts, :mod:`mybookconnect.books.aggregates`) call :func:`invalidate_book_pages`, which
leaves author pages and search results alone.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from mybookconnect.books.conf import books_settings
from mybookconnect.core.visibility import owner_pk

PREFIX = "mbc-books"
CATALOG_TOKEN = f"{PREFIX}:catalog"
SEARCH_TOKEN = f"{PREFIX}:search"


def _book_token_key(book_id: int) -> str:
    return f"{PREFIX}:book:{book_id}"


def _author_token_key(author_id: int) -> str:
    return f"{PREFIX}:author:{author_id}"


def _new_token() -> str:
    return uuid.uuid4().hex[:16]


def _tokens(keys: list[str]) -> list[str]:
    """The current tokens of ``keys`` (one cache round trip when they exist), creating missing ones."""
    found = cache.get_many(keys)
    tokens = []
    for key in keys:
        token = found.get(key)
        if token is None:
            # add() keeps a token another process created in the meantime.
            cache.add(key, _new_token(), timeout=None)
            token = cache.get(key)
        tokens.append(token)
    return tokens


def response_variant(request: Any) -> str:
    """What, besides the object, a cached body depends on: the language and the site's address."""
    return f"{translation.get_language()}|{request.build_absolute_uri('/')}"


def query_identity(request: Any) -> str:
    """The request's query string in a canonical order: one cache entry for ``?a=1&b=2`` and ``?b=2&a=1``."""
    return urlencode(sorted((name, value) for name, values in request.GET.lists() for value in values))


def _body_key(kind: str, identity: str, tokens: list[str], variant: str) -> str:
    digest = hashlib.blake2b(f"{identity}|{variant}".encode(), digest_size=12).hexdigest()
    return f"{PREFIX}:{kind}:{':'.join(tokens)}:{digest}"


class Slot:
    """One cache entry stored with the tokens it was computed under, read together with their current
    values in one round trip (two when some tokens are new): a value stored under tokens replaced since
    is a miss (``value`` is ``None``). Its key is stable, so a store replaces the stale value. A missing
    token gets a new random one, safe without add(): the tokens are read before the rows are, so
    whatever is stored is at least as new as the write that replaced a token last."""

    def __init__(self, kind: str, identity: str, variant: str, token_keys: list[str]) -> None:
        digest = hashlib.blake2b(f"{identity}|{variant}".encode(), digest_size=16).hexdigest()
        self.key = f"{PREFIX}:{kind}:{digest}"
        found = cache.get_many([self.key, *token_keys])
        missing = {key: _new_token() for key in token_keys if key not in found}
        if missing:
            cache.set_many(missing, timeout=None)
        self.tokens = [found.get(key) or missing[key] for key in token_keys]
        stored = found.get(self.key)
        fresh = not missing and stored is not None and stored[0] == self.tokens
        self.value: Any = stored[1] if fresh else None

    def store(self, value: Any, seconds: int) -> None:
        cache.set(self.key, (self.tokens, value), timeout=seconds)


def book_page_key(book_id: int, variant: str) -> str | None:
    """The cache key of a book's page as it is now, or ``None`` when the cache is off."""
    if not books_settings.BOOKS_DETAIL_CACHE_SECONDS:
        return None
    tokens = _tokens([CATALOG_TOKEN, _book_token_key(book_id)])
    return _body_key("page", str(book_id), tokens, variant)


def author_page_key(author_id: int, variant: str) -> str | None:
    """The cache key of an author's page as it is now, or ``None`` when the cache is off."""
    if not books_settings.BOOKS_DETAIL_CACHE_SECONDS:
        return None
    tokens = _tokens([CATALOG_TOKEN, _author_token_key(author_id)])
    return _body_key("author", str(author_id), tokens, variant)


def search_results_key(query_string: str, variant: str) -> str | None:
    """The cache key of a search's results as they are now, or ``None`` when the cache is off."""
    if not books_settings.BOOKS_SEARCH_CACHE_SECONDS:
        return None
    tokens = _tokens([CATALOG_TOKEN, SEARCH_TOKEN])
    return _body_key("search", query_string, tokens, variant)


def get_body(key: str | None) -> bytes | None:
    return None if key is None else cache.get(key)


def store_body(key: str | None, body: bytes, seconds: int) -> None:
    if key is not None:
        cache.set(key, body, timeout=seconds)


class _ReplaceOnCommit:
    """The tokens to replace again when the transaction commits, all in one cache write: a write that
    invalidates several things (a rating: the reader's library and activities, the book's page) costs
    one more round trip, not one per call."""

    def __init__(self) -> None:
        self.keys: set[str] = set()

    def __call__(self) -> None:
        cache.set_many({key: _new_token() for key in self.keys}, timeout=None)


def _replace_tokens(keys: list[str]) -> None:
    if not keys:
        return
    cache.set_many({key: _new_token() for key in keys}, timeout=None)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return  # autocommit: the write is committed already
    # Again after the commit: a reader may have cached the old rows meanwhile, under the new tokens. One
    # callback per transaction (a savepoint rolled back takes its callbacks, and so a later call
    # registers a new one).
    pending = next(
        (func for _sids, func, _robust in connection.run_on_commit if isinstance(func, _ReplaceOnCommit)),
        None,
    )
    if pending is None:
        pending = _ReplaceOnCommit()
        transaction.on_commit(pending)
    pending.keys.update(keys)


def invalidate_books(book_ids: Iterable[int | None], *, authors: bool = True) -> None:
    """Forget the cached pages of these books, of their authors, and every cached search result.

    Call it after a write that changes what a book's page shows and that sends no model signal
    (``QuerySet.update``, ``bulk_create``, raw SQL). Cheap: one query for the books' authors (none with
    ``authors=False``, for a change no author's page shows, such as an edition) and one cache write per
    book and author, whatever was cached.
    """
    ids = sorted({int(pk) for pk in book_ids if pk is not None})
    if not ids:
        return
    keys = [_book_token_key(pk) for pk in ids]
    if authors:
        from mybookconnect.books.models import BookAuthor

        author_ids = BookAuthor.objects.filter(book_id__in=ids).values_list("author_id", flat=True).distinct()
        keys += [_author_token_key(pk) for pk in sorted(author_ids)]
    _replace_tokens([*keys, SEARCH_TOKEN])


def invalidate_book_pages(book_ids: Iterable[int | None]) -> None:
    """Forget the cached pages of these books only: not their authors' pages, not search results.

    For changes only a book's own page shows, such as its ratings and counts of readers and reviews
    (:mod:`mybookconnect.books.aggregates`): a rating must not flush every cached search. Lists that
    show those numbers (search results, an author's books) catch up within their cache time.
    """
    keys = sorted({_book_token_key(int(pk)) for pk in book_ids if pk is not None})
    _replace_tokens(keys)


def invalidate_authors(author_ids: Iterable[int | None]) -> None:
    """Forget the cached pages of these authors (their list of books changed).

    :func:`invalidate_books` already covers the authors a book has when it is called; call this one
    for the authors a book no longer has, after a write that sends no model signal.
    """
    keys = sorted({_author_token_key(int(pk)) for pk in author_ids if pk is not None})
    _replace_tokens(keys)


def invalidate_catalog() -> None:
    """Forget every cached book page and search result (an author, series or subject changed)."""
    _replace_tokens([CATALOG_TOKEN, SEARCH_TOKEN])


# Model signals: the writes through the ORM.


def _book_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    invalidate_books([instance.pk])


def _book_part_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Editions and series positions are on no author's page.
    invalidate_books([instance.book_id], authors=False)


def _author_link_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    # The link's author is named directly: after a delete, the book no longer leads to them.
    invalidate_books([instance.book_id], authors=False)
    invalidate_authors([instance.author_id])


def _named_object_changed(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    # A new author, series or subject is on no book's page yet.
    if not created:
        invalidate_catalog()


def _subjects_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if not action.startswith("post_"):
        return
    if not reverse:
        invalidate_books([instance.pk])
    elif pk_set:
        invalidate_books(pk_set)
    else:
        invalidate_catalog()  # a subject's books all cleared


def connect_signals() -> None:
    """Connect the receivers that keep cached pages right (``BooksConfig.ready()`` calls it)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from mybookconnect.books.models import Author, Book, BookAuthor, BookSeries, Edition, Series, Subject

    uid = "mybookconnect.books.caching"
    for signal in (post_save, post_delete):
        signal.connect(_book_changed, sender=Book, dispatch_uid=f"{uid}.book")
        for model in (Edition, BookSeries):
            signal.connect(_book_part_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}")
        signal.connect(_author_link_changed, sender=BookAuthor, dispatch_uid=f"{uid}.BookAuthor")
        for model in (Author, Series, Subject):
            signal.connect(_named_object_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}")
    m2m_changed.connect(_subjects_changed, sender=Book.subjects.through, dispatch_uid=f"{uid}.subjects")
    _connect_feed_signals()
    _connect_review_signals()


def _activity_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    invalidate_activities([instance.actor_id])


def _owned_thing_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    # A review (title, body, spoiler: the excerpt) or a shelf (its name) shows in its owner's activities.
    invalidate_activities([instance.user_id])


def _account_changed(
    sender: Any, instance: Any, created: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    from mybookconnect.books.models import Review

    if created or (update_fields is not None and set(update_fields) <= {"last_login"}):
        return
    # A username shows in the reader's activities and in the "followed" activities naming them, on their
    # reviews; and what a username names (reader lookups) may have changed.
    invalidate_reader(instance.pk)
    invalidate_book_reviews(Review.objects.filter(user=instance.pk).values_list("book_id", flat=True))
    _replace_tokens([ACCOUNTS_TOKEN])


def invalidate_reader(user_id: Any) -> None:
    """Forget the cached feed pages that show this reader: their activities, and the "followed"
    activities naming them (one query), for a change of their name or of who may see them."""
    from mybookconnect.books.models import Activity, ActivityVerb

    naming = Activity.objects.filter(verb=ActivityVerb.FOLLOWED, target_user=user_id)
    invalidate_activities([user_id, *naming.values_list("actor_id", flat=True)])


def _connect_feed_signals() -> None:
    from django.conf import settings
    from django.db.models.signals import post_delete, post_save

    from mybookconnect.books.models import Activity, Review, Shelf

    uid = "mybookconnect.books.caching.feed"
    for signal in (post_save, post_delete):
        signal.connect(_activity_changed, sender=Activity, dispatch_uid=f"{uid}.Activity")
        for model in (Review, Shelf):
            signal.connect(_owned_thing_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}")
    post_save.connect(_account_changed, sender=settings.AUTH_USER_MODEL, dispatch_uid=f"{uid}.account")


# A reader's library pages (``GET library/`` and ``GET users/{username}/library/``).
#
# One entry per owner, kind of page (the owner's own, or as others see it), set of audiences the viewer
# may see (for one owner's rows a complete description of what the visibility policy lets them see),
# query string and variant, stored with (:class:`Slot`) the catalog token and the owner's library
# token, replaced by every write of the owner's entries, readings, progress, tags and shelves (the services of
# mybookconnect.books.library, merges, default-audience changes, account deletion). The stored value
# also names the tokens of the books it shows, read before the books were: a hit whose books' tokens
# changed since (a rating by anyone, an edit of the book) is a miss.


def _library_token_key(owner_id: Any) -> str:
    return f"{PREFIX}:library:{owner_id}"


def library_page(owner_id: Any, identity: str, variant: str) -> Slot | None:
    """One of the owner's library pages in the cache (:class:`Slot`; its value is the books' tokens and
    the body: see :func:`library_page_body`), or ``None`` when the cache is off. ``identity`` names the
    page: its kind, the viewer's audiences and the query string."""
    if not books_settings.BOOKS_DETAIL_CACHE_SECONDS:
        return None
    tokens = [CATALOG_TOKEN, _library_token_key(owner_id)]
    return Slot("library", f"{owner_id}|{identity}", variant, tokens)


def library_book_tokens(book_ids: Iterable[int]) -> dict[int, str]:
    """The current tokens of these books (one cache round trip, two when some are new): read them
    before reading the books, and store them with the page (:func:`library_page`)."""
    ids = sorted({int(pk) for pk in book_ids})
    keys = {_book_token_key(pk): pk for pk in ids}
    found = cache.get_many(list(keys))
    missing = {key: _new_token() for key in keys if key not in found}
    if missing:
        # Safe without add(): a token set here is read before the books are, so whatever the page shows
        # is at least as new as the write that replaced the token last.
        cache.set_many(missing, timeout=None)
        found.update(missing)
    return {pk: found[key] for key, pk in keys.items()}


def library_page_body(slot: Slot | None) -> bytes | None:
    """The body of a cached library page if the tokens of the books it shows have not changed since."""
    if slot is None or slot.value is None:
        return None
    book_tokens, body = slot.value
    if book_tokens:
        current = cache.get_many([_book_token_key(pk) for pk in book_tokens])
        if any(current.get(_book_token_key(pk)) != token for pk, token in book_tokens.items()):
            return None
    return body


def invalidate_libraries(owner_ids: Iterable[Any]) -> None:
    """Forget the cached library pages of these readers (their entries, readings, tags or shelves changed),
    and the cached feed pages showing their activities (which show their ratings, shelves and entries'
    audiences: see :func:`invalidate_activities`)."""
    ids = {pk for pk in owner_ids if pk is not None}
    keys = sorted({_library_token_key(pk) for pk in ids} | {_activity_token_key(pk) for pk in ids})
    _replace_tokens(keys)


# Feed pages (``GET feed/``).
#
# One entry per viewer, set of readers they follow, query string (cursor and page size included) and
# variant. The key carries the catalog and search tokens (any change to a book, its credits or its
# cover: the items show books) and the "activity token" of every reader whose activities the page may
# show: the viewer's and each followed reader's. A reader's activity token is replaced by every change
# to what their activities show or to who may see them: an activity recorded, merged, re-audienced or
# deleted (grouped entries included), a review edited, their entries, ratings, shelves or readings
# changed (:func:`invalidate_libraries`), a follow or unfollow (block) by or of them, a change of
# profile privacy, a change of their account (username). The followed readers' ids are read first,
# then the tokens, then the page, so that a page is never stored under tokens newer than its rows.


def _activity_token_key(actor_id: Any) -> str:
    return f"{PREFIX}:activity:{actor_id}"


def feed_page_key(viewer_id: Any, followed_ids: list[Any], query_string: str, variant: str) -> str | None:
    """The cache key of the viewer's feed page as it is now (one cache round trip, two when some
    tokens are new), or ``None`` when the cache is off."""
    if not books_settings.BOOKS_FEED_CACHE_SECONDS:
        return None
    actors = [viewer_id, *sorted(set(followed_ids) - {viewer_id})]
    keys = [CATALOG_TOKEN, SEARCH_TOKEN, *(_activity_token_key(pk) for pk in actors)]
    found = cache.get_many(keys)
    missing = {key: _new_token() for key in keys if key not in found}
    if missing:
        # Safe without add(): a token set here is read before the page is (see library_book_tokens).
        cache.set_many(missing, timeout=None)
        found.update(missing)
    identity = "|".join(
        [str(viewer_id), ",".join(map(str, actors)), query_string, *(str(found[key]) for key in keys)]
    )
    digest = hashlib.blake2b(f"{identity}|{variant}".encode(), digest_size=16).hexdigest()
    return f"{PREFIX}:feed:{viewer_id}:{digest}"


def invalidate_activities(actor_ids: Iterable[Any]) -> None:
    """Forget the cached feed pages that may show these readers' activities."""
    keys = sorted({_activity_token_key(pk) for pk in actor_ids if pk is not None})
    _replace_tokens(keys)


# A book's reviews pages (``GET books/{id}/reviews/``), and which reader a username names for a viewer.
#
# Reviews pages: one entry per book, viewer (anonymous viewers share theirs), query string and variant,
# stored with (:class:`Slot`) the catalog token, the book's token (its title and cover, its authors'
# ratings: see :mod:`mybookconnect.books.aggregates`), the book's reviews token, replaced by every
# change to one of its reviews, their likes and comment counts, or their authors' names
# (:func:`invalidate_book_reviews`), and the viewer's token, replaced when who the viewer may see
# changes: they follow or stop following someone, someone blocks or unblocks them (core's
# ``reader_followed``, ``reader_unfollowed`` and ``block_changed`` signals, which a visibility policy's
# app sends).
#
# Reader lookups (``users/{username}/...``): the reader a username names and the audiences of their
# items the viewer may see, per viewer and username as written, with the viewer's token and the
# accounts token, replaced by any change to an account (other than a login) and by an account's deletion.
# The ids of the readers a viewer follows, which the feed reads first, are kept under the viewer's token.


ACCOUNTS_TOKEN = f"{PREFIX}:accounts"


def _reviews_token_key(book_id: Any) -> str:
    return f"{PREFIX}:reviews:{book_id}"


def _viewer_token_key(viewer_id: Any) -> str:
    return f"{PREFIX}:viewer:{viewer_id}"


def book_reviews_page(book_id: int, viewer_id: Any, query_string: str, variant: str) -> Slot | None:
    """A page of the book's reviews as ``viewer_id`` (``None``: anonymous) sees it, in the cache
    (:class:`Slot`; its value is the body), or ``None`` when the cache is off."""
    if not books_settings.BOOKS_DETAIL_CACHE_SECONDS:
        return None
    tokens = [CATALOG_TOKEN, _book_token_key(book_id), _reviews_token_key(book_id)]
    if viewer_id is not None:
        tokens.append(_viewer_token_key(viewer_id))
    return Slot("reviews", f"{book_id}|{viewer_id}|{query_string}", variant, tokens)


def reader_lookup(viewer_id: Any, username: str) -> Slot | None:
    """What ``username`` names for ``viewer_id`` (the reader's id and the audiences they may see of
    theirs), in the cache (:class:`Slot`), or ``None`` when the cache is off."""
    if not books_settings.BOOKS_DETAIL_CACHE_SECONDS:
        return None
    tokens = [ACCOUNTS_TOKEN]
    if viewer_id is not None:
        tokens.append(_viewer_token_key(viewer_id))
    return Slot("reader", f"{viewer_id}|{username}", "", tokens)


def followed_ids(viewer_id: Any) -> Slot | None:
    """The ids of the readers ``viewer_id`` follows, in the cache (:class:`Slot`; the feed reads them
    before its page), or ``None`` when the feed's cache is off."""
    if not books_settings.BOOKS_FEED_CACHE_SECONDS:
        return None
    return Slot("followed", str(viewer_id), "", [_viewer_token_key(viewer_id)])


def invalidate_book_reviews(book_ids: Iterable[Any]) -> None:
    """Forget the cached reviews pages of these books (a review, a like or a comment count changed)."""
    _replace_tokens(sorted({_reviews_token_key(int(pk)) for pk in book_ids if pk is not None}))


def invalidate_viewers(viewer_ids: Iterable[Any]) -> None:
    """Forget the cached pages and reader lookups of these viewers (who they may see changed)."""
    _replace_tokens(sorted({_viewer_token_key(pk) for pk in viewer_ids if pk is not None}))


def _review_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    invalidate_book_reviews([instance.book_id])


def _relation_changed(sender: Any, **kwargs: Any) -> None:
    # reader_followed / reader_unfollowed (follower, followee) and block_changed (blocker, blocked): both
    # readers' views may change (a block also removes follows, which send their own signals).
    invalidate_viewers(
        owner_pk(kwargs[name]) for name in ("follower", "followee", "blocker", "blocked") if name in kwargs
    )


def _account_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Their username names nobody now (their reviews go with them, through the reviews' own signals).
    _replace_tokens([ACCOUNTS_TOKEN])


def _connect_review_signals() -> None:
    from django.conf import settings
    from django.db.models.signals import post_delete, post_save

    from mybookconnect.books.models import Review
    from mybookconnect.core import signals

    uid = "mybookconnect.books.caching.reviews"
    for signal in (post_save, post_delete):
        signal.connect(_review_changed, sender=Review, dispatch_uid=f"{uid}.Review")
    post_delete.connect(_account_deleted, sender=settings.AUTH_USER_MODEL, dispatch_uid=f"{uid}.account")
    for relation in (signals.reader_followed, signals.reader_unfollowed, signals.block_changed):
        relation.connect(_relation_changed, dispatch_uid=f"{uid}.relation")
