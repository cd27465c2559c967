"""The demo study's Japanese and Russian texts: its names (the study's title and
introduction, the sides' labels, the institutes' names, the tags) and its chapters
(chapter_1.py … chapter_4.py).

Like the English in `positions.demo.study`, these are short summaries written for this site
from the preface of the NIDS–CMSS GS joint research report: not the report's text. Each
paper is given in its own side's language and in the other side's; terms follow
locale/GLOSSARY.md.

A body here leaves out the summary note: the loader puts `SUMMARY_NOTES[lang]`, a blank
line, then the body, as `demo.paper_body()` does for English. Every body has the same
paragraphs, headings and footnotes, in the same order, as the English body of its paper,
so that the passages points cite (p2, p3, … and the headings) stay where they are.

Japanese paragraphs are written on one line each (joined below from short literals):
a line break inside a Japanese paragraph would show up as a stray space.
"""

from textwrap import dedent
from typing import Any

from positions.demo.translations import chapter_1, chapter_2, chapter_3, chapter_4
from positions.demo.translations.paragraphs import paragraphs

SUMMARY_NOTES: dict[str, str] = {
    "ja": "*本デモのために報告書の序文をもとに作成した要約であり、論文の本文ではない。*",
    "ru": (
        "*Краткое изложение, подготовленное для этой демонстрации на основе предисловия "
        "к докладу; не текст статьи.*"
    ),
}
# The note of the Russian side's papers (see `demo.READING_NOTE`).
READING_NOTES: dict[str, str] = {
    "ja": (
        "*本デモのために報告書の序文をもとに作成した要約であり、論文の本文ではない。"
        "序文は日本側の立場から書かれており、序文が述べるロシアの見解、"
        "したがってこの要約は、日本側によるその解釈である。*"
    ),
    "ru": (
        "*Краткое изложение, подготовленное для этой демонстрации на основе предисловия "
        "к докладу; не текст статьи. Предисловие написано японской стороной: то, что "
        "в нём сказано о взглядах России, а значит, и это изложение — их прочтение "
        "японской стороной.*"
    ),
}


# The study's title and introduction, the sides' labels, the institutes' names and the
# tags, each in Japanese and Russian. An institute's name is the one it goes by in that
# language; the abbreviations follow locale/GLOSSARY.md.
STUDY: dict[str, dict[str, str]] = {
    "ja": {
        "title": "日露共同研究：アジア太平洋地域における安全保障上の諸問題",
        "introduction": paragraphs(
            "2005年度から2006年度にかけて、日本の防衛研究所と"
            "ロシアの参謀本部軍事戦略研究センターは、"
            "アジア太平洋地域の安全保障について共同研究を行った。"
            "両研究機関の年次研究交流は1993年にさかのぼり、"
            "共同研究は2007年3月に終了した。",
            "両研究機関は共同の政策提言をまとめるには至らなかったため、"
            "各章について双方がそれぞれ論文を執筆した。"
            "本サイトは2本の論文を並べて示し、章ごとに、"
            "双方の立場が一致する論点、一部一致する論点、一致しない論点、"
            "そして一方のみが取り上げる論点を挙げる。",
            # The full stop stays outside the bold: "。**" followed by a letter would
            # not close it in CommonMark.
            "**本サイトの文章について**。"
            "本サイトの文章はすべて、本デモのために報告書の序文をもとに作成した短い要約であり、"
            "報告書の本文ではない。また、ここに名前を挙げた著者は架空の人物である。"
            "序文は日本側の立場から書かれており、序文が述べるロシアの見解は"
            "日本側による解釈であって、ロシア側の要約にはその旨を記している。"
            "序文が双方の見解の相違点として挙げながら一方の見解しか示していない論点では"
            "その見解のみを示し、いずれの見解も示していない論点は取り上げていない。",
        ).strip(),
    },
    "ru": {
        "title": (
            "Японо-российское совместное исследование: "
            "проблемы безопасности в Азиатско-Тихоокеанском регионе"
        ),
        "introduction": dedent(
            """
            В 2005–2006 финансовых годах японский Национальный институт оборонных
            исследований (НИОИ) и российский Центр военно-стратегических исследований
            Генерального штаба (ЦВСИ ГШ) совместно изучали проблемы безопасности
            в Азиатско-Тихоокеанском регионе. Ежегодные научные обмены между институтами
            ведутся с 1993 года, а совместное исследование завершилось в марте 2007 года.

            Институты не пришли к совместным политическим рекомендациям, поэтому
            по каждой главе каждая сторона написала свою статью. Этот сайт показывает
            две статьи рядом и по главам перечисляет вопросы, по которым позиции сторон
            совпадают, частично совпадают или расходятся, а также вопросы, которые
            затрагивает только одна сторона.

            **Об этих текстах.** Все тексты на этом сайте — краткие изложения, подготовленные
            для этой демонстрации на основе предисловия к докладу. Это не текст доклада,
            а названные здесь авторы вымышлены. Предисловие написано японской стороной:
            то, что в нём сказано о взглядах России, — их прочтение японской стороной,
            и изложения статей российской стороны говорят об этом. Где предисловие называет
            вопрос, по которому взгляды сторон расходятся, но приводит взгляд лишь одной
            стороны, здесь приводится только он, а где не приводит ни одного, такого вопроса
            здесь нет.
            """
        ).strip(),
    },
}

# Keyed by side slug.
SIDES: dict[str, dict[str, str]] = {
    "nids": {"ja": "日本", "ru": "Япония"},
    "cmss-gs": {"ja": "ロシア", "ru": "Россия"},
}

# Keyed by the slug of the side the institute is on.
INSTITUTES: dict[str, dict[str, dict[str, str]]] = {
    "nids": {
        "ja": {"name": "防衛省防衛研究所", "abbreviation": "防衛研究所"},
        "ru": {
            "name": "Национальный институт оборонных исследований",
            "abbreviation": "НИОИ",
        },
    },
    "cmss-gs": {
        "ja": {
            "name": "ロシア連邦軍参謀本部軍事戦略研究センター",
            "abbreviation": "軍事戦略研究センター",
        },
        "ru": {
            "name": (
                "Центр военно-стратегических исследований Генерального штаба "
                "Вооружённых сил Российской Федерации"
            ),
            "abbreviation": "ЦВСИ ГШ",
        },
    },
}

# Every tag the demo uses, by its English name.
TAGS: dict[str, dict[str, str]] = {
    "China": {"ja": "中国", "ru": "Китай"},
    "terrorism": {"ja": "テロリズム", "ru": "терроризм"},
    "WMD": {"ja": "大量破壊兵器", "ru": "ОМУ"},
    "energy security": {"ja": "エネルギー安全保障", "ru": "энергетическая безопасность"},
    "North Korea": {"ja": "北朝鮮", "ru": "КНДР"},
    "Six-Party Talks": {"ja": "六者会合", "ru": "шестисторонние переговоры"},
    "Europe": {"ja": "欧州", "ru": "Европа"},
    "alliances": {"ja": "同盟", "ru": "союзы"},
    "collective security": {"ja": "集団安全保障", "ru": "коллективная безопасность"},
    "SCO": {"ja": "上海協力機構", "ru": "ШОС"},
    "missile defense": {"ja": "ミサイル防衛", "ru": "противоракетная оборона"},
}

# The chapters the demo has in Japanese and Russian, by number.
CHAPTERS: dict[int, dict[str, Any]] = {
    1: chapter_1.CHAPTER,
    2: chapter_2.CHAPTER,
    3: chapter_3.CHAPTER,
    4: chapter_4.CHAPTER,
}


def paper_body(language: str, body: str, *, reading: bool = False) -> str:
    """Return a paper's Markdown body in `language`: the summary note (the reading note
    for the side the preface speaks of, `reading`), then `body`."""
    note = (READING_NOTES if reading else SUMMARY_NOTES)[language]
    return f"{note}\n\n{body.strip()}\n"
