"""Writing a reader's library: the functions the API, the reviews and the admin share.

Each public function runs in one transaction and takes already validated data (the API's
serializers check it). They keep three things in step with the entries:

- the book's aggregates, through :mod:`mybookconnect.books.aggregates` (under a lock of the book's
  row, so concurrent ratings never lose one);
- the reader's readings: taking the status "reading" starts a read-through unless one is open,
  "read" finishes the open one (or records one finished today), "did not finish" stops it; the
  entry's ``finished_on`` is the latest finish;
- the activity feed (:func:`mybookconnect.books.feed.record_activity`), each activity with the
  entry's audience: started, finished, stopped, rated, progress; new to-read books and books put on
  a shelf are grouped ("shelved"), and a bulk action makes one grouped activity.

Ratings are in quarter stars (1-20); :func:`stars` turns them into the API's number of stars.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connections, models, router, transaction
from django.db.models import (
    CharField,
    DateField,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Greatest, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mybookconnect.books import aggregates, caching, feed
from mybookconnect.books.models import (
    Activity,
    ActivityVerb,
    Author,
    Book,
    BookAuthor,
    LibraryEntry,
    LibraryTag,
    ProgressUpdate,
    ReadingStatus,
    ReadThrough,
    Shelf,
    ShelfMembership,
)
from mybookconnect.books.models.library import RATING_QUARTERS_MAX, RATING_QUARTERS_MIN
from mybookconnect.core.visibility import Audience, get_visibility_policy

#: Room left between neighbours of the to-read list, so that a move is usually one row's write.
POSITION_GAP = 1024
#: Most entries one bulk action may change.
BULK_MAX_ENTRIES = 500


class BulkAction(models.TextChoices):
    """What ``library/bulk/`` can do to many entries at once (its ``value`` in the comment)."""

    SET_STATUS = "set_status", _("Set the status")  # a ReadingStatus
    SET_FORMAT = "set_format", _("Set the format")  # a LibraryFormat, or "" for none
    SET_OWNED = "set_owned", _("Set owned")  # true / false
    SET_WISHLIST = "set_wishlist", _("Set wishlist")  # true / false
    SET_AUDIENCE = "set_audience", _("Set who may see them")  # an Audience, or null: the default
    ADD_TO_SHELF = "add_to_shelf", _("Put on a shelf")  # a shelf id
    REMOVE_FROM_SHELF = "remove_from_shelf", _("Take off a shelf")  # a shelf id
    ADD_TAG = "add_tag", _("Add a tag")  # a tag name
    REMOVE_TAG = "remove_tag", _("Remove a tag")  # a tag name
    DELETE = "delete", _("Remove from the library")  # nothing


class DuplicateShelfName(Exception):
    """The reader already has a shelf with this name (ignoring case)."""


_STATUS_VERBS = {
    ReadingStatus.READING: ActivityVerb.STARTED,
    ReadingStatus.READ: ActivityVerb.FINISHED,
    ReadingStatus.DID_NOT_FINISH: ActivityVerb.STOPPED,
    ReadingStatus.WANT_TO_READ: ActivityVerb.SHELVED,
}
# From the most open to the narrowest.
_AUDIENCE_ORDER = [Audience.PUBLIC, Audience.FOLLOWERS, Audience.PRIVATE]
_SIMPLE_FIELDS = ("owned", "format", "wishlist", "notes")


# Small helpers shared with the API


def stars(rating_quarters: int | None) -> float | None:
    """A rating in quarter stars as a number of stars (18 -> 4.5, 17 -> 4.25); ``None`` stays ``None``."""
    return None if rating_quarters is None else rating_quarters / 4


def quarters(rating_stars: Decimal | float | int) -> int:
    """A number of stars (0.25 steps) in quarter stars; ``ValueError`` when out of range or between steps."""
    value = Decimal(str(rating_stars)) * 4
    if value != value.to_integral_value() or not RATING_QUARTERS_MIN <= value <= RATING_QUARTERS_MAX:
        raise ValueError(f"Not a rating: {rating_stars!r}")
    return int(value)


def latest_today() -> datetime.date:
    """The date where it is latest on Earth now (UTC+14): a date after it is in the future for every
    reader, wherever they are; the API refuses those."""
    return (timezone.now() + datetime.timedelta(hours=14)).date()


def default_audience(user: Any) -> str:
    """The audience the reader's entries and shelves get when they choose none (their privacy default)."""
    return get_visibility_policy().default_audience(user)


def narrowest(*audiences: str) -> str:
    """The audience fewest may see among ``audiences``."""
    return max(audiences, key=_AUDIENCE_ORDER.index)


def normalize_tag_name(name: str) -> str:
    """A tag's name as stored: outer spaces removed, inner runs of spaces made one."""
    return " ".join(name.split())


def _entry_relations(*, shelves: bool) -> list[Any]:
    # What the API shows of an entry besides its own columns and its book: the book's authors, the tags,
    # the read-throughs and (for the owner) the shelves.
    lookups: list[Any] = [
        Prefetch(
            "book__book_authors",
            queryset=BookAuthor.objects.select_related("author").order_by("position", "id"),
        ),
        Prefetch("tags", queryset=LibraryTag.objects.order_by("name", "id")),
        Prefetch("read_throughs", queryset=ReadThrough.objects.order_by(*ReadThrough._meta.ordering)),
    ]
    if shelves:
        lookups.append(Prefetch("shelves", queryset=Shelf.objects.order_by("name", "id")))
    return lookups


def with_entry_relations(entries: QuerySet[LibraryEntry], *, shelves: bool = True) -> QuerySet[LibraryEntry]:
    """``entries`` with what the API shows of each loaded in a fixed number of queries: the book and its
    authors, the tags, the read-throughs and (for the owner) the shelves' ids."""
    return entries.select_related("book").prefetch_related(*_entry_relations(shelves=shelves))


def load_entry_relations(entries: Sequence[LibraryEntry], *, shelves: bool = True) -> None:
    """Load into already fetched ``entries`` what the API shows of each (see :func:`with_entry_relations`),
    the books included: the library lists read their books' cache tokens before the books themselves."""
    book = Prefetch("book", queryset=Book.objects.all())
    prefetch_related_objects(list(entries), book, *_entry_relations(shelves=shelves))


# The columns of load_one_entry's union, after its kind and id: the readings' own, then the others'.
_READING_COLUMNS = (
    "started_on",
    "finished_on",
    "stopped_on",
    "progress_page",
    "progress_percent",
    "progress_minutes",
    "created_at",
    "updated_at",
)
_OTHER_COLUMNS = ("u_name", "u_role", "u_author", "u_position")
_OTHER_FIELDS = {
    "u_name": CharField(),
    "u_role": CharField(),
    "u_author": models.IntegerField(),
    "u_position": models.IntegerField(),
}


def _union_branch(queryset: QuerySet[Any], kind: int, **columns: Any) -> QuerySet[Any]:
    """One branch of :func:`load_one_entry`'s union: ``kind``, the id, then every column, ``NULL``
    (typed as the readings' column) where the branch has none."""
    values: dict[str, Any] = {"u_kind": Value(kind)}
    for name in _OTHER_COLUMNS:
        values[name] = columns.get(name, Value(None, output_field=_OTHER_FIELDS[name]))
    for name in _READING_COLUMNS:
        values[f"u_{name}"] = columns.get(name, Value(None, output_field=ReadThrough._meta.get_field(name)))
    return queryset.order_by().annotate(**values).values_list("u_kind", "id", *list(values)[1:])


def _cached_relation(instance: Any, name: str, objects: list[Any]) -> None:
    # What prefetch_related leaves: the related manager's all() gives these objects, with no query.
    queryset = getattr(instance, name).model.objects.all()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


# Stand-ins for the entry's and its book's ids in load_one_entry's statement, built once.
_ENTRY, _BOOK = -7_000_000_001, -7_000_000_002


def _one_entry_statement(connection: Any) -> tuple[str, list[Any], Any, list[Any]]:
    """:func:`load_one_entry`'s statement, built by the ORM once per connection (building it costs
    several times what running it does): its SQL, its parameters (with :data:`_ENTRY` and
    :data:`_BOOK` for the ids), and the compiler and converters that turn its rows into values."""
    built = getattr(connection, "_mbc_one_entry_statement", None)
    if built is None:
        readings = _union_branch(
            ReadThrough.objects.filter(entry_id=_ENTRY), 1, **{name: F(name) for name in _READING_COLUMNS}
        )
        authors = _union_branch(
            BookAuthor.objects.filter(book_id=_BOOK),
            0,
            u_name=F("author__name"),
            u_role=F("role"),
            u_author=F("author_id"),
            u_position=F("position"),
        )
        tags = _union_branch(LibraryTag.objects.filter(entries=_ENTRY), 2, u_name=F("name"))
        shelves = _union_branch(Shelf.objects.filter(entries=_ENTRY), 3, u_name=F("name"))
        union = readings.union(authors, tags, shelves, all=True).order_by("u_kind", "u_name", "id")
        compiler = union.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
        built = connection._mbc_one_entry_statement = (sql, list(params), compiler, converters)
    return built


def load_one_entry(entry: LibraryEntry) -> None:
    """:func:`load_entry_relations` for one entry whose book is loaded, in one query (a ``UNION ALL``
    over common columns): the book's authors, the readings, the tags' names and the shelves' ids
    (``entry.tag_names``, ``entry.shelf_ids``, which the API's rows read instead of ``tags`` and
    ``shelves``). The readings' branch comes first: its columns type the union (and give SQLite's
    converters). Tags and shelves come in the database's order of names; authors and readings are put
    in their order here (numbers and dates only)."""
    connection = connections[router.db_for_read(LibraryEntry)]
    sql, params, compiler, converters = _one_entry_statement(connection)
    params = [entry.pk if param == _ENTRY else entry.book_id if param == _BOOK else param for param in params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if converters:
        rows = list(compiler.apply_converters(rows, converters))
    links, reads, tag_names, shelf_ids = [], [], [], []
    for kind, pk, name, role, author_id, position, *reading in rows:
        if kind == 0:
            link = BookAuthor(id=pk, book_id=entry.book_id, author_id=author_id, role=role, position=position)
            link.author = Author(id=author_id, name=name)
            links.append(link)
        elif kind == 1:
            reads.append(
                ReadThrough(id=pk, entry_id=entry.pk, **dict(zip(_READING_COLUMNS, reading, strict=True)))
            )
        elif kind == 2:
            tag_names.append(name)
        else:
            shelf_ids.append(pk)
    links.sort(key=lambda link: (link.position, link.pk))
    # ReadThrough's order: the latest start first (no start last), then the newest.
    reads.sort(key=lambda reading: reading.pk, reverse=True)
    reads.sort(key=lambda reading: (reading.started_on is None, _negated(reading.started_on)))
    _cached_relation(entry.book, "book_authors", links)
    _cached_relation(entry, "read_throughs", reads)
    entry.tag_names = tag_names
    entry.shelf_ids = shelf_ids


def _negated(day: datetime.date | None) -> int:
    return 0 if day is None else -day.toordinal()


# Entries


def _lock(entry_id: int) -> LibraryEntry:
    # Only the entry's row is locked; its book's row is locked by aggregates, last.
    return (
        LibraryEntry.objects.select_for_update(of=("self",)).select_related("book", "user").get(pk=entry_id)
    )


def _next_position(user_id: Any) -> int:
    """The position after the last book of the reader's to-read list."""
    last = LibraryEntry.objects.filter(user_id=user_id, status=ReadingStatus.WANT_TO_READ).aggregate(
        m=Max("position")
    )["m"]
    return (last or 0) + POSITION_GAP


def _entry_for(user: Any, book: Book, status: str) -> tuple[LibraryEntry, bool]:
    """The reader's entry for ``book``, locked, or a new one with ``status``; and whether it is new."""
    entry = LibraryEntry.objects.select_for_update(of=("self",)).filter(user=user, book=book).first()
    if entry is None:
        try:
            with transaction.atomic():
                entry = LibraryEntry.objects.create(
                    user=user,
                    book=book,
                    status=status,
                    audience=default_audience(user),
                    audience_is_default=True,
                    position=_next_position(user.pk) if status == ReadingStatus.WANT_TO_READ else 0,
                )
        except IntegrityError:
            # The same reader added the book at the same moment (another tab): use that entry.
            entry = LibraryEntry.objects.select_for_update(of=("self",)).get(user=user, book=book)
        else:
            entry.user, entry.book = user, book
            return entry, True
    entry.user, entry.book = user, book
    return entry, False


@transaction.atomic
def add_to_library(user: Any, book: Book, data: Mapping[str, Any]) -> tuple[LibraryEntry, bool]:
    """Add ``book`` to the reader's library with ``data`` (``edition``, ``status``, ``owned``,
    ``format``, ``wishlist``, ``notes``, ``rating_quarters``, ``tags`` as names, ``shelves`` as
    :class:`Shelf` objects of the reader, ``audience``: ``None`` for the reader's default).

    A book already in the library has its entry updated instead. Returns ``(entry, created)``.
    Without a status, a new entry is "want to read", or "read" when it comes with a rating.
    """
    rated_only = data.get("rating_quarters") is not None and not data.get("status")
    status = data.get("status") or (ReadingStatus.READ if rated_only else ReadingStatus.WANT_TO_READ)
    entry, created = _entry_for(user, book, status)
    return _change(entry, data, created=created, status_effects=not rated_only), created


@transaction.atomic
def update_entry(entry: LibraryEntry, data: Mapping[str, Any]) -> LibraryEntry:
    """Apply the fields present in ``data`` (those of :func:`add_to_library` but the book)."""
    return _change(_lock(entry.pk), data, created=False)


@transaction.atomic
def update_own_entry(
    user: Any, entry_id: Any, validate: Callable[[LibraryEntry], Mapping[str, Any]]
) -> LibraryEntry | None:
    """Change the reader's entry ``entry_id`` (``None``: they have none with this id), with the data
    ``validate(entry)`` returns (it may raise; nothing is written then). The entry is read once,
    locked, and comes back with its book (and the book's new aggregates)."""
    entry = (
        LibraryEntry.objects.select_for_update(of=("self",))
        .select_related("book")
        .filter(pk=entry_id, user=user)
        .first()
    )
    if entry is None:
        return None
    entry.user = user
    return _change(entry, validate(entry), created=False)


@transaction.atomic
def rate_book(user: Any, book: Book, rating_quarters: int | None) -> LibraryEntry | None:
    """Set the reader's rating of ``book`` (quarter stars, 1 to 20), or remove it (``None``).

    A book not yet in the library is added as "read", with no reading (nothing says when it was
    read); removing the rating of a book not in the library does nothing and returns ``None``.
    The book's aggregates change under a lock of its row.
    """
    if rating_quarters is not None and not RATING_QUARTERS_MIN <= rating_quarters <= RATING_QUARTERS_MAX:
        raise ValueError(f"A rating is {RATING_QUARTERS_MIN} to {RATING_QUARTERS_MAX} quarter stars.")
    if rating_quarters is None:
        found = LibraryEntry.objects.filter(user=user, book=book).values_list("pk", flat=True).first()
        return None if found is None else _change(_lock(found), {"rating_quarters": None}, created=False)
    entry, created = _entry_for(user, book, ReadingStatus.READ)
    return _change(entry, {"rating_quarters": rating_quarters}, created=created, status_effects=False)


def _change(
    entry: LibraryEntry, data: Mapping[str, Any], *, created: bool, status_effects: bool = True
) -> LibraryEntry:
    """Apply ``data`` to the locked ``entry``. ``status_effects=False``: a new entry's status (read,
    implied by a rating alone) starts no reading and no activity, since nothing says when it was read."""
    user = entry.user
    delta = aggregates.entry_added() if created else aggregates.BookDelta()
    fields: list[str] = []
    if "edition" in data:
        edition_id = getattr(data["edition"], "pk", None)
        if entry.edition_id != edition_id:
            entry.edition_id = edition_id
            fields.append("edition")
    for name in _SIMPLE_FIELDS:
        if name in data and getattr(entry, name) != data[name]:
            setattr(entry, name, data[name])
            fields.append(name)
    audience_changed = False
    if "audience" in data:
        if data["audience"] is None:
            audience, is_default = default_audience(user), True
        else:
            audience, is_default = data["audience"], False
        if (audience, is_default) != (entry.audience, entry.audience_is_default):
            audience_changed = audience != entry.audience
            entry.audience, entry.audience_is_default = audience, is_default
            fields += ["audience", "audience_is_default"]
    previous_status = None if created else entry.status
    if "status" in data and data["status"] != entry.status:
        entry.status = data["status"]
        fields.append("status")
        if entry.status == ReadingStatus.WANT_TO_READ:
            entry.position = _next_position(user.pk)
            fields.append("position")
    rating_changed = "rating_quarters" in data and data["rating_quarters"] != entry.rating_quarters
    if rating_changed:
        delta.change_rating(entry.rating_quarters, data["rating_quarters"])
        entry.rating_quarters = data["rating_quarters"]
        entry.rated_at = None if entry.rating_quarters is None else timezone.now()
        fields += ["rating_quarters", "rated_at"]
    if fields:
        entry.save(update_fields=[*fields, "updated_at"])
    if audience_changed and not created:
        feed.sync_entry_audience([entry.pk], entry.audience)
    if "tags" in data:
        _set_tags(entry, data["tags"])
    if entry.status != previous_status and status_effects:
        _status_entered(user, [entry], entry.status, {entry.pk: previous_status}, grouped=False)
        entry.refresh_from_db(fields=["finished_on"])
    if "shelves" in data:
        _set_shelves(entry, data["shelves"])
    if rating_changed:
        _rating_recorded(entry)
    aggregates.apply_book_delta(entry.book_id, delta, book=entry.book)
    caching.invalidate_libraries([entry.user_id])
    return entry


@transaction.atomic
def delete_entry(entry: LibraryEntry) -> None:
    """Remove the book from the reader's library, with its readings, shelf places and activities."""
    entry = _lock(entry.pk)
    book_id, user_id = entry.book_id, entry.user_id
    delta = aggregates.entry_removed(entry.rating_quarters)
    entry.delete()
    _drop_unused_tags(user_id)
    aggregates.apply_book_delta(book_id, delta)
    caching.invalidate_libraries([user_id])


def _rating_recorded(entry: LibraryEntry) -> None:
    if entry.rating_quarters is None:
        # An activity must not go on showing a rating the reader took back.
        Activity.objects.filter(entry=entry, verb=ActivityVerb.RATED).delete()
        feed.forget_rating(entry)  # nor "finished" and "reviewed" items the rating they were recorded with
        return
    feed.record_activity(
        entry.user,
        ActivityVerb.RATED,
        audience=entry.audience,
        book=entry.book,
        entry=entry,
        data={"rating": stars(entry.rating_quarters)},
        group_key=f"rated:{entry.pk}",
    )


def _by_audience(entries: Iterable[LibraryEntry]) -> dict[str, list[LibraryEntry]]:
    groups: dict[str, list[LibraryEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.audience, []).append(entry)
    return groups


def _status_entered(
    user: Any,
    entries: Sequence[LibraryEntry],
    status: str,
    previous: Mapping[int, str | None],
    *,
    grouped: bool,
) -> None:
    """After ``entries`` (of one reader) took ``status``: their readings and the feed follow."""
    ids = [entry.pk for entry in entries]
    today = timezone.localdate()
    open_readings = ReadThrough.objects.filter(entry_id__in=ids, finished_on=None, stopped_on=None)
    current: dict[int, ReadThrough] = {}
    if status in (ReadingStatus.READING, ReadingStatus.READ, ReadingStatus.DID_NOT_FINISH):
        for reading in open_readings.order_by("entry_id", "-id"):
            current.setdefault(reading.entry_id, reading)
    if status == ReadingStatus.READING:
        started = [ReadThrough(entry_id=pk, started_on=today) for pk in ids if pk not in current]
        ReadThrough.objects.bulk_create(started)
        current.update({reading.entry_id: reading for reading in started})
    elif status in (ReadingStatus.READ, ReadingStatus.DID_NOT_FINISH):
        # Today, or the start day when a reader far east started "tomorrow" by the server's clock.
        end = Greatest(Coalesce(F("started_on"), Value(today)), Value(today), output_field=DateField())
        column = "finished_on" if status == ReadingStatus.READ else "stopped_on"
        open_readings.update(**{column: end, "updated_at": timezone.now()})
        if status == ReadingStatus.READ:
            finished = [ReadThrough(entry_id=pk, finished_on=today) for pk in ids if pk not in current]
            ReadThrough.objects.bulk_create(finished)
            current.update({reading.entry_id: reading for reading in finished})
            refresh_finished_on(ids)

    verb = _STATUS_VERBS.get(status)
    # Resuming a paused book is not starting it again.
    movers = [
        entry
        for entry in entries
        if verb and not (status == ReadingStatus.READING and previous.get(entry.pk) == ReadingStatus.PAUSED)
    ]
    if not movers or verb is None:
        return
    data = {"status": status}
    if grouped or status == ReadingStatus.WANT_TO_READ:
        for audience, group in _by_audience(movers).items():
            feed.record_activity(
                user, verb, audience=audience, entries=group, group_key=f"status:{status}", data=data
            )
        return
    entry = movers[0]
    feed.record_activity(
        user,
        verb,
        audience=entry.audience,
        book=entry.book,
        entry=entry,
        read_through=current.get(entry.pk),
        data=data,
    )


def refresh_finished_on(entry_ids: Iterable[int]) -> None:
    """Set the entries' ``finished_on`` to the latest finish of their read-throughs (one statement)."""
    ids = list(entry_ids)
    if not ids:
        return
    latest = (
        ReadThrough.objects.filter(entry=OuterRef("pk"), finished_on__isnull=False)
        .order_by("-finished_on")
        .values("finished_on")[:1]
    )
    LibraryEntry.objects.filter(pk__in=ids).update(finished_on=Subquery(latest))


# Tags and shelves of entries


def _tag_named(user_id: Any, name: str, *, create: bool) -> LibraryTag | None:
    """The reader's tag called ``name`` ignoring case (as the database's unique constraint compares)."""
    found = (
        LibraryTag.objects.filter(user_id=user_id)
        .annotate(lower_name=Lower("name"))
        .filter(lower_name=Lower(Value(name, output_field=CharField())))
        .first()
    )
    if found is not None or not create:
        return found
    try:
        with transaction.atomic():
            return LibraryTag.objects.create(user_id=user_id, name=name)
    except IntegrityError:
        return _tag_named(user_id, name, create=False)


def _drop_unused_tags(user_id: Any) -> None:
    # A reader's tags are the labels in use: one no entry has any more goes.
    LibraryTag.objects.filter(user_id=user_id, entries__isnull=True).delete()


def _set_tags(entry: LibraryEntry, names: Iterable[str]) -> None:
    tags: dict[int, LibraryTag] = {}
    for name in names:
        tag = _tag_named(entry.user_id, normalize_tag_name(name), create=True)
        if tag is not None:
            tags[tag.pk] = tag
    entry.tags.set(list(tags.values()))
    _drop_unused_tags(entry.user_id)


def _set_shelves(entry: LibraryEntry, shelves: Iterable[Shelf]) -> None:
    wanted = {shelf.pk: shelf for shelf in shelves}
    ShelfMembership.objects.filter(entry=entry).exclude(shelf_id__in=list(wanted)).delete()
    current = set(ShelfMembership.objects.filter(entry=entry).values_list("shelf_id", flat=True))
    for pk, shelf in wanted.items():
        if pk not in current:
            _add_to_shelf(entry.user, shelf, [entry])


def _add_to_shelf(user: Any, shelf: Shelf, entries: Sequence[LibraryEntry]) -> list[LibraryEntry]:
    """Put ``entries`` on ``shelf``; those not already there are shelved in the feed (grouped)."""
    there = set(
        ShelfMembership.objects.filter(shelf=shelf, entry__in=[entry.pk for entry in entries]).values_list(
            "entry_id", flat=True
        )
    )
    added = [entry for entry in entries if entry.pk not in there]
    ShelfMembership.objects.bulk_create(
        [ShelfMembership(shelf=shelf, entry=entry) for entry in added], ignore_conflicts=True
    )
    for audience, group in _by_audience(added).items():
        feed.record_activity(
            user,
            ActivityVerb.SHELVED,
            # A shelf the viewer may not see must not show up in their feed either.
            audience=narrowest(audience, shelf.audience),
            shelf=shelf,
            entries=group,
            group_key=f"shelf:{shelf.pk}",
        )
    return added


# Bulk actions and the to-read order


@transaction.atomic
def bulk_change(user: Any, entry_ids: Iterable[int], action: str, value: Any = None) -> int:
    """Do ``action`` (a :class:`BulkAction`) with ``value`` to these entries of the reader, all or
    none; ``value`` is a :class:`Shelf` for the shelf actions and a name for the tag ones. The caller
    has checked that every id is the reader's. Returns how many entries there were."""
    entries = list(
        LibraryEntry.objects.select_for_update(of=("self",))
        .select_related("book")
        .filter(user=user, pk__in=list(entry_ids))
        .order_by("pk")
    )
    ids = [entry.pk for entry in entries]
    if not entries:
        return 0
    caching.invalidate_libraries([user.pk])
    now = timezone.now()
    if action == BulkAction.SET_STATUS:
        _bulk_status(user, entries, value)
    elif action in (BulkAction.SET_FORMAT, BulkAction.SET_OWNED, BulkAction.SET_WISHLIST):
        column = action.removeprefix("set_")
        LibraryEntry.objects.filter(pk__in=ids).exclude(**{column: value}).update(
            **{column: value, "updated_at": now}
        )
    elif action == BulkAction.SET_AUDIENCE:
        audience, is_default = (default_audience(user), True) if value is None else (value, False)
        LibraryEntry.objects.filter(pk__in=ids).update(
            audience=audience, audience_is_default=is_default, updated_at=now
        )
        feed.sync_entry_audience([entry.pk for entry in entries if entry.audience != audience], audience)
    elif action == BulkAction.ADD_TO_SHELF:
        _add_to_shelf(user, value, entries)
    elif action == BulkAction.REMOVE_FROM_SHELF:
        ShelfMembership.objects.filter(shelf=value, entry_id__in=ids).delete()
    elif action == BulkAction.ADD_TAG:
        tag = _tag_named(user.pk, normalize_tag_name(value), create=True)
        through = LibraryEntry.tags.through
        through.objects.bulk_create(
            [through(libraryentry_id=pk, librarytag_id=tag.pk) for pk in ids], ignore_conflicts=True
        )
    elif action == BulkAction.REMOVE_TAG:
        tag = _tag_named(user.pk, normalize_tag_name(value), create=False)
        if tag is not None:
            LibraryEntry.tags.through.objects.filter(librarytag=tag, libraryentry_id__in=ids).delete()
            _drop_unused_tags(user.pk)
    elif action == BulkAction.DELETE:
        deltas = {entry.book_id: aggregates.entry_removed(entry.rating_quarters) for entry in entries}
        LibraryEntry.objects.filter(pk__in=ids).delete()
        _drop_unused_tags(user.pk)
        aggregates.apply_book_deltas(deltas)
    else:
        raise ValueError(f"Unknown bulk action: {action!r}")
    return len(entries)


def _bulk_status(user: Any, entries: list[LibraryEntry], status: str) -> None:
    changing = [entry for entry in entries if entry.status != status]
    if not changing:
        return
    previous = {entry.pk: entry.status for entry in changing}
    now = timezone.now()
    for entry in changing:
        entry.status, entry.updated_at = status, now
    if status == ReadingStatus.WANT_TO_READ:
        # To the end of the to-read list, in the order of their ids.
        start = _next_position(user.pk)
        for index, entry in enumerate(changing):
            entry.position = start + index * POSITION_GAP
        LibraryEntry.objects.bulk_update(changing, ["status", "position", "updated_at"])
    else:
        LibraryEntry.objects.filter(pk__in=[entry.pk for entry in changing]).update(
            status=status, updated_at=now
        )
    _status_entered(user, changing, status, previous, grouped=True)


@transaction.atomic
def move_entry(entry: LibraryEntry, before: LibraryEntry | None) -> LibraryEntry:
    """Move ``entry`` just before ``before`` in the hand order of its status' list (the to-read list),
    or to its end when ``before`` is ``None``. Usually one row changes; when two neighbours have no
    room between them, the list is renumbered in one statement."""
    entry = _lock(entry.pk)
    caching.invalidate_libraries([entry.user_id])
    siblings = LibraryEntry.objects.filter(user_id=entry.user_id, status=entry.status).exclude(pk=entry.pk)
    if before is None or before.pk == entry.pk:
        if before is None:
            last = siblings.aggregate(m=Max("position"))["m"]
            entry.position = (last or 0) + POSITION_GAP
            entry.save(update_fields=["position", "updated_at"])
        return entry
    before = siblings.get(pk=before.pk)
    previous = (
        siblings.filter(Q(position__lt=before.position) | Q(position=before.position, pk__lt=before.pk))
        .order_by("-position", "-pk")
        .first()
    )
    if previous is None:
        entry.position = before.position - POSITION_GAP
    elif before.position - previous.position >= 2:
        entry.position = (previous.position + before.position) // 2
    else:
        ordered = list(siblings.order_by("position", "pk"))
        ordered.insert(next(i for i, row in enumerate(ordered) if row.pk == before.pk), entry)
        for index, row in enumerate(ordered, start=1):
            row.position = index * POSITION_GAP
        LibraryEntry.objects.bulk_update(ordered, ["position"])
        return entry
    entry.save(update_fields=["position", "updated_at"])
    return entry


# Read-throughs and progress


@transaction.atomic
def create_read_through(entry: LibraryEntry, data: Mapping[str, Any]) -> ReadThrough:
    """Record a reading of the entry's book (``started_on``, ``finished_on``, ``stopped_on``)."""
    entry = _lock(entry.pk)
    caching.invalidate_libraries([entry.user_id])
    reading = ReadThrough.objects.create(
        entry=entry, **{name: data.get(name) for name in ("started_on", "finished_on", "stopped_on")}
    )
    refresh_finished_on([entry.pk])
    return reading


@transaction.atomic
def update_read_through(reading: ReadThrough, data: Mapping[str, Any]) -> ReadThrough:
    """Correct a reading's dates (the fields present in ``data``)."""
    caching.invalidate_libraries([_lock(reading.entry_id).user_id])
    reading = ReadThrough.objects.get(pk=reading.pk)
    fields = [name for name in ("started_on", "finished_on", "stopped_on") if name in data]
    for name in fields:
        setattr(reading, name, data[name])
    if fields:
        reading.save(update_fields=[*fields, "updated_at"])
        refresh_finished_on([reading.entry_id])
    return reading


@transaction.atomic
def delete_read_through(reading: ReadThrough) -> None:
    """Forget a reading (and its progress updates and activities)."""
    caching.invalidate_libraries([_lock(reading.entry_id).user_id])
    entry_id = reading.entry_id
    ReadThrough.objects.filter(pk=reading.pk).delete()
    refresh_finished_on([entry_id])


@transaction.atomic
def add_progress(reading: ReadThrough, data: Mapping[str, Any]) -> ProgressUpdate:
    """Record progress in a reading (``page``, ``percent``, ``minutes``: at least one; ``note``): it
    joins the history, becomes the reading's current progress, and shows in the feed (grouped per
    reading)."""
    entry = _lock(reading.entry_id)
    caching.invalidate_libraries([entry.user_id])
    reading = ReadThrough.objects.get(pk=reading.pk)
    values = {name: data.get(name) for name in ("page", "percent", "minutes")}
    update = ProgressUpdate.objects.create(read_through=reading, note=data.get("note") or "", **values)
    changed = []
    for name, value in values.items():
        if value is not None:
            setattr(reading, f"progress_{name}", value)
            changed.append(f"progress_{name}")
    reading.save(update_fields=[*changed, "updated_at"])
    feed.record_activity(
        entry.user,
        ActivityVerb.PROGRESS,
        audience=entry.audience,
        book=entry.book,
        entry=entry,
        read_through=reading,
        data={name: _json_number(value) for name, value in values.items() if value is not None},
        group_key=f"progress:{reading.pk}",
    )
    return update


def _json_number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# Shelves


@transaction.atomic
def create_shelf(user: Any, data: Mapping[str, Any]) -> Shelf:
    """A new shelf of the reader (``name``, ``description``, ``audience``: ``None`` for their default).
    Raises :class:`DuplicateShelfName`."""
    audience = data.get("audience") or default_audience(user)
    caching.invalidate_libraries([user.pk])
    try:
        with transaction.atomic():
            return Shelf.objects.create(
                user=user, name=data["name"], description=data.get("description", ""), audience=audience
            )
    except IntegrityError as exc:
        raise DuplicateShelfName(data["name"]) from exc


@transaction.atomic
def update_shelf(shelf: Shelf, data: Mapping[str, Any]) -> Shelf:
    """Rename or describe a shelf, or change who may see it. Raises :class:`DuplicateShelfName`."""
    shelf = Shelf.objects.select_for_update().get(pk=shelf.pk)
    caching.invalidate_libraries([shelf.user_id])
    fields = [name for name in ("name", "description") if name in data and getattr(shelf, name) != data[name]]
    for name in fields:
        setattr(shelf, name, data[name])
    if "audience" in data:
        audience = data["audience"] or default_audience(shelf.user)
        if audience != shelf.audience:
            shelf.audience = audience
            fields.append("audience")
            # Its shelving activities may show no more than the shelf now does.
            wider = _AUDIENCE_ORDER[: _AUDIENCE_ORDER.index(audience)]
            Activity.objects.filter(shelf=shelf, audience__in=wider).update(audience=audience)
    if fields:
        try:
            with transaction.atomic():
                shelf.save(update_fields=[*fields, "updated_at"])
        except IntegrityError as exc:
            raise DuplicateShelfName(shelf.name) from exc
    return shelf


@transaction.atomic
def delete_shelf(shelf: Shelf) -> None:
    """Delete a shelf: its books stay in the library; its shelving activities go."""
    caching.invalidate_libraries([shelf.user_id])
    Shelf.objects.filter(pk=shelf.pk).delete()


# Export


def export_library(user: Any) -> dict[str, Any]:
    """The reader's library for their data export: entries with their read-throughs and progress,
    shelves and tags (registered as the export's ``library`` section)."""
    entries = (
        LibraryEntry.objects.filter(user=user)
        .select_related("book", "edition")
        .prefetch_related(
            Prefetch("tags", queryset=LibraryTag.objects.order_by("name", "id")),
            Prefetch("shelves", queryset=Shelf.objects.order_by("name", "id")),
            Prefetch(
                "read_throughs",
                queryset=ReadThrough.objects.order_by("id").prefetch_related(
                    Prefetch("progress_updates", queryset=ProgressUpdate.objects.order_by("created_at", "id"))
                ),
            ),
        )
        .order_by("created_at", "id")
    )
    return {
        "entries": [_export_entry(entry) for entry in entries],
        "shelves": [
            {
                "id": shelf.pk,
                "name": shelf.name,
                "description": shelf.description,
                "audience": shelf.audience,
                "created_at": shelf.created_at.isoformat(),
            }
            for shelf in Shelf.objects.filter(user=user).order_by("name", "id")
        ],
        "tags": list(
            LibraryTag.objects.filter(user=user).order_by("name", "id").values_list("name", flat=True)
        ),
    }


def _date(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _export_entry(entry: LibraryEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "book": {"id": entry.book_id, "title": entry.book.title},
        "edition": None
        if entry.edition is None
        else {"id": entry.edition_id, "isbn_13": entry.edition.isbn_13, "title": entry.edition.title},
        "status": entry.status,
        "owned": entry.owned,
        "format": entry.format,
        "wishlist": entry.wishlist,
        "notes": entry.notes,
        "rating": stars(entry.rating_quarters),
        "rated_at": None if entry.rated_at is None else entry.rated_at.isoformat(),
        "audience": entry.audience,
        "audience_is_default": entry.audience_is_default,
        "position": entry.position,
        "finished_on": _date(entry.finished_on),
        "tags": [tag.name for tag in entry.tags.all()],
        "shelves": [shelf.name for shelf in entry.shelves.all()],
        "read_throughs": [
            {
                "started_on": _date(reading.started_on),
                "finished_on": _date(reading.finished_on),
                "stopped_on": _date(reading.stopped_on),
                "progress": [
                    {
                        "page": update.page,
                        "percent": _json_number(update.percent),
                        "minutes": update.minutes,
                        "note": update.note,
                        "created_at": update.created_at.isoformat(),
                    }
                    for update in reading.progress_updates.all()
                ],
            }
            for reading in entry.read_throughs.all()
        ],
        "created_at": entry.created_at.isoformat(),
        "updated_at": entry.updated_at.isoformat(),
    }
