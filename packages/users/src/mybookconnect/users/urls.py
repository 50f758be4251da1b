"""URLs of the users API; a site includes them under its API prefix::

path("api/v1/", include("mybookconnect.users.urls")),
"""

from django.urls import path

from .api import views

app_name = "mybookconnect_users"

urlpatterns = [
    path("auth/register/", views.RegisterView.as_view(), name="register"),
    path("auth/token/", views.TokenObtainView.as_view(), name="token"),
    path("auth/token/refresh/", views.TokenRefreshView.as_view(), name="token-refresh"),
    path("auth/logout/", views.LogoutView.as_view(), name="logout"),
    path("auth/me/", views.MeView.as_view(), name="me"),
]
