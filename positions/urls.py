from django.urls import include, path

from positions.book import views as views_book
from positions.discovery import views_citations
from positions.discussion import views as views_discussion
from positions.editing import views as views_editing
from positions.editing import views_names
from positions.history import views as views_history
from positions.reading import translation_changes, views
from positions.search import views as views_search
from positions.web import account as views_account
from positions.workflow import views as views_workflow

app_name = "positions"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views_search.search_page, name="search"),
    path("studies/<slug:study>/", views.study, name="study"),
    path("studies/<slug:study>/chapters/<int:number>/", views.chapter, name="chapter"),
    # The joint report as a book (PDF), the study's and each chapter's; built anew by the team.
    path("studies/<slug:study>/book.pdf", views_book.download, name="study_book"),
    path("studies/<slug:study>/book/build/", views_book.build_now, name="build_study_book"),
    path(
        "studies/<slug:study>/chapters/<int:number>/book.pdf",
        views_book.download,
        name="chapter_book",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/book/build/",
        views_book.build_now,
        name="build_chapter_book",
    ),
    # A chapter's and a paper's citation as files for reference managers.
    path(
        "studies/<slug:study>/chapters/<int:number>/citation.bib",
        views_citations.chapter_citation,
        {"file_format": "bib"},
        name="chapter_bibtex",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/citation.ris",
        views_citations.chapter_citation,
        {"file_format": "ris"},
        name="chapter_ris",
    ),
    # Editing on the site. Before the paper's page, whose <side> would take "add-paper".
    path(
        "studies/<slug:study>/chapters/<int:number>/add-paper/",
        views_editing.add_paper,
        name="add_paper",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/status/",
        views_workflow.chapter_status,
        name="chapter_status",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/dates/",
        views_workflow.chapter_dates,
        name="chapter_dates",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/<slug:side>/status/",
        views_workflow.paper_status,
        name="paper_status",
    ),
    # Translations of a chapter's and a point's texts; a paper's are below.
    path(
        "studies/<slug:study>/chapters/<int:number>/translations/<language:language>/changes/",
        translation_changes.chapter_translation_changes,
        name="chapter_translation_changes",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/translations/<language:language>/edit/",
        views_editing.translate_chapter,
        name="translate_chapter",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/points/<slug:slug>/translations/<language:language>/changes/",
        translation_changes.point_translation_changes,
        name="point_translation_changes",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/points/<slug:slug>/translations/<language:language>/edit/",
        views_editing.translate_point,
        name="translate_point",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/<slug:side>/edit/",
        views_editing.edit_paper,
        name="edit_paper",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/points/<slug:slug>/edit/",
        views_editing.edit_point,
        name="edit_point",
    ),
    path("preview/", views_editing.preview, name="preview"),
    path("presence/<str:kind>/<int:pk>/", views_editing.presence_heartbeat, name="presence"),
    path(
        "presence/<str:kind>/<int:pk>/leave/",
        views_editing.presence_leave,
        name="presence_leave",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/<slug:side>/",
        views.paper,
        name="paper",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/<slug:side>/citation.bib",
        views_citations.paper_citation,
        {"file_format": "bib"},
        name="paper_bibtex",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/<slug:side>/citation.ris",
        views_citations.paper_citation,
        {"file_format": "ris"},
        name="paper_ris",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/<slug:side>/translations/<language:language>/changes/",
        translation_changes.translation_changes,
        name="translation_changes",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/<slug:side>/translations/<language:language>/edit/",
        views_editing.translate_paper,
        name="translate_paper",
    ),
    path("", include("positions.reading.urls_points")),
    path("authors/<slug:slug>/", views.author, name="author"),
    path("tags/<tag_slug:slug>/", views.tag, name="tag"),
    # The team's discussion and each editor's work.
    path(
        "studies/<slug:study>/chapters/<int:number>/<slug:side>/discussion/",
        views_discussion.paper_discussion,
        name="paper_discussion",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/points/<slug:slug>/discussion/",
        views_discussion.point_discussion,
        name="point_discussion",
    ),
    path(
        "discussion/<int:comment_id>/resolve/",
        views_discussion.resolve_thread,
        name="resolve_thread",
    ),
    path("my-work/", views_discussion.my_work, name="my_work"),
    path("sign-in/", views_account.sign_in, name="sign_in"),
    # History: see and undo every change.
    path(
        "studies/<slug:study>/chapters/<int:number>/<slug:side>/history/",
        views_history.paper_history,
        name="paper_history",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/<slug:side>/history/compare/",
        views_history.paper_compare,
        name="paper_compare",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/<slug:side>/history/<int:history_id>/restore/",
        views_history.paper_restore,
        name="paper_restore",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/points/<slug:slug>/history/",
        views_history.point_history,
        name="point_history",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/points/<slug:slug>/history/compare/",
        views_history.point_compare,
        name="point_compare",
    ),
    path(
        "studies/<slug:study>/chapters/<int:number>/points/<slug:slug>/history/<int:history_id>/restore/",
        views_history.point_restore,
        name="point_restore",
    ),
    path("studies/<slug:study>/changes/", views_history.changes, name="changes"),
    # The study's names (title, sides, institutes, tags) translated into one language.
    path(
        "studies/<slug:study>/names/<language:language>/",
        views_names.translate_names,
        name="translate_names",
    ),
    path(
        "studies/<slug:study>/changes/papers/<int:history_id>/recover/",
        views_history.paper_recover,
        name="paper_recover",
    ),
    path(
        "studies/<slug:study>/changes/points/<int:history_id>/recover/",
        views_history.point_recover,
        name="point_recover",
    ),
]
