from django.core.management import call_command


def test_models_match_migrations(db):
    """Fails when a model change lacks its migration."""
    call_command("makemigrations", "mybookconnect_books", "--check", "--dry-run")
