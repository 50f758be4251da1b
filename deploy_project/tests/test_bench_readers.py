"""make bench's synthetic readers (benchdata.readers, ``manage.py generate_readers``), on PostgreSQL.

The generator writes with COPY and this session's foreign-key checks off, so these tests check what
the database would otherwise have checked: every reference resolves, and the denormalised figures
(books' aggregates, reviews' likes and comments, activities' audiences) agree with the rows.
"""

from __future__ import annotations

import io
from collections import Counter

import pytest
from benchdata.management.commands.generate_readers import Command
from benchdata.readers import READER_PREFIX, ReaderGenerator, SeedingError, seeded_tables
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.db.models import Count
from django.utils import timezone

from mybookconnect.books.aggregates import recompute_book_aggregates
from mybookconnect.books.catalog_generator import CatalogGenerator
from mybookconnect.books.models import (
    Activity,
    ActivityEntry,
    ActivityVerb,
    Book,
    Comment,
    LibraryEntry,
    ReadingStatus,
    ReadThrough,
    Review,
    ReviewLike,
)
from mybookconnect.core.visibility import Audience
from mybookconnect.users.models import Follow, Profile

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    not connection.vendor == "postgresql", reason="generate_readers writes with COPY: PostgreSQL only"
)

READERS = 40
ENTRIES = 1200
FOLLOWS = 8
BENCH = "mbc-bench"


@pytest.fixture
def catalog(db):
    CatalogGenerator(400, seed=3, show_progress=False).run()


def seed(**options) -> ReaderGenerator:
    generator = ReaderGenerator(
        options.pop("readers", READERS),
        options.pop("entries", ENTRIES),
        follows=options.pop("follows", FOLLOWS),
        bench_username=options.pop("bench_username", BENCH),
        bench_entries=options.pop("bench_entries", 60),
        seed=options.pop("seed", 5),
        batch_size=options.pop("batch_size", 250),
        show_progress=False,
        **options,
    )
    generator.run()
    return generator


def dangling_references() -> dict[str, int]:
    """Foreign keys of the written tables that point at no row (the checks COPY skipped)."""
    found = {}
    for model in [*seeded_tables(), get_user_model()]:
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey):
                continue
            target = field.related_model
            missing = (
                model._default_manager.filter(**{f"{field.attname}__isnull": False})
                .exclude(
                    **{f"{field.attname}__in": target._default_manager.values(field.target_field.attname)}
                )
                .count()
            )
            if missing:
                found[f"{model._meta.db_table}.{field.column}"] = missing
    return found


@postgres_only
@pytest.mark.usefixtures("catalog")
def test_readers_follows_and_libraries_as_asked():
    generator = seed()
    user_model = get_user_model()
    bench = user_model.objects.get(username=BENCH)

    assert user_model.objects.filter(username__startswith=READER_PREFIX).count() == READERS - 1
    assert Profile.objects.count() == READERS
    assert LibraryEntry.objects.count() == ENTRIES
    assert LibraryEntry.objects.filter(user=bench).count() == 60
    assert Follow.objects.filter(follower=bench).count() == FOLLOWS
    assert not Follow.objects.filter(follower=models.F("followee")).exists()
    # Every reader has a library and follows someone; readers' libraries differ in size.
    sizes = Counter(LibraryEntry.objects.values_list("user", flat=True))
    assert len(sizes) == READERS
    assert max(sizes.values()) > 3 * min(sizes.values())
    assert set(Follow.objects.values_list("follower", flat=True)) == set(generator.reader_ids)
    assert dangling_references() == {}
    assert not user_model.objects.get(username="reader-00001").has_usable_password()
    assert Profile.objects.get(user=bench).profile_visibility == Audience.PUBLIC
    visibilities = Counter(Profile.objects.values_list("profile_visibility", flat=True))
    assert visibilities[Audience.PUBLIC] > READERS / 2


@postgres_only
@pytest.mark.usefixtures("catalog")
def test_entries_ratings_and_read_throughs_are_plausible():
    seed()
    today = timezone.localdate()
    statuses = Counter(LibraryEntry.objects.values_list("status", flat=True))
    ratings = list(
        LibraryEntry.objects.filter(rating_quarters__isnull=False).values_list("rating_quarters", flat=True)
    )

    assert set(statuses) == set(ReadingStatus.values)
    assert (
        statuses[ReadingStatus.READ] > statuses[ReadingStatus.WANT_TO_READ] > statuses[ReadingStatus.PAUSED]
    )
    assert 0.45 < len(ratings) / ENTRIES < 0.7
    assert all(rating % 2 == 0 and 2 <= rating <= 20 for rating in ratings)  # half stars
    assert not LibraryEntry.objects.filter(
        status=ReadingStatus.WANT_TO_READ, rating_quarters__isnull=False
    ).exists()
    assert not LibraryEntry.objects.filter(rating_quarters__isnull=False, rated_at__isnull=True).exists()
    assert not ReadThrough.objects.filter(finished_on__gt=today).exists()
    assert not ReadThrough.objects.filter(stopped_on__gt=today).exists()
    assert not LibraryEntry.objects.filter(created_at__gt=timezone.now()).exists()
    # Finished entries carry the last finish date; some readers re-read.
    for entry in LibraryEntry.objects.filter(finished_on__isnull=False)[:50]:
        assert entry.finished_on == max(rt.finished_on for rt in entry.read_throughs.all() if rt.finished_on)
    assert ReadThrough.objects.values("entry").annotate(n=Count("pk")).filter(n__gt=1).exists()
    # The to-read list has a hand order, no two alike per reader.
    positions = LibraryEntry.objects.filter(status=ReadingStatus.WANT_TO_READ).values_list("user", "position")
    assert len(set(positions)) == len(positions)


@postgres_only
@pytest.mark.usefixtures("catalog")
def test_book_aggregates_agree_with_the_rows():
    seed()

    assert recompute_book_aggregates(Book.objects.values_list("pk", flat=True)) == 0
    popular = Book.objects.order_by("-readers_count").first()
    assert popular.readers_count == LibraryEntry.objects.filter(book=popular).count() > 1
    assert popular.ratings_count and sum(popular.rating_histogram.values()) == popular.ratings_count
    assert (
        Book.objects.filter(reviews_count__gt=0).count() == Review.objects.values("book").distinct().count()
    )


@postgres_only
@pytest.mark.usefixtures("catalog")
def test_reviews_likes_and_comments_agree():
    seed()
    reviews = Review.objects.annotate(
        likes_n=Count("likes", distinct=True), comments_n=Count("comments", distinct=True)
    )

    assert ENTRIES / 20 < reviews.count() < ENTRIES / 5
    for review in reviews:
        assert review.likes_count == review.likes_n
        assert review.comments_count == review.comments_n
        assert review.body_html.startswith("<p>")
        assert LibraryEntry.objects.get(user=review.user_id, book=review.book_id).rating_quarters
    assert not ReviewLike.objects.filter(user=models.F("review__user")).exists()
    assert Comment.objects.filter(parent__isnull=False).exists()


@postgres_only
@pytest.mark.usefixtures("catalog")
def test_activities_follow_what_they_are_about():
    seed()
    verbs = Counter(Activity.objects.values_list("verb", flat=True))

    assert set(verbs) == set(ActivityVerb.values)
    assert verbs[ActivityVerb.REVIEWED] == Review.objects.count()
    # An activity about an entry has the entry's audience; a review's, the review's.
    assert (
        not Activity.objects.filter(entry__isnull=False)
        .exclude(audience=models.F("entry__audience"))
        .exists()
    )
    assert (
        not Activity.objects.filter(review__isnull=False)
        .exclude(audience=models.F("review__audience"))
        .exists()
    )
    for activity in Activity.objects.filter(verb=ActivityVerb.RATED)[:50]:
        assert activity.data["rating"] * 4 == activity.entry.rating_quarters == activity.rating_quarters
    # Rated and reviewed activities carry the rating at the time (the feed shows it), and only they.
    rated = [ActivityVerb.RATED, ActivityVerb.REVIEWED]
    assert not Activity.objects.filter(verb__in=rated, rating_quarters__isnull=True).exists()
    assert not Activity.objects.exclude(verb__in=rated).filter(rating_quarters__isnull=False).exists()
    for activity in Activity.objects.filter(verb=ActivityVerb.REVIEWED)[:50]:
        entry = LibraryEntry.objects.get(user=activity.actor_id, book=activity.book_id)
        assert activity.rating_quarters == entry.rating_quarters == activity.data["rating"] * 4
    # Shelving is grouped: every to-read entry is in one shelving activity, of its own audience, and
    # some activities hold several.
    to_read = LibraryEntry.objects.filter(status=ReadingStatus.WANT_TO_READ)
    assert ActivityEntry.objects.count() == to_read.count()
    assert not ActivityEntry.objects.exclude(activity__audience=models.F("entry__audience")).exists()
    assert ActivityEntry.objects.values("activity").annotate(n=Count("pk")).filter(n__gt=1).exists()
    # A follower's feed has rows.
    bench = get_user_model().objects.get(username=BENCH)
    followed = Follow.objects.filter(follower=bench).values("followee")
    assert Activity.objects.filter(actor__in=followed, audience=Audience.PUBLIC).count() > 20


@postgres_only
@pytest.mark.usefixtures("catalog")
def test_the_same_seed_gives_the_same_data_and_replace_starts_over():
    seed()
    first = list(
        LibraryEntry.objects.order_by("pk").values_list("user__username", "book", "status", "rating_quarters")
    )

    with pytest.raises(SeedingError, match="--replace"):
        seed()
    seed(replace=True)
    second = list(
        LibraryEntry.objects.order_by("pk").values_list("user__username", "book", "status", "rating_quarters")
    )

    assert first == second
    assert get_user_model().objects.filter(username__startswith=READER_PREFIX).count() == READERS - 1
    assert recompute_book_aggregates(Book.objects.values_list("pk", flat=True)) == 0


@postgres_only
@pytest.mark.usefixtures("catalog")
def test_sequences_move_past_the_rows_written():
    seed()
    reader = get_user_model().objects.create_user("after-seeding")
    book = Book.objects.exclude(library_entries__user__username=BENCH).first()

    entry = LibraryEntry.objects.create(user=reader, book=book, audience=Audience.PUBLIC)
    review = Review.objects.create(user=reader, book=book, audience=Audience.PUBLIC)

    assert entry.pk > LibraryEntry.objects.exclude(pk=entry.pk).order_by("-pk").first().pk
    assert review.pk and Activity.objects.create(
        actor=reader, verb="rated", audience="public", created_at=timezone.now()
    )


@postgres_only
@pytest.mark.usefixtures("catalog")
def test_an_existing_bench_user_becomes_a_reader():
    user = get_user_model().objects.create_user(BENCH, f"{BENCH}@localhost", None)

    seed()

    assert get_user_model().objects.filter(username=BENCH).count() == 1
    assert LibraryEntry.objects.filter(user=user).count() == 60
    assert Profile.objects.get(user=user).profile_visibility == Audience.PUBLIC


@postgres_only
@pytest.mark.usefixtures("catalog")
def test_the_command():
    out = io.StringIO()

    call_command(
        Command(),
        *("--readers", "20", "--entries", "300", "--follows", "5", "--bench-user", BENCH, "--no-progress"),
        stdout=out,
    )

    assert "300 library entries" in out.getvalue()
    assert LibraryEntry.objects.count() == 300
    with pytest.raises(CommandError, match="at least one library entry per reader"):
        call_command(Command(), "--readers", "20", "--entries", "10", stdout=io.StringIO())


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal on other databases")
def test_other_databases_are_refused():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command(Command(), "--readers", "20", "--entries", "300", stdout=io.StringIO())
