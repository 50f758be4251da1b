from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from mybookconnect.books.aggregates import RECOMPUTE_BATCH_SIZE, recompute_book_aggregates
from mybookconnect.books.models import Book


class Command(BaseCommand):
    help = (
        "Recompute books' ratings, rating histogram, readers and reviews from the library entries and "
        "reviews, and correct those that drifted (after writes that bypassed the app). All books, or "
        "the ids given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("book_ids", nargs="*", type=int, help="Only these books.")
        parser.add_argument(
            "--batch-size", type=int, default=RECOMPUTE_BATCH_SIZE, help="Books per transaction."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        ids = options["book_ids"] or list(Book.objects.order_by("pk").values_list("pk", flat=True))
        corrected = recompute_book_aggregates(ids, batch_size=options["batch_size"])
        self.stdout.write(
            self.style.SUCCESS(
                _("Books checked: %(checked)d; corrected: %(corrected)d.")
                % {"checked": len(ids), "corrected": corrected}
            )
        )
