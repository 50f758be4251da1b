from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("mybookconnect.core.urls")),
    path("api/v1/", include("mybookconnect.books.urls")),
    path("admin/", admin.site.urls),
]
