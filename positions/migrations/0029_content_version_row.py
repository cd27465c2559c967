from django.db import migrations


def create_the_row(apps, schema_editor):
    """The content's one version row, so that its date says when content last changed
    rather than when it was first read."""
    ContentVersion = apps.get_model("positions", "ContentVersion")
    if not ContentVersion.objects.exists():
        ContentVersion.objects.create(value=1)


class Migration(migrations.Migration):
    dependencies = [("positions", "0028_content_version")]

    operations = [migrations.RunPython(create_the_row, migrations.RunPython.noop)]
