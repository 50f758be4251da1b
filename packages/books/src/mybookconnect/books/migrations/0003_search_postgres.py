"""Full-text search on PostgreSQL: the weighted ``search_vector`` column, its GIN index, the table of
distinct words with a trigram index (typo correction) and the triggers that keep both right.

Nothing happens on other databases (SQLite uses the contains-match degraded mode). The SQL lives in
:mod:`mybookconnect.books.search_sql` so that the migration and the tests read the same statements.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from mybookconnect.books.search_sql import install_statements

    with schema_editor.connection.cursor() as cursor:
        for statement in install_statements(cursor):
            cursor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from mybookconnect.books.search_sql import UNINSTALL_STATEMENTS

    with schema_editor.connection.cursor() as cursor:
        for statement in UNINSTALL_STATEMENTS:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("mybookconnect_books", "0002_catalog")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
