"""URLs of the library API (included by mybookconnect.books.urls)."""

from django.urls import path

from mybookconnect.books.api import library_views as views

urlpatterns = [
    path("library/", views.LibraryListView.as_view(), name="library-list"),
    path("library/bulk/", views.LibraryBulkView.as_view(), name="library-bulk"),
    path("library/tags/", views.LibraryTagListView.as_view(), name="library-tags"),
    path("library/<int:pk>/", views.LibraryEntryDetailView.as_view(), name="library-detail"),
    path("library/<int:pk>/move/", views.LibraryMoveView.as_view(), name="library-move"),
    path(
        "library/<int:pk>/read-throughs/", views.ReadThroughListView.as_view(), name="library-read-throughs"
    ),
    path(
        "library/<int:pk>/read-throughs/<int:reading>/",
        views.ReadThroughDetailView.as_view(),
        name="library-read-through-detail",
    ),
    path(
        "library/<int:pk>/read-throughs/<int:reading>/progress/",
        views.ProgressListView.as_view(),
        name="library-progress",
    ),
    path("shelves/", views.ShelfListView.as_view(), name="shelf-list"),
    path("shelves/<int:pk>/", views.ShelfDetailView.as_view(), name="shelf-detail"),
    path("users/<str:username>/library/", views.ReaderLibraryView.as_view(), name="reader-library"),
    path("users/<str:username>/shelves/", views.ReaderShelvesView.as_view(), name="reader-shelves"),
]
