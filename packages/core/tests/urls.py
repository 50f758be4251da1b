from django.urls import include, path

from mybookconnect.core.urls import api_fallback_urlpatterns

from . import views

handler400 = "mybookconnect.core.views.handler400"
handler403 = "mybookconnect.core.views.handler403"
handler404 = "mybookconnect.core.views.handler404"
handler500 = "mybookconnect.core.views.handler500"

test_patterns = [
    path("echo/", views.EchoView.as_view()),
    path("non-field-error/", views.NonFieldErrorView.as_view()),
    path("django-validation-error/", views.DjangoValidationErrorView.as_view()),
    path("private/", views.PrivateView.as_view()),
    path("django-permission-denied/", views.DjangoPermissionDeniedView.as_view()),
    path("django-not-found/", views.DjangoNotFoundView.as_view()),
    path("suspicious/", views.SuspiciousView.as_view()),
    path("boom/", views.BoomView.as_view()),
    path("throttled/", views.ThrottledView.as_view()),
    path("plain-boom/", views.plain_boom),
    path("plain-not-found/", views.plain_not_found),
    path("notes/", views.NoteListView.as_view()),
    path("feed/", views.NoteFeedView.as_view()),
]

urlpatterns = [
    path("api/v1/", include("mybookconnect.core.urls")),
    path("api/v1/test/", include(test_patterns)),
    path("api/", include(api_fallback_urlpatterns)),
    path("plain-boom/", views.plain_boom),
    path("plain-page/", views.plain_page),
]
