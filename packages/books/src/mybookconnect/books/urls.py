"""URLs of the books API: a site includes them under its API prefix, ``api/v1/``."""

from django.urls import path

from mybookconnect.books.api.views import BookDetailView, BookListView

app_name = "mybookconnect_books"

urlpatterns = [
    path("books/", BookListView.as_view(), name="book-list"),
    path("books/<int:pk>/", BookDetailView.as_view(), name="book-detail"),
]
