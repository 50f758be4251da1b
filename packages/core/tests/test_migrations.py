import pytest
from django.core.management import call_command


@pytest.mark.django_db
@pytest.mark.parametrize("app_label", ["mybookconnect_core", "testapp"])
def test_no_missing_migrations(app_label):
    call_command("makemigrations", app_label, "--check", "--dry-run", verbosity=0)
