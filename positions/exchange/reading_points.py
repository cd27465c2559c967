"""Reading an archive's points, their translations, and the passages they cite."""

from typing import Any

from django.utils.translation import gettext as _

from positions.exchange.fields import Fields
from positions.exchange.plans import PaperPlan, PointPlan
from positions.exchange.reader_base import ReaderBase
from positions.models import (
    Chapter,
    Point,
    PointTranslation,
)
from positions.models.point import passage_error


class PointReading(ReaderBase):
    """The points of a `positions.exchange.reading.Reader`."""

    def read_point(
        self,
        value: Any,
        chapter: Chapter,
        where: str,
        papers: list[PaperPlan],
        unread: set[int],
    ) -> PointPlan:
        fields = Fields(value, f"{where}, {_('point')}", self.problems)
        point = Point(
            chapter=chapter,
            slug=fields.text("slug"),
            question=fields.text("question"),
            agreement=fields.text("agreement"),
            first_stance=fields.text("first_stance", ""),
            first_passage=fields.text("first_passage", ""),
            second_stance=fields.text("second_stance", ""),
            second_passage=fields.text("second_passage", ""),
            order=fields.number("order", 0),
        )
        fields.where = f"{where}, {_('point')} “{point.slug}”"
        tags = self.tags(fields)
        translations = []
        keys = []
        for item in fields.items("translations"):
            translation_fields = Fields(item, f"{fields.where}, {_('translation')}", self.problems)
            translation = PointTranslation(
                point=point,
                language=translation_fields.text("language"),
                part=translation_fields.text("part"),
                text=translation_fields.text("text"),
            )
            keys.append(f"{translation.language}/{translation.part}")
            translation_fields.where += f" “{keys[-1]}”"
            translations.append(self.provenance(translation, translation_fields))
            translation_fields.finish()
            self.check_point_translation(translation, point, chapter, translation_fields.where)
        fields.finish()
        self.validate(point, fields.where, exclude=["chapter"])
        self.check_passages(point, papers, fields.where, unread)
        self.unique(
            keys,
            fields.where,
            _("the translation “%(key)s” is given %(count)d times"),
        )
        return PointPlan(point, tags, translations)

    def check_point_translation(
        self, translation: PointTranslation, point: Point, chapter: Chapter, where: str
    ) -> None:
        self.validate(translation, where, exclude=["point", "translator"])
        if translation.language == chapter.study.language:
            self.problem(where, _("this is the language the study is written in"))
        stance = PointTranslation.FIELDS.get(translation.part)
        if stance and translation.part != PointTranslation.Part.QUESTION:
            if not getattr(point, stance).strip():
                self.problem(
                    where,
                    _("this side states no stance on the point: there is nothing to translate"),
                )

    def check_passages(
        self, point: Point, papers: list[PaperPlan], where: str, unread: set[int]
    ) -> None:
        """Each passage a point cites is one its side's paper has, as the admin checks."""
        by_position = {plan.side_position: plan.paper for plan in papers}
        for position, name in [(1, "first_passage"), (2, "second_passage")]:
            passage = getattr(point, name).strip().lstrip("#")
            setattr(point, name, passage)
            if passage and position not in unread:
                message = passage_error(passage, by_position.get(position))
                if message:
                    self.problem(f"{where}, {name}", str(message))
