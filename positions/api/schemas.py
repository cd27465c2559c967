"""What the API answers, as pydantic schemas: django-ninja validates every answer
against them and writes them into the OpenAPI schema, so the two cannot drift apart.

`url` is always the page on the site (an address without a language, which sends the
visitor to theirs) and `api_url` the same thing in the API.
"""

import datetime
from typing import Literal

from ninja import Field, Schema

Agreement = Literal["agree", "partly", "disagree", "one_side"]


class Message(Schema):
    detail: str = Field(examples=["Not Found"])


class Endpoint(Schema):
    path: str = Field(description="The address, with {placeholders} for its parameters.")
    summary: str
    url: str | None = Field(description="The absolute address, for an endpoint without parameters.")


class Index(Schema):
    title: str
    version: str
    description: str
    schema_url: str = Field(description="The OpenAPI schema, JSON.")
    docs_url: str = Field(description="The documentation, for people.")
    endpoints: list[Endpoint]


class Problem(Schema):
    type: str = Field(examples=["greater_than_equal"])
    loc: list[str | int] = Field(
        description="Where: the part of the request and the parameter.",
        examples=[["query", "page"]],
    )
    msg: str = Field(examples=["Input should be greater than or equal to 1"])


class Problems(Schema):
    detail: list[Problem] = Field(description="Every problem with the request's parameters.")


class NameTranslation(Schema):
    language: str
    current: bool = Field(
        description="False when the original has changed since it was translated."
    )
    translated_from: datetime.datetime | None = Field(
        description="When the version of the original it translates was saved."
    )


class InstituteTranslation(NameTranslation):
    name: str
    abbreviation: str


class Institute(Schema):
    name: str
    abbreviation: str
    country: str
    language: str = Field(description="The language the name and abbreviation are written in.")
    translations: list[InstituteTranslation] = Field(
        description="The name and abbreviation in other languages."
    )


class SideTranslation(NameTranslation):
    label: str


class Side(Schema):
    position: Literal[1, 2] = Field(
        description="1: the first side (the left column); 2: the second."
    )
    slug: str = Field(description="The side's name in addresses, unique in its study.")
    label: str
    language: str = Field(description="The language of the side's original texts.")
    institute: Institute
    translations: list[SideTranslation] = Field(
        description="The label in other languages than the study's."
    )


class TagTranslation(NameTranslation):
    name: str


class Tag(Schema):
    slug: str
    name: str = Field(description="In the language tags are named in (the site's default).")
    translations: list[TagTranslation] = Field(description="The name in other languages.")
    url: str
    api_url: str


class AuthorRef(Schema):
    slug: str
    name: str = Field(description="In Latin letters.")
    name_original: str = Field(description="In the original script; may be empty.")
    name_language: str = Field(description="The language of name_original; may be empty.")
    family_name: str = Field(
        description="The part of name that is the family name; empty when not known."
    )
    family_name_original: str = Field(
        description="The part of name_original that is the family name; may be empty."
    )
    url: str
    api_url: str


class Author(AuthorRef):
    institute: Institute | None
    biography: str


class AgreementCounts(Schema):
    agree: int
    partly: int
    disagree: int
    one_side: int


class StudyTitleTranslation(NameTranslation):
    title: str


class StudyTranslation(StudyTitleTranslation):
    introduction: str = Field(description="Markdown.")
    introduction_html: str


class Notice(Schema):
    demonstration: bool = Field(
        description="The study is a demonstration: its texts are no publication of its "
        "institutes, and must not be cited as one."
    )
    notice: str = Field(
        description="What every page and citation of the study says about it (a "
        "demonstration's notice), in the site's default language; empty when it has none."
    )


class StudySummary(Notice):
    slug: str
    title: str
    period: str
    published_on: datetime.date | None = Field(
        description="When the study's report was published, where the study gives it."
    )
    dates_precision: str = Field(
        description="How precisely the study's dates (its own, its chapters' and its "
        "papers' published_on) are known: day, month or year. With month, the day of "
        "each date is not known (2007-03-01 stands for March 2007); with year, neither is "
        "the month."
    )
    language: str
    sides: list[Side]
    translations: list[StudyTitleTranslation] = Field(
        description="The title in other languages than the study's."
    )
    chapter_count: int = Field(description="Published chapters.")
    url: str
    api_url: str


class ChapterSummary(Notice):
    study: str = Field(description="The study's slug.")
    number: int
    title: str = Field(description="The chapter's theme.")
    summary: str
    published_on: datetime.date | None
    agreement: AgreementCounts = Field(description="How many of its points have each agreement.")
    url: str
    api_url: str


class Study(StudySummary):
    introduction: str = Field(description="Markdown.")
    introduction_html: str
    # A schema may narrow its base's field: pydantic validates and documents the
    # subclass's type, and an answer is built once, never changed through its base.
    translations: list[StudyTranslation] = Field(  # type: ignore[assignment]
        description="The title and introduction in other languages than the study's."
    )
    chapters: list[ChapterSummary]


class PaperSummary(Notice):
    study: str = Field(description="The study's slug.")
    chapter: int = Field(description="The chapter's number.")
    side: str = Field(description="The side's slug.")
    title: str
    language: str = Field(description="The language the paper is written in.")
    abstract: str
    authors: list[AuthorRef]
    published_on: datetime.date | None
    tags: list[Tag]
    translated_into: list[str] = Field(description="The languages of its translations.")
    url: str
    api_url: str


class PaperTranslation(Schema):
    language: str
    title: str
    abstract: str
    body: str = Field(description="Markdown.")
    body_html: str = Field(description="The body as the site shows it, sanitized HTML.")
    current: bool = Field(
        description="False when the original has changed since it was translated."
    )
    translated_from: datetime.datetime | None = Field(
        description="When the version of the original it translates was saved."
    )
    url: str


class Paper(PaperSummary):
    body: str = Field(description="Markdown.")
    body_html: str = Field(description="The body as the site shows it, sanitized HTML.")
    translations: list[PaperTranslation]


class Stance(Schema):
    side: str = Field(description="The side's slug.")
    label: str = Field(description="The side's label.")
    stance: str = Field(description="Empty when the side says nothing on the question.")
    passage: str = Field(description="Where its paper says it: a passage or heading id, or empty.")


class PointTranslation(Schema):
    language: str
    question: str | None
    first: str | None = Field(description="The first side's stance.")
    second: str | None = Field(description="The second side's stance.")


class Point(Notice):
    study: str = Field(description="The study's slug.")
    chapter: int = Field(description="The chapter's number.")
    slug: str = Field(description="Unique in its chapter.")
    question: str
    agreement: Agreement
    first: Stance
    second: Stance
    tags: list[Tag]
    translations: list[PointTranslation]
    url: str


class ChapterTranslation(Schema):
    language: str
    title: str
    summary: str


class Chapter(ChapterSummary):
    tags: list[Tag]
    translations: list[ChapterTranslation]
    papers: list[PaperSummary] = Field(description="Its published papers, first side first.")
    points: list[Point]


class PageInfo(Schema):
    count: int = Field(description="How many in all.")
    page: int
    pages: int
    next: str | None = Field(description="The next page's address, or null on the last.")
    previous: str | None


class StudyPage(PageInfo):
    results: list[StudySummary]


class PaperPage(PageInfo):
    results: list[PaperSummary]


class PointPage(PageInfo):
    results: list[Point]


class AuthorPage(PageInfo):
    results: list[Author]


class TagPage(PageInfo):
    results: list[Tag]


class AuthorWithPapers(Author):
    papers: list[PaperSummary] = Field(description="Their published papers.")


class TagWithContent(Tag):
    papers: list[PaperSummary] = Field(description="Published papers with the tag.")
    points: list[Point] = Field(description="Points of published chapters with the tag.")
