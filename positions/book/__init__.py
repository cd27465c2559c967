"""The joint report as a book: the study, or one chapter, as a PDF built from the site
(build.py), downloaded by readers and built anew by the team (views.py)."""
