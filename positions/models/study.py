from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from positions.models import limits
from positions.models.agreement import Agreement
from positions.models.limits import BoundedTextField
from positions.text.languages import language_code
from positions.text.markdown import render_markdown

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from positions.models.shown import Shown

# The words of a chapter's own addresses after /chapters/<number>/: a side's paper is at
# /chapters/<number>/<side's slug>/, so a side may not be called by one of them
# (tests/test_side_model.py checks this list against the site's routes).
CHAPTER_ROUTES = ("add-paper", "book", "dates", "points", "status", "translations")


def not_a_chapter_route(slug: str) -> None:
    if slug in CHAPTER_ROUTES:
        raise ValidationError(
            _("“%(slug)s” is a word of the chapter's own addresses: choose another slug."),
            params={"slug": slug},
        )


def not_in_the_future(day) -> None:
    """A date of publication is a day of record: one that has come."""
    if day is not None and day > timezone.localdate():
        raise ValidationError(
            _("A publication date cannot be in the future: it is the day it was published."),
            code="future",
        )


class DatePrecision(models.TextChoices):
    """How precisely a study's dates of record are known: a report may give only the
    month ("March 2007") or the year. The day stored is then a placeholder."""

    DAY = "day", _("to the day")
    MONTH = "month", _("to the month")
    YEAR = "year", _("to the year")


# Said wherever the date of something published is cleared (the constraints below).
KEEPS_ITS_DATE = _("Published, so it keeps a publication date: correct it rather than clear it.")


def publication_date(help_text: "StrOrPromise") -> models.DateField:
    """A study's, a chapter's or a paper's day of record, which citations give."""
    return models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        validators=[not_in_the_future],
        help_text=help_text,
    )


class Institute(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    abbreviation = models.CharField(
        _("abbreviation"), max_length=30, help_text=_("As readers know it, e.g. NIDS.")
    )
    country = models.CharField(_("country"), max_length=100)
    language = models.CharField(
        _("language of the name"),
        max_length=20,
        default="en",
        validators=[language_code],
        help_text=_("The language the name and abbreviation are written in, e.g. “en”."),
    )

    history = HistoricalRecords()

    # Set by pages at run time (positions.reading.names), not columns: the texts shown.
    name_shown: "Shown"
    abbreviation_shown: "Shown"

    class Meta:
        ordering = ["name"]
        verbose_name = _("institute")
        verbose_name_plural = _("institutes")

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})"


# What a demonstration study without a notice of its own says on its pages and in its
# citations: "demonstration" is in it in every language, so no copied citation lacks it.
DEMONSTRATION_NOTICE = _(
    "These texts were written to show this site. They are not the institutes' "
    "publication and must not be cited as one."
)


class Study(models.Model):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in the study's web address."))
    period = models.CharField(
        _("period"), max_length=100, blank=True, help_text=_("For example FY2005–FY2006.")
    )
    introduction = BoundedTextField(
        _("introduction"),
        blank=True,
        max_length=limits.INTRODUCTION,
        validators=[limits.markdown_within_limits],
        help_text=_("Markdown. Shown on the study's page."),
    )
    introduction_html = models.TextField(editable=False, default="")
    published_on = publication_date(
        _(
            "When the study's report was published, if it was: "
            "for a study published before it was entered here."
        )
    )
    language = models.CharField(
        _("language of the joint texts"),
        max_length=20,
        default="en",
        validators=[language_code],
        help_text=_(
            "The language the introduction, the chapters' themes and the points are "
            "written in, e.g. “en”. Each side's papers have their own."
        ),
    )
    demonstration = models.BooleanField(
        _("demonstration"),
        default=False,
        help_text=_(
            "Its texts were written to show the site, not published by the institutes: "
            "every page of the study and every citation of it says so."
        ),
    )
    notice = models.CharField(
        _("notice"),
        max_length=500,
        blank=True,
        help_text=_(
            "Shown at the top of every page of the study and in every citation of it. "
            "Plain text. A demonstration without one gets the site's own wording."
        ),
    )
    dates_precision = models.CharField(
        _("precision of its dates"),
        max_length=5,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text=_(
            "How precisely the study's publication dates are known. To the month, its "
            "dates, its chapters' and its papers' are shown and cited as month and year."
        ),
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["introduction_html", "updated"])

    # Set by pages at run time (positions.reading.names), not columns: the texts shown.
    title_shown: "Shown"

    class Meta:
        ordering = ["title"]
        verbose_name = _("study")
        verbose_name_plural = _("studies")

    def __str__(self) -> str:
        return self.title

    @property
    def notice_label(self) -> str:
        """What the notice is: "Demonstration" for a demonstration, else "Notice"."""
        return str(_("Demonstration") if self.demonstration else _("Notice"))

    @property
    def notice_text(self) -> str:
        """The study's notice, or for a demonstration without one, the site's wording;
        "" for neither."""
        if self.notice:
            return self.notice
        return str(DEMONSTRATION_NOTICE) if self.demonstration else ""

    @property
    def notice_language(self) -> str:
        """The language of `notice_shown`: the study's for its own notice (its chief
        editor writes in it), the reader's for the site's wording."""
        return self.language if self.notice else (get_language() or "en")

    @property
    def notice_shown(self) -> str:
        """What every citation, feed entry and download of the study says about it, in
        the active language: "Demonstration: These texts …"; "" when it has no notice."""
        if not self.notice_text:
            return ""
        return str(_("%(label)s: %(notice)s")) % {
            "label": self.notice_label,
            "notice": self.notice_text,
        }

    def get_absolute_url(self) -> str:
        return reverse("positions:study", args=[self.slug])

    def save(self, *args, **kwargs) -> None:
        self.introduction_html = render_markdown(self.introduction, prefix="intro").html
        super().save(*args, **kwargs)


class Side(models.Model):
    """One of the two institutes of a study, with the language it writes in."""

    class Position(models.IntegerChoices):
        FIRST = 1, _("first")
        SECOND = 2, _("second")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="sides")
    position = models.PositiveSmallIntegerField(
        _("position"),
        choices=Position,
        help_text=_("The first side's column is shown on the left."),
    )
    institute = models.ForeignKey(
        Institute, on_delete=models.PROTECT, related_name="sides", verbose_name=_("institute")
    )
    label = models.CharField(
        _("label"), max_length=60, help_text=_("Short heading for the side's column, e.g. “Japan”.")
    )
    language = models.CharField(
        _("language"),
        max_length=20,
        validators=[language_code],
        help_text=_("Language of the side's original texts, e.g. “ja”."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=40,
        validators=[not_a_chapter_route],
        help_text=_("Used in web addresses and passage links, e.g. “nids”."),
    )

    history = HistoricalRecords()

    # Set by pages at run time (positions.reading.names), not columns: the texts shown.
    label_shown: "Shown"
    # Set by an archive's reader (positions.exchange.reading): the institute named.
    institute_name: str

    class Meta:
        ordering = ["study", "position"]
        verbose_name = _("side")
        verbose_name_plural = _("sides")
        constraints = [
            models.UniqueConstraint(fields=["study", "position"], name="side_position_unique"),
            models.UniqueConstraint(fields=["study", "slug"], name="side_slug_unique"),
            models.CheckConstraint(
                condition=~models.Q(slug__in=CHAPTER_ROUTES), name="side_slug_not_a_chapter_route"
            ),
            models.CheckConstraint(
                condition=models.Q(position__in=[1, 2]), name="side_position_first_or_second"
            ),
            # Target of the composite foreign key that keeps a paper's side in its study.
            models.UniqueConstraint(fields=["id", "study"], name="side_id_study_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.institute.abbreviation})"

    def save(self, *args, **kwargs) -> None:
        slug_changed = (
            self.pk is not None and Side.objects.filter(pk=self.pk).exclude(slug=self.slug).exists()
        )
        super().save(*args, **kwargs)
        if slug_changed:
            # Passage ids in the stored HTML carry the side's slug.
            for paper in self.papers.all():
                paper.render_translations()
                paper.save()


def sees_everything(user) -> bool:
    """Whether `user` reads everything in every study, drafts included: a superuser."""
    return bool(user.is_active and user.is_superuser)


def drafts_readable_by(user, study_field: str = "study") -> models.Q:
    """A filter for the studies whose drafts `user` may read: those whose team they are
    in, whatever their role (positions.roles decides what each role may do).

    Adds no query: the studies are a subquery of the one it filters.
    """
    return models.Q(**{f"{study_field}__in": Study.objects.filter(memberships__user=user)})


class ChapterQuerySet(models.QuerySet):
    def published(self) -> "ChapterQuerySet":
        return self.filter(status=Chapter.Status.PUBLISHED)

    def visible_to(self, user) -> "ChapterQuerySet":
        """Readers see published chapters; the team of a study also sees the others.

        Adds no query: the user's studies are a subquery.
        """
        if sees_everything(user):
            return self
        if user.is_authenticated and user.is_active:
            return self.filter(models.Q(status=Chapter.Status.PUBLISHED) | drafts_readable_by(user))
        return self.published()

    def with_agreement_counts(self) -> "ChapterQuerySet":
        """Annotate each chapter with how many of its points have each agreement:
        `agree_count`, `partly_count`, `disagree_count`, `one_side_count`."""
        return self.annotate(
            **{
                f"{kind}_count": models.Count("points", filter=models.Q(points__agreement=kind))
                for kind in Agreement.values
            }
        )


class Chapter(models.Model):  # type: ignore[django-manager-missing]  # taggit has no types
    class Status(models.TextChoices):
        """Only the chief editor publishes, once both sides approved their papers:
        see `positions.workflow.publication`."""

        DRAFT = "draft", _("Not published")
        PUBLISHED = "published", _("Published")

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="chapters", verbose_name=_("study")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("theme"), max_length=300)
    summary = BoundedTextField(_("summary"), blank=True, max_length=limits.SUMMARY)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Chapters are listed by this, then by number.")
    )
    tags = TaggableManager(through="positions.ChapterTag", blank=True, verbose_name=_("tags"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status,
        default=Status.DRAFT,
        db_index=True,
        editable=False,
    )
    # The day it was first published, kept when it is unpublished; or the day of record
    # the chief editor set (a chapter published years before it was entered), which
    # publishing leaves alone (`positions.workflow.publication`).
    published_on = publication_date(
        _(
            "Set when the chief editor publishes the chapter, unless it is set before: "
            "for a chapter published before it was entered here."
        )
    )

    objects = ChapterQuerySet.as_manager()
    history = HistoricalRecords()

    # Set before a save, for its historical record (django-simple-history).
    _change_reason: str
    # Set by pages at run time (positions.reading.names), not columns: the texts shown.
    title_shown: "Shown"
    summary_shown: "Shown"

    class Meta:
        ordering = ["study", "order", "number"]
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        constraints = [
            models.UniqueConstraint(fields=["study", "number"], name="chapter_number_unique"),
            # Target of the composite foreign key that keeps a paper in its study.
            models.UniqueConstraint(fields=["id", "study"], name="chapter_id_study_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published"]),
                name="chapter_status_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_on__isnull=False),
                name="chapter_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("positions:chapter", args=[self.study.slug, self.number])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def clean(self) -> None:
        if self.is_published and self.published_on is None:
            raise ValidationError({"published_on": KEEPS_ITS_DATE})
