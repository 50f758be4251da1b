"""URLs of the account endpoints. ``mybookconnect.users.urls`` includes them, so their names live in
its namespace (``mybookconnect_users:password-change``); this module has no ``app_name`` of its own."""

from django.urls import path

from . import account_views

urlpatterns = [
    path("auth/password/change/", account_views.PasswordChangeView.as_view(), name="password-change"),
    path("auth/password/reset/", account_views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "auth/password/reset/confirm/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("auth/email/change/", account_views.EmailChangeView.as_view(), name="email-change"),
    path(
        "auth/email/change/confirm/",
        account_views.EmailChangeConfirmView.as_view(),
        name="email-change-confirm",
    ),
    path("auth/me/export/", account_views.DataExportView.as_view(), name="export"),
]
