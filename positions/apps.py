from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class PositionsConfig(AppConfig):
    name = "positions"
    verbose_name = _("Positions")

    def ready(self) -> None:
        from positions.models import Author, Chapter, Paper, PaperTranslation, Point, Study
        from positions.search import index

        # Each saved text's search entries are rewritten in the same transaction.
        for model in (Study, Chapter, Paper, PaperTranslation, Point, Author):
            post_save.connect(index.on_save, sender=model, dispatch_uid=f"search-{model.__name__}")
