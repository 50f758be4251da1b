"""``manage.py import_openlibrary_dump``: Open Library's dump files into the catalog."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mybookconnect.books.openlibrary_dump import DEFAULT_BATCH_SIZE, DumpImporter


class Command(BaseCommand):
    help = (
        "Import Open Library dump files (authors, works, editions; plain or gzipped) into the catalog, in "
        "batches. Run it again after an interruption: what is already imported is skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--authors", metavar="FILE", help="ol_dump_authors_*.txt(.gz)")
        parser.add_argument("--works", metavar="FILE", help="ol_dump_works_*.txt(.gz)")
        parser.add_argument("--editions", metavar="FILE", help="ol_dump_editions_*.txt(.gz)")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Rows per insert (default {DEFAULT_BATCH_SIZE}).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress line on stderr."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files = [(kind, options[kind]) for kind in ("authors", "works", "editions") if options[kind]]
        if not files:
            raise CommandError("Give at least one of --authors, --works, --editions.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        importer = DumpImporter(
            batch_size=options["batch_size"],
            progress_stream=self.stderr._out,
            show_progress=not options["no_progress"],
        )
        for kind, path in files:
            try:
                stats = getattr(importer, f"import_{kind}")(path)
            except OSError as exc:
                raise CommandError(f"Cannot read {path}: {exc}") from exc
            self.stdout.write(str(stats))
            for error in stats.errors:
                self.stderr.write(f"  {error}")
