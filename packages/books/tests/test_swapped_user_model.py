"""The app must work with a host's own user model, not only ``auth.User``.

The default run starts the whole suite again under ``tests.settings_custom_user`` (a model whose
username field is ``handle``, email field ``email_address``, with no ``username``); the tests below
check what only that run can see: the history, merges and the admin naming that model's users.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from mybookconnect.books import services
from mybookconnect.books.merge import merge_books
from mybookconnect.books.models import MergeRedirect, Revision

from .conftest import create_account

swapped = pytest.mark.skipif(
    settings.AUTH_USER_MODEL == "auth.User", reason="needs tests.settings_custom_user"
)


@pytest.mark.skipif(settings.AUTH_USER_MODEL != "auth.User", reason="this is the run it starts")
def test_whole_suite_passes_with_a_swapped_user_model():
    # Under tox the suite runs in Python's development mode (-X dev): so does the run it starts.
    dev_mode = ["-X", "dev"] if sys.flags.dev_mode else []
    result = subprocess.run(
        [
            sys.executable,
            *dev_mode,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--ds=tests.settings_custom_user",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    assert " passed" in result.stdout


@swapped
@pytest.mark.django_db
def test_history_names_the_sites_user_by_its_username_field(api_client, catalog):
    reader = create_account("ann_reader")
    assert type(reader).__name__ == "Reader"
    book = catalog["earth"]
    services.update_book(book, {"title": "Earth Abides!"}, reader)

    latest = api_client.get(f"/api/v1/books/{book.pk}/history/").json()["results"][0]
    assert latest["user"] == {"id": reader.pk, "username": "ann_reader"}
    assert Revision.objects.get(book=book, action="update").user == reader


@swapped
@pytest.mark.django_db
def test_merge_records_the_sites_user(catalog, staff):
    source, target = catalog["world"], catalog["pillars"]
    merge_books(source, target, staff)
    assert MergeRedirect.objects.get(old_id=source.pk).merged_by == staff
    assert Revision.objects.get(book=target, action="merge").user == staff


@swapped
@pytest.mark.django_db
def test_admin_lists_revisions_and_redirects_with_the_sites_users(client, catalog, staff):
    merge_books(catalog["world"], catalog["pillars"], staff)
    client.force_login(create_account("site_admin", superuser=True))
    for model, column in (("revision", "user"), ("mergeredirect", "merged_by")):
        response = client.get(f"/admin/mybookconnect_books/{model}/")
        assert response.status_code == 200
        # Django adds "nowrap" to a foreign key's column.
        assert re.search(rf'<td class="field-{column}( nowrap)?">staff</td>', response.content.decode())
    # Deleting a user keeps the records, without the user.
    get_user_model()._default_manager.filter(pk=staff.pk).delete()
    assert MergeRedirect.objects.get(old_id=catalog["world"].pk).merged_by is None
