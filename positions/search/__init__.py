"""Search across studies: chapters, papers and their passages, points and authors,
in the grammar of each text's language.

- `language`: which PostgreSQL configuration stems each language, Japanese, which has
  no spaces, segmented into words with SudachiPy, and the one form (NFKC, case-folded)
  in which texts and queries are compared;
- `syntax`: what a query asks for: words, "phrases", -words left out, OR;
- `spelling`: British and American spellings, which find each other;
- `index`: the entries (`SearchEntry`), kept current when a text is saved;
- `query`: the search itself, its filters and the highlighted passages.
"""
