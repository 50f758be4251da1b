"""URLs of outside metadata; ``mybookconnect.books.urls`` includes them (no namespace of their own)."""

from django.urls import path

from mybookconnect.books.api.lookup_views import BookCoverPlaceholderView, BookLookupView

urlpatterns = [
    path("books/lookup/", BookLookupView.as_view(), name="book-lookup"),
    path("books/<int:pk>/cover.svg", BookCoverPlaceholderView.as_view(), name="book-cover-placeholder"),
]
