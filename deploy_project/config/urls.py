"""The site's URLs: the API under /api/v1/, the admin under /admin/, the SPA everywhere else."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve as serve_file

from config import spa_auth
from config.bench_views import BenchFloorView
from config.views import spa_index
from mybookconnect.core.urls import api_fallback_urlpatterns

spa_session_urlpatterns = [
    path("auth/session/", spa_auth.SessionLoginView.as_view(), name="login"),
    path("auth/session/refresh/", spa_auth.SessionRefreshView.as_view(), name="refresh"),
    path("auth/session/logout/", spa_auth.SessionLogoutView.as_view(), name="logout"),
    path("auth/session/password/", spa_auth.SessionPasswordChangeView.as_view(), name="password-change"),
]

urlpatterns = [
    path("api/v1/", include("mybookconnect.core.urls")),
    path("api/v1/", include("mybookconnect.users.urls")),
    path("api/v1/", include("mybookconnect.books.urls")),
    path("api/v1/", include((spa_session_urlpatterns, "spa_session"))),
    # make bench's framework floor; a JSON 404 unless settings.BENCH_ENDPOINTS (MBC_BENCH=1) is on.
    path("api/v1/bench/floor/", BenchFloorView.as_view(), name="bench-floor"),
    # Any other API path: a JSON 404, never the SPA.
    path("api/", include(api_fallback_urlpatterns)),
    path("admin/", admin.site.urls),
    # Everything else is a route of the SPA (except static files WhiteNoise did not find: a real 404).
    re_path(r"^(?!api(?:/|$)|admin(?:/|$)|static/|media/).*$", spa_index, name="spa"),
]

if settings.SERVE_MEDIA:
    # Uploaded avatars; in production a proxy usually serves MEDIA_ROOT instead (see settings).
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve_file, {"document_root": settings.MEDIA_ROOT}))

handler400 = "mybookconnect.core.views.handler400"
handler403 = "mybookconnect.core.views.handler403"
handler404 = "mybookconnect.core.views.handler404"
handler500 = "mybookconnect.core.views.handler500"
