from django.contrib import admin
from django.contrib.auth import get_user_model

from .models import Profile

_user_model = get_user_model()


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at", "updated_at")
    list_filter = ("created_at",)
    search_fields = (
        f"user__{_user_model.USERNAME_FIELD}",
        f"user__{_user_model.get_email_field_name()}",
    )
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "updated_at")
    date_hierarchy = "created_at"
