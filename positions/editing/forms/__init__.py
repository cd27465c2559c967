"""The forms of the admin and of the site's edit pages, one module per kind of page:
`chapters` (the admin's chapter page, papers and points), `site` (the site's edit pages),
`translations`; `versioned` and `fields` are what they share."""
