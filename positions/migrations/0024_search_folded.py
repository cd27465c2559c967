"""Search compares texts and queries folded: NFKC-normalised and case-folded, so that
ＳＣＯ finds SCO and ШОС finds шос (see positions.search.language.fold).

On SQLite, whose LIKE folds only ASCII letters, each entry keeps its title and text
folded (`folded`), filled here for the entries there are. PostgreSQL folds into the
vectors instead, and keeps `folded` empty: its entries are folded when they are made
again (`manage.py rebuild_search`, which ./bin/serve runs), as for any change to what
is indexed.
"""

import unicodedata

from django.db import migrations, models


def fold(text: str) -> str:
    # positions.search.language.fold, frozen here as migrations must be.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def fill_folded(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        return
    SearchEntry = apps.get_model("positions", "SearchEntry")
    entries = SearchEntry.objects.only("title", "text")
    batch = []
    for entry in entries.iterator(chunk_size=1000):
        # As positions.search.index.folded_copy writes it.
        entry.folded = (
            " ".join(fold(entry.title).split()) + "\n" + " ".join(fold(entry.text).split())
        )
        batch.append(entry)
        if len(batch) == 1000:
            SearchEntry.objects.bulk_update(batch, ["folded"])
            batch = []
    SearchEntry.objects.bulk_update(batch, ["folded"])


class Migration(migrations.Migration):
    dependencies = [
        ("positions", "0023_publication_dates_of_record"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="folded",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(fill_folded, migrations.RunPython.noop),
    ]
