from django.core.management import call_command


def test_no_missing_migrations(db):
    call_command("makemigrations", "mybookconnect_users", "--check", "--dry-run")
