"""``manage.py generate_catalog --books N``: a synthetic catalog for benchmarks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mybookconnect.books.catalog_generator import DEFAULT_BATCH_SIZE, CatalogGenerator


class Command(BaseCommand):
    help = (
        "Add N synthetic books (realistic titles, shared authors, editions with valid unique ISBNs, "
        "subjects, series) to the catalog, for benchmarks. COPY on PostgreSQL, bulk inserts elsewhere."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--books", type=int, required=True, help="How many books to add.")
        parser.add_argument(
            "--seed", type=int, default=0, help="Random seed: the same seed gives the same books."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Books per batch (default {DEFAULT_BATCH_SIZE}).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw progress lines on stderr."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["books"] < 1:
            raise CommandError("--books must be at least 1.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        generator = CatalogGenerator(
            options["books"],
            seed=options["seed"],
            batch_size=options["batch_size"],
            progress_stream=self.stderr._out,
            show_progress=not options["no_progress"],
        )
        self.stdout.write(str(generator.run()))
