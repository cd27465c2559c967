from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from positions.models import limits
from positions.models.limits import BoundedTextField
from positions.models.study import (
    KEEPS_ITS_DATE,
    Chapter,
    Institute,
    Side,
    Study,
    drafts_readable_by,
    publication_date,
    sees_everything,
)
from positions.text.languages import language_code
from positions.text.markdown import Rendering, heading_ids, passage_id, render_markdown

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def given_name_of(name: str, family: str) -> str | None:
    """Return the given name: `name` less `family` at its start or its end, or None
    when `family` is neither. In a name with spaces ("Ольга Иванова", "Hanako Sato")
    the family name is whole words; in one without ("佐藤花子") any start or end will do.
    A family name that is the whole name leaves an empty given name."""
    name, family = " ".join(name.split()), " ".join(family.split())
    if not family:
        return None
    if family == name:
        return ""
    spaced = " " in name
    if name.startswith(family):
        rest = name[len(family) :]
        if not spaced or rest.startswith(" "):
            return rest.strip()
    if name.endswith(family):
        rest = name[: -len(family)]
        if not spaced or rest.endswith(" "):
            return rest.strip()
    return None


class Author(models.Model):
    name = models.CharField(_("name"), max_length=200, help_text=_("In Latin letters."))
    family_name = models.CharField(
        _("family name"),
        max_length=200,
        blank=True,
        help_text=_(
            "In Latin letters, as it stands at the start or the end of the name: “Sato” "
            "for Hanako Sato. Citations put it first; the rest of the name is the given "
            "name. Leave it empty only for a name that has none: it is then cited whole."
        ),
    )
    name_original = models.CharField(
        _("name in original script"),
        max_length=200,
        blank=True,
        help_text=_("For example in Japanese or Cyrillic."),
    )
    family_name_original = models.CharField(
        _("family name in original script"),
        max_length=200,
        blank=True,
        help_text=_(
            "As it stands in the name in original script: “佐藤” for 佐藤花子, “Иванова” "
            "for Ольга Иванова."
        ),
    )
    name_language = models.CharField(
        _("language of the original name"),
        max_length=20,
        blank=True,
        validators=[language_code],
        help_text=_("So that browsers and screen readers pronounce it, e.g. “ja”."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    institute = models.ForeignKey(
        Institute,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authors",
        verbose_name=_("institute"),
    )
    biography = BoundedTextField(_("short biography"), blank=True, max_length=limits.BIOGRAPHY)

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        # The start or the end of the name; `clean()` also checks whole words.
        constraints = [
            models.CheckConstraint(
                condition=Q(family_name="")
                | Q(name__startswith=F("family_name"))
                | Q(name__endswith=F("family_name")),
                name="author_family_name_in_name",
            ),
            models.CheckConstraint(
                condition=Q(family_name_original="")
                | Q(name_original__startswith=F("family_name_original"))
                | Q(name_original__endswith=F("family_name_original")),
                name="author_family_name_original_in_name_original",
            ),
        ]

    def __str__(self) -> str:
        if self.name_original:
            return f"{self.name} ({self.name_original})"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("positions:author", args=[self.slug])

    @property
    def given_name(self) -> str:
        """The name less its family name; empty when the family name is not set."""
        return given_name_of(self.name, self.family_name) or ""

    @property
    def given_name_original(self) -> str:
        return given_name_of(self.name_original, self.family_name_original) or ""

    def clean(self) -> None:
        errors: dict[str, StrOrPromise] = {}
        if self.family_name and given_name_of(self.name, self.family_name) is None:
            errors["family_name"] = _(
                "Write the family name as it stands at the start or the end of the name “%(name)s”."
            ) % {"name": self.name}
        if self.family_name_original:
            if not self.name_original:
                errors["family_name_original"] = _("Write the name in original script first.")
            elif given_name_of(self.name_original, self.family_name_original) is None:
                errors["family_name_original"] = _(
                    "Write the family name as it stands at the start or the end of the "
                    "name “%(name)s”."
                ) % {"name": self.name_original}
        if errors:
            raise ValidationError(errors)


class RenderedBody:
    """A Markdown `body` kept rendered to sanitized HTML (`body_html`), with the ids of
    its passages and what the sanitizer removed. The passages' HTML ids start with
    `passage_prefix`; a translation's headings take the ids in `heading_ids`."""

    # The model's fields.
    body: str
    body_html: str
    passages: list[str]
    render_problems: list[str]

    @property
    def passage_prefix(self) -> str:
        raise NotImplementedError

    @property
    def heading_ids(self) -> list[str] | None:
        return None

    def render(self) -> Rendering:
        """Render the body to sanitized HTML and keep it; report what was removed."""
        # Browsers post text areas with CRLF; keep one kind of line ending.
        self.body = self.body.replace("\r\n", "\n")
        rendering = render_markdown(
            self.body, prefix=self.passage_prefix, heading_ids=self.heading_ids
        )
        self.body_html = rendering.html
        self.passages = rendering.passages
        self.render_problems = rendering.problems
        return rendering


class PaperQuerySet(models.QuerySet):
    @staticmethod
    def public() -> Q:
        """Papers readers see: published, in a chapter that is published.

        The workflow publishes and unpublishes a chapter with its papers, so the two
        agree; asking for both means that no other path can show a paper on its own.
        """
        return Q(status=Paper.Status.PUBLISHED, chapter__status=Chapter.Status.PUBLISHED)

    def published(self) -> "PaperQuerySet":
        return self.filter(self.public())

    def visible_to(self, user: User | AnonymousUser) -> "PaperQuerySet":
        """Readers see published papers; the team of a study also sees its drafts.

        Adds no query: the user's studies are a subquery.
        """
        if sees_everything(user):
            return self
        if user.is_authenticated and user.is_active:
            return self.filter(self.public() | drafts_readable_by(user))
        return self.published()


class Paper(RenderedBody, models.Model):  # type: ignore[django-manager-missing]  # taggit has no types
    class Status(models.TextChoices):
        """The steps a paper goes through: see `positions.workflow.publication`."""

        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved by its side")
        PUBLISHED = "published", _("Published")

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="papers", editable=False
    )
    chapter = models.ForeignKey(
        Chapter, on_delete=models.CASCADE, related_name="papers", verbose_name=_("chapter")
    )
    # A side with papers cannot be deleted on its own, but goes with its study (whose
    # deletion takes the papers too): RESTRICT, where PROTECT refused both.
    side = models.ForeignKey(
        Side, on_delete=models.RESTRICT, related_name="papers", verbose_name=_("side")
    )
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(
        _("language"),
        max_length=20,
        blank=True,
        validators=[language_code],
        help_text=_("The language the paper is written in. Empty: its side's language."),
        # Search asks which languages are in use (positions.search.query).
        db_index=True,
    )
    authors = models.ManyToManyField(
        Author, through="Authorship", related_name="papers", verbose_name=_("authors")
    )
    abstract = BoundedTextField(_("abstract"), blank=True, max_length=limits.ABSTRACT)
    body = BoundedTextField(
        _("text"),
        blank=True,
        max_length=limits.PAPER_BODY,
        validators=[limits.markdown_within_limits],
        help_text=_(
            "Markdown. Start headings with #. Footnotes: write [^1] in the text and "
            "“[^1]: the note” at the end."
        ),
    )
    body_html = models.TextField(editable=False, default="")
    passages = models.JSONField(editable=False, default=list)
    render_problems = models.JSONField(editable=False, default=list)
    # Changed only by the steps of `positions.workflow.publication`, never by an edit form.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status,
        default=Status.DRAFT,
        db_index=True,
        editable=False,
    )
    status_changed = models.DateTimeField(_("status since"), default=timezone.now, editable=False)
    # The day its chapter first published it, kept when the chapter is unpublished; or
    # the day of record the chief editor set, which publishing leaves alone.
    published_on = publication_date(
        _(
            "Set when its chapter is published, unless it is set before: for a paper "
            "published before it was entered here. Only the chief editor changes it."
        )
    )
    tags = TaggableManager(through="positions.PaperTag", blank=True, verbose_name=_("tags"))
    # The fields the workflow changes: an edit saved meanwhile keeps them as they are.
    WORKFLOW_FIELDS = ("status", "status_changed", "published_on")

    # Raised by one at each save through positions.editing.versions, which refuses a save
    # made from an older version: two editors never overwrite each other.
    version = models.PositiveIntegerField(default=1, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = PaperQuerySet.as_manager()
    # What is rendered from the body is not history: it is made again on restore.
    history = HistoricalRecords(
        excluded_fields=["body_html", "passages", "render_problems", "updated"]
    )

    # Set before a save, for its historical record (django-simple-history).
    _change_reason: str
    # Set by pages at run time, not columns: the institutes of the paper's study
    # (positions.reading.citations) and the names of its tags (positions.discovery.feeds).
    _study_institutes: list[Institute]
    feed_tags: list[str]

    class Meta:
        ordering = ["chapter", "side__position"]
        verbose_name = _("paper")
        verbose_name_plural = _("papers")
        constraints = [
            models.UniqueConstraint(fields=["chapter", "side"], name="paper_one_per_side"),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_on__isnull=False),
                name="paper_published_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "in_review", "approved", "published"]),
                name="paper_status_known",
            ),
        ]
        # The side-belongs-to-the-study rule is a composite foreign key added in
        # migration 0002 on PostgreSQL; `clean()` gives editors the message.

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs) -> "Paper":
        paper = super().from_db(db, field_names, values, **kwargs)
        paper._remember_place()
        return paper

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "positions:paper", args=[self.study.slug, self.chapter.number, self.side.slug]
        )

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def text_language(self) -> str:
        """The language the paper is written in: its own, else its side's."""
        return self.language or self.side.language

    def author_list(self) -> list[Author]:
        """Return the authors in order.

        Runs a query per paper unless `authorships` was prefetched with the author.
        """
        return [authorship.author for authorship in self.authorships.all()]

    def passage_url(self, passage: str) -> str:
        return f"{self.get_absolute_url()}#{passage_id(self.side.slug, passage)}"

    # A paper in review, approved or published stays where its side signed it off:
    # moved into another chapter, it would be read there without the chief editor's
    # publication of that chapter. A draft may move: nobody reads it.

    def _remember_place(self) -> None:
        # Fields not loaded (deferred) are not compared.
        loaded = self.__dict__
        self._saved_place = (loaded.get("chapter_id"), loaded.get("side_id"))
        self._saved_status = loaded.get("status")

    @property
    def is_moving(self) -> bool:
        """Whether this saved paper is given another chapter or side than it has."""
        saved = getattr(self, "_saved_place", None)
        return saved is not None and saved != (self.chapter_id, self.side_id)

    def refresh_from_db(self, *args, **kwargs) -> None:
        super().refresh_from_db(*args, **kwargs)
        self._remember_place()

    def clean(self) -> None:
        if self.is_published and self.published_on is None:
            raise ValidationError({"published_on": KEEPS_ITS_DATE})
        if self.is_moving and getattr(self, "_saved_status", None) != self.Status.DRAFT:
            raise ValidationError(
                {
                    "chapter": _(
                        "A paper stays in its chapter and side once it is sent for review. "
                        "Return it to draft to move it."
                    )
                }
            )
        if self.chapter_id and self.side_id:
            chapter = self.chapter
            if self.side.study_id != chapter.study_id:
                raise ValidationError(
                    {
                        "side": _(
                            "This side belongs to another study. Choose one of the sides "
                            "of “%(study)s”."
                        )
                        % {"study": chapter.study}
                    }
                )
            duplicate = Paper.objects.filter(chapter=chapter, side_id=self.side_id)
            if duplicate.exclude(pk=self.pk).exists():
                raise ValidationError({"side": _("This chapter already has a paper by this side.")})

    @property
    def passage_prefix(self) -> str:
        return self.side.slug

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding and self.is_moving:
            # The forms never offer such a move (`clean()` explains it), and nothing else
            # may make it. Asked of the row, which an edit has locked (`editing`): a step
            # taken since the paper was read counts.
            status = Paper.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if status not in (None, self.Status.DRAFT):
                raise ValueError(f"Paper {self.pk} is {status}: it cannot change chapter or side.")
        self.study_id = self.chapter.study_id
        if self.status == self.Status.PUBLISHED and self.published_on is None:
            self.published_on = timezone.localdate()
        adding = self._state.adding
        headings_before = heading_ids(self.passages)
        self.render()
        if not adding and heading_ids(self.passages) != headings_before:
            # Before the paper's own save, whose search entries (`positions.search`)
            # then take the translations' new passages too.
            self.render_translations()
        super().save(*args, **kwargs)
        self._remember_place()

    def render_translations(self) -> None:
        """Render this paper's translations again, as its headings' ids or its side's
        slug (the prefix of every passage id) changed: links to a section or passage
        then land in every language. Derived HTML, not a change to the translations: no
        new version, no revision in their history.

        Their search entries name passages, so they are made again when the paper is
        saved next (`translations_rendered`): call this before saving the paper.
        """
        for translation in self.translations.all():
            translation.paper = self
            translation.render()
            type(translation).objects.filter(pk=translation.pk).update(
                body_html=translation.body_html,
                passages=translation.passages,
                render_problems=translation.render_problems,
            )
            self.translations_rendered = True


class Authorship(models.Model):
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="authorships")
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="authorships", verbose_name=_("author")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("author of the paper")
        verbose_name_plural = _("authors of the paper")
        constraints = [
            models.UniqueConstraint(fields=["paper", "author"], name="authorship_unique"),
        ]

    def __str__(self) -> str:
        return str(self.author)
