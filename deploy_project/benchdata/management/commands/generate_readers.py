"""``manage.py generate_readers --readers N --entries M``: synthetic readers for benchmarks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from benchdata.readers import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_BENCH_ENTRIES,
    DEFAULT_FOLLOWS,
    ReaderGenerator,
    SeedingError,
)


class Command(BaseCommand):
    help = (
        "Add N synthetic readers (profiles, follows) with M library entries in all, reviews, likes, "
        "comments and their feed activities over the existing catalog, then set the books' aggregates "
        "from them. PostgreSQL (COPY), one transaction. For benchmarks only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--readers", type=int, required=True, help="How many readers (accounts).")
        parser.add_argument("--entries", type=int, required=True, help="Library entries in all.")
        parser.add_argument("--reviews", type=int, help="About how many reviews (default: entries / 10).")
        parser.add_argument(
            "--follows",
            type=int,
            default=DEFAULT_FOLLOWS,
            help=f"Follows per reader, on average (default {DEFAULT_FOLLOWS}).",
        )
        parser.add_argument(
            "--bench-user",
            help="Make this account (created if missing) one of the readers, with --bench-entries entries "
            "and exactly --follows follows: the user a benchmark signs in as.",
        )
        parser.add_argument(
            "--bench-entries",
            type=int,
            default=DEFAULT_BENCH_ENTRIES,
            help=f"Library entries of --bench-user (default {DEFAULT_BENCH_ENTRIES}).",
        )
        parser.add_argument("--seed", type=int, default=0, help="Random seed: the same seed, the same data.")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Rows per COPY (default {DEFAULT_BATCH_SIZE}).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="First empty every table this command writes (library, reviews, activities, follows, "
            "blocks, profiles) and delete the reader-* accounts.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw progress lines on stderr."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if min(options["batch_size"], options["follows"], options["bench_entries"]) < 1:
            raise CommandError("--batch-size, --follows and --bench-entries must be at least 1.")
        if options["reviews"] is not None and options["reviews"] < 0:
            raise CommandError("--reviews cannot be negative.")
        try:
            generator = ReaderGenerator(
                options["readers"],
                options["entries"],
                reviews=options["reviews"],
                follows=options["follows"],
                bench_username=options["bench_user"],
                bench_entries=options["bench_entries"],
                seed=options["seed"],
                batch_size=options["batch_size"],
                replace=options["replace"],
                progress_stream=self.stderr._out,
                show_progress=not options["no_progress"],
            )
            stats = generator.run()
        except SeedingError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(stats))
