"""GET feed/ and GET users/{username}/activity/: what each item carries, grouping, privacy, paging and
query counts. books runs without the users app: a test policy stands in for the follow graph (everyone
follows everyone, "followers" means signed in); the real one is tested in the deploy project."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from rest_framework.test import APIClient

from mybookconnect.books import feed
from mybookconnect.books.models import (
    Activity,
    ActivityVerb,
    Author,
    Book,
    BookAuthor,
    LibraryEntry,
    ReadThrough,
    Review,
    Shelf,
)
from mybookconnect.core.visibility import Audience, DefaultVisibilityPolicy, viewer_pk

from .conftest import create_account

pytestmark = pytest.mark.django_db

FEED = "/api/v1/feed/"
START = timezone.now() - datetime.timedelta(days=1)


class EveryoneFollowsEveryone(DefaultVisibilityPolicy):
    """Every signed-in reader follows every other one: followers-only items are theirs to see."""

    def can_view(self, viewer: Any, owner: Any, audience: str) -> bool:
        signed_in = viewer_pk(viewer) is not None
        return super().can_view(viewer, owner, audience) or (audience == Audience.FOLLOWERS and signed_in)

    def filter_queryset(
        self, queryset: QuerySet, viewer: Any, *, owner_field="user", audience_field="audience"
    ):
        if viewer_pk(viewer) is None:
            return super().filter_queryset(
                queryset, viewer, owner_field=owner_field, audience_field=audience_field
            )
        return queryset.filter(
            Q(**{f"{audience_field}__in": [Audience.PUBLIC, Audience.FOLLOWERS]})
            | Q(**{owner_field: viewer.pk})
        )

    def followed_owners(self, viewer: Any) -> Any:
        return get_user_model()._default_manager.exclude(pk=viewer_pk(viewer)).values("pk")


@pytest.fixture
def follow_everyone(settings) -> None:
    settings.MYBOOKCONNECT = {"VISIBILITY_POLICY": EveryoneFollowsEveryone}


def at(minutes: int) -> datetime.datetime:
    return START + datetime.timedelta(minutes=minutes)


def client_for(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def make_book(title: str, *authors: str, **fields: Any) -> Book:
    book = Book.objects.create(title=title, **fields)
    for position, name in enumerate(authors):
        author, _ = Author.objects.get_or_create(name=name)
        BookAuthor.objects.create(book=book, author=author, position=position)
    return book


def add_entry(user: Any, book: Book, audience: str = Audience.PUBLIC, **fields: Any) -> LibraryEntry:
    return LibraryEntry.objects.create(user=user, book=book, audience=audience, **fields)


def items(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def ana(db):
    return create_account("ana")


@pytest.fixture
def bruno(db):
    return create_account("bruno")


def test_anonymous_readers_have_no_feed(api_client):
    response = api_client.get(FEED)

    # 401 with token authentication (the site's); SessionAuthentication, these tests', says 403.
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"


def test_each_kind_of_activity_carries_what_the_spa_draws(ana):
    hobbit = make_book("The Hobbit", "J. R. R. Tolkien", cover_url="https://covers.example/hobbit.jpg")
    dune = make_book("Dune", "Frank Herbert")
    entry = add_entry(ana, hobbit, status="read", rating_quarters=18)
    reading = ReadThrough.objects.create(entry=add_entry(ana, dune, status="reading"))
    review = Review.objects.create(
        user=ana,
        book=hobbit,
        title="There and back",
        body="x",
        body_html="<p>A <em>lovely</em> book &amp; a map.</p><p>Second paragraph.</p>",
        spoiler=True,
        audience=Audience.PUBLIC,
    )
    feed.record_activity(ana, ActivityVerb.STARTED, audience=Audience.PUBLIC, read_through=reading, now=at(1))
    feed.record_activity(
        ana,
        ActivityVerb.PROGRESS,
        audience=Audience.PUBLIC,
        read_through=reading,
        data={"percent": 40.5},
        now=at(2),
    )
    feed.record_activity(ana, ActivityVerb.FINISHED, audience=Audience.PUBLIC, entry=entry, now=at(3))
    feed.record_activity(
        ana, ActivityVerb.RATED, audience=Audience.PUBLIC, entry=entry, data={"rating": 4.25}, now=at(4)
    )
    feed.record_activity(ana, ActivityVerb.REVIEWED, audience=Audience.PUBLIC, review=review, now=at(5))

    started, progress, finished, rated, reviewed = reversed(items(client_for(ana).get(FEED)))

    assert started["verb"] == "started"
    assert started["status"] == "reading"
    assert started["actor"] == {"id": ana.pk, "username": "ana"}
    assert started["book"]["title"] == "Dune"
    assert started["book"]["authors"] == ["Frank Herbert"]
    assert started["book"]["cover_url"] == f"http://testserver/api/v1/books/{dune.pk}/cover.svg"
    assert progress["progress"] == {"page": None, "percent": 40.5, "minutes": None}
    assert finished["status"] == "read"
    assert finished["rating"] == 4.5
    assert finished["book"]["cover_url"] == "https://covers.example/hobbit.jpg"
    assert rated["rating"] == 4.25
    assert reviewed["rating"] == 4.5
    assert reviewed["review"] == {
        "id": review.pk,
        "title": "There and back",
        "excerpt": "A lovely book & a map. Second paragraph.",
        "spoiler": True,
    }
    assert reviewed["book"]["id"] == hobbit.pk
    for item in (started, progress, finished, rated):
        assert item["review"] is None
        assert item["books"] == []
        assert item["books_count"] == 0
        assert item["target_user"] is None
        assert item["shelf"] is None
    assert set(reviewed) == {
        "id",
        "verb",
        "actor",
        "created_at",
        "book",
        "rating",
        "review",
        "progress",
        "status",
        "shelf",
        "target_user",
        "books",
        "books_count",
    }


def test_shelving_many_books_is_one_item_with_four_of_them(ana):
    shelf = Shelf.objects.create(user=ana, name="Summer", audience=Audience.PUBLIC)
    entries = [add_entry(ana, make_book(f"Book {i}", f"Author {i}")) for i in range(6)]
    feed.record_activity(
        ana,
        ActivityVerb.SHELVED,
        audience=Audience.PUBLIC,
        shelf=shelf,
        group_key=f"shelf:{shelf.pk}",
        entries=entries[:3],
        now=at(1),
    )
    # More of them soon after join the same item.
    feed.record_activity(
        ana,
        ActivityVerb.SHELVED,
        audience=Audience.PUBLIC,
        shelf=shelf,
        group_key=f"shelf:{shelf.pk}",
        entries=entries[3:],
        now=at(2),
    )

    (item,) = items(client_for(ana).get(FEED))

    assert item["verb"] == "shelved"
    assert item["shelf"] == {"id": shelf.pk, "name": "Summer"}
    assert item["book"] is None
    assert item["books_count"] == 6
    assert [book["title"] for book in item["books"]] == ["Book 0", "Book 1", "Book 2", "Book 3"]
    assert item["books"][0]["authors"] == ["Author 0"]


def test_a_group_shows_only_the_entries_left_and_goes_with_the_last(ana):
    entries = [add_entry(ana, make_book(f"Book {i}")) for i in range(3)]
    feed.record_activity(
        ana, ActivityVerb.SHELVED, audience=Audience.PUBLIC, group_key="status:want_to_read", entries=entries
    )

    entries[0].delete()
    (item,) = items(client_for(ana).get(FEED))
    assert item["status"] == "want_to_read"
    assert item["books_count"] == 2
    assert [book["title"] for book in item["books"]] == ["Book 1", "Book 2"]

    entries[1].delete()
    entries[2].delete()
    assert items(client_for(ana).get(FEED)) == []


def test_the_feed_holds_own_and_followed_readers_items_they_may_see(follow_everyone, ana, bruno):
    carmen = create_account("carmen")
    for audience in Audience.values:
        book = make_book(f"{audience} book")
        entry = add_entry(bruno, book, audience=audience, status="read")
        feed.record_activity(bruno, ActivityVerb.FINISHED, audience=audience, entry=entry)
    mine = add_entry(ana, make_book("Mine"), audience=Audience.PRIVATE)
    feed.record_activity(ana, ActivityVerb.FINISHED, audience=Audience.PRIVATE, entry=mine)

    seen = {item["book"]["title"] for item in items(client_for(ana).get(FEED))}
    assert seen == {"public book", "followers book", "Mine"}
    assert {item["book"]["title"] for item in items(client_for(carmen).get(FEED))} == {
        "public book",
        "followers book",
    }


def test_only_own_items_under_cores_policy(ana, bruno):
    entry = add_entry(bruno, make_book("Theirs"))
    feed.record_activity(bruno, ActivityVerb.FINISHED, audience=Audience.PUBLIC, entry=entry)

    # Core knows no follow graph: nobody is followed.
    assert items(client_for(ana).get(FEED)) == []
    assert len(items(client_for(bruno).get(FEED))) == 1


def test_an_entry_made_private_later_leaves_the_feed(follow_everyone, ana, bruno, settings):
    # The query's own rule, for a write that bypasses the services (a cached page would not see it).
    settings.MYBOOKCONNECT = {**getattr(settings, "MYBOOKCONNECT", {}), "BOOKS_FEED_CACHE_SECONDS": 0}
    entry = add_entry(bruno, make_book("Secret"))
    feed.record_activity(
        bruno, ActivityVerb.RATED, audience=Audience.PUBLIC, entry=entry, data={"rating": 2.0}
    )
    assert len(items(client_for(ana).get(FEED))) == 1

    LibraryEntry.objects.filter(pk=entry.pk).update(audience=Audience.PRIVATE)
    # Even before the write syncs its activities, the mismatch hides them.
    assert items(client_for(ana).get(FEED)) == []
    feed.sync_entry_audience([entry.pk], Audience.PRIVATE)

    assert items(client_for(ana).get(FEED)) == []
    assert Activity.objects.get().audience == Audience.PRIVATE
    assert len(items(client_for(bruno).get(FEED))) == 1


def test_a_deleted_review_takes_its_activity_along(follow_everyone, ana, bruno):
    review = Review.objects.create(
        user=bruno, book=make_book("Reviewed"), body_html="<p>Hm.</p>", audience="public"
    )
    feed.record_activity(bruno, ActivityVerb.REVIEWED, audience=Audience.PUBLIC, review=review)
    assert len(items(client_for(ana).get(FEED))) == 1

    review.delete()

    assert items(client_for(ana).get(FEED)) == []


def test_a_review_made_private_later_leaves_the_feed(follow_everyone, ana, bruno):
    review = Review.objects.create(
        user=bruno, book=make_book("Reviewed"), body_html="<p>Hm.</p>", audience="public"
    )
    feed.record_activity(bruno, ActivityVerb.REVIEWED, audience=Audience.PUBLIC, review=review)

    Review.objects.filter(pk=review.pk).update(audience=Audience.PRIVATE)
    assert items(client_for(ana).get(FEED)) == []
    feed.sync_review_audience(review.pk, Audience.PRIVATE)
    assert items(client_for(ana).get(FEED)) == []
    assert len(items(client_for(bruno).get(FEED))) == 1


def test_a_hidden_shelf_hides_its_shelving(follow_everyone, ana, bruno):
    shelf = Shelf.objects.create(user=bruno, name="Guilty pleasures", audience=Audience.PRIVATE)
    entry = add_entry(bruno, make_book("Pulp"))
    feed.record_activity(bruno, ActivityVerb.SHELVED, audience=Audience.PUBLIC, shelf=shelf, entries=[entry])

    assert items(client_for(ana).get(FEED)) == []
    assert items(client_for(bruno).get(FEED))[0]["shelf"]["name"] == "Guilty pleasures"


def test_a_group_on_a_narrower_shelf_shows_its_wider_entries(follow_everyone, ana, bruno):
    shelf = Shelf.objects.create(user=bruno, name="Book club", audience=Audience.FOLLOWERS)
    entries = [
        add_entry(bruno, make_book("Public one")),
        add_entry(bruno, make_book("Followers one"), "followers"),
    ]
    feed.record_activity(
        bruno, ActivityVerb.SHELVED, audience=Audience.FOLLOWERS, shelf=shelf, entries=entries
    )

    (item,) = items(client_for(ana).get(FEED))

    assert [book["title"] for book in item["books"]] == ["Public one", "Followers one"]
    assert item["books_count"] == 2


def test_grouped_entries_of_another_audience_are_not_shown(follow_everyone, ana, bruno):
    shown = add_entry(bruno, make_book("Shown"))
    hidden = add_entry(bruno, make_book("Hidden"), audience=Audience.PRIVATE)
    feed.record_activity(bruno, ActivityVerb.SHELVED, audience=Audience.PUBLIC, entries=[shown, hidden])

    (item,) = items(client_for(ana).get(FEED))

    assert [book["title"] for book in item["books"]] == ["Shown"]
    assert item["books_count"] == 1


def test_following_activity_names_the_followed_reader(ana, bruno):
    feed.record_follow(ana, bruno)

    (item,) = items(client_for(ana).get(FEED))

    assert item["verb"] == "followed"
    assert item["target_user"] == {"id": bruno.pk, "username": "bruno"}
    assert item["book"] is None


def test_cursor_pages_newest_first(ana):
    book = make_book("Long read")
    reading = ReadThrough.objects.create(entry=add_entry(ana, book, status="reading"))
    for page in range(25):
        feed.record_activity(
            ana,
            ActivityVerb.PROGRESS,
            audience=Audience.PUBLIC,
            read_through=reading,
            data={"page": page},
            now=at(page),
        )
    client = client_for(ana)

    first = client.get(FEED).json()
    second = client.get(first["next"]).json()

    assert [item["progress"]["page"] for item in first["results"]] == list(range(24, 4, -1))
    assert [item["progress"]["page"] for item in second["results"]] == [4, 3, 2, 1, 0]
    assert second["next"] is None
    assert "count" not in first
    assert len(client.get(FEED, {"page_size": 500}).json()["results"]) == 25
    assert len(client.get(FEED, {"page_size": 3}).json()["results"]) == 3


def _many_activities(actor: Any, n: int) -> None:
    """``n`` activities of every kind, a fifth of them groups of six books."""
    shelf = Shelf.objects.create(user=actor, name="Favourites", audience=Audience.PUBLIC)
    for i in range(n):
        book = make_book(f"Book {i}", f"Author {i}", f"Coauthor {i}")
        entry = add_entry(actor, book, status="read", rating_quarters=14)
        kind = i % 5
        if kind == 0:
            extra = [add_entry(actor, make_book(f"Extra {i}.{j}", f"Writer {i}.{j}")) for j in range(5)]
            feed.record_activity(
                actor,
                ActivityVerb.SHELVED,
                audience=Audience.PUBLIC,
                shelf=shelf,
                entries=[entry, *extra],
                now=at(i),
            )
        elif kind == 1:
            review = Review.objects.create(
                user=actor,
                book=book,
                title=f"On {i}",
                body_html="<p>" + "Words. " * 100 + "</p>",
                audience="public",
            )
            feed.record_activity(
                actor, ActivityVerb.REVIEWED, audience=Audience.PUBLIC, review=review, now=at(i)
            )
        elif kind == 2:
            reading = ReadThrough.objects.create(entry=entry)
            feed.record_activity(
                actor,
                ActivityVerb.PROGRESS,
                audience=Audience.PUBLIC,
                read_through=reading,
                data={"page": i},
                now=at(i),
            )
        elif kind == 3:
            feed.record_activity(
                actor,
                ActivityVerb.RATED,
                audience=Audience.PUBLIC,
                entry=entry,
                data={"rating": 3.5},
                now=at(i),
            )
        else:
            feed.record_follow(actor, create_account(f"followed_{i}"))


@pytest.mark.parametrize("n", [5, 50])
def test_a_page_costs_the_same_queries_for_5_and_50_items(
    follow_everyone, ana, bruno, n, django_assert_max_num_queries
):
    _many_activities(bruno, n)
    client = client_for(ana)

    # The followed readers' ids (for the cache key), then the page (one statement on PostgreSQL).
    with django_assert_max_num_queries(4):
        response = client.get(FEED, {"page_size": 50})
    # A cached page: the followed readers' ids only.
    with django_assert_max_num_queries(1):
        assert client.get(FEED, {"page_size": 50}).content == response.content

    results = items(response)
    assert len(results) == n
    groups = [item for item in results if item["verb"] == "shelved"]
    assert all(item["books_count"] == 6 and len(item["books"]) == 4 for item in groups)
    assert all(book["authors"] for item in groups for book in item["books"])
    assert all(item["review"]["excerpt"].endswith("…") for item in results if item["verb"] == "reviewed")


@pytest.mark.parametrize("n", [5, 50])
def test_a_readers_activity_page_costs_the_same_queries(ana, bruno, n, django_assert_max_num_queries):
    _many_activities(bruno, n)
    client = client_for(ana)

    # One more query: finding the reader.
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/users/bruno/activity/", {"page_size": 50})

    assert len(items(response)) == n


def test_a_readers_activity_shows_what_the_viewer_may_see(ana, bruno, api_client):
    for audience in Audience.values:
        entry = add_entry(bruno, make_book(f"{audience} book"), audience=audience)
        feed.record_activity(bruno, ActivityVerb.FINISHED, audience=audience, entry=entry)
    url = "/api/v1/users/bruno/activity/"

    def titles(client: APIClient) -> set[str]:
        return {item["book"]["title"] for item in items(client.get(url))}

    assert titles(client_for(bruno)) == {"public book", "followers book", "private book"}
    assert titles(client_for(ana)) == {"public book"}
    assert titles(api_client) == {"public book"}
    assert client_for(ana).get("/api/v1/users/BRUNO/activity/").status_code == 200


def test_a_readers_activity_of_nobody_is_a_404(ana):
    response = client_for(ana).get("/api/v1/users/nobody/activity/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_inactive_readers_activity_is_a_404(ana, bruno):
    bruno.is_active = False
    bruno.save()

    assert client_for(ana).get("/api/v1/users/bruno/activity/").status_code == 404


# --- PostgreSQL reads a page with one statement and draws it without the serializer ---------------

needs_postgresql = pytest.mark.skipif(
    not feed.use_single_statement(), reason="the single-statement page is PostgreSQL's"
)


def _walk(client: APIClient, url: str, page_size: int) -> list[dict[str, Any]]:
    """Every page forwards, then backwards from the last one through ``previous``."""
    pages = [client.get(url, {"page_size": page_size}).json()]
    while pages[-1]["next"]:
        pages.append(client.get(pages[-1]["next"]).json())
    while pages[-1]["previous"]:
        pages.append(client.get(pages[-1]["previous"]).json())
    return pages


@needs_postgresql
def test_the_single_statement_draws_what_the_serializer_draws(follow_everyone, ana, bruno, monkeypatch):
    carmen = create_account("carmen")
    _many_activities(bruno, 15)
    # Hidden for others: a private shelf, an entry and a review whose audience changed without a sync.
    secret_shelf = Shelf.objects.create(user=bruno, name="Secret", audience=Audience.PRIVATE)
    feed.record_activity(
        bruno,
        ActivityVerb.SHELVED,
        audience=Audience.PUBLIC,
        shelf=secret_shelf,
        entries=[add_entry(bruno, make_book("Pulp"))],
        now=at(100),
    )
    narrowed = add_entry(bruno, make_book("Narrowed"))
    feed.record_activity(bruno, ActivityVerb.FINISHED, audience=Audience.PUBLIC, entry=narrowed, now=at(101))
    LibraryEntry.objects.filter(pk=narrowed.pk).update(audience=Audience.PRIVATE)
    # A group of which only some books are shown; the viewer's own private activity; a follow.
    feed.record_activity(
        bruno,
        ActivityVerb.SHELVED,
        audience=Audience.PUBLIC,
        group_key="status:want_to_read",
        entries=[
            add_entry(bruno, make_book("Open", "A. Writer", cover_url="https://covers.example/o.jpg")),
            add_entry(bruno, make_book("Closed"), audience=Audience.PRIVATE),
        ],
        now=at(102),
    )
    mine = add_entry(ana, make_book("Mine", "Me"), audience=Audience.PRIVATE, rating_quarters=9)
    feed.record_activity(ana, ActivityVerb.FINISHED, audience=Audience.PRIVATE, entry=mine, now=at(103))
    feed.record_follow(carmen, ana)
    # Activities at the same moment: the cursor counts past them with an offset.
    for i in range(5):
        entry = add_entry(carmen, make_book(f"Same time {i}"))
        feed.record_activity(
            carmen, ActivityVerb.STOPPED, audience=Audience.FOLLOWERS, entry=entry, now=at(104)
        )

    for viewer, url in [
        (ana, FEED),
        (bruno, FEED),
        (carmen, FEED),
        (ana, "/api/v1/users/bruno/activity/"),
        (bruno, "/api/v1/users/bruno/activity/"),
    ]:
        for page_size in (3, 50):
            drawn = _walk(client_for(viewer), url, page_size)
            monkeypatch.setattr(feed, "use_single_statement", lambda: False)
            serialized = _walk(client_for(viewer), url, page_size)
            monkeypatch.undo()
            assert drawn == serialized
    assert sum(len(page["results"]) for page in _walk(client_for(ana), FEED, 3)) > 40


@needs_postgresql
@pytest.mark.parametrize("n", [5, 50])
def test_a_single_statement_page_costs_one_query(
    follow_everyone, ana, bruno, n, django_assert_max_num_queries
):
    _many_activities(bruno, n)

    # The followed readers' ids (read first, for the cache key), then the page's one statement.
    with django_assert_max_num_queries(2):
        response = client_for(ana).get(FEED, {"page_size": 50})

    assert len(items(response)) == n


def test_a_forged_cursor_is_a_404(ana):
    forged = "cD1ub3QtYS1kYXRl"  # base64 of "p=not-a-date"

    response = client_for(ana).get(FEED, {"cursor": forged})

    assert response.status_code == 404


class Everything(DefaultVisibilityPolicy):
    def filter_queryset(self, queryset, viewer, *, owner_field="user", audience_field="audience"):
        return queryset


class Nothing(DefaultVisibilityPolicy):
    def filter_queryset(self, queryset, viewer, *, owner_field="user", audience_field="audience"):
        return queryset.none()


@pytest.mark.parametrize(("policy", "seen"), [(Everything, 1), (Nothing, 0)])
def test_a_policy_may_allow_everything_or_nothing(ana, settings, policy, seen):
    entry = add_entry(ana, make_book("Any"), audience=Audience.PRIVATE)
    feed.record_activity(ana, ActivityVerb.FINISHED, audience=Audience.PRIVATE, entry=entry)
    settings.MYBOOKCONNECT = {"VISIBILITY_POLICY": policy}

    assert len(items(client_for(ana).get(FEED))) == seen
