"""`{% name shown %}`: a name as positions.reading.names gives it, marked with its language
when that is not the page's (`<span lang="ja">防衛研究所</span>`); `written_in`, any
text so marked."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from positions.models.shown import Shown

register = template.Library()


@register.simple_tag
def name(shown: Shown | str) -> SafeString:
    if not isinstance(shown, Shown):
        return conditional_escape(shown)
    if shown.language and shown.language != get_language():
        return format_html('<span lang="{}">{}</span>', shown.language, shown.text)
    return conditional_escape(shown.text)


@register.filter
def written_in(text: str, language: str) -> SafeString:
    """`text`, written in `language`, marked with it when that is not the page's:
    `{{ paper.title|written_in:paper.text_language }}`, also inside a translated
    sentence (`{% blocktranslate with title=chapter.title|written_in:study.language %}`)."""
    return name(Shown(str(text), language)) if text else SafeString()
