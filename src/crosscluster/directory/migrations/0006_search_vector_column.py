"""PostgreSQL: the search vector becomes a stored column that a trigger keeps current.

0004 indexed the expression ``cc_search_vector(search_document)``. For queries that match most organisations
(a single letter, "and") the planner then scans the table and computes the vector for every row, about a
millisecond each: tens of seconds for 50,000 organisations. A stored column costs that once per write; a scan
then only compares stored vectors. Django does not know the column (``crosscluster.directory.search`` reads it
next to ``search_document``); the trigger fills it on every insert and update, also for bulk inserts.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE directory_organisation ADD COLUMN IF NOT EXISTS search_vector tsvector",
    """
    CREATE OR REPLACE FUNCTION cc_organisation_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_vector := cc_search_vector(NEW.search_document);
      RETURN NEW;
    END
    $$
    """,
    "DROP TRIGGER IF EXISTS directory_organisation_search_vector ON directory_organisation",
    """
    CREATE TRIGGER directory_organisation_search_vector
    BEFORE INSERT OR UPDATE OF search_document ON directory_organisation
    FOR EACH ROW EXECUTE FUNCTION cc_organisation_search_vector()
    """,
    "UPDATE directory_organisation SET search_vector = cc_search_vector(search_document)",
    "CREATE INDEX IF NOT EXISTS directory_org_search_vector_col ON directory_organisation USING gin (search_vector)",
    "DROP INDEX IF EXISTS directory_org_search_vector",
]

BACKWARD = [
    "CREATE INDEX IF NOT EXISTS directory_org_search_vector "
    "ON directory_organisation USING gin (cc_search_vector(search_document))",
    "DROP TRIGGER IF EXISTS directory_organisation_search_vector ON directory_organisation",
    "DROP FUNCTION IF EXISTS cc_organisation_search_vector()",
    "ALTER TABLE directory_organisation DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_membership_organisation_name")]
    operations = [migrations.RunPython(forward, backward)]
