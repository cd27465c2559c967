"""What a paper's page tells search engines and reference managers about the paper:
schema.org JSON-LD, written into the page as a data block.

A paper is a `ScholarlyArticle`. Its study is a `Collection` rather than a
`CreativeWorkSeries`: a study is one finished body of joint research with a title,
two institutes and a period (FY2005–FY2006), published chapter by chapter, not an
open-ended series of issues such as a periodical or a book series.

The names in it (the study's title, the institutes', the tags) are the originals, on
the page in every interface language: the data identify one work, whichever language
the page around it is in, and each text says its own language (`inLanguage`). The page
itself shows the names in the reader's language (positions.reading.names).
"""

import json
from collections.abc import Callable, Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from positions import dates
from positions.models import Author, Institute, Paper, PaperTranslation

# As django.utils.html.json_script escapes: no "</script>" or "<!--" can end or
# change the block early, whatever the texts hold.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def organization(institute: Institute) -> dict[str, Any]:
    return {
        "@type": "ResearchOrganization",
        "name": institute.name,
        "alternateName": institute.abbreviation,
    }


def person(author: Author, institute: Institute, absolute: Callable[[str], str]) -> dict:
    """An author, affiliated with the side's institute: a paper speaks for its side."""
    data: dict[str, Any] = {"@type": "Person", "name": author.name}
    if author.family_name and author.given_name:
        # In Latin letters, as `name`: the parts that cite and sort it.
        data["familyName"] = author.family_name
        data["givenName"] = author.given_name
    if author.name_original:
        data["alternateName"] = author.name_original
    data["url"] = absolute(author.get_absolute_url())
    data["affiliation"] = organization(institute)
    return data


def scholarly_article(
    *,
    paper: Paper,
    authors: Sequence[Author],
    url: str,
    absolute: Callable[[str], str],
    translation: PaperTranslation | None = None,
    translations: Sequence[dict[str, Any]] = (),
    keywords: Sequence[str] = (),
) -> dict[str, Any]:
    """Describe `paper` as its page shows it: the original, or `translation`.

    `url` is the page's canonical address, `absolute` makes a site path absolute, and
    `translations` are the paper's other texts as the page lists them (language, url).
    Runs no query if the paper's study, chapter, side and institute are loaded.
    """
    text = translation or paper
    language = translation.language if translation else paper.text_language
    institute = paper.side.institute
    study = paper.study
    # A demonstration's text is no publication: a plain CreativeWork that says what it
    # is, never a ScholarlyArticle that a search engine would list as a paper.
    kind = "CreativeWork" if study.demonstration else "ScholarlyArticle"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "@id": url,
        "url": url,
        "headline": text.title,
        "name": text.title,
        "inLanguage": language,
    }
    if study.demonstration:
        data["creativeWorkStatus"] = "Demonstration"
    if study.notice_shown:
        data["disambiguatingDescription"] = study.notice_shown
    if text.abstract:
        data["abstract"] = text.abstract
    if authors:
        data["author"] = [person(author, institute, absolute) for author in authors]
    published = paper.published_on
    if published and translation:
        # A translation is public from when it was made, if its paper already was.
        published = max(published, timezone.localdate(translation.created))
    if published:
        # A translation's own day is known; the paper's as precisely as its study knows.
        precision = "day" if published != paper.published_on else study.dates_precision
        data["datePublished"] = dates.iso(published, precision)
    data["about"] = {"@type": "Thing", "name": paper.chapter.title}
    if keywords:
        data["keywords"] = list(keywords)
    study_url = absolute(paper.study.get_absolute_url())
    data["isPartOf"] = {
        "@type": "Collection",
        "@id": study_url,
        "name": paper.study.title,
        "inLanguage": paper.study.language,
        "url": study_url,
    }
    if paper.study.published_on:
        data["isPartOf"]["datePublished"] = dates.iso(
            paper.study.published_on, study.dates_precision
        )
    data["sourceOrganization"] = organization(institute)
    data["publisher"] = organization(institute)
    if translation:
        original = absolute(paper.get_absolute_url())
        data["translationOfWork"] = {
            "@type": kind,
            "@id": original,
            "url": original,
            "headline": paper.title,
            "inLanguage": paper.text_language,
        }
        if translation.translator:
            translator = translation.translator
            name = translator.get_full_name() or translator.get_username()
            data["translator"] = {"@type": "Person", "name": name}
    else:
        others = [other for other in translations if not other["original"]]
        if others:
            data["workTranslation"] = [
                {
                    "@type": kind,
                    "@id": absolute(other["url"]),
                    "url": absolute(other["url"]),
                    "inLanguage": other["language"],
                }
                for other in others
            ]
    return data


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """`data` as a `<script type="application/ld+json">` block, safe in any HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),
    )
