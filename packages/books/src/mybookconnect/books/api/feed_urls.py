"""URLs of the feed API (included by mybookconnect.books.urls)."""

from django.urls import path

from mybookconnect.books.api.feed_views import FeedView, ReaderActivityView

urlpatterns = [
    path("feed/", FeedView.as_view(), name="feed"),
    path("users/<str:username>/activity/", ReaderActivityView.as_view(), name="reader-activity"),
]
