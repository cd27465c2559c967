"""The demonstration study that `manage.py load_demo` loads.

Every text here is a short summary written for this site from the preface of the
NIDS–CMSS GS joint research report (see README); none of it is the report's own text,
and the authors are invented. Edit freely, then run `manage.py load_demo` again.

The demo says only what the preface says. Beside each paragraph of a paper and each
point, `sources` names the part of the preface it rests on and a few of its words, so
that anyone can check it (tests/test_demo_sources.py does, against the seed preface):
- where the preface gives one side's view only, the point is "one side only";
- where it gives no view, there is no stance: the chapter's summary says so;
- the preface was written from the Japanese side, so what it says of Russia's views is
  the Japanese side's reading of them: the Russian side's papers say so (`READING_NOTE`).

Passages: a paper's paragraphs are p1, p2, … in order and headings get a slug of their
text (see positions/text/markdown.py). Every body starts with its summary note, which is p1,
so the first paragraph written below is p2. The loader validates every passage a point
cites, but not that the passage says what the point claims: check that when editing.
"""

import datetime
from textwrap import dedent
from typing import Any

SUMMARY_NOTE = (
    "*A summary prepared for this demonstration from the report's preface; "
    "not the text of the paper.*"
)
# Ends the note of the papers of the side that the preface speaks of rather than for.
READING_NOTE = (
    "*A summary prepared for this demonstration from the report's preface; not the text "
    "of the paper. The preface was written from the Japanese side: what it says of "
    "Russia's views, and so this summary, is the Japanese side's reading of them.*"
)

# The preface says only that the research ended in March 2007: the demo's dates are
# that month, shown and cited as "March 2007" (the study's dates_precision). The day is
# a placeholder that no reader sees.
PUBLISHED_ON = datetime.date(2007, 3, 1)
# The moment the demo's history records: everything load_demo writes is dated to the
# publication, never to the moment it ran. Noon UTC is that same day from UTC−11 to
# UTC+11, so readers in Tokyo and in Moscow see the same month.
HISTORY_DATE = datetime.datetime.combine(PUBLISHED_ON, datetime.time(12), tzinfo=datetime.UTC)

# The parts of the preface, as its headings name them, and its notes.
INTRODUCTION = "Introduction"
FOR_JAPAN = "1. Significance for Japan"
FOR_RUSSIA = "2. Significance for Russia"
METHODS = "3. Joint Research Issues and Methods"
NOTE_1, NOTE_2, NOTE_3 = "Note 1", "Note 2", "Note 3"

# A part of the preface and a few of its words, as written there.
Source = tuple[str, str]


def paper_body(markdown: str, note: str = SUMMARY_NOTE) -> str:
    """Return a paper's Markdown body: the summary note, then `markdown` dedented."""
    return f"{note}\n\n{dedent(markdown).strip()}\n"


STUDY: dict[str, Any] = {
    "slug": "asia-pacific",
    "title": "Japan–Russia Joint Research: Security Issues in the Asia-Pacific Region",
    "period": "FY2005–FY2006",
    # Marked as a demonstration on every page and in every citation; its dates are known
    # to the month (see PUBLISHED_ON).
    "demonstration": True,
    "dates_precision": "month",
    "introduction": dedent(
        """
        Between FY2005 and FY2006 Japan's National Institute for Defense Studies (NIDS)
        and Russia's Center for Military-Strategic Studies of the General Staff (CMSS GS)
        studied security in the Asia-Pacific together. Their yearly research exchanges
        go back to 1993, and the research ended in March 2007.

        The institutes did not settle on joint policy proposals, so for each chapter each
        side wrote its own paper. This site sets the two papers side by side and lists,
        chapter by chapter, the points where the sides agree, partly agree or disagree,
        and those that only one side takes up.

        **About these texts.** Everything on this site is a short summary written for
        this demonstration from the report's preface. It is not the report's text, and
        the authors named here are fictional. The preface was written from the Japanese
        side: what it says of Russia's views is the Japanese side's reading of them, and
        the Russian side's summaries say so. Where the preface names an issue on which the
        sides differ but gives only one side's view, only that view is given here, and
        where it gives neither, there is no point on it.
        """
    ).strip(),
}

# In side order: position 1 is shown on the left and holds a point's first stance.
SIDES: list[dict[str, Any]] = [
    {
        "position": 1,
        "slug": "nids",
        "label": "Japan",
        "language": "ja",
        "institute": {
            "name": "National Institute for Defense Studies",
            "abbreviation": "NIDS",
            "country": "Japan",
            "language": "en",
        },
    },
    {
        "position": 2,
        "slug": "cmss-gs",
        "label": "Russia",
        "language": "ru",
        "institute": {
            "name": (
                "Center for Military-Strategic Studies of the General Staff "
                "of the Armed Forces of the Russian Federation"
            ),
            "abbreviation": "CMSS GS",
            "country": "Russia",
            "language": "en",
        },
    },
]

FICTIONAL_BIOGRAPHY = (
    "A fictional author made up for this demonstration: the report's preface does not "
    "name the writers of the papers, so the site uses invented names."
)

# Keyed by slug; "side" is the slug of the side whose institute the author belongs to.
# The family names are as they stand in each name: citations put them first.
AUTHORS: dict[str, dict[str, str]] = {
    "hanako-sato": {
        "name": "Hanako Sato",
        "family_name": "Sato",
        "name_original": "佐藤花子",
        "family_name_original": "佐藤",
        "name_language": "ja",
        "side": "nids",
    },
    "kenji-watanabe": {
        "name": "Kenji Watanabe",
        "family_name": "Watanabe",
        "name_original": "渡辺健二",
        "family_name_original": "渡辺",
        "name_language": "ja",
        "side": "nids",
    },
    "olga-ivanova": {
        "name": "Olga Ivanova",
        "family_name": "Ivanova",
        "name_original": "Ольга Иванова",
        "family_name_original": "Иванова",
        "name_language": "ru",
        "side": "cmss-gs",
    },
    "dmitri-sokolov": {
        "name": "Dmitri Sokolov",
        "family_name": "Sokolov",
        "name_original": "Дмитрий Соколов",
        "family_name_original": "Соколов",
        "name_language": "ru",
        "side": "cmss-gs",
    },
}

# Each chapter has one paper per side (keyed by side slug) and its points. A point's
# "first" stance is the NIDS side's, "second" the CMSS GS side's; "" means that side
# does not take the point up (agreement "one_side"). A paper's `sources` name, for each
# paragraph (p2, p3, …), the part of the preface it rests on; a point's name it for its
# agreement and each stance.
CHAPTERS: list[dict[str, Any]] = [
    {
        "number": 1,
        "title": "What the joint research means to each side",
        "summary": (
            "Why each institute took part, from the preface's own account: Japan's five "
            "reasons for security dialogue with Russia, beside the three reasons the "
            "preface gives for Russia's interest in Japan. In the report these are part of "
            "the preface, not a chapter."
        ),
        "tags": ["China", "terrorism", "WMD", "energy security", "North Korea"],
        "papers": {
            "nids": {
                "title": "Why security dialogue with Russia matters to Japan",
                "authors": ["hanako-sato"],
                "abstract": (
                    "Japan's security rests on its alliance with the United States, yet it "
                    "has five reasons to talk security with Russia: China's growing power, "
                    "terrorism and WMD, energy, the new tasks of the Self-Defense Forces, "
                    "and North Korea."
                ),
                "tags": ["China", "terrorism", "WMD", "energy security", "North Korea"],
                "body": paper_body(
                    """
                    The alliance with the United States has been the linchpin of Japan's
                    security since the Second World War, and after the Cold War the two
                    allies redefined what it is for. Japan treats it as a cornerstone of
                    stability in the region. That does not make Russia irrelevant: Japan
                    sees five reasons to build security dialogue and cooperation with
                    Moscow.

                    ## China

                    Since the Gorbachev era Russia and China have built confidence along
                    their border and made progress in marking it out, and Russian arms and
                    military technology have helped China build up its navy and air force.
                    Japan wants to raise this with Russia directly. At the same time,
                    closer cooperation with Russia matters strategically to Japan as
                    something of a brake on China.

                    ## Terrorism and proliferation

                    Since September 2001, terrorism and the spread of weapons of mass
                    destruction have called for answers shared by many countries. Both
                    countries take part in the Proliferation Security Initiative, and
                    Russia's work against terrorism in Central Asia, through the Shanghai
                    Cooperation Organization among others, holds lessons for Japan.

                    ## Energy

                    Growing economies are pushing up East Asia's demand for energy. Japan,
                    like China, needs to depend less on the Middle East and to buy from more
                    suppliers, which makes Russia an increasingly important partner.

                    ## The Self-Defense Forces

                    Under the defense guidelines adopted at the end of 2004, international
                    peace cooperation became one of the core duties of the Self-Defense
                    Forces.[^1] The forces lack long-range transport, so partners such as
                    Russia matter, and an understanding built through dialogue would make
                    joint missions run more smoothly.

                    ## North Korea

                    Both countries sit at the Six-Party Talks on North Korea's nuclear
                    program. Russia's sway in Pyongyang has shrunk, but it may still open a
                    way to the North, and its information and analysis are worth hearing.

                    [^1]: The National Defense Program Guidelines for FY2005 and after.
                    """
                ),
                "sources": {
                    "p2": (FOR_JAPAN, "linchpin of Japan's security policy"),
                    "p3": (FOR_JAPAN, "a brake of sorts on China"),
                    "p4": (FOR_JAPAN, "Proliferation Security Initiative (PSI)"),
                    "p5": (FOR_JAPAN, "diversify their sources of supply"),
                    "p6": (FOR_JAPAN, "medium to long-range transport capabilities"),
                    "p7": (FOR_JAPAN, "approached by working through Russia"),
                },
            },
            "cmss-gs": {
                "title": "Why Japan matters to Russia's security, in the Japanese side's reading",
                "authors": ["dmitri-sokolov"],
                "abstract": (
                    "As the preface reads Russia's interest, Japan is for Russia a partner "
                    "against the new threats, a help in developing a Far East that is "
                    "losing people beside a rising China, and a guard against the region "
                    "splitting into opposing camps."
                ),
                "tags": ["terrorism", "WMD", "China", "Six-Party Talks"],
                "body": paper_body(
                    """
                    When the Soviet Union fell apart, the Russian armed forces were thrown
                    into disorder, and cuts left Russia much weaker in the Far East. Rebuilding
                    the economy became the first task, and the fast-growing economies of the
                    Asia-Pacific made lasting peace in the region a Russian interest.

                    The preface gives three reasons why Russia values Japan. First, both
                    countries see terrorism and the spread of weapons of mass destruction as
                    threats they share. In May 2006 the Japan Coast Guard and Russia's Border
                    Service held their first joint exercise against terrorism.

                    Second, China is rising while the Russian Far East is losing people:
                    across the border the Chinese population is now some twenty times
                    larger. Moscow treats this as a security question and looks to a revived
                    regional economy, built on the region's resources, to reverse it.
                    Economic cooperation with Japan, energy included, is part of that
                    plan.[^1]

                    Third, Russia wants to keep the region from hardening into two camps,
                    China and Russia on one side and the Japan–US alliance on the other, and
                    believes that closer security ties with Japan, an American ally, work
                    against such a split. The preface adds that Russia probably also sees
                    them as laying the ground for multilateral formats like the Six-Party
                    Talks.

                    [^1]: The preface adds that, in some observers' view, Russia's recent
                        economic recovery may have made cooperation with Japan seem less
                        pressing to Moscow.
                    """,
                    note=READING_NOTE,
                ),
                "sources": {
                    "p2": (FOR_RUSSIA, "economic reconstruction"),
                    "p3": (FOR_RUSSIA, "common perception of such new threats"),
                    "p4": (FOR_RUSSIA, "about 20 times larger"),
                    "p5": (FOR_RUSSIA, "Russia probably also believes"),
                },
            },
        },
        "points": [
            {
                "slug": "new-threats",
                "question": "The new threats: terrorism and the spread of WMD",
                "agreement": "agree",
                "tags": ["terrorism", "WMD"],
                "first": (
                    "These threats need a multilateral answer; both countries take part in "
                    "the Proliferation Security Initiative, and Japan can learn from "
                    "Russia's counter-terrorism work in Central Asia."
                ),
                "first_passage": "p4",
                "second": (
                    "Russia sees the same threats and points to the first joint "
                    "anti-terrorism exercise of Japan's Coast Guard and Russia's Border "
                    "Service, in May 2006."
                ),
                "second_passage": "p3",
                "sources": {
                    "agreement": (FOR_RUSSIA, "share a common perception of such new threats"),
                    "first": (FOR_JAPAN, "ensure a multilateral response"),
                    "second": (FOR_RUSSIA, "joint anti-terrorism exercise"),
                },
            },
            {
                "slug": "rise-of-china",
                "question": "The rise of China as a reason to cooperate",
                "agreement": "agree",
                "tags": ["China"],
                "first": (
                    "China's rising power makes Russia important to Japan: closer "
                    "cooperation with Russia can act as something of a brake on China."
                ),
                "first_passage": "p3",
                "second": (
                    "China's rise, beside the shrinking population of the Russian Far "
                    "East, makes cooperation with Japan important to Russia too."
                ),
                "second_passage": "p4",
                "sources": {
                    "agreement": (
                        FOR_RUSSIA,
                        "cooperation with Japan important for Russia, as well",
                    ),
                    "first": (FOR_JAPAN, "a brake of sorts on China"),
                    "second": (FOR_RUSSIA, "the rise of China makes cooperation with Japan"),
                },
            },
            {
                "slug": "energy-security",
                "question": "Energy security",
                "agreement": "agree",
                "tags": ["energy security"],
                "first": (
                    "Japan must rely less on the Middle East and diversify its suppliers, "
                    "which makes Russia an increasingly important partner."
                ),
                "first_passage": "p5",
                "second": (
                    "Economic cooperation with Japan, energy cooperation included, is part "
                    "of Russia's plan to develop its Far East."
                ),
                "second_passage": "p4",
                "sources": {
                    # Each side wants energy cooperation with the other.
                    "agreement": (FOR_RUSSIA, "includes energy cooperation"),
                    "first": (FOR_JAPAN, "cooperation in energy security"),
                    "second": (FOR_RUSSIA, "includes energy cooperation"),
                },
            },
            {
                "slug": "self-defense-forces",
                "question": "The changing role of the Self-Defense Forces",
                "agreement": "one_side",
                "tags": [],
                "first": (
                    "International peace cooperation is now a core duty of the "
                    "Self-Defense Forces; they lack long-range transport, so cooperation "
                    "and shared understanding with Russia would help."
                ),
                "first_passage": "p6",
                "second": "",
                "second_passage": "",
                "sources": {
                    "agreement": (FOR_JAPAN, "changing role of the Self-Defense Forces"),
                    "first": (FOR_JAPAN, "cooperation with Russia will be important"),
                },
            },
            {
                "slug": "north-korea",
                "question": "Russia as a channel to North Korea",
                "agreement": "one_side",
                "tags": ["North Korea", "Six-Party Talks"],
                "first": (
                    "Russia's influence in Pyongyang has waned, but it may still offer a "
                    "way to approach the North, and its information is valuable."
                ),
                "first_passage": "p7",
                "second": "",
                "second_passage": "",
                "sources": {
                    "agreement": (FOR_JAPAN, "Fifth is cooperation in regard to North Korea"),
                    "first": (FOR_JAPAN, "Russia's influence with North Korea has declined"),
                },
            },
        ],
    },
    {
        "number": 2,
        "title": "The military and political foundations of security in the Asia-Pacific region",
        "summary": (
            "The report's first theme: what security in the region rests on, and how "
            "Europe's experience of building security measures and mechanisms could apply "
            "to it. The preface asks that question but gives neither side's answer. It "
            "names the role of bilateral alliances among the issues on which the sides "
            "differ, giving Japan's view only."
        ),
        "tags": ["Europe", "alliances"],
        "papers": {
            "nids": {
                "title": "The alliance, and the end of the threat from the north",
                "authors": ["kenji-watanabe"],
                "abstract": (
                    "For Japan, the alliance with the United States is the linchpin of its "
                    "security and a cornerstone of the region's stability, while the "
                    "military threat from the north has declined markedly since the Cold "
                    "War."
                ),
                "tags": ["alliances", "Europe"],
                "body": paper_body(
                    """
                    After the Soviet Union collapsed, Russia's military strength in the Far
                    East fell sharply, and with it the military threat to Japan from the
                    north. Since the Cold War the two countries' relations, their military
                    relations above all, have become cooperative, and defense exchanges
                    are where they have moved furthest.

                    NIDS and CMSS GS have held research exchanges every year since 1993, on
                    security in East Asia and on the issues the two countries face
                    directly.

                    ## The alliance

                    Japan's security policy has rested on its alliance with the United
                    States since the Second World War. After the Cold War the two allies
                    redefined its meaning and role, and Japan holds it to be more important
                    than ever as a cornerstone of stability in the Asia-Pacific.

                    ## Europe's experience

                    The research asks what sets Europe apart from the Asia-Pacific, and how
                    Europe's experience and lessons could be applied to the region. The
                    preface gives no Japanese answer, so this summary gives none.
                    """
                ),
                "sources": {
                    "p2": (INTRODUCTION, "has declined markedly"),
                    "p3": (INTRODUCTION, "have continued since 1993"),
                    "p4": (FOR_JAPAN, "cornerstone for stability in the Asia-Pacific region"),
                    "p5": (METHODS, "how experiences and lessons in Europe"),
                },
            },
            "cmss-gs": {
                "title": "Russia after the Soviet collapse, in the Japanese side's reading",
                "authors": ["olga-ivanova"],
                "abstract": (
                    "As the preface reads it, Russia, weakened in the Far East after the "
                    "Soviet collapse, secured its border with China through "
                    "confidence-building and came to see lasting peace in the Asia-Pacific "
                    "as essential; it brings experience of building security mechanisms in "
                    "Europe."
                ),
                "tags": ["Europe", "China"],
                "body": paper_body(
                    """
                    The collapse of the Soviet Union and the chaos that followed threw the
                    reform of the Russian armed forces into disorder, and force reductions
                    reached the Far East too. With its military strength there badly
                    weakened, Russia turned to confidence-building with China to keep the
                    region militarily stable.[^1]

                    Economic reconstruction became Russia's main task, and with it economic
                    cooperation with the Asia-Pacific, whose weight in the world economy
                    keeps growing. Russia has therefore concluded that lasting peace and
                    stability in the region are essential.

                    ## Europe's experience

                    Russia has experience in Europe of building a range of security
                    measures and mechanisms. The research asks how far those lessons apply
                    to the Asia-Pacific; the preface does not give the Russian side's
                    answer, so this summary gives none.

                    [^1]: For the reasons, the preface points to Rajan Menon's article on
                        the strategic convergence of Russia and China (*Survival*, vol. 39,
                        no. 2, Summer 1997, pp. 101–125).
                    """,
                    note=READING_NOTE,
                ),
                "sources": {
                    "p2": (FOR_RUSSIA, "confidence-building measures with China"),
                    "p3": (FOR_RUSSIA, "long-term peace and stability"),
                    "p4": (METHODS, "Russia has experience in Europe"),
                },
            },
        },
        "points": [
            {
                "slug": "general-security-environment",
                "question": "The general security environment of the region",
                "agreement": "agree",
                "tags": [],
                "first": (
                    "The military threat from the north has declined markedly and relations "
                    "with Russia have turned cooperative; Japan reads the region's general "
                    "security environment much as Russia does."
                ),
                "first_passage": "p2",
                "second": (
                    "Russia reads the region's general security environment much as Japan "
                    "does, and holds lasting peace and stability in it to be essential."
                ),
                "second_passage": "p3",
                "sources": {
                    "agreement": (METHODS, "similar perceptions about the general security"),
                    "first": (INTRODUCTION, "has declined markedly"),
                    "second": (FOR_RUSSIA, "long-term peace and stability"),
                },
            },
            {
                "slug": "bilateral-alliances",
                "question": "The role of bilateral alliances",
                "agreement": "one_side",
                "tags": ["alliances"],
                "first": (
                    "The alliance with the United States is the linchpin of Japan's "
                    "security and a cornerstone of stability in the region."
                ),
                "first_passage": "p4",
                "second": "",
                "second_passage": "",
                "sources": {
                    # The preface lists it among the differences, with Japan's view only.
                    "agreement": (METHODS, "the role of bilateral alliances"),
                    "first": (FOR_JAPAN, "more important than ever as a cornerstone"),
                },
            },
        ],
    },
    {
        "number": 3,
        "title": "Factors regulating regional security",
        "summary": (
            "The report's second theme: the medium- to long-term security trends in the "
            "region and the factors behind them. The preface names the role of bilateral "
            "alliances, the China–Russia strategic partnership, the SCO and Japan–US missile "
            "defense among the issues on which the sides differ. It gives Japan's view on "
            "the first three (alliances: see chapter 2), the Russian side's on none, and "
            "neither side's on missile defense, which therefore has no point here."
        ),
        "tags": ["China", "SCO", "terrorism"],
        "papers": {
            "nids": {
                "title": "China's growing power and Russian arms",
                "authors": ["hanako-sato", "kenji-watanabe"],
                "abstract": (
                    "Japan follows the improvement in China–Russia relations closely: "
                    "Russian arms and military technology have strengthened China's navy "
                    "and air force, which Japan raises with Russia, while Russia's work "
                    "against terrorism in Central Asia, through the SCO among others, holds "
                    "lessons for Japan."
                ),
                "tags": ["China", "SCO", "terrorism", "missile defense"],
                "body": paper_body(
                    """
                    Since the Gorbachev era, relations between Moscow and Beijing have
                    improved quickly: confidence-building along their border has grown, and
                    so has progress in marking the border out.

                    Their cooperation in military technology has become closer, and exports
                    and transfers of advanced Russian weapons have helped China strengthen
                    its naval and air forces. For Japan's security these developments need
                    close scrutiny, and Japan raises them with Russia in their dialogue.

                    ## Terrorism and the SCO

                    Since September 2001 terrorism and the spread of weapons of mass
                    destruction have called for a multilateral response. Russia works
                    through the Shanghai Cooperation Organization and other initiatives
                    against terrorism in unstable Central Asia. For Japan this shows the
                    value of exchanging information with Russia, from which it has much to
                    learn.

                    ## Missile defense

                    The preface names the evaluation of Japan–US missile defense among the
                    issues on which the two sides' views differ, without giving either
                    side's view, so this summary gives none.
                    """
                ),
                "sources": {
                    "p2": (FOR_JAPAN, "progress in demarcation of the border"),
                    "p3": (FOR_JAPAN, "these issues require scrutiny"),
                    "p4": (FOR_JAPAN, "Shanghai Cooperation Organization (SCO)"),
                    "p5": (METHODS, "evaluation of the Japan-US missile defense issue"),
                },
            },
            "cmss-gs": {
                "title": "The Far East and China's rise, in the Japanese side's reading",
                "authors": ["dmitri-sokolov"],
                "abstract": (
                    "As the preface reads it, Russia treats the Far East's falling "
                    "population, beside a growing one across the Chinese border, as a "
                    "security issue, to be answered by reviving the region's economy and "
                    "developing its resources."
                ),
                "tags": ["China", "energy security"],
                "body": paper_body(
                    """
                    President Putin treats the decline of the Russian Far East's population
                    as a security issue: on the Russian side of the border the population
                    falls, across it in China it grows, and it is now about twenty times
                    larger there.

                    He expects a revived regional economy to reverse the decline, and sees
                    the development of the region's resources as essential to it. Economic
                    cooperation with Japan, energy included, is part of that plan.[^1]

                    ## What the preface does not say

                    The preface records that the sides' views differ on the outlook and role
                    of the China–Russia strategic partnership, on the SCO and on Japan–US
                    missile defense, but it does not give the Russian side's view on any of
                    them, so this summary gives none.

                    [^1]: Some observers, the preface notes, think Russia's recent economic
                        upturn may have made cooperation with Japan seem less urgent to
                        Moscow.
                    """,
                    note=READING_NOTE,
                ),
                "sources": {
                    "p2": (FOR_RUSSIA, "about 20 times larger"),
                    "p3": (FOR_RUSSIA, "revitalizing the Far East region's economy"),
                    "p4": (METHODS, "strategic partnership between China and Russia"),
                },
            },
        },
        "points": [
            {
                "slug": "china-russia-partnership",
                "question": "The China–Russia strategic partnership",
                "agreement": "one_side",
                "tags": ["China"],
                "first": (
                    "Russian arms and military technology have strengthened China's navy "
                    "and air force, which Japan must scrutinize and raise with Russia."
                ),
                "first_passage": "p3",
                "second": "",
                "second_passage": "",
                "sources": {
                    # The preface lists it among the differences, with Japan's view only.
                    "agreement": (METHODS, "strategic partnership between China and Russia"),
                    "first": (FOR_JAPAN, "these issues require scrutiny"),
                },
            },
            {
                "slug": "sco",
                "question": "The Shanghai Cooperation Organization",
                "agreement": "one_side",
                "tags": ["SCO", "terrorism"],
                "first": (
                    "Russia's work against terrorism in Central Asia, through the SCO among "
                    "others, shows the value of exchanging information with Russia, from "
                    "which Japan has much to learn."
                ),
                "first_passage": "p4",
                "second": "",
                "second_passage": "",
                "sources": {
                    # The preface lists it among the differences, with Japan's view only.
                    "agreement": (METHODS, "or of the SCO"),
                    "first": (FOR_JAPAN, "many things that Japan can learn from Russia"),
                },
            },
            {
                "slug": "far-east-population",
                "question": "The shrinking population of the Russian Far East",
                "agreement": "one_side",
                "tags": ["China"],
                "first": "",
                "first_passage": "",
                "second": (
                    "A security issue beside a growing China, to be answered by reviving "
                    "the region's economy and developing its resources."
                ),
                "second_passage": "p2",
                "sources": {
                    "agreement": (FOR_RUSSIA, "population decline in the Russian Far East"),
                    "second": (FOR_RUSSIA, "as a security issue"),
                },
            },
        ],
    },
    {
        "number": 4,
        "title": "The future of regional stability and regional security mechanisms",
        "summary": (
            "The report's third theme: where stability in the region is heading and what "
            "security mechanisms could secure it, with each side's proposals. Russia wanted "
            "joint proposals that named an East Asian collective security mechanism; Japan "
            "could not agree, and the report became a collection of papers."
        ),
        "tags": ["collective security", "Six-Party Talks", "North Korea", "alliances"],
        "papers": {
            "nids": {
                "title": "A regional mechanism, with the alliance at the core",
                "authors": ["kenji-watanabe"],
                "abstract": (
                    "Japan cannot join Russia in proposing an East Asian collective "
                    "security mechanism, since its security rests on the alliance with the "
                    "United States, but it shares the recognition that the region needs a "
                    "security mechanism of some kind, as discussed at the Six-Party Talks."
                ),
                "tags": ["collective security", "alliances", "Six-Party Talks"],
                "body": paper_body(
                    """
                    Russia has raised an East Asian collective security mechanism in
                    official talks with Japan and wished it named in joint proposals. Japan
                    finds it hard to agree, because its security is founded on the alliance
                    with the United States; that the two countries exchange ideas and
                    discuss the question is still worthwhile.

                    Both sides broadly recognize that the region needs a security mechanism
                    of some kind, as discussed at the Six-Party Talks, where the region's
                    major powers meet over North Korea's nuclear development.

                    ## Why two papers per chapter

                    The Russian side wished to sum the research up in joint policy
                    proposals in the names of both institutes, a collective security
                    mechanism among them; the Japanese side, whose thinking rests on the
                    alliance, could not share that aim. After negotiation the report became
                    a collection of policy papers, each side giving its own views on every
                    chapter's theme.
                    """
                ),
                "sources": {
                    "p2": (FOR_RUSSIA, "has difficulty agreeing"),
                    "p3": (METHODS, "broadly similar recognition"),
                    "p4": (METHODS, "a collection of policy papers"),
                },
            },
            "cmss-gs": {
                "title": (
                    "An East Asian collective security mechanism, in the Japanese side's reading"
                ),
                "authors": ["olga-ivanova", "dmitri-sokolov"],
                "abstract": (
                    "As the preface reports it, Russia seeks a collective security mechanism "
                    "for East Asia and means to keep the region from splitting into two "
                    "opposing camps by deepening its security cooperation with Japan."
                ),
                "tags": ["collective security", "Six-Party Talks", "alliances"],
                "body": paper_body(
                    """
                    Russia has embraced the idea of an East Asian collective security
                    mechanism. It has raised it in the defense exchanges with Japan and in
                    official talks, and wished it to be mentioned in joint proposals.[^1]

                    To bring it about, Russia has to avoid a confrontation that sets China
                    and Russia against the Japan–US alliance, which could well arise if
                    Russia used its partnership with China to restrain the United States.
                    Russia believes that closer security cooperation with Japan, an
                    American ally, will keep it from taking hold.

                    The preface adds that Russia probably also sees closer cooperation with
                    Japan as a way to lay the foundation for multilateral collective
                    security mechanisms such as the Six-Party Talks.

                    [^1]: The preface sets this against Leonid Brezhnev's proposal of 1969,
                        which aimed to dissolve the bilateral alliances centred on the
                        United States and remove American influence. For post-Cold War
                        Russia, militarily weak, a collective mechanism is instead seen as
                        a pressing need.
                    """,
                    note=READING_NOTE,
                ),
                "sources": {
                    "p2": (FOR_RUSSIA, "be mentioned in joint proposals"),
                    "p3": (FOR_RUSSIA, "confrontational structure"),
                    "p4": (FOR_RUSSIA, "Russia probably also believes"),
                },
            },
        },
        "points": [
            {
                "slug": "collective-security-mechanism",
                "question": "An East Asian collective security mechanism",
                "agreement": "disagree",
                "tags": ["collective security", "alliances"],
                "first": (
                    "Japan finds it hard to agree to one, since its security is based on the "
                    "alliance with the United States, though discussing the idea is "
                    "worthwhile."
                ),
                "first_passage": "p2",
                "second": (
                    "Russia has embraced the idea, raised it in official talks with Japan "
                    "and wished it named in joint proposals."
                ),
                "second_passage": "p2",
                "sources": {
                    "agreement": (METHODS, "had some disparity"),
                    "first": (FOR_RUSSIA, "has difficulty agreeing"),
                    "second": (FOR_RUSSIA, "expressed a desire that it be mentioned"),
                },
            },
            {
                "slug": "six-party-talks",
                "question": "A regional security mechanism as discussed in the Six-Party Talks",
                "agreement": "agree",
                "tags": ["Six-Party Talks", "North Korea"],
                "first": (
                    "The region needs a security mechanism of some kind, as discussed at "
                    "the Six-Party Talks."
                ),
                "first_passage": "p3",
                "second": (
                    "Russia shares that recognition and, in the preface's reading, sees "
                    "cooperation with Japan as a way to build multilateral mechanisms such "
                    "as the Six-Party Talks."
                ),
                "second_passage": "p4",
                "sources": {
                    "agreement": (METHODS, "broadly similar recognition"),
                    "first": (METHODS, "some kind of regional security mechanism"),
                    "second": (FOR_RUSSIA, "Russia probably also believes"),
                },
            },
            {
                "slug": "avoiding-two-camps",
                "question": "Avoiding a China–Russia versus Japan–US confrontation",
                "agreement": "one_side",
                "tags": ["alliances", "China"],
                "first": "",
                "first_passage": "",
                "second": (
                    "Russia must keep the region from splitting into two camps and believes "
                    "that deeper security cooperation with Japan will prevent it."
                ),
                "second_passage": "p3",
                "sources": {
                    "agreement": (FOR_RUSSIA, "confrontational structure"),
                    "second": (FOR_RUSSIA, "will prevent such a structure"),
                },
            },
        ],
    },
]
