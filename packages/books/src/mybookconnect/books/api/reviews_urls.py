"""URLs of the reviews API (included by mybookconnect.books.urls)."""

from django.urls import path

from mybookconnect.books.api import reviews_views as views

urlpatterns = [
    path("books/<int:pk>/reviews/", views.BookReviewsView.as_view(), name="book-reviews"),
    path("reviews/<int:pk>/", views.ReviewDetailView.as_view(), name="review-detail"),
    path("reviews/<int:pk>/like/", views.ReviewLikeView.as_view(), name="review-like"),
    path("reviews/<int:pk>/comments/", views.ReviewCommentsView.as_view(), name="review-comments"),
    path("reviews/<int:pk>/report/", views.ReviewReportView.as_view(), name="review-report"),
    path("comments/<int:pk>/", views.CommentDetailView.as_view(), name="comment-detail"),
    path("comments/<int:pk>/report/", views.CommentReportView.as_view(), name="comment-report"),
    path("users/<str:username>/reviews/", views.UserReviewsView.as_view(), name="user-reviews"),
]
