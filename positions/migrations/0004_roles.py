"""Roles: keep a side editor's side in the study, and make the groups of each role.

When ROLE_PERMISSIONS in positions/roles.py changes, add a migration that runs
`ensure_groups` again, so that every database gets the new permissions.
"""

from django.db import migrations

from positions.roles import ensure_groups


def add_side_in_study(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite cannot add a constraint to a table; Membership.clean() checks it
    schema_editor.execute(
        "ALTER TABLE positions_membership ADD CONSTRAINT membership_side_in_study "
        "FOREIGN KEY (side_id, study_id) REFERENCES positions_side (id, study_id) "
        "DEFERRABLE INITIALLY DEFERRED"
    )


def drop_side_in_study(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE positions_membership DROP CONSTRAINT membership_side_in_study"
        )


def make_groups(apps, schema_editor) -> None:
    ensure_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0003_membership"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(add_side_in_study, drop_side_in_study),
        migrations.RunPython(make_groups, migrations.RunPython.noop),
    ]
