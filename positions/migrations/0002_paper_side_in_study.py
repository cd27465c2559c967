"""Keep a paper's chapter and side in the same study, in the database.

A composite foreign key (study, chapter) and (study, side) makes PostgreSQL refuse a
paper whose side belongs to another study. SQLite cannot add a constraint to an
existing table, so there `Paper.clean()` alone enforces the rule.
"""

from django.db import migrations

CONSTRAINTS = [
    ("paper_chapter_in_study", "chapter_id", "positions_chapter"),
    ("paper_side_in_study", "side_id", "positions_side"),
]


def add_constraints(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column, table in CONSTRAINTS:
        schema_editor.execute(
            f"ALTER TABLE positions_paper ADD CONSTRAINT {name} "
            f"FOREIGN KEY ({column}, study_id) REFERENCES {table} (id, study_id) "
            "DEFERRABLE INITIALLY DEFERRED"
        )


def drop_constraints(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column, _table in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE positions_paper DROP CONSTRAINT {name}")


class Migration(migrations.Migration):
    dependencies = [("positions", "0001_initial")]

    operations = [migrations.RunPython(add_constraints, drop_constraints)]
