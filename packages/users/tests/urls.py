from django.contrib import admin
from django.urls import include, path

from mybookconnect.core.urls import api_fallback_urlpatterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("mybookconnect.core.urls")),
    path("api/v1/", include("mybookconnect.users.urls")),
    path("api/", include(api_fallback_urlpatterns)),
]
