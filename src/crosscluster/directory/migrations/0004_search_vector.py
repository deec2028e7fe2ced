"""On PostgreSQL, the directory search reads a GIN index over every word and word suffix of the search document.

``cc_search_vector(document)`` turns the space-separated document into a tsvector of its words plus every
suffix of at least four letters, marked "~". A query for a form inside a word becomes a prefix lookup
(``'stoff':* | '~stoff':*``) instead of LIKE '%stoff%' re-checking thousands of 500-character documents
(see crosscluster.directory.search). The trigram index on the document is no longer read and goes.
SQLite keeps LIKE; the demo's few hundred rows need no index.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION cc_search_vector(doc text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT array_to_tsvector(coalesce(array_agg(DISTINCT token), '{}'))
  FROM (
    SELECT word AS token FROM unnest(string_to_array(btrim(doc), ' ')) AS word WHERE word <> ''
    UNION ALL
    SELECT '~' || substr(word, i)
    FROM unnest(string_to_array(btrim(doc), ' ')) AS word, generate_series(2, length(word) - 3) AS i
    WHERE word <> ''
  ) AS tokens
$$
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS directory_org_search_vector "
        "ON directory_organisation USING gin (cc_search_vector(search_document))"
    )
    schema_editor.execute("DROP INDEX IF EXISTS directory_org_search_trgm")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS directory_org_search_vector")
    schema_editor.execute("DROP FUNCTION IF EXISTS cc_search_vector(text)")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS directory_org_search_trgm "
        "ON directory_organisation USING gin (search_document gin_trgm_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_search_indexes")]
    operations = [migrations.RunPython(create, drop)]
