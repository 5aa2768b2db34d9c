"""PostgreSQL: every search row's vector is rewritten with the tokens of the built-in synonym groups
(``search.vector_sql``), so that a query looks up one token per synonym group instead of every word of
the group. SQLite has no vector; nothing changes there.

This uses the vector of the code at hand (the same text ``manage.py refresh_map_search`` writes).
"""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    from buurtteam.socialmap.search import vector_sql

    schema_editor.execute(
        f"UPDATE socialmap_servicesearchrow r SET search_vector = {vector_sql()} "  # noqa: S608
        "FROM socialmap_mapservice s WHERE s.id = r.service_id"
    )


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0006_search_rows_vector")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
