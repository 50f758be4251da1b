"""Request and response bodies of the users API.

The API names its fields ``username`` and ``email`` whatever the site's user model calls them
(``USERNAME_FIELD`` and ``EMAIL_FIELD``), so clients never depend on the host's model.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib.auth import authenticate, get_user_model, password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers
from rest_framework.fields import get_error_detail
from rest_framework_simplejwt import settings as simplejwt_settings

from .. import services

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
        return services.get_profile(user).created_at


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
