"""The emails the users app sends, rendered from templates a site may override.

Each email has a subject, a plain-text body and an HTML body under
``templates/mybookconnect_users/email/``; a site overrides them by putting templates of the same
names earlier in its template search path. They are rendered in the active language (the request's,
through ``LocaleMiddleware``) and sent with Django's ``send_mail``, through ``EMAIL_BACKEND`` from
``DEFAULT_FROM_EMAIL``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import get_language

TEMPLATE_DIR = "mybookconnect_users/email"


def send_templated_email(name: str, recipient: str, context: dict[str, Any]) -> None:
    """Render ``<name>_subject.txt``, ``<name>.txt`` and ``<name>.html`` and send them to ``recipient``."""
    context = {"language": get_language(), **context}
    subject = render_to_string(f"{TEMPLATE_DIR}/{name}_subject.txt", context)
    # A header cannot span lines.
    subject = " ".join(subject.split())
    text = render_to_string(f"{TEMPLATE_DIR}/{name}.txt", context)
    html = render_to_string(f"{TEMPLATE_DIR}/{name}.html", context)
    send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [recipient], html_message=html)


def send_password_reset(user: Any, link: str) -> None:
    """The link that lets ``user`` choose a new password, to the account's address."""
    send_templated_email(
        "password_reset",
        getattr(user, user.get_email_field_name()),
        {"username": user.get_username(), "link": link, "timeout_hours": _reset_timeout_hours()},
    )


def send_email_change(user: Any, new_email: str, link: str) -> None:
    """The link that confirms ``new_email`` as the account's address, to that new address."""
    send_templated_email(
        "email_change",
        new_email,
        {"username": user.get_username(), "link": link, "new_email": new_email},
    )


def _reset_timeout_hours() -> int:
    return max(1, round(settings.PASSWORD_RESET_TIMEOUT / 3600))
