from django.db import migrations


def make_groups(apps, schema_editor) -> None:
    """The roles' groups get the permissions on the translations of names."""
    from positions.roles import ensure_groups

    ensure_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0025_names_translated"),
    ]

    operations = [
        migrations.RunPython(make_groups, migrations.RunPython.noop),
    ]
