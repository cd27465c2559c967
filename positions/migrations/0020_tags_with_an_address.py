"""Tags whose names have no letter or digit ("!!", ">") got an empty slug, and their
pages no address: rendering any page that lists them failed. Forms and imports refuse
such names now; the ones already saved get the slug "tag-<id>", so that they can be
found in the admin and renamed."""

from django.db import migrations


def give_each_tag_a_slug(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.filter(slug=""):
        tag.slug = f"tag-{tag.pk}"
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0019_text_limits"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(give_each_tag_a_slug, migrations.RunPython.noop)]
