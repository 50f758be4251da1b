"""Sign in with a username or an email address, in the same field.

A site enables it in place of Django's ``ModelBackend``::

    AUTHENTICATION_BACKENDS = ["mybookconnect.users.backends.UsernameOrEmailBackend"]

It is a ``ModelBackend``, so permissions and ``is_active`` work as before.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.http import HttpRequest

# More accounts than this sharing one identifier (ignoring case) only happens in data made outside
# the app; checking every password would let one request cost the server unbounded hashing.
MAX_CANDIDATES = 5


class UsernameOrEmailBackend(ModelBackend):
    """Authenticates ``username`` = a username or an email address, both ignoring case.

    When several accounts match (an exact username beats a username differing only in case, which
    beats an email address), the first whose password is right signs in. Unknown identifiers cost
    one password hash, like Django's backend, so response times do not reveal which accounts exist.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if not isinstance(username, str) or not username.strip() or password is None:
            return None
        identifier = username.strip()
        candidates = self.candidates(identifier)
        if not candidates:
            # Spend the time a real check takes (Django's defence against user enumeration by timing).
            user_model().set_password(password)
            return None
        for user in candidates:
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
        return None

    def candidates(self, identifier: str) -> list[Any]:
        """Accounts ``identifier`` may name, the most likely first."""
        user_model = get_user_model()
        username_field = user_model.USERNAME_FIELD
        condition = Q(**{f"{username_field}__iexact": identifier})
        email_field = _email_field_name(user_model)
        if email_field and "@" in identifier:
            condition |= Q(**{f"{email_field}__iexact": identifier})
        users = list(user_model._default_manager.filter(condition)[:MAX_CANDIDATES])

        def rank(user: Any) -> tuple[int, Any]:
            name = getattr(user, username_field)
            if name == identifier:
                return (0, user.pk)
            if str(name).lower() == identifier.lower():
                return (1, user.pk)
            return (2, user.pk)

        return sorted(users, key=rank)


def _email_field_name(user_model: Any) -> str | None:
    name = user_model.get_email_field_name()
    try:
        user_model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return name
