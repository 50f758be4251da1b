from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from . import services
from .models import Block, Follow, FollowRequest, Profile

_user_model = get_user_model()


def _user_search(*relations: str) -> tuple[str, ...]:
    # Search by whatever the site's user model calls its username and email fields.
    username = _user_model.USERNAME_FIELD
    email = _user_model.get_email_field_name()
    return tuple(f"{relation}__{field}" for relation in relations for field in (username, email))


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "display_name",
        "profile_visibility",
        "approve_followers",
        "show_follow_lists",
        "searchable",
        "created_at",
    )
    list_filter = ("profile_visibility", "approve_followers", "show_follow_lists", "searchable", "created_at")
    search_fields = (*_user_search("user"), "display_name")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "updated_at")
    date_hierarchy = "created_at"
    # Django 6 makes https the default scheme of typed-in addresses; say so now.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: Profile, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # The profile's privacy is the reader's default audience: other apps follow it.
        if "profile_visibility" in form.changed_data:
            services.announce_default_audience(obj.user, obj.profile_visibility)


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("follower", "followee", "created_at")
    list_filter = ("created_at",)
    search_fields = _user_search("follower", "followee")
    list_select_related = ("follower", "followee")
    raw_id_fields = ("follower", "followee")
    date_hierarchy = "created_at"

    # Follows made, changed or deleted here are announced like those of the API (an activity feed
    # records them); the admin's change view already runs in a transaction.
    def save_model(self, request: HttpRequest, obj: Follow, form: Any, change: bool) -> None:
        before = Follow.objects.select_related("follower", "followee").get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        if before is not None and (before.follower_id, before.followee_id) == (
            obj.follower_id,
            obj.followee_id,
        ):
            return
        if before is not None:
            services.announce_unfollow(before.follower, before.followee)
        services.announce_follow(obj.follower, obj.followee)

    def delete_model(self, request: HttpRequest, obj: Follow) -> None:
        with transaction.atomic():
            super().delete_model(request, obj)
            services.announce_unfollow(obj.follower, obj.followee)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        with transaction.atomic():
            ended = list(queryset.select_related("follower", "followee"))
            super().delete_queryset(request, queryset)
            for follow in ended:
                services.announce_unfollow(follow.follower, follow.followee)


@admin.register(FollowRequest)
class FollowRequestAdmin(admin.ModelAdmin):
    list_display = ("requester", "target", "created_at")
    list_filter = ("created_at",)
    search_fields = _user_search("requester", "target")
    list_select_related = ("requester", "target")
    raw_id_fields = ("requester", "target")
    date_hierarchy = "created_at"


class BlockAdminForm(forms.ModelForm):
    class Meta:
        model = Block
        fields = ("blocker", "blocked")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        blocker, blocked = cleaned.get("blocker"), cleaned.get("blocked")
        if blocker is not None and blocked is not None and blocker.pk == blocked.pk:
            # The same message as the API's (and the field's error spares the constraint's own).
            self.add_error("blocked", services.CANNOT_BLOCK_SELF)
        return cleaned


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    form = BlockAdminForm
    list_display = ("blocker", "blocked", "created_at")
    list_filter = ("created_at",)
    search_fields = _user_search("blocker", "blocked")
    list_select_related = ("blocker", "blocked")
    raw_id_fields = ("blocker", "blocked")
    date_hierarchy = "created_at"

    # Blocks made, changed or lifted here go through the services, like the API's: a block ends the
    # follows (announced) and follow requests between the two readers. Changing a block's readers lifts
    # the old block and makes the new one. The admin's change and delete views run in a transaction.
    def save_model(self, request: HttpRequest, obj: Block, form: Any, change: bool) -> None:
        if change:
            before = Block.objects.select_related("blocker", "blocked").get(pk=obj.pk)
            if (before.blocker_id, before.blocked_id) == (obj.blocker_id, obj.blocked_id):
                return
            services.unblock(before.blocker, before.blocked)
        services.block(obj.blocker, obj.blocked)
        made = Block.objects.get(blocker=obj.blocker, blocked=obj.blocked)
        obj.pk, obj.created_at = made.pk, made.created_at

    def delete_model(self, request: HttpRequest, obj: Block) -> None:
        services.unblock(obj.blocker, obj.blocked)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        with transaction.atomic():
            for lifted in queryset.select_related("blocker", "blocked"):
                services.unblock(lifted.blocker, lifted.blocked)
