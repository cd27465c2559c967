"""The points beyond the chapter page: the agreement map of a study, and the points as
open data (CSV and JSON). Included by positions/urls.py, so its names are
"positions:…"."""

urlpatterns: list = []
