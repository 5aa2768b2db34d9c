"""PostgreSQL only: a GIN index for the map search (``organisation_id = ? AND to_tsvector(...) @@ to_tsquery(...)``).

The index covers the tenant and the stems of ``search_document`` (``btree_gin``), so a search of one
organisation's map intersects both inside the index. The 'simple' configuration only splits on spaces and
lower-cases: the stemming already happened in Python (search.py), the same on every database.

SQLite has no GIN; there the search falls back to ``LIKE`` over the (small) table. The index is not part of
the model state, so ``makemigrations`` does not see it.
"""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS socialmap_service_search_gin ON socialmap_mapservice "
        "USING gin (organisation_id, to_tsvector('simple'::regconfig, search_document))"
    )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS socialmap_service_search_gin")


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0002_search")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
