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
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from mybookconnect.core.visibility import Audience, get_visibility_policy, owner_pk

from .conf import books_settings
from .models import Activity, ActivityEntry, ActivityVerb, AuthorRole, Book, BookAuthor, LibraryEntry, Shelf

# How many of a grouped activity's books an item shows; ``books_count`` tells how many there are.
GROUP_BOOKS_SHOWN = 4
REVIEW_EXCERPT_LENGTH = 280
# Enough of the review's HTML to hold the excerpt's text (tags and entities take room too).
_REVIEW_HTML_READ = 2000
# Audiences from the widest to the narrowest.
_AUDIENCES_WIDE_TO_NARROW = (Audience.PUBLIC, Audience.FOLLOWERS, Audience.PRIVATE)
_BLOCK_END = re.compile(r"</(?:p|li|blockquote|pre|h[1-6]|ul|ol|div)\s*>|<br\s*/?>", re.IGNORECASE)

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
            recent.save(update_fields=["data", "updated_at"])
            _add_entries(recent, entries)
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
        group_key=group_key,
        created_at=now,
    )
    _add_entries(activity, entries)
    return activity


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
    Activity.objects.filter(review_id=review_id).exclude(audience=audience).update(audience=audience)


def follow_default_audience(user: Any, audience: str) -> None:
    """``user``'s default audience is now ``audience``: their entries that follow the default take
    it, with their activities, and so do their "followed" activities (recorded with the default)."""
    user_id = owner_pk(user)
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


def feed_for(viewer: Any) -> QuerySet:
    """The activities of ``viewer`` and of the readers they follow that ``viewer`` may see, with what
    the feed draws loaded (see :func:`visible_activities`); unordered (the pagination orders it)."""
    followed = get_visibility_policy().followed_owners(viewer)
    return visible_activities(Activity.objects.filter(Q(actor=viewer.pk) | Q(actor__in=followed)), viewer)


def activities_of(owner: Any, viewer: Any) -> QuerySet:
    """``owner``'s activities that ``viewer`` may see (a profile's activity), loaded like the feed's."""
    return visible_activities(Activity.objects.filter(actor=owner_pk(owner)), viewer)


def visible_activities(queryset: QuerySet, viewer: Any) -> QuerySet:
    """``queryset`` of activities narrowed to what ``viewer`` may see (the rules in this module's
    docstring), with ``books_count``, the reader's rating of the book (``actor_rating``), the start
    of the review's HTML, up to :data:`GROUP_BOOKS_SHOWN` grouped entries (``shown_entries``) and the
    related rows an item shows, all in the page's query and one more for the grouped entries.
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
    actor_rating = (
        LibraryEntry.objects.filter(user=OuterRef("actor"), book=OuterRef("book"))
        .order_by()
        .values("rating_quarters")[:1]
    )
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
            actor_rating=Subquery(actor_rating, output_field=models.IntegerField()),
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
    """Stars (4.5, 4.25): the rating given, for "rated"; the reader's rating of the book, for
    "reviewed" and "finished"; else none."""
    if activity.verb == ActivityVerb.RATED:
        rating = activity.data.get("rating")
        return float(rating) if isinstance(rating, int | float) else None
    if activity.verb in (ActivityVerb.REVIEWED, ActivityVerb.FINISHED) and activity.actor_rating:
        return activity.actor_rating / 4
    return None


def status_of(activity: Activity) -> str | None:
    """The reading status the activity is about (``read``, ``want_to_read``...), if any."""
    if status := activity.data.get("status"):
        return str(status)
    if activity.group_key.startswith("status:"):
        return activity.group_key.removeprefix("status:")
    return _VERB_STATUS.get(activity.verb)


def progress_of(activity: Activity) -> dict[str, Any] | None:
    """``{"page", "percent", "minutes"}`` of a progress update (the ones not given are ``None``)."""
    if activity.verb != ActivityVerb.PROGRESS:
        return None
    return {key: activity.data.get(key) for key in ("page", "percent", "minutes")}


def review_excerpt(review_html: str | None) -> str:
    """The first :data:`REVIEW_EXCERPT_LENGTH` characters of a review's text (from its sanitised
    HTML: tags removed, entities decoded, whitespace collapsed), ending with "…" when cut."""
    text = strip_tags(_BLOCK_END.sub(" ", review_html or ""))
    text = " ".join(html.unescape(text).split())
    return Truncator(text).chars(REVIEW_EXCERPT_LENGTH)
