"""A study as one archive, to move it between sites, keep it, or edit it by hand.

`export.export_study` writes a study into a zip of human-readable files;
`importer.import_study` checks such an archive in full and then writes it, all or
nothing: `reading` reads and checks it (each YAML mapping through `fields`) into the
unsaved objects of `plans`, which `importer` writes. `archive` is the format: the
files' names, the zip, the YAML and the Markdown front matter. The format and what it
leaves out are described in README (*Export, import, backup and restore*).

Exporting a study, importing it into an empty database and exporting it again gives
the same bytes: the archive holds no database ids and no timestamps of the site's
own, its files come in a fixed order with fixed dates and permissions, and its YAML
is written in one fixed style.
"""
