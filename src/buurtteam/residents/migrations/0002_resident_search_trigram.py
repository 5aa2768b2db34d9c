"""PostgreSQL only: a trigram index per team for resident search (``team_id = ? AND search_name LIKE '%part%'``).

One GIN index over the team and the name's trigrams (``btree_gin`` + ``pg_trgm``): the search in a team's
area intersects both inside the index instead of visiting every name match in the organisation.

SQLite has no pg_trgm; there the search scans the (small) table. The index is not part of the model
state (Django's GinIndex would fail on SQLite), so ``makemigrations`` does not see it.
"""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS resident_team_search_trgm ON residents_resident "
        "USING gin (team_id, search_name gin_trgm_ops)"
    )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS resident_team_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("residents", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
