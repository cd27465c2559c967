"""Search reads less (see positions.search.query.search).

A search reads the row of every match to rank it: the rows lose the words the vectors
were computed from in the database after each entry was inserted (positions.search.
index computes the vector as it inserts the entry). Where the words of a Japanese text
are is kept apart (SearchEntryWords), for marking a query's words in the results; it
is filled by rebuild_search, and segmented again for each result until then.

Each entry is matched in its own language's configuration, so a search asks, for each
configuration in use, `config = '…' AND vector @@ query`. One GIN index over every
vector made each of those look up the query's words among all languages' entries and
then read every entry found to check its configuration: a GIN index per configuration
(partial, on `config`) answers each part exactly. An index on `config` lists the
configurations in use in a few index probes.
"""

import django.db.models.deletion
from django.db import migrations, models

# The configurations of positions.search.language (CONFIGS and "simple"), frozen here as
# migrations must be. A configuration added there needs its index in a new migration:
# tests/test_search_page.py checks that each has one.
CONFIGS = (
    "danish",
    "dutch",
    "english",
    "finnish",
    "french",
    "german",
    "hungarian",
    "italian",
    "norwegian",
    "portuguese",
    "romanian",
    "russian",
    "simple",
    "spanish",
    "swedish",
    "turkish",
)


def split_vector_index(apps, schema_editor) -> None:
    """A GIN index per configuration in place of one for all. PostgreSQL only: SQLite
    has neither GIN indexes nor vectors."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in CONFIGS:
        schema_editor.execute(
            f"CREATE INDEX search_vector_{config} ON positions_searchentry "
            f"USING gin (vector) WHERE config = '{config}'"
        )
    schema_editor.execute("DROP INDEX IF EXISTS search_vector_gin")


def join_vector_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX search_vector_gin ON positions_searchentry USING gin (vector)"
    )
    for config in CONFIGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_vector_{config}")


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0015_point_and_chapter_translations"),
    ]

    operations = [
        migrations.RemoveField(model_name="searchentry", name="index_title"),
        migrations.RemoveField(model_name="searchentry", name="index_text"),
        migrations.CreateModel(
            name="SearchEntryWords",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="words",
                        serialize=False,
                        to="positions.searchentry",
                    ),
                ),
                ("spans", models.JSONField(default=list)),
            ],
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["config"], name="search_config"),
        ),
        migrations.RunPython(split_vector_index, join_vector_index),
    ]
