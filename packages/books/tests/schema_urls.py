"""Books' API alone, as a site mounts it, for the schema tests."""

from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("mybookconnect.books.urls")),
]
