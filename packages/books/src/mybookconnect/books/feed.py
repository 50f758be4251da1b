"""Recording readers' activities for the feed, keeping their audience in step with what they are about,
and reading them back as a viewer may see them.

Services of this app call :func:`record_activity` inside their transaction; the feed endpoints read
:class:`~mybookconnect.books.models.Activity` rows through :func:`feed_for` and :func:`activities_of`,
filtered by core's visibility policy.

Grouping: an activity recorded with a ``group_key`` joins the actor's latest activity with the same
verb, key and audience if that one was created less than ``BOOKS_FEED_GROUP_SECONDS`` ago. A grouped
activity about many entries (shelving 50 books at once) lists them as
:class:`~mybookconnect.books.models.ActivityEntry` rows and has no entry, book, review, reading or
followed reader of its own; one about a single thing (re-rating a book, progress updates of one
reading) has its ``data`` replaced by the newest.

What the feed shows, whatever a write path forgot:

- only what the policy lets the viewer see of the actor at the activity's audience;
- an activity about an entry or a review only while that entry or review is meant for at least as
  many readers as the activity (a change of audience that was not synced hides the activity rather
  than leaking it);
- a grouped activity only while at least one of its entries is still there for at least as many
  readers as the activity (a group on a followers-only shelf may hold public entries), and only those
  entries (``books_count`` counts them);
- an activity naming a shelf only if the viewer may see the shelf, and one naming a followed reader
  only if the viewer may see that reader's public items (not when that reader blocked the viewer).
"""

from __future__ import annotations

import datetime
import html
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection, models
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags
from django.utils.text import Truncator
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from mybookconnect.core.visibility import Audience, get_visibility_policy, owner_pk

from . import caching
from .conf import books_settings
from .models import Activity, ActivityEntry, ActivityVerb, AuthorRole, Book, BookAuthor, LibraryEntry, Shelf

# How many of a grouped activity's books an item shows; ``books_count`` tells how many there are.
GROUP_BOOKS_SHOWN = 4
REVIEW_EXCERPT_LENGTH = 280
# Enough of the review's HTML to hold the excerpt's text (tags and entities take room too).
_REVIEW_HTML_READ = 2000
# How many of each owner's newest activities a page reads at first (more of those all of whose made it).
_FIRST_FEW = 3
# Audiences from the widest to the narrowest.
_AUDIENCES_WIDE_TO_NARROW = (Audience.PUBLIC, Audience.FOLLOWERS, Audience.PRIVATE)
_BLOCK_END = re.compile(r"</(?:p|li|blockquote|pre|h[1-6]|ul|ol|div)\s*>|<br\s*/?>", re.IGNORECASE)

# Verbs whose activity shows the actor's rating of the book at the time (``Activity.rating_quarters``).
_RATING_VERBS = (ActivityVerb.RATED, ActivityVerb.REVIEWED, ActivityVerb.FINISHED)

# What a verb says of the entry's status, when the activity does not say it itself.
_VERB_STATUS = {
    ActivityVerb.STARTED: "reading",
    ActivityVerb.FINISHED: "read",
    ActivityVerb.STOPPED: "did_not_finish",
}


# --- recording ----------------------------------------------------------------------------------


def record_activity(
    actor: Any,
    verb: str,
    *,
    audience: str,
    book: Any = None,
    entry: LibraryEntry | None = None,
    read_through: Any = None,
    review: Any = None,
    shelf: Any = None,
    target_user: Any = None,
    data: dict[str, Any] | None = None,
    group_key: str = "",
    entries: Iterable[LibraryEntry] = (),
    now: datetime.datetime | None = None,
) -> Activity:
    """Record that ``actor`` did ``verb`` (an :class:`~mybookconnect.books.models.ActivityVerb`).

    ``actor`` and ``target_user`` are users or their primary keys. ``entries`` are the books of a
    grouped activity (shelving, a bulk action), which then names nothing else of its own (``shelf``
    and ``data`` aside): passing ``entry``, ``book``, ``review``, ``read_through`` or ``target_user``
    with them raises ``ValueError``. An activity about a reading points at its entry too, and one
    about an entry or a review at their book, so that audience changes and merges find it.
    A "rated", "reviewed" or "finished" activity about one book keeps the actor's rating of it as it
    is now (:func:`_rating_now`), which later re-ratings leave alone.
    Returns the new activity, or the recent one it was merged into.
    """
    now = now or timezone.now()
    entries = list(entries)
    if entries and any(thing is not None for thing in (entry, book, review, read_through, target_user)):
        raise ValueError("A grouped activity's books are its entries: pass no entry, book, review or reader.")
    if read_through is not None and entry is None:
        entry = read_through.entry
    if book is None and entry is not None:
        book = entry.book_id
    if book is None and review is not None:
        book = review.book_id
    rating_quarters = _rating_now(actor, verb, book, entry, data)
    if group_key:
        window = datetime.timedelta(seconds=books_settings.BOOKS_FEED_GROUP_SECONDS)
        recent = (
            Activity.objects.filter(
                actor=owner_pk(actor),
                verb=verb,
                group_key=group_key,
                audience=audience,
                created_at__gte=now - window,
            )
            .order_by("-created_at", "-id")
            .first()
        )
        if recent is not None:
            if data is not None:
                recent.data = data
                recent.rating_quarters = rating_quarters
            recent.save(update_fields=["data", "rating_quarters", "updated_at"])
            _add_entries(recent, entries)
            caching.invalidate_activities([recent.actor_id])
            return recent
    activity = Activity.objects.create(
        actor_id=owner_pk(actor),
        verb=verb,
        audience=audience,
        book_id=owner_pk(book),
        entry=entry,
        read_through=read_through,
        review=review,
        shelf=shelf,
        target_user_id=owner_pk(target_user),
        data=data or {},
        rating_quarters=rating_quarters,
        group_key=group_key,
        created_at=now,
    )
    _add_entries(activity, entries)
    caching.invalidate_activities([activity.actor_id])
    return activity


def _rating_now(
    actor: Any, verb: str, book: Any, entry: LibraryEntry | None, data: dict[str, Any] | None
) -> int | None:
    """The actor's rating of the book (quarter stars) for an activity of ``verb`` recorded now: the one
    its data gives (``{"rating": 4.25}``, in stars), else the entry's, else the one in the library
    (a query). None for other verbs and for grouped activities (no one book)."""
    if verb not in _RATING_VERBS or book is None:
        return None
    given = (data or {}).get("rating")
    if isinstance(given, int | float) and not isinstance(given, bool):
        return round(given * 4) or None
    if entry is not None:
        return entry.rating_quarters
    return (
        LibraryEntry.objects.filter(user=owner_pk(actor), book=owner_pk(book))
        .values_list("rating_quarters", flat=True)
        .first()
    )


def _add_entries(activity: Activity, entries: list[LibraryEntry]) -> None:
    if entries:
        ActivityEntry.objects.bulk_create(
            [ActivityEntry(activity=activity, entry=entry) for entry in entries], ignore_conflicts=True
        )


def _wider_than(audience: str) -> list[str]:
    return list(_AUDIENCES_WIDE_TO_NARROW[: _AUDIENCES_WIDE_TO_NARROW.index(audience)])


def _narrower_than(audience: str) -> list[str]:
    return list(_AUDIENCES_WIDE_TO_NARROW[_AUDIENCES_WIDE_TO_NARROW.index(audience) + 1 :])


def _as_wide_as_the_activity(prefix: str, activity_audience: str = "audience") -> Q:
    """``<prefix>audience`` (an entry's, a review's) reaches everyone the activity reaches."""
    return (
        Q(**{f"{prefix}audience": F(activity_audience)})
        | Q(**{f"{prefix}audience": Audience.PUBLIC})
        | Q(**{activity_audience: Audience.PRIVATE})
    )


# A grouped activity's entry shows while it is meant for everyone the activity reaches.
_SHOWN_IN_GROUP = _as_wide_as_the_activity("entry__", "activity__audience")


def sync_entry_audience(entries: Iterable[int] | QuerySet, audience: str) -> None:
    """After entries' audience changed to ``audience`` (or just before: ``entries`` may be a queryset
    of the entries about to change, used as a subquery), in three steps:

    - their own activities (about one entry) take it;
    - a grouped activity now reaching more readers than the entries narrows to ``audience`` when all
      its entries changed, and otherwise loses them (it shows the books still meant for its readers);
    - a grouped activity reaching fewer readers, all of whose entries changed, widens with them as
      far as its shelf's audience allows (shelving is recorded with the narrower of the two).

    ``entries`` are entry ids, or a queryset of entries or of their ids (``values("pk")``).
    """
    if isinstance(entries, QuerySet):
        ids: Any = entries if entries.query.values_select else entries.values("pk")
    else:
        ids = list(entries)
        if not ids:
            return
    # Their owners' cached feed pages (the entries are still found: ``entries`` may be about to change).
    caching.invalidate_activities(
        LibraryEntry.objects.filter(pk__in=ids).values_list("user_id", flat=True).distinct()
    )
    Activity.objects.filter(entry__in=ids).exclude(audience=audience).update(audience=audience)
    groups = Activity.objects.filter(entry__isnull=True, grouped_entries__entry__in=ids)
    whole = ~Exists(ActivityEntry.objects.filter(activity=OuterRef("pk")).exclude(entry__in=ids))
    groups.filter(whole, audience__in=_wider_than(audience)).update(audience=audience)
    ActivityEntry.objects.filter(entry__in=ids, activity__audience__in=_wider_than(audience)).delete()
    narrower = _narrower_than(audience)
    if narrower:
        within_shelf = Case(
            *[
                When(
                    Exists(Shelf.objects.filter(pk=OuterRef("shelf"), audience=shelf_audience)),
                    then=Value(shelf_audience),
                )
                for shelf_audience in reversed(narrower)
            ],
            default=Value(audience),
            output_field=models.CharField(),
        )
        groups.filter(whole, audience__in=narrower).update(audience=within_shelf)


def sync_review_audience(review_id: int, audience: str) -> None:
    """After a review's audience changed: its activities take it."""
    caching.invalidate_activities(
        Activity.objects.filter(review_id=review_id).values_list("actor_id", flat=True).distinct()
    )
    Activity.objects.filter(review_id=review_id).exclude(audience=audience).update(audience=audience)


def forget_rating(entry: LibraryEntry) -> None:
    """The reader took back their rating of the entry's book: their activities about it stop showing
    the rating they were recorded with (a changed rating leaves them as they were)."""
    changed = (
        Activity.objects.filter(actor=entry.user_id, book=entry.book_id, verb__in=_RATING_VERBS)
        .exclude(rating_quarters=None)
        .update(rating_quarters=None)
    )
    if changed:
        caching.invalidate_activities([entry.user_id])


def follow_default_audience(user: Any, audience: str) -> None:
    """``user``'s default audience is now ``audience``: their entries that follow the default take
    it, with their activities, and so do their "followed" activities (recorded with the default)."""
    user_id = owner_pk(user)
    caching.invalidate_activities([user_id])
    changing = LibraryEntry.objects.filter(user=user_id, audience_is_default=True).exclude(audience=audience)
    # The activities first, while the subquery still finds the entries about to change.
    sync_entry_audience(changing.values("pk"), audience)
    changing.update(audience=audience, updated_at=timezone.now())
    Activity.objects.filter(actor=user_id, verb=ActivityVerb.FOLLOWED).exclude(audience=audience).update(
        audience=audience
    )


def record_follow(follower: Any, followee: Any) -> Activity:
    """Record that ``follower`` follows ``followee`` (once: a follow already recorded is returned),
    with the follower's default audience."""
    existing = Activity.objects.filter(
        actor=owner_pk(follower), verb=ActivityVerb.FOLLOWED, target_user=owner_pk(followee)
    ).first()
    if existing is not None:
        return existing
    audience = get_visibility_policy().default_audience(follower)
    return record_activity(follower, ActivityVerb.FOLLOWED, audience=audience, target_user=followee)


def forget_follow(follower: Any, followee: Any) -> None:
    """The follow ended: its activity goes."""
    Activity.objects.filter(
        actor=owner_pk(follower), verb=ActivityVerb.FOLLOWED, target_user=owner_pk(followee)
    ).delete()


# --- reading ------------------------------------------------------------------------------------


def followed_ids(viewer: Any) -> list[Any]:
    """The ids of the readers ``viewer`` follows (the policy's ``followed_owners``), read now (one query)."""
    followed = get_visibility_policy().followed_owners(viewer)
    if isinstance(followed, QuerySet):
        field = followed.query.values_select[0] if followed.query.values_select else "pk"
        return list(followed.values_list(field, flat=True))
    return [owner_pk(owner) for owner in followed]


def feed_for(viewer: Any, followed: Any = None) -> QuerySet:
    """The activities of ``viewer`` and of the readers they follow (``followed``: their ids, by default
    the policy's ``followed_owners``) that ``viewer`` may see, with what the feed draws loaded (see
    :func:`visible_activities`); unordered (the pagination orders it)."""
    if followed is None:
        followed = get_visibility_policy().followed_owners(viewer)
    return visible_activities(Activity.objects.filter(Q(actor=viewer.pk) | Q(actor__in=followed)), viewer)


def activities_of(owner: Any, viewer: Any) -> QuerySet:
    """``owner``'s activities that ``viewer`` may see (a profile's activity), loaded like the feed's."""
    return visible_activities(Activity.objects.filter(actor=owner_pk(owner)), viewer)


def visible_activities(queryset: QuerySet, viewer: Any) -> QuerySet:
    """``queryset`` of activities narrowed to what ``viewer`` may see (the rules in this module's
    docstring), with ``books_count``, the start of the review's HTML, up to :data:`GROUP_BOOKS_SHOWN`
    grouped entries (``shown_entries``) and the related rows an item shows, all in the page's query
    and one more for the grouped entries.
    Call :func:`complete_page` on the page for the rest (one query)."""
    policy = get_visibility_policy()
    queryset = policy.filter_queryset(queryset, viewer, owner_field="actor")
    # A grouped activity's entries count while they reach everyone it reaches (sync_entry_audience
    # removes the others; this also covers a write that did not call it).
    grouped = ActivityEntry.objects.filter(_SHOWN_IN_GROUP, activity=OuterRef("pk"))
    about_one_thing = (
        Q(entry__isnull=False)
        | Q(review__isnull=False)
        | Q(read_through__isnull=False)
        | Q(target_user__isnull=False)
        | Q(book__isnull=False)
    )
    visible_shelf = policy.filter_queryset(Shelf.objects.filter(pk=OuterRef("shelf")), viewer)
    users = get_user_model()._default_manager.filter(pk=OuterRef("target_user"))
    # "May the viewer see this reader's public items?": false when the reader blocked the viewer.
    visible_target = policy.filter_queryset(
        users.alias(feed_public=Value(Audience.PUBLIC.value, output_field=models.CharField())),
        viewer,
        owner_field="pk",
        audience_field="feed_public",
    )
    queryset = queryset.filter(
        (Q(entry__isnull=True) | _as_wide_as_the_activity("entry__"))
        & (Q(review__isnull=True) | _as_wide_as_the_activity("review__"))
        & (about_one_thing | Exists(grouped))
        & (Q(shelf__isnull=True) | Exists(visible_shelf))
        & (Q(target_user__isnull=True) | Exists(visible_target))
    )
    books_count = grouped.order_by().values("activity").annotate(n=Count("pk")).values("n")
    shown_entries = (
        ActivityEntry.objects.filter(_SHOWN_IN_GROUP)
        .select_related("entry__book")
        .only(
            "activity",
            "entry",
            "entry__book",
            "entry__book__title",
            "entry__book__cover",
            "entry__book__cover_url",
        )
        .order_by("id")[:GROUP_BOOKS_SHOWN]
    )
    return (
        queryset.select_related("actor", "book", "review", "shelf", "target_user")
        .defer("book__description", "review__body", "review__body_html", "shelf__description")
        .annotate(
            books_count=Coalesce(Subquery(books_count, output_field=models.IntegerField()), 0),
            review_html_start=Substr("review__body_html", 1, _REVIEW_HTML_READ),
        )
        .prefetch_related(Prefetch("grouped_entries", queryset=shown_entries, to_attr="shown_entries"))
    )


def complete_page(activities: Sequence[Activity]) -> None:
    """Finish a page of :func:`visible_activities` for drawing: ``feed_excerpt`` on each review, and
    ``feed_authors`` (names, in the cover's order) on every book shown, with one query. Authors
    proper are named; a book without any (an anthology) names its other credits."""
    for activity in activities:
        if activity.review is not None:
            activity.review.feed_excerpt = review_excerpt(activity.review_html_start)
    books: dict[int, list[Book]] = {}
    for activity in activities:
        for book in [book_of(activity), *books_of(activity)]:
            if book is not None:
                books.setdefault(book.pk, []).append(book)
    credits: dict[int, dict[bool, list[str]]] = {}
    if books:
        rows = (
            BookAuthor.objects.filter(book__in=list(books))
            .order_by("book_id", "position", "id")
            .values_list("book_id", "role", "author__name")
        )
        for book_id, role, name in rows:
            credits.setdefault(book_id, {True: [], False: []})[role == AuthorRole.AUTHOR].append(name)
    for book_id, same_book in books.items():
        names = credits.get(book_id, {True: [], False: []})
        for book in same_book:
            book.feed_authors = names[True] or names[False]


def book_of(activity: Activity) -> Book | None:
    """The one book an activity is about (none for grouped activities and follows)."""
    return activity.book


def books_of(activity: Activity) -> list[Book]:
    """The books a grouped activity shows (at most :data:`GROUP_BOOKS_SHOWN`)."""
    return [shown.entry.book for shown in getattr(activity, "shown_entries", ())]


def rating_of(activity: Activity) -> float | None:
    """Stars (4.5, 4.25): the rating given, for "rated"; the reader's rating of the book when they
    reviewed or finished it, for "reviewed" and "finished"; else none."""
    return stars(activity.verb, activity.rating_quarters)


def stars(verb: str, rating_quarters: int | None) -> float | None:
    """:func:`rating_of` from an activity's verb and recorded rating in quarter stars."""
    if verb in _RATING_VERBS and rating_quarters:
        return rating_quarters / 4
    return None


def status_of(activity: Activity) -> str | None:
    """The reading status the activity is about (``read``, ``want_to_read``...), if any."""
    return status(activity.verb, activity.data, activity.group_key)


def status(verb: str, data: dict[str, Any], group_key: str) -> str | None:
    """:func:`status_of` from an activity's verb, data and group key."""
    if given := data.get("status"):
        return str(given)
    if group_key.startswith("status:"):
        return group_key.removeprefix("status:")
    return _VERB_STATUS.get(verb)


def progress_of(activity: Activity) -> dict[str, Any] | None:
    """``{"page", "percent", "minutes"}`` of a progress update (the ones not given are ``None``)."""
    return progress(activity.verb, activity.data)


def progress(verb: str, data: dict[str, Any]) -> dict[str, Any] | None:
    """:func:`progress_of` from an activity's verb and data."""
    if verb != ActivityVerb.PROGRESS:
        return None
    return {key: data.get(key) for key in ("page", "percent", "minutes")}


def review_excerpt(review_html: str | None) -> str:
    """The first :data:`REVIEW_EXCERPT_LENGTH` characters of a review's text (from its sanitised
    HTML: tags removed, entities decoded, whitespace collapsed), ending with "…" when cut."""
    text = strip_tags(_BLOCK_END.sub(" ", review_html or ""))
    text = " ".join(html.unescape(text).split())
    return Truncator(text).chars(REVIEW_EXCERPT_LENGTH)


# --- a page in one statement (PostgreSQL) -------------------------------------------------------
#
# The queryset above is exact on every database but costs PostgreSQL ~10 ms to plan (a dozen
# relations and subqueries) and walks the global (-created_at, -id) index past other readers'
# activities. On PostgreSQL a page is one statement instead: for each owner (the viewer and the
# readers they follow, or one reader), their newest activities through the (actor, -created_at,
# -id) index, past the cursor and filtered by the policy's own condition and the rules of this
# module's docstring; merged, ordered and cut; then what an item draws, by subqueries on the page's
# rows only (books and grouped books as JSON, with their credits).
#
# Each owner gives its :data:`_FIRST_FEW` newest first; an owner all of whose few made the page
# (of ``offset + size + 1`` rows) may have more in it, and gives that many. Any other owner's next
# one is older than its last, which the page did without, so the page is exact, having read a few
# rows per owner rather than a page's worth.
#
# The owners go in as an array built by a subquery (the followed readers' ids with the viewer's),
# which PostgreSQL cannot see into at planning and guesses at ten rows: the estimated cost stays low
# however many readers one follows (a high one would bring in JIT compilation, ~200 ms; a literal
# array of 50 ids did). Conditions
# that PostgreSQL could turn into a hashed scan of every user or shelf are written as scalar
# subqueries, which it evaluates per row.
#
# The policy's condition is compiled once, for an activity's actor and audience (compiling querysets
# costs more than running this statement), and applied as it is to the shelf's owner and audience
# and to the followed reader at "public": each as a one-row table named like the activities' table.


def use_single_statement() -> bool:
    """Whether pages are read with :class:`ActivityPage` (PostgreSQL) rather than the queryset."""
    return connection.vendor == "postgresql"


def feed_owners(viewer: Any, followed: Any = None) -> list[Any]:
    """Whose activities make ``viewer``'s feed, for :class:`ActivityPage`: the viewer, and the
    readers they follow (``followed``, by default ``followed_owners``: ids, users, or a ``values()``
    queryset of ids)."""
    if followed is None:
        followed = get_visibility_policy().followed_owners(viewer)
    if not isinstance(followed, QuerySet):
        followed = [owner_pk(owner) for owner in followed]
    return [[viewer.pk], followed]


class ActivityPage:
    """What :class:`rest_framework.pagination.CursorPagination` reads a page from, in place of a
    queryset: it calls ``order_by`` (the cursor's direction), ``filter(created_at__lt|gt=...)`` (the
    cursor's position) and takes one slice, which runs one statement and returns the page's rows as
    dicts, for :func:`mybookconnect.books.api.feed_serializers.render_rows`.

    ``owners`` (a callable, called once for the page, returning lists of ids and ``values()``
    querysets of ids) are the readers whose activities are listed, as far as ``viewer`` may see them.
    """

    def __init__(self, viewer: Any, owners: Any) -> None:
        self.viewer = viewer
        self.owners = owners
        self.ascending = False
        self.position: datetime.datetime | None = None

    def order_by(self, *ordering: str) -> ActivityPage:
        self.ascending = not ordering[0].startswith("-")
        return self

    def filter(self, **kwargs: Any) -> ActivityPage:
        for key, value in kwargs.items():
            try:
                moment = parse_datetime(str(value))
            except ValueError:
                moment = None
            if moment is None or key != ("created_at__gt" if self.ascending else "created_at__lt"):
                raise NotFound(CursorPagination.invalid_cursor_message)
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, datetime.UTC)
            self.position = moment
        return self

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        offset = window.start or 0
        sql, params = _page_sql(
            self.viewer, self.ascending, self.position, self.owners(), offset, window.stop - offset
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            names = [column.name for column in cursor.description]
            rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        for row in rows:
            # Django's psycopg set-up leaves JSON undecoded (JSONField decodes it).
            for key in ("data", "book", "review", "books"):
                if isinstance(row[key], str):
                    row[key] = json.loads(row[key])
        return rows


def _where_sql(queryset: QuerySet) -> tuple[str, list[Any]]:
    """The SQL of ``queryset``'s conditions (its table unaliased)."""
    query = queryset.query
    try:
        sql, params = query.get_compiler(connection=connection).compile(query.where)
    except EmptyResultSet:
        return "FALSE", []
    except FullResultSet:
        return "TRUE", []
    return f"({sql})" if sql else "TRUE", list(params)


def _page_sql(
    viewer: Any,
    ascending: bool,
    position: datetime.datetime | None,
    owners: list[Any],
    offset: int,
    limit: int,
) -> tuple[str, list[Any]]:
    """The page's statement: ``limit`` rows from ``offset`` of the activities of ``owners`` that
    ``viewer`` may see, past ``position``."""
    from .models import Author, Review

    policy = get_visibility_policy()
    user_model = get_user_model()
    q = connection.ops.quote_name
    activity, entry, review, shelf, book, author, credit, grouped, users = (
        q(model._meta.db_table)
        for model in (
            Activity,
            LibraryEntry,
            Review,
            Shelf,
            Book,
            Author,
            BookAuthor,
            ActivityEntry,
            user_model,
        )
    )
    user_pk = q(user_model._meta.pk.column)
    username = q(user_model._meta.get_field(user_model.USERNAME_FIELD).column)
    pk_type = user_model._meta.pk.rel_db_type(connection)
    public, private = Audience.PUBLIC.value, Audience.PRIVATE.value
    direction = "ASC" if ascending else "DESC"
    cursor_sql = "" if position is None else f"AND {activity}.created_at {'>' if ascending else '<'} %s"
    cursor_params = [] if position is None else [position]
    # The policy's condition on an activity's actor and audience, compiled once; the shelf's and
    # the followed reader's checks apply it to a row of the same name holding their owner and audience.
    visible_sql, visible_params = _where_sql(
        policy.filter_queryset(Activity.objects.all(), viewer, owner_field="actor", audience_field="audience")
    )

    def visible(owner_and_audience: str) -> str:
        return f"((SELECT count(*) FROM ({owner_and_audience}) AS {activity} WHERE {visible_sql}) > 0)"

    shelf_sql = visible(
        f"SELECT s.user_id AS actor_id, s.audience FROM {shelf} s WHERE s.id = {activity}.shelf_id"
    )
    # "May the viewer see the public items of the followed reader?" (not when blocked).
    target_sql = visible(f"SELECT {activity}.target_user_id AS actor_id, %s AS audience")

    def shown_in_group(of: str) -> str:
        return f"(ge.audience = {of}.audience OR ge.audience = %s OR {of}.audience = %s)"

    credits = (
        f"ARRAY(SELECT ARRAY[ba.role, au.name] FROM {credit} ba JOIN {author} au ON au.id = ba.author_id"
        " WHERE ba.book_id = b.id ORDER BY ba.position, ba.id)"
    )
    book_json = (
        "json_build_object('id', b.id, 'title', b.title, 'cover', b.cover, 'cover_url', b.cover_url,"
        f" 'credits', {credits})"
    )
    # The owners' ids, as an array built by a subquery (see above).
    owner_parts, owner_params = [], []
    for part in owners:
        if isinstance(part, QuerySet):
            part_sql, part_params = part.order_by().query.sql_with_params()
            owner_parts.append(f"({part_sql})")
            owner_params.extend(part_params)
        else:
            owner_parts.append(f"SELECT unnest(%s::{pk_type}[])")
            owner_params.append(list(part))
    owner_ids = f"ARRAY({' UNION ALL '.join(owner_parts)})" if owner_parts else f"ARRAY[]::{pk_type}[]"
    # One owner's newest activities that the viewer may see ("p.owner_id"), past the cursor.
    newest = f"""
    SELECT {activity}.id, {activity}.verb, {activity}.actor_id, {activity}.audience, {activity}.created_at,
      {activity}.book_id, {activity}.review_id, {activity}.shelf_id, {activity}.target_user_id,
      {activity}.data, {activity}.rating_quarters, {activity}.group_key
    FROM {activity}
    LEFT JOIN {entry} e ON e.id = {activity}.entry_id
    LEFT JOIN {review} r ON r.id = {activity}.review_id
    WHERE {activity}.actor_id = p.owner_id {cursor_sql} AND {visible_sql}
      AND ({activity}.entry_id IS NULL OR e.audience = {activity}.audience OR e.audience = %s
        OR {activity}.audience = %s)
      AND ({activity}.review_id IS NULL OR r.audience = {activity}.audience OR r.audience = %s
        OR {activity}.audience = %s)
      AND ({activity}.entry_id IS NOT NULL OR {activity}.review_id IS NOT NULL
        OR {activity}.read_through_id IS NOT NULL OR {activity}.target_user_id IS NOT NULL
        OR {activity}.book_id IS NOT NULL
        OR (SELECT count(*) FROM {grouped} ae JOIN {entry} ge ON ge.id = ae.entry_id
            WHERE ae.activity_id = {activity}.id AND {shown_in_group(activity)}) > 0)
      AND ({activity}.shelf_id IS NULL OR {shelf_sql})
      AND ({activity}.target_user_id IS NULL OR {target_sql})
    ORDER BY {activity}.created_at {direction}, {activity}.id {direction} LIMIT %s"""
    newest_params = [
        *cursor_params,
        *visible_params,
        public,
        private,
        public,
        private,
        public,
        private,
        *visible_params,
        public,
        *visible_params,
    ]
    order = f"ORDER BY created_at {direction}, id {direction}"
    # First a few of each owner's newest; then more of those owners whose few all made the page.
    sql = f"""
WITH few AS MATERIALIZED (
  SELECT a.* FROM unnest({owner_ids}) AS p(owner_id) CROSS JOIN LATERAL ({newest}) a
), saturated AS (
  SELECT coalesce(array_agg(actor_id), '{{}}') AS ids FROM (
    SELECT actor_id FROM (SELECT actor_id FROM few {order} LIMIT %s) top
    GROUP BY actor_id HAVING count(*) >= %s
  ) s
)
SELECT x.id, x.verb, x.actor_id, x.created_at, x.book_id, x.data, x.rating_quarters, x.group_key,
  x.review_id, x.shelf_id, x.target_user_id,
  (SELECT u.{username} FROM {users} u WHERE u.{user_pk} = x.actor_id) AS actor_name,
  (SELECT u.{username} FROM {users} u WHERE u.{user_pk} = x.target_user_id) AS target_name,
  (SELECT {book_json} FROM {book} b WHERE b.id = x.book_id) AS book,
  (SELECT json_build_object('title', r.title, 'spoiler', r.spoiler, 'html', substring(r.body_html, 1, %s))
     FROM {review} r WHERE r.id = x.review_id) AS review,
  (SELECT s.name FROM {shelf} s WHERE s.id = x.shelf_id) AS shelf_name,
  (SELECT count(*) FROM {grouped} ae JOIN {entry} ge ON ge.id = ae.entry_id
     WHERE ae.activity_id = x.id AND {shown_in_group("x")}) AS books_count,
  (SELECT json_agg({book_json} ORDER BY g.id) FROM (
     SELECT ae.id, ge.book_id FROM {grouped} ae JOIN {entry} ge ON ge.id = ae.entry_id
     WHERE ae.activity_id = x.id AND {shown_in_group("x")} ORDER BY ae.id LIMIT %s
   ) g JOIN {book} b ON b.id = g.book_id) AS books
FROM (
  SELECT * FROM (
    SELECT * FROM few WHERE actor_id NOT IN (SELECT unnest(ids) FROM saturated)
    UNION ALL
    SELECT a.* FROM unnest((SELECT ids FROM saturated)) AS p(owner_id) CROSS JOIN LATERAL ({newest}) a
  ) a
  {order} LIMIT %s OFFSET %s
) x
ORDER BY x.created_at {direction}, x.id {direction}"""
    params = [
        *owner_params,
        *newest_params,
        _FIRST_FEW,
        offset + limit,
        _FIRST_FEW,
        _REVIEW_HTML_READ,
        public,
        private,
        public,
        private,
        GROUP_BOOKS_SHOWN,
        *newest_params,
        offset + limit,
        limit,
        offset,
    ]
    return sql, params
