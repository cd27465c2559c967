"""The editors' admin: a chapter is written in one page, with its papers and points.

Papers are rendered to HTML when they are saved; whatever the sanitizer removed is
shown to the editor as a warning, and stays listed on the paper's own page.

Papers and points are saved through `positions.editing.versions`: a form posted from an older
version than the one saved now is shown again with what was typed, the saved version
and the differences, and nothing is saved. Their change pages say who else has the
same paper or point open (`positions.editing.presence`).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# Each module registers its models' pages.
from positions.admin import chapters, papers, studies  # noqa: F401

admin.site.site_header = _("Positions administration")
admin.site.site_title = _("Positions admin")
admin.site.index_title = _("Studies, chapters, papers and points")
admin.site.site_url = "/"
