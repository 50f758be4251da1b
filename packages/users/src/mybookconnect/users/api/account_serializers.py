"""Request bodies of the account endpoints: password change and reset, email change, deletion.

Every serializer refuses fields it does not declare and values of the wrong type, and reports
each field's problem under that field's name.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import get_error_detail

from .. import accounts, services
from .serializers import RejectUnknownFieldsMixin, StrictCharField, StrictEmailField

# Long enough for any passphrase, short enough that hashing it costs nothing unusual.
PASSWORD_MAX_LENGTH = 4096


def _password_field(**kwargs: Any) -> StrictCharField:
    return StrictCharField(
        write_only=True,
        trim_whitespace=False,
        max_length=PASSWORD_MAX_LENGTH,
        style={"input_type": "password"},
        **kwargs,
    )


def _validate_new_password(value: str, user: Any) -> str:
    try:
        password_validation.validate_password(value, user)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(get_error_detail(exc)) from exc
    return value


def _check_current_password(value: str, user: Any) -> str:
    if not user.check_password(value):
        raise serializers.ValidationError(accounts.WRONG_PASSWORD, code="wrong_password")
    return value


def _raise_as_drf(exc: DjangoValidationError) -> NoReturn:
    raise serializers.ValidationError(get_error_detail(exc)) from exc


class SignedInUserMixin:
    """Gives the serializer the account of the request (views pass it in ``context["request"]``)."""

    @property
    def user(self) -> Any:
        return self.context["request"].user  # type: ignore[attr-defined]


class PasswordChangeSerializer(SignedInUserMixin, RejectUnknownFieldsMixin, serializers.Serializer):
    """``POST auth/password/change/``: ``save()`` sets the password and returns a new token pair."""

    current_password = _password_field()
    new_password = _password_field(help_text=_("Checked by the site's password validators."))

    def validate_current_password(self, value: str) -> str:
        return _check_current_password(value, self.user)

    def validate_new_password(self, value: str) -> str:
        return _validate_new_password(value, self.user)

    def save(self, **kwargs: Any) -> dict[str, str]:
        return accounts.change_password(self.user, self.validated_data["new_password"])


class PasswordResetSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    """``POST auth/password/reset/``: ``save()`` emails a link if an account uses the address."""

    email = StrictEmailField(max_length=254)

    def save(self, **kwargs: Any) -> None:
        accounts.request_password_reset(self.validated_data["email"], self.context.get("request"))


class PasswordResetConfirmSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    """``POST auth/password/reset/confirm/``: the link's ``uid`` and ``token``, and the new password."""

    uid = StrictCharField(max_length=64)
    token = StrictCharField(max_length=128)
    new_password = _password_field(help_text=_("Checked by the site's password validators."))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        try:
            user = accounts.user_from_reset_link(attrs["uid"], attrs["token"])
        except DjangoValidationError as exc:
            _raise_as_drf(exc)
        try:
            _validate_new_password(attrs["new_password"], user)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({"new_password": exc.detail}) from exc
        return {**attrs, "user": user}

    def save(self, **kwargs: Any) -> None:
        accounts.reset_password(self.validated_data["user"], self.validated_data["new_password"])


class EmailChangeSerializer(SignedInUserMixin, RejectUnknownFieldsMixin, serializers.Serializer):
    """``POST auth/email/change/``: ``save()`` emails a confirmation link to the new address."""

    new_email = StrictEmailField()
    password = _password_field()

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        user_model = get_user_model()
        max_length = user_model._meta.get_field(user_model.get_email_field_name()).max_length
        fields["new_email"] = StrictEmailField(max_length=max_length)
        return fields

    def validate_new_email(self, value: str) -> str:
        value = services.normalize_email(value)
        if value.lower() == accounts.get_email(self.user).lower():
            raise serializers.ValidationError(accounts.EMAIL_UNCHANGED, code="unchanged")
        if services.email_taken(value):
            raise serializers.ValidationError(services.EMAIL_TAKEN, code="unique")
        return value

    def validate_password(self, value: str) -> str:
        return _check_current_password(value, self.user)

    def save(self, **kwargs: Any) -> str:
        return accounts.request_email_change(
            self.user, self.validated_data["new_email"], self.context.get("request")
        )


class EmailChangeConfirmSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    """``POST auth/email/change/confirm/``: the token of the link; ``save()`` returns the account."""

    token = StrictCharField(max_length=1024)

    def save(self, **kwargs: Any) -> Any:
        try:
            return accounts.confirm_email_change(self.validated_data["token"])
        except DjangoValidationError as exc:
            _raise_as_drf(exc)


class AccountDeletionSerializer(SignedInUserMixin, RejectUnknownFieldsMixin, serializers.Serializer):
    """``DELETE auth/me/``: the password, as proof; ``save()`` deletes the account."""

    password = _password_field()

    def validate_password(self, value: str) -> str:
        return _check_current_password(value, self.user)

    def save(self, **kwargs: Any) -> None:
        try:
            accounts.delete_account(self.user, self.validated_data["password"])
        except DjangoValidationError as exc:
            _raise_as_drf(exc)


class DetailSerializer(serializers.Serializer):
    """A message for the reader."""

    detail = serializers.CharField(read_only=True)
