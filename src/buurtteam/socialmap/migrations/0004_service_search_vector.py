"""PostgreSQL only: the search document as a stored, weighted ``tsvector`` with a GIN index.

``search_vector`` is a generated column: the stems of the name (weight A), of the terms (B) and of the whole
document (D), kept up to date by PostgreSQL whenever the services write the three text columns. The
search matches on it through the index, and ranks with ``ts_rank`` on it without parsing any text at
query time; the expression index of 0003 had to parse every candidate's document again on each search.

The column and index are not part of the model state (Django never reads or writes the column), so
``makemigrations`` does not see them; SQLite has neither and searches the text columns with ``LIKE``.
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, search_name), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, search_terms), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, search_document), 'D')"
)


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute("DROP INDEX IF EXISTS socialmap_service_search_gin")
    schema_editor.execute(
        "ALTER TABLE socialmap_mapservice ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS socialmap_service_vector_gin ON socialmap_mapservice "
        "USING gin (organisation_id, search_vector)"
    )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS socialmap_service_vector_gin")
    schema_editor.execute("ALTER TABLE socialmap_mapservice DROP COLUMN IF EXISTS search_vector")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS socialmap_service_search_gin ON socialmap_mapservice "
        "USING gin (organisation_id, to_tsvector('simple'::regconfig, search_document))"
    )


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0003_service_search_gin")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
