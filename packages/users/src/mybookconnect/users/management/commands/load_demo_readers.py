from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from mybookconnect.users.demo import (
    DEFAULT_DEMO_PASSWORD,
    DEMO_PASSWORD_ENV,
    load_demo_readers,
    validate_demo_password,
)


class Command(BaseCommand):
    help = (
        "Create five demo readers (ana, bruno, carmen, david, elena) with profiles and a few follows, "
        "all sharing one password: for a local demo only. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            help=_(
                "The demo readers' password (default: the %(env)s environment variable, else “%(default)s”)."
            )
            % {"env": DEMO_PASSWORD_ENV, "default": DEFAULT_DEMO_PASSWORD},
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Run even when DEBUG is off (the accounts share a known password)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _(
                    "Demo readers share a known password, so they are for a local demo: DEBUG is off, "
                    "nothing was done. Use --force to create them anyway."
                )
            )
        password = options["password"] or os.environ.get(DEMO_PASSWORD_ENV) or DEFAULT_DEMO_PASSWORD
        try:
            validate_demo_password(password)
        except ValidationError as error:
            raise CommandError(_("The demo password is refused: %s") % " ".join(error.messages)) from error

        result = load_demo_readers(password)

        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo readers: %(created)d created, %(existing)d already there; "
                    "follows made: %(follows)d, follow requests made: %(requests)d."
                )
                % {
                    "created": len(result.created),
                    "existing": len(result.existing),
                    "follows": result.follows,
                    "requests": result.follow_requests,
                }
            )
        )
        if result.created and password == DEFAULT_DEMO_PASSWORD:
            # Printed once, when the accounts are made; a password of one's own is not echoed.
            self.stdout.write(
                _("Sign in as %(usernames)s with the password “%(password)s”.")
                % {"usernames": ", ".join(result.created), "password": password}
            )
        elif result.created:
            self.stdout.write(
                _("Sign in as %(usernames)s with the password you gave.")
                % {"usernames": ", ".join(result.created)}
            )
        if result.skipped:
            self.stderr.write(
                _("Left alone, taken by other accounts: %(usernames)s.")
                % {"usernames": ", ".join(result.skipped)}
            )
