"""Request and response bodies of the users API.

The API names its fields ``username`` and ``email`` whatever the site's user model calls them
(``USERNAME_FIELD`` and ``EMAIL_FIELD``), so clients never depend on the host's model.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from django.contrib.auth import authenticate, get_user_model, password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxLengthValidator, URLValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.fields import get_error_detail
from rest_framework_simplejwt import settings as simplejwt_settings

from mybookconnect.core.visibility import Audience

from .. import services
from ..avatars import CropBox, process_avatar
from ..models import BIO_MAX_LENGTH, GENRE_MAX_LENGTH, GENRES_MAX_COUNT, Profile, validate_birth_date

UNKNOWN_FIELD = _("This field is not allowed.")


class StrictCharField(serializers.CharField):
    """A ``CharField`` that refuses numbers and booleans instead of turning them into text."""

    default_error_messages = {"not_a_string": _("Not a valid string.")}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_a_string")
        return super().to_internal_value(data)


class StrictEmailField(StrictCharField, serializers.EmailField):
    """An ``EmailField`` that refuses anything but a string."""


class RejectUnknownFieldsMixin:
    """Answers fields the serializer does not declare with a 400 naming each of them.

    A misspelt field is otherwise dropped silently, which hides client bugs.
    """

    def to_internal_value(self, data: Any) -> Any:
        errors: dict[str, Any] = {}
        try:
            value = super().to_internal_value(data)  # type: ignore[misc]
        except exceptions.ValidationError as exc:
            if not isinstance(exc.detail, Mapping):
                raise
            errors.update(exc.detail)
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}  # type: ignore[attr-defined]
            for name in data:
                if name not in writable:
                    errors[str(name)] = [exceptions.ErrorDetail(str(UNKNOWN_FIELD), code="unknown_field")]
        if errors:
            raise exceptions.ValidationError(errors)
        return value


class AccountSerializer(serializers.Serializer):
    """The account as its owner sees it (``GET auth/me/``, the answer to registration)."""

    id = serializers.SerializerMethodField()
    username = serializers.SerializerMethodField()
    email = serializers.SerializerMethodField()
    date_joined = serializers.SerializerMethodField()

    def get_id(self, user: Any) -> int:
        return user.pk

    def get_username(self, user: Any) -> str:
        return user.get_username()

    def get_email(self, user: Any) -> str:
        return getattr(user, user.get_email_field_name())

    def get_date_joined(self, user: Any) -> datetime.datetime:
        # auth.User and most custom models record it; for those that do not, the profile's
        # creation time is when the reader joined MyBookConnect.
        joined = getattr(user, "date_joined", None)
        if isinstance(joined, datetime.datetime):
            return joined
        profile = services.profile_of(user)
        return profile.created_at if profile.pk else services.get_profile(user).created_at


def _username_field() -> serializers.CharField:
    user_model = get_user_model()
    model_field = user_model._meta.get_field(user_model.USERNAME_FIELD)
    return StrictCharField(
        max_length=model_field.max_length,
        # DRF adds its own max_length validator; the model's would report the error twice.
        validators=[v for v in model_field.validators if not isinstance(v, MaxLengthValidator)],
        help_text=str(model_field.help_text) or None,
    )


def _email_field() -> serializers.EmailField:
    user_model = get_user_model()
    model_field = user_model._meta.get_field(user_model.get_email_field_name())
    return StrictEmailField(max_length=model_field.max_length)


class RegistrationSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    """``POST auth/register/``: checks every field, then ``save()`` creates the account and profile."""

    password = StrictCharField(
        write_only=True, trim_whitespace=False, max_length=4096, style={"input_type": "password"}
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        # Built per instance from the user model, which is only known once the site is loaded.
        fields = {"username": _username_field(), "email": _email_field()}
        fields.update(super().get_fields())
        return fields

    def validate_username(self, value: str) -> str:
        value = get_user_model().normalize_username(value)
        if services.username_taken(value):
            raise serializers.ValidationError(services.USERNAME_TAKEN, code="unique")
        return value

    def validate_email(self, value: str) -> str:
        value = services.normalize_email(value)
        if services.email_taken(value):
            raise serializers.ValidationError(services.EMAIL_TAKEN, code="unique")
        return value

    def validate_password(self, value: str) -> str:
        # Checked beside the other fields, so that one answer lists every field's problems. The
        # user is built from the raw input so that UserAttributeSimilarityValidator can compare
        # the password with the username and email even when those are themselves invalid.
        raw = self.initial_data
        user = services.build_user(
            username=raw.get("username") if isinstance(raw.get("username"), str) else "",
            email=raw.get("email") if isinstance(raw.get("email"), str) else "",
        )
        try:
            password_validation.validate_password(value, user)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(get_error_detail(exc)) from exc
        return value

    def create(self, validated_data: dict[str, Any]) -> Any:
        try:
            return services.register_user(**validated_data)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(get_error_detail(exc)) from exc

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return AccountSerializer(instance, context=self.context).data


class TokenPairSerializer(serializers.Serializer):
    """An access token and the refresh token that renews it."""

    access = serializers.CharField(read_only=True)
    refresh = serializers.CharField(read_only=True)


class TokenObtainSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    """``POST auth/token/``: ``{"username", "password"}`` in, ``{"access", "refresh"}`` out.

    The field is called ``username`` for every user model; Django's authentication backends
    receive it as ``username`` and look it up in ``USERNAME_FIELD``.
    """

    username = StrictCharField(write_only=True)
    password = StrictCharField(write_only=True, trim_whitespace=False, style={"input_type": "password"})

    default_error_messages = {
        "no_active_account": _("No active account found with the given credentials"),
    }

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        user = authenticate(
            self.context.get("request"), username=attrs["username"], password=attrs["password"]
        )
        if not simplejwt_settings.api_settings.USER_AUTHENTICATION_RULE(user):
            raise exceptions.AuthenticationFailed(
                self.error_messages["no_active_account"], "no_active_account"
            )
        self.user = user
        return services.obtain_token_pair(user)


class TokenRefreshSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    """``POST auth/token/refresh/``: ``{"refresh"}`` in, a new ``{"access", "refresh"}`` out."""

    refresh = StrictCharField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        return services.rotate_refresh_token(attrs["refresh"])


class LogoutSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    """``POST auth/logout/``: ``{"refresh"}``, the token to revoke."""

    refresh = StrictCharField(write_only=True)

    def save(self, **kwargs: Any) -> None:
        services.blacklist_refresh_token(self.validated_data["refresh"])


# --- profiles and the follow graph ---------------------------------------------------------------

# C0 and C1 control characters and DEL; the bio keeps its line breaks and tabs.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_CHARACTERS_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class PlainTextField(StrictCharField):
    """Text stored as given minus control characters (``multiline`` keeps line breaks and tabs).

    The length limit applies to what is stored, after the control characters are gone.
    """

    def __init__(self, *, multiline: bool = False, **kwargs: Any) -> None:
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        if isinstance(data, str):
            if self.multiline:
                data = _CONTROL_CHARACTERS_BUT_LINES.sub("", data.replace("\r\n", "\n").replace("\r", "\n"))
            else:
                data = _CONTROL_CHARACTERS.sub("", data)
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """``true`` or ``false`` only: DRF's field also takes "yes", "on", 1 and friends."""

    default_error_messages = {"invalid": _("Must be true or false.")}

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class StrictIntegerField(serializers.IntegerField):
    """An integer, written as a number (JSON) or as digits (a multipart form), never a float or bool."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool | float):
            self.fail("invalid")
        return super().to_internal_value(data)


class AvatarUrlsSerializer(serializers.Serializer):
    """Where the avatar's squares are: 64 px (``small``) and 256 px (``large``)."""

    small = serializers.CharField(read_only=True)
    large = serializers.CharField(read_only=True)


class ReaderCardSerializer(serializers.Serializer):
    """A reader in a list: ``{username, display_name, avatar}`` (avatar ``null`` when none)."""

    username = serializers.SerializerMethodField()
    display_name = serializers.SerializerMethodField()
    avatar = serializers.SerializerMethodField()

    def get_username(self, user: Any) -> str:
        return user.get_username()

    def get_display_name(self, user: Any) -> str:
        return services.profile_of(user).display_name

    @extend_schema_field(AvatarUrlsSerializer(allow_null=True))
    def get_avatar(self, user: Any) -> dict[str, str] | None:
        return services.profile_of(user).avatar_urls()


class OwnProfileSerializer(serializers.ModelSerializer):
    """The profile as its owner sees it, every setting included."""

    avatar = serializers.SerializerMethodField()
    # Declared so that the schema says "a list of strings" rather than the JSON column's "anything".
    favourite_genres = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "bio",
            "location",
            "birth_date",
            "website",
            "favourite_genres",
            "avatar",
            "profile_visibility",
            "approve_followers",
            "show_follow_lists",
            "searchable",
        ]
        read_only_fields = fields

    @extend_schema_field(AvatarUrlsSerializer(allow_null=True))
    def get_avatar(self, profile: Profile) -> dict[str, str] | None:
        return profile.avatar_urls()


class OwnCountsSerializer(serializers.Serializer):
    followers = serializers.IntegerField(source="followers_count", read_only=True)
    following = serializers.IntegerField(source="following_count", read_only=True)
    follow_requests = serializers.IntegerField(
        source="follow_requests_count", read_only=True, help_text=_("Pending requests to follow you.")
    )


class MeSerializer(AccountSerializer):
    """``GET auth/me/``: the account, its whole profile and its counts.

    The user must come from ``services.me_with_counts`` (profile loaded, counts annotated).
    """

    profile = OwnProfileSerializer(source="mybookconnect_profile", read_only=True)
    counts = OwnCountsSerializer(source="*", read_only=True)


class ProfileUpdateSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    """``PATCH auth/me/``: any subset of the profile's fields; others are refused by name."""

    display_name = PlainTextField(max_length=100, allow_blank=True)
    bio = PlainTextField(multiline=True, max_length=BIO_MAX_LENGTH, allow_blank=True)
    location = PlainTextField(max_length=100, allow_blank=True)
    birth_date = serializers.DateField(
        allow_null=True, validators=[validate_birth_date], help_text=_("Shown only to you.")
    )
    website = StrictCharField(
        max_length=200,
        allow_blank=True,
        validators=[
            URLValidator(schemes=["http", "https"], message=_("Enter an http:// or https:// address."))
        ],
    )
    favourite_genres = serializers.ListField(
        child=PlainTextField(max_length=GENRE_MAX_LENGTH),
        max_length=GENRES_MAX_COUNT,
        help_text=_("Up to 20 names; repeats (ignoring case) are dropped."),
    )
    profile_visibility = serializers.ChoiceField(choices=Audience.choices)
    approve_followers = StrictBooleanField()
    show_follow_lists = StrictBooleanField()
    searchable = StrictBooleanField()

    not_here_messages = {
        "username": _("Usernames cannot be changed."),
        "email": _("Use auth/email/change/ to change your email address."),
    }

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            errors = {
                name: [exceptions.ErrorDetail(str(message), code="read_only")]
                for name, message in self.not_here_messages.items()
                if name in data
            }
            if errors:
                try:
                    super().to_internal_value({k: v for k, v in data.items() if k not in errors})
                except exceptions.ValidationError as exc:
                    if isinstance(exc.detail, Mapping):
                        errors = {**exc.detail, **errors}
                raise exceptions.ValidationError(errors)
        return super().to_internal_value(data)

    def validate_favourite_genres(self, value: list[str]) -> list[str]:
        seen: set[str] = set()
        unique = []
        for genre in value:
            key = genre.casefold()
            if key not in seen:
                seen.add(key)
                unique.append(genre)
        return unique

    def save(self, **kwargs: Any) -> Profile:
        try:
            return services.update_profile(self.context["request"].user, dict(self.validated_data))
        except DjangoValidationError as exc:
            raise serializers.ValidationError(get_error_detail(exc)) from exc


class AvatarUploadSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    """``PUT auth/me/avatar/`` (multipart): the picture and, optionally, the square to keep."""

    avatar = serializers.FileField(
        allow_empty_file=False, help_text=_("JPEG, PNG or WebP; at most 5 MB and 4096x4096 pixels.")
    )
    crop_x = StrictIntegerField(
        required=False, min_value=0, help_text=_("Left edge of the square, in pixels.")
    )
    crop_y = StrictIntegerField(
        required=False, min_value=0, help_text=_("Top edge of the square, in pixels.")
    )
    crop_size = StrictIntegerField(required=False, min_value=1, help_text=_("Side of the square, in pixels."))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        crop_fields = ("crop_x", "crop_y", "crop_size")
        given = [name for name in crop_fields if name in attrs]
        if given and len(given) != len(crop_fields):
            raise serializers.ValidationError(
                {
                    name: [_("Send crop_x, crop_y and crop_size together.")]
                    for name in crop_fields
                    if name not in attrs
                }
            )
        crop = CropBox(attrs["crop_x"], attrs["crop_y"], attrs["crop_size"]) if given else None
        try:
            attrs["processed"] = process_avatar(attrs["avatar"], crop)
        except DjangoValidationError as exc:
            key = "crop_size" if exc.code == "crop_outside" else "avatar"
            raise serializers.ValidationError({key: get_error_detail(exc)}) from exc
        return attrs

    def save(self, **kwargs: Any) -> Profile:
        return services.set_avatar(self.context["request"].user, self.validated_data["processed"])


class RelationshipSerializer(serializers.Serializer):
    """How the viewer relates to the reader (all false for anonymous viewers)."""

    is_self = serializers.BooleanField(read_only=True)
    following = serializers.BooleanField(read_only=True, help_text=_("You follow them."))
    requested = serializers.BooleanField(read_only=True, help_text=_("Your follow request is pending."))
    followed_by = serializers.BooleanField(read_only=True, help_text=_("They follow you."))
    blocking = serializers.BooleanField(read_only=True, help_text=_("You blocked them."))


class PublicCountsSerializer(serializers.Serializer):
    followers = serializers.IntegerField(read_only=True)
    following = serializers.IntegerField(read_only=True)


class ReaderSerializer(serializers.Serializer):
    """``GET users/{username}/``: a reader's profile as the viewer may see it.

    ``bio``, ``location``, ``website``, ``favourite_genres`` and ``date_joined`` are present only
    when ``can_view_profile`` is true; ``counts`` only then and when the reader shows their follow
    lists (or is the viewer). The birth date is never here: only its owner sees it, in ``auth/me/``.
    The user must come from ``services.find_reader``.
    """

    username = serializers.CharField(read_only=True)
    display_name = serializers.CharField(read_only=True)
    avatar = AvatarUrlsSerializer(read_only=True, allow_null=True)
    profile_visibility = serializers.ChoiceField(choices=Audience.choices, read_only=True)
    can_view_profile = serializers.BooleanField(read_only=True)
    relationship = RelationshipSerializer(read_only=True)
    # Not read-only so that the schema marks them optional (the serializer never reads input).
    bio = serializers.CharField(required=False)
    location = serializers.CharField(required=False)
    website = serializers.CharField(required=False)
    favourite_genres = serializers.ListField(child=serializers.CharField(), required=False)
    counts = PublicCountsSerializer(required=False)
    date_joined = serializers.DateTimeField(required=False)

    def to_representation(self, user: Any) -> dict[str, Any]:
        viewer = self.context["request"].user
        profile = services.profile_of(user)
        is_self = bool(viewer.is_authenticated and viewer.pk == user.pk)
        can_view = services.can_view_profile(viewer, user)
        data: dict[str, Any] = {
            "username": user.get_username(),
            "display_name": profile.display_name,
            "avatar": profile.avatar_urls(),
            "profile_visibility": profile.profile_visibility,
            "can_view_profile": can_view,
            "relationship": {
                "is_self": is_self,
                "following": user.rel_following,
                "requested": user.rel_requested,
                "followed_by": user.rel_followed_by,
                "blocking": user.rel_blocking,
            },
        }
        if not can_view:
            return data
        data.update(
            bio=profile.bio,
            location=profile.location,
            website=profile.website,
            favourite_genres=list(profile.favourite_genres),
            date_joined=AccountSerializer(user).data["date_joined"],
        )
        if profile.show_follow_lists or is_self:
            data["counts"] = {"followers": user.followers_count, "following": user.following_count}
        return data


class FollowStatusSerializer(serializers.Serializer):
    """Answer of ``POST users/{username}/follow/``."""

    status = serializers.ChoiceField(
        choices=[("following", _("You follow them")), ("requested", _("They will approve or reject it"))],
        read_only=True,
    )


class FollowListItemSerializer(ReaderCardSerializer):
    """One row of a followers or following list."""


class FollowRequestSerializer(serializers.Serializer):
    """A pending follow request: who asked whom, and when."""

    id = serializers.IntegerField(read_only=True)
    requester = ReaderCardSerializer(read_only=True)
    target = ReaderCardSerializer(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class BlockedReaderSerializer(serializers.Serializer):
    """A reader the viewer blocked, and since when."""

    username = serializers.SerializerMethodField()
    display_name = serializers.SerializerMethodField()
    avatar = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)

    def get_username(self, block: Any) -> str:
        return block.blocked.get_username()

    def get_display_name(self, block: Any) -> str:
        return services.profile_of(block.blocked).display_name

    @extend_schema_field(AvatarUrlsSerializer(allow_null=True))
    def get_avatar(self, block: Any) -> dict[str, str] | None:
        return services.profile_of(block.blocked).avatar_urls()
