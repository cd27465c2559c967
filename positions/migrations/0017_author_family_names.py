"""Authors' family names, for citations (positions.citations).

An author had one name in Latin letters and one in its original script; a citation
needs to know which part is the family name: "Sato, H.", "Sato Hanako 佐藤花子",
"Ivanova, Olga". Each name gets its family name, written as it stands at the start or
the end of the full name; the given name is the rest (Author.given_name).

Existing authors get the last word of their Latin name, which is the site's convention
for names in Latin letters ("Hanako Sato", "Olga Ivanova"). Names in original script
are left for editors to fill: their order differs by language and by habit (佐藤花子,
"Ольга Иванова" and "Иванова Ольга" are all usual), so no rule fills them safely, and
citations show an original name without a family name as it is written.

Authors have no history table (django-simple-history tracks authorships, not authors),
so no historical model changes.
"""

from django.db import migrations, models


def fill_family_names(apps, schema_editor):
    Author = apps.get_model("positions", "Author")
    for author in Author.objects.filter(family_name="").only("pk", "name"):
        words = author.name.split()
        # One word may be a given name alone, or an organisation: left to editors.
        if len(words) >= 2 and author.name.endswith(words[-1]):
            Author.objects.filter(pk=author.pk).update(family_name=words[-1])


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0016_search_speed"),
    ]

    operations = [
        migrations.AddField(
            model_name="author",
            name="family_name",
            field=models.CharField(
                blank=True,
                help_text=(
                    "In Latin letters, as it stands at the start or the end of the name: "
                    "“Sato” for Hanako Sato. Citations put it first; the rest of the name is "
                    "the given name. Leave it empty only for a name that has none: it is then "
                    "cited whole."
                ),
                max_length=200,
                verbose_name="family name",
            ),
        ),
        migrations.AddField(
            model_name="author",
            name="family_name_original",
            field=models.CharField(
                blank=True,
                help_text=(
                    "As it stands in the name in original script: “佐藤” for 佐藤花子, "
                    "“Иванова” for Ольга Иванова."
                ),
                max_length=200,
                verbose_name="family name in original script",
            ),
        ),
        # Before the data: an empty family name passes, and so does a name's last word.
        migrations.AddConstraint(
            model_name="author",
            constraint=models.CheckConstraint(
                condition=models.Q(family_name="")
                | models.Q(name__startswith=models.F("family_name"))
                | models.Q(name__endswith=models.F("family_name")),
                name="author_family_name_in_name",
            ),
        ),
        migrations.AddConstraint(
            model_name="author",
            constraint=models.CheckConstraint(
                condition=models.Q(family_name_original="")
                | models.Q(name_original__startswith=models.F("family_name_original"))
                | models.Q(name_original__endswith=models.F("family_name_original")),
                name="author_family_name_original_in_name_original",
            ),
        ),
        migrations.RunPython(fill_family_names, migrations.RunPython.noop, elidable=True),
    ]
