"""PostgreSQL: the weighted ``search_vector`` moves from ``socialmap_mapservice`` to the narrow
``socialmap_servicesearchrow`` (migration 0005), with the GIN index on ``(organisation_id, search_vector)``.

The search scans and ranks only the narrow rows (about a quarter of the services' table), so a broad word
that matches a sixth of a large map no longer reads the wide service rows. The vector is no longer a
generated column: ``search.refresh_search_rows`` computes it from the service's three stem columns when it
writes the row (name weight A, terms B, the rest D), the one write path of the rows.

Both databases: the rows of every existing service are written once here. The column and index
are not part of the model state, so ``makemigrations`` does not see them; SQLite has neither and matches
the services' stem columns with ``LIKE``.
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, s.search_name), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, s.search_terms), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, s.search_document), 'D')"
)
OLD_VECTOR = VECTOR.replace("s.", "")

ROWS = (
    "INSERT INTO socialmap_servicesearchrow (service_id, organisation_id, status, kind, is_free, "
    "minimum_age, maximum_age, name, place_count, latitude, longitude, latitude_2, longitude_2{vector_column}) "
    "SELECT s.id, s.organisation_id, s.status, s.kind, s.is_free, s.minimum_age, s.maximum_age, s.name, "
    "COALESCE(p.n, 0), p.lat1, p.lon1, p.lat2, p.lon2{vector} "
    "FROM socialmap_mapservice s LEFT JOIN (SELECT service_id, COUNT(*) AS n, "
    "MAX(CASE WHEN k = 1 THEN latitude END) AS lat1, MAX(CASE WHEN k = 1 THEN longitude END) AS lon1, "
    "MAX(CASE WHEN k = 2 THEN latitude END) AS lat2, MAX(CASE WHEN k = 2 THEN longitude END) AS lon2 "
    "FROM (SELECT sal.service_id, l.latitude, l.longitude, "
    "ROW_NUMBER() OVER (PARTITION BY sal.service_id ORDER BY l.id) AS k "
    "FROM socialmap_serviceatlocation sal JOIN socialmap_maplocation l ON l.id = sal.location_id "
    "WHERE l.latitude IS NOT NULL AND l.longitude IS NOT NULL) located GROUP BY service_id) p "
    "ON p.service_id = s.id"
)


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
        schema_editor.execute(
            "ALTER TABLE socialmap_servicesearchrow ADD COLUMN IF NOT EXISTS search_vector tsvector "
            "NOT NULL DEFAULT ''::tsvector"
        )
    schema_editor.execute(
        ROWS.format(
            vector_column=", search_vector" if postgresql else "", vector=f", {VECTOR}" if postgresql else ""
        )
    )
    if postgresql:
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS socialmap_searchrow_vector_gin ON socialmap_servicesearchrow "
            "USING gin (organisation_id, search_vector)"
        )
        schema_editor.execute("DROP INDEX IF EXISTS socialmap_service_vector_gin")
        schema_editor.execute("ALTER TABLE socialmap_mapservice DROP COLUMN IF EXISTS search_vector")


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS socialmap_searchrow_vector_gin")
    schema_editor.execute("ALTER TABLE socialmap_servicesearchrow DROP COLUMN IF EXISTS search_vector")
    schema_editor.execute(
        "ALTER TABLE socialmap_mapservice ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS ({OLD_VECTOR}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS socialmap_service_vector_gin ON socialmap_mapservice "
        "USING gin (organisation_id, search_vector)"
    )


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0005_search_rows")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
