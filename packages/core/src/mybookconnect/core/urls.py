"""Core's URLs: include under ``api/v1/``; include :data:`api_fallback_urlpatterns` last under ``api/``.

::

    urlpatterns = [
        path("api/v1/", include("mybookconnect.core.urls")),
        ...  # the other apps' API URLs
        path("api/", include(api_fallback_urlpatterns)),
    ]
"""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from .api.views import HealthView
from .views import api_not_found

app_name = "mybookconnect_core"

urlpatterns = [
    path("health/", HealthView.as_view(), name="health"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="mybookconnect_core:schema"), name="docs"),
]

#: Answers every path with the JSON 404; include it after every other API URL.
api_fallback_urlpatterns = [
    re_path(r"^.*$", api_not_found, name="mybookconnect_api_not_found"),
]
