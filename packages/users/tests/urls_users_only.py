"""Only the users app's URLs, so that the schema test judges this app's documentation alone."""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("mybookconnect.users.urls"))]
