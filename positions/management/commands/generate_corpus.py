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


def sentence(rng: random.Random, language: str, words: int) -> str:
    vocabulary, joiners = VOCABULARY[language], JOINERS[language]
    parts = [rng.choice(vocabulary)]
    for _ in range(words - 1):
        parts += [rng.choice(joiners), rng.choice(vocabulary)]
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

    def handle(self, *args: Any, papers: int, study: str, seed: int, **options: Any) -> None:
        if Study.objects.filter(slug=study).exists():
            raise CommandError(f"A study “{study}” exists already: choose another --study.")
        rng = random.Random(seed)
        with transaction.atomic():
            made = self.generate(rng, study, papers)
        self.stdout.write(f"Generated {made} papers; indexing them…")
        count = index.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} search entries."))

    def generate(self, rng: random.Random, slug: str, count: int) -> int:
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
            body = "\n\n".join(sentence(rng, language, WORDS_PER_PASSAGE) for _ in range(PASSAGES))
            paper = Paper(
                study=study,
                chapter=chapter,
                side=side,
                language=language,
                title=sentence(rng, language, 5),
                abstract=sentence(rng, language, 25),
                body=body,
                status=Paper.Status.PUBLISHED,
                published_on=published,
            )
            paper.render()
            batch.append(paper)
        Paper.objects.bulk_create(batch, batch_size=500)
        return len(batch)
