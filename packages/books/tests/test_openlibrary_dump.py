"""import_openlibrary_dump on small files in the dumps' format, plain and gzipped, run twice."""

from __future__ import annotations

import gzip
import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from mybookconnect.books.models import Author, Book, BookAuthor, Edition, Subject
from mybookconnect.books.openlibrary_dump import DumpImporter, ImportStats, Progress, read_dump
from tests.fixtures import FIXTURES_DIR

DUMP_DIR = FIXTURES_DIR / "openlibrary_dump"
pytestmark = pytest.mark.django_db


def gzipped(source: Path, target_dir: Path) -> Path:
    target = target_dir / (source.name + ".gz")
    with source.open("rb") as plain, gzip.open(target, "wb") as packed:
        shutil.copyfileobj(plain, packed)
    return target


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_openlibrary_dump", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def all_files(directory: Path = DUMP_DIR, suffix: str = "") -> list[str]:
    return [
        "--authors",
        str(directory / f"authors.txt{suffix}"),
        "--works",
        str(directory / f"works.txt{suffix}"),
        "--editions",
        str(directory / f"editions.txt{suffix}"),
    ]


def check_catalog() -> None:
    assert Author.objects.count() == 4
    follett = Author.objects.get(openlibrary_id="OL1A")
    assert (follett.name, follett.sort_name, follett.birth_year) == ("Ken Follett", "Follett, Ken", 1949)
    assert follett.other_names == ["Kenneth Martin Follett"]
    le_guin = Author.objects.get(openlibrary_id="OL3A")
    assert (le_guin.name, le_guin.birth_year, le_guin.death_year) == ("Ursula K. Le Guin", 1929, 2018)
    assert Author.objects.get(openlibrary_id="OL2A").bio == "Escritora valenciana."

    assert Book.objects.count() == 4
    pillars = Book.objects.get(openlibrary_work_id="OL1W")
    assert list(pillars.authors.values_list("name", flat=True)) == ["Ken Follett"]
    # "Fiction" and "fiction" are one subject.
    assert sorted(pillars.subjects.values_list("name", flat=True)) == ["Cathedrals", "Fiction", "Middle Ages"]
    assert pillars.first_published_year == 1989  # from its earliest edition ("c1989")
    assert pillars.cover_url == "https://covers.openlibrary.org/b/id/8231861-L.jpg"
    idhun = Book.objects.get(openlibrary_work_id="OL2W")
    assert (idhun.subtitle, idhun.first_published_year) == ("La Resistencia", 2004)
    assert idhun.description == "Primera parte de la trilogía."
    assert idhun.authors.get().name == "Laura Gallego García"
    earthsea = Book.objects.get(openlibrary_work_id="OL3W")
    assert earthsea.description == "A boy learns the true names of things."
    assert list(earthsea.authors.values_list("openlibrary_id", flat=True)) == ["OL3A"]  # OL999A is unknown
    assert earthsea.first_published_year == 1968
    assert Subject.objects.filter(name__iexact="fantasy").count() == 1

    assert Edition.objects.count() == 5
    signet = Edition.objects.get(openlibrary_edition_id="OL1M")
    assert (signet.isbn_13, signet.isbn_10, signet.publisher, signet.pages) == (
        "9780451166890",
        "0451166892",
        "Signet",
        973,
    )
    assert (signet.format, signet.language, signet.publication_year) == ("paperback", "en", 1990)
    morrow = Edition.objects.get(openlibrary_edition_id="OL2M")
    assert (morrow.isbn_13, morrow.isbn_10, morrow.format) == ("9780688046590", "0688046592", "hardcover")
    duplicate = Edition.objects.get(openlibrary_edition_id="OL3M")
    assert (duplicate.isbn_13, duplicate.publication_year, duplicate.publication_month) == (None, 1995, 3)
    spanish = Edition.objects.get(openlibrary_edition_id="OL4M")
    assert spanish.isbn_13 == "9788467500004"  # the first one's check digit is wrong
    assert (spanish.publication_year, spanish.publication_month, spanish.publication_day) == (2004, 10, 15)
    assert (spanish.language, spanish.pages) == ("es", None)
    assert not Edition.objects.filter(openlibrary_edition_id="OL5M").exists()  # its work is unknown


def test_plain_files(settings) -> None:
    out, err = run(*all_files(), "--batch-size", "2")

    check_catalog()
    assert "authors: 6 read, 4 created, 0 already there, 2 invalid" in out
    assert "works: 5 read, 4 created, 0 already there, 1 invalid" in out
    assert "editions: 6 read, 5 created, 0 already there, 1 invalid" in out
    assert "line 5: not JSON" in err
    assert "authors: 100.0%" in err  # the progress line


def test_gzipped_files_and_a_second_run_adds_nothing(tmp_path) -> None:
    for name in ("authors.txt", "works.txt", "editions.txt"):
        gzipped(DUMP_DIR / name, tmp_path)

    run(*all_files(tmp_path, ".gz"), "--no-progress")
    check_catalog()
    models = (Author, Book, Edition, BookAuthor, Subject, Book.subjects.through)
    counts = [m.objects.count() for m in models]

    out, err = run(*all_files(tmp_path, ".gz"), "--no-progress")

    check_catalog()
    assert [
        m.objects.count() for m in (Author, Book, Edition, BookAuthor, Subject, Book.subjects.through)
    ] == counts
    assert "authors: 6 read, 0 created, 4 already there" in out
    assert "works: 5 read, 0 created, 4 already there" in out
    assert "editions: 6 read, 0 created, 5 already there" in out
    assert "%" not in err


def test_interrupted_import_resumes(tmp_path) -> None:
    """A run stopped half-way (here: a file cut short) is completed by running the whole file again."""
    lines = (DUMP_DIR / "works.txt").read_text().splitlines(keepends=True)
    (tmp_path / "works.txt").write_text("".join(lines[:2]))
    run("--authors", str(DUMP_DIR / "authors.txt"), "--works", str(tmp_path / "works.txt"), "--no-progress")
    assert Book.objects.count() == 2

    out, _ = run(*all_files(), "--no-progress")

    check_catalog()
    assert "works: 5 read, 2 created, 2 already there" in out


def test_works_before_authors_link_nothing_but_do_not_fail() -> None:
    run("--works", str(DUMP_DIR / "works.txt"), "--no-progress")
    assert Book.objects.count() == 4
    assert BookAuthor.objects.count() == 0


def test_search_finds_imported_books_by_author() -> None:
    run(*all_files(), "--no-progress")
    found = list(Book.objects.search("follett").values_list("openlibrary_work_id", flat=True))
    assert found == ["OL1W"]
    if connection.vendor == "postgresql":
        assert list(Book.objects.search("idhun").values_list("openlibrary_work_id", flat=True)) == ["OL2W"]


def test_command_needs_a_file_and_a_readable_one(tmp_path) -> None:
    with pytest.raises(CommandError, match="at least one"):
        run()
    with pytest.raises(CommandError, match="Cannot read"):
        run("--authors", str(tmp_path / "missing.txt.gz"))
    with pytest.raises(CommandError, match="batch-size"):
        run("--authors", str(DUMP_DIR / "authors.txt"), "--batch-size", "0")


def test_reader_skips_blank_and_non_object_lines() -> None:
    stats = ImportStats("test")
    lines = ["\n", "a\tb\tc\td\t[1, 2]\n", 'a\tb\tc\td\t{"key": "/authors/OL1A"}\n']
    assert list(read_dump(lines, stats)) == [{"key": "/authors/OL1A"}]
    assert (stats.read, stats.invalid) == (2, 1)


def test_progress_line() -> None:
    stream = io.StringIO()
    progress = Progress("works", 200, stream)
    progress.update(10, 100, final=True)
    assert stream.getvalue().startswith("\rworks:  50.0%")
    assert stream.getvalue().endswith("\n")


def test_importer_api_returns_stats() -> None:
    importer = DumpImporter(batch_size=10, show_progress=False)
    stats = importer.import_authors(DUMP_DIR / "authors.txt")
    assert (stats.kind, stats.read, stats.created, stats.invalid) == ("authors", 6, 4, 2)
    assert "lines/s" in str(stats)
