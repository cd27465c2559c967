"""Search across studies: chapters, papers and their passages, points and authors,
in the grammar of each text's language.

- `language`: which PostgreSQL configuration stems each language, and Japanese,
  which has no spaces, segmented into words with SudachiPy;
- `index`: the entries (`SearchEntry`), kept current when a text is saved;
- `query`: the search itself, its filters and the highlighted passages.
"""
