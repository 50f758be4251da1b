from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from mybookconnect.books.demo import load_demo_books


class Command(BaseCommand):
    help = (
        "Load a small catalog of real, well-known books. Safe to run again: books are matched by title "
        "and only what differs from the demo data is written."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_demo_books()
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo books: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
            )
        )
