"""Generate a large study for measuring search: papers in English, Japanese and Russian.

Not for real data: the texts are random sentences of the field's words, each language
with its inflected forms (Russian cases, Japanese verb endings), so that search has
the same work to do as on real papers.
"""

import datetime
import random
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from positions.models import Chapter, Institute, Paper, Side, Study
from positions.search import index

# Words of each language, in several of their forms.
VOCABULARY = {
    "en": (
        "security alliance alliances dialogue deterrence cooperation missile defense "
        "treaty stability balance forces border maritime strait nuclear proliferation "
        "terrorism energy economy trust exercise doctrine policy council summit framework "
        "bilateral multilateral peninsula islands navy budget transparency confidence "
        "measures crisis escalation norms institution region regional mechanism talks"
    ).split(),
    "ru": (
        "безопасность безопасности безопасностью союз союза союзом союзе диалог диалога "
        "диалогом сдерживание сдерживания сотрудничество сотрудничества сотрудничеству "
        "ракетная ракетной ракетную оборона обороны обороне стабильность стабильности "
        "баланс баланса договор договора регион региона регионе региональная региональной "
        "механизм механизма механизмом доверие доверия меры мер кризис кризиса терроризм "
        "терроризма распространение распространения переговоры переговоров граница границы"
    ).split(),
    "ja": (
        "安全保障 同盟 日米同盟 対話 抑止 協力 ミサイル防衛 上海協力機構 六者会合 地域 "
        "安定 均衡 条約 海洋 海峡 核 拡散 テロリズム 信頼醸成 措置 危機 制度 枠組み "
        "多国間 二国間 半島 島嶼 海軍 予算 透明性 意見 立場 将来 役割 課題 関係"
    ).split(),
}
# Everyday words, most of any real text: the field's terms are a share of the rest.
GENERAL = {
    "en": (
        "year years government states state country countries people time world part "
        "case week company system program question work number point group problem fact "
        "development interest policy view position approach process relations situation "
        "level role way change support order report research analysis history future "
        "experience period answer result example community condition element force "
        "opinion measure agreement decision attention basis meeting visit "
        "statement leadership minister ministry parliament election economy trade market "
        "industry technology science education culture society population city capital "
        "north south east west center coast river mountain island sea ocean land weather"
    ).split(),
    "ru": (
        "год года году годы правительство правительства государство государства страна "
        "страны стране люди время мир мира часть части вопрос вопроса вопросы работа "
        "работы число развитие развития интерес интереса политика политики позиция "
        "позиции подход подхода процесс процесса отношения отношений ситуация ситуации "
        "уровень уровня роль роли изменение изменения поддержка поддержки порядок доклад "
        "доклада исследование исследования анализ анализа история истории будущее опыт "
        "опыта период результат результаты пример общество общества решение решения "
        "встреча встречи визит заявление руководство министр министерство парламент "
        "выборы экономика торговля рынок промышленность технологии наука образование "
        "культура население город столица север юг восток запад центр побережье море"
    ).split(),
    "ja": (
        "年 政府 国家 国 人々 時間 世界 部分 問題 事実 発展 関心 政策 見方 立場 方法 過程 "
        "状況 水準 変化 支援 秩序 報告 研究 分析 歴史 経験 期間 結果 例 社会 条件 要素 "
        "意見 決定 注意 基礎 会議 訪問 声明 指導部 大臣 省 議会 選挙 経済 貿易 市場 産業 "
        "技術 科学 教育 文化 人口 都市 首都 北 南 東 西 中心 沿岸 川 山 海 大洋 土地 天候 "
        "首脳 会談 交渉 合意 宣言 計画 目標 能力 資源 環境 情報 地図 記録 文書 機関 組織"
    ).split(),
}
# What joins the words into sentences in each language.
JOINERS = {
    "en": [" ", " and ", " of the ", " in ", " for "],
    "ru": [" ", " и ", " в ", " для ", " с "],
    "ja": ["の", "と", "を", "が", "に", "は"],
}
ENDINGS = {
    "en": ["."],
    "ru": ["."],
    "ja": ["について議論した。", "は分かれた。", "が分かれる。", "を強化する。", "が重要である。"],
}
SIDE_LANGUAGES = [("ja", "Japan"), ("ru", "Russia")]
PASSAGES = 5
WORDS_PER_PASSAGE = 40


def sentence(rng: random.Random, language: str, words: int, field_share: float = 1.0) -> str:
    """Return a sentence of `words` words, `field_share` of them the field's terms."""
    joiners = JOINERS[language]

    def word() -> str:
        vocabulary = VOCABULARY if rng.random() < field_share else GENERAL
        return rng.choice(vocabulary[language])

    parts = [word()]
    for _ in range(words - 1):
        parts += [rng.choice(joiners), word()]
    text = "".join(parts) + rng.choice(ENDINGS[language])
    return text[0].upper() + text[1:]


class Command(BaseCommand):
    help = (
        "Generate a study of random papers in English, Japanese and Russian, for "
        "measuring search (bench/search.py). Refuses to touch an existing study."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--papers", type=int, default=10_000)
        parser.add_argument("--study", default="corpus", help="The new study's slug.")
        parser.add_argument("--seed", type=int, default=2006)
        parser.add_argument(
            "--field-share",
            type=float,
            default=0.2,
            help=(
                "The share of the texts' words that are the field's terms (default 0.2); "
                "1.0 writes nothing else, which makes every search match a third of all."
            ),
        )

    def handle(
        self, *args: Any, papers: int, study: str, seed: int, field_share: float, **options: Any
    ) -> None:
        if Study.objects.filter(slug=study).exists():
            raise CommandError(f"A study “{study}” exists already: choose another --study.")
        rng = random.Random(seed)
        with transaction.atomic():
            made = self.generate(rng, study, papers, field_share)
        self.stdout.write(f"Generated {made} papers; indexing them…")
        count = index.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} search entries."))

    def generate(self, rng: random.Random, slug: str, count: int, field_share: float) -> int:
        study = Study.objects.create(title="Generated corpus", slug=slug, language="en")
        sides = [
            Side.objects.create(
                study=study,
                position=position,
                institute=Institute.objects.get_or_create(
                    name=f"{label} generated institute",
                    defaults={"abbreviation": label[:2].upper(), "country": label},
                )[0],
                label=label,
                language=language,
                slug=language,
            )
            for position, (language, label) in enumerate(SIDE_LANGUAGES, start=1)
        ]
        published = datetime.date(2006, 3, 15)
        chapters = Chapter.objects.bulk_create(
            Chapter(
                study=study,
                number=number,
                order=number,
                title=sentence(rng, "en", 6),
                summary=sentence(rng, "en", 20),
                status=Chapter.Status.PUBLISHED,
                published_on=published,
            )
            for number in range(1, count // 2 + 2)
        )
        languages = ["en", "ja", "ru"]
        batch = []
        for number in range(count):
            chapter, side = chapters[number // 2], sides[number % 2]
            # A third in each language: English papers stand for either side.
            language = languages[number % 3]
            body = "\n\n".join(
                sentence(rng, language, WORDS_PER_PASSAGE, field_share) for _ in range(PASSAGES)
            )
            paper = Paper(
                study=study,
                chapter=chapter,
                side=side,
                language=language,
                title=sentence(rng, language, 5, field_share),
                abstract=sentence(rng, language, 25, field_share),
                body=body,
                status=Paper.Status.PUBLISHED,
                published_on=published,
            )
            paper.render()
            batch.append(paper)
        Paper.objects.bulk_create(batch, batch_size=500)
        return len(batch)
