"""URLs of the users API; a site includes them under its API prefix::

path("api/v1/", include("mybookconnect.users.urls")),
"""

from django.urls import include, path

from .api import views

app_name = "mybookconnect_users"

urlpatterns = [
    # Account management (password, email, export): named in this namespace, e.g. "password-change".
    path("", include("mybookconnect.users.api.account_urls")),
    path("auth/register/", views.RegisterView.as_view(), name="register"),
    path("auth/token/", views.TokenObtainView.as_view(), name="token"),
    path("auth/token/refresh/", views.TokenRefreshView.as_view(), name="token-refresh"),
    path("auth/logout/", views.LogoutView.as_view(), name="logout"),
    path("auth/me/", views.MeView.as_view(), name="me"),
    path("auth/me/avatar/", views.AvatarView.as_view(), name="me-avatar"),
    path("users/", views.ReaderSearchView.as_view(), name="reader-search"),
    path("users/<str:username>/", views.ReaderDetailView.as_view(), name="reader-detail"),
    path("users/<str:username>/follow/", views.FollowView.as_view(), name="reader-follow"),
    path("users/<str:username>/follower/", views.FollowerView.as_view(), name="reader-follower"),
    path("users/<str:username>/followers/", views.FollowersView.as_view(), name="reader-followers"),
    path("users/<str:username>/following/", views.FollowingView.as_view(), name="reader-following"),
    path("users/<str:username>/block/", views.BlockView.as_view(), name="reader-block"),
    path("follow-requests/", views.FollowRequestListView.as_view(), name="follow-request-list"),
    path(
        "follow-requests/<int:pk>/accept/",
        views.FollowRequestAcceptView.as_view(),
        name="follow-request-accept",
    ),
    path(
        "follow-requests/<int:pk>/reject/",
        views.FollowRequestRejectView.as_view(),
        name="follow-request-reject",
    ),
    path("blocks/", views.BlockListView.as_view(), name="block-list"),
]
