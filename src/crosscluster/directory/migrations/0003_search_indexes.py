"""On PostgreSQL, trigram GIN indexes make the directory's infix search (LIKE '%term%') fast.

SQLite scans; the demo's few hundred rows need no index.
"""

from django.db import migrations

INDEXES = [
    ("directory_org_search_trgm", "directory_organisation", "search_document"),
    ("directory_org_name_trgm", "directory_organisation", "name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_industry_codes")]
    operations = [migrations.RunPython(create, drop)]
