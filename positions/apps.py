from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class PositionsConfig(AppConfig):
    name = "positions"
    verbose_name = _("Positions")

    def ready(self) -> None:
        from positions.web.converters import LanguageConverter, TagSlugConverter

        register_converter(TagSlugConverter, "tag_slug")
        register_converter(LanguageConverter, "language")

        from positions.models import (
            Author,
            Chapter,
            ChapterTranslation,
            Paper,
            PaperTranslation,
            Point,
            PointTranslation,
            Study,
        )
        from positions.search import index
        from positions.web import page_cache

        # Every change readers can see moves the content's version: cached pages are
        # never served after it (positions.web.page_cache).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(page_cache.on_change, dispatch_uid=f"page-cache-{signal}")

        # Each saved text's search entries are rewritten in the same transaction.
        texts = (Study, Chapter, Paper, Point, Author)
        translations = (PaperTranslation, ChapterTranslation, PointTranslation)
        for model in (*texts, *translations):
            post_save.connect(index.on_save, sender=model, dispatch_uid=f"search-{model.__name__}")
        for model in (ChapterTranslation, PointTranslation):
            post_delete.connect(
                index.on_delete, sender=model, dispatch_uid=f"search-delete-{model.__name__}"
            )
