"""URLs of the books API: a site includes them under its API prefix, ``api/v1/``."""

from django.urls import include, path

from mybookconnect.books.api import views

app_name = "mybookconnect_books"

urlpatterns = [
    path("books/", views.BookListView.as_view(), name="book-list"),
    path("books/<int:pk>/", views.BookDetailView.as_view(), name="book-detail"),
    path("books/<int:pk>/history/", views.BookHistoryView.as_view(), name="book-history"),
    path(
        "books/<int:pk>/history/<int:revision>/revert/",
        views.RevisionRevertView.as_view(),
        name="book-history-revert",
    ),
    path("books/<int:pk>/merge/", views.BookMergeView.as_view(), name="book-merge"),
    path("editions/", views.EditionCreateView.as_view(), name="edition-list"),
    path("editions/<int:pk>/", views.EditionDetailView.as_view(), name="edition-detail"),
    path("editions/<int:pk>/merge/", views.EditionMergeView.as_view(), name="edition-merge"),
    path("authors/", views.AuthorListView.as_view(), name="author-list"),
    path("authors/<int:pk>/", views.AuthorDetailView.as_view(), name="author-detail"),
    path("authors/<int:pk>/books/", views.AuthorBooksView.as_view(), name="author-books"),
    path("authors/<int:pk>/merge/", views.AuthorMergeView.as_view(), name="author-merge"),
    path("series/", views.SeriesListView.as_view(), name="series-list"),
    path("series/<int:pk>/", views.SeriesDetailView.as_view(), name="series-detail"),
    path("subjects/", views.SubjectListView.as_view(), name="subject-list"),
    path("", include("mybookconnect.books.api.lookup_urls")),
    path("", include("mybookconnect.books.api.library_urls")),
    path("", include("mybookconnect.books.api.reviews_urls")),
    path("", include("mybookconnect.books.api.feed_urls")),
]
