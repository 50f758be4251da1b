"""People search on PostgreSQL uses the pg_trgm and unaccent extensions; other databases need nothing.

Creating an extension needs the CREATE privilege on the database (both are "trusted" extensions
since PostgreSQL 13). A site whose database user lacks it creates them once by hand
(``CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;``); the
statements below are then no-ops.
"""

from django.db import migrations

EXTENSIONS = ("pg_trgm", "unaccent")


def create_extensions(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in EXTENSIONS:
        schema_editor.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("mybookconnect_users", "0002_profile_fields_follow_graph"),
    ]

    # Dropping the extensions on the way back could break other apps that use them: leave them.
    operations = [migrations.RunPython(create_extensions, migrations.RunPython.noop, elidable=False)]
