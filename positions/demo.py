"""The demonstration study that `manage.py load_demo` loads.

Every text here is a short summary written for this site from the preface of the
NIDS–CMSS GS joint research report (see README); none of it is the report's own text,
and the authors are invented. Edit freely, then run `manage.py load_demo` again.

Passages: a paper's paragraphs are p1, p2, … in order and headings get a slug of their
text (see positions/markdown.py). Every body starts with `SUMMARY_NOTE`, which is p1,
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

PUBLISHED_ON = datetime.date(2007, 3, 30)  # the joint research ended in March 2007
# The moment the demo's history records: everything load_demo writes is dated to the
# publication, never to the moment it ran. Noon UTC is that same day from UTC−11 to
# UTC+11, so readers in Tokyo and in Moscow see the publication date.
HISTORY_DATE = datetime.datetime.combine(PUBLISHED_ON, datetime.time(12), tzinfo=datetime.UTC)


def paper_body(markdown: str) -> str:
    """Return a paper's Markdown body: the summary note, then `markdown` dedented."""
    return f"{SUMMARY_NOTE}\n\n{dedent(markdown).strip()}\n"


STUDY: dict[str, str] = {
    "slug": "asia-pacific",
    "title": "Japan–Russia Joint Research: Security Issues in the Asia-Pacific Region",
    "period": "FY2005–FY2006",
    "introduction": dedent(
        """
        Between FY2005 and FY2006 Japan's National Institute for Defense Studies (NIDS)
        and Russia's Center for Military-Strategic Studies of the General Staff (CMSS GS)
        studied security in the Asia-Pacific together. Their yearly research exchanges
        go back to 1993.

        The institutes did not settle on joint policy proposals, so for each chapter each
        side wrote its own paper. This site sets the two papers side by side and lists,
        chapter by chapter, the points where the sides agree, partly agree or disagree,
        and those that only one side takes up.

        **About these texts.** Everything on this site is a short summary written for
        this demonstration from the report's preface. It is not the report's text, and
        the authors named here are fictional.
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
# does not take the point up (agreement "one_side").
CHAPTERS: list[dict[str, Any]] = [
    {
        "number": 1,
        "title": "What the joint research means to each side",
        "summary": (
            "Why each institute took part: Japan's five reasons for security dialogue "
            "with Russia, set beside Russia's three reasons for valuing Japan."
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
                    The alliance with the United States has anchored Japan's security since
                    1945, and after the Cold War the two allies redefined what it is for.
                    Japan treats it as the basis of stability in the region. That does not
                    make Russia irrelevant: Japan sees five reasons to build security
                    dialogue and cooperation with Moscow.

                    ## China

                    Russia and China have secured their common border and agreed where it
                    runs, and Russian arms and military technology have helped China build
                    up its navy and air force. Japan wants to raise this with Russia
                    directly. At the same time, better relations with Russia give Japan
                    some strategic weight as China's power grows.

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
            },
            "cmss-gs": {
                "title": "Why Japan matters to Russia's security",
                "authors": ["dmitri-sokolov"],
                "abstract": (
                    "For Russia, Japan is a partner against the new threats, a help in "
                    "developing a Far East that is losing people beside a rising China, and "
                    "a guard against the region splitting into opposing camps."
                ),
                "tags": ["terrorism", "WMD", "China", "Six-Party Talks"],
                "body": paper_body(
                    """
                    When the Soviet Union fell apart, the Russian armed forces were thrown
                    into disorder, and cuts left Russia much weaker in the Far East. Rebuilding
                    the economy became the first task, and the fast-growing economies of the
                    Asia-Pacific made lasting peace in the region a Russian interest.

                    Japan matters to Russia for three reasons. First, both countries see
                    terrorism and the spread of weapons of mass destruction as threats they
                    share. In May 2006 the Japan Coast Guard and Russia's Border Service
                    held their first joint exercise against terrorism.

                    Second, China is rising while the Russian Far East is losing people:
                    across the border the Chinese population is now some twenty times
                    larger. Moscow treats this as a security question and looks to a revived
                    regional economy, built on the region's resources, to reverse it.
                    Economic cooperation with Japan, energy included, is part of that
                    plan.[^1]

                    Third, Russia wants to keep the region from hardening into two camps,
                    China and Russia on one side and the Japan–US alliance on the other.
                    Closer security ties with Japan, an American ally, work against such a
                    split and help lay the ground for multilateral formats like the
                    Six-Party Talks.

                    [^1]: The preface adds that, in some observers' view, Russia's recent
                        economic recovery may have made cooperation with Japan seem less
                        pressing to Moscow.
                    """
                ),
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
            },
            {
                "slug": "rise-of-china",
                "question": "The rise of China",
                "agreement": "partly",
                "tags": ["China"],
                "first": (
                    "Closer ties with Russia help Japan as China grows stronger, but "
                    "Russian arms that strengthen China's navy and air force worry Japan."
                ),
                "first_passage": "p3",
                "second": (
                    "China's rise, beside the shrinking population of the Russian Far "
                    "East, gives Russia its own reason to cooperate with Japan."
                ),
                "second_passage": "p4",
            },
            {
                "slug": "energy-security",
                "question": "Energy security",
                "agreement": "one_side",
                "tags": ["energy security"],
                "first": (
                    "Japan must rely less on the Middle East and diversify its suppliers, "
                    "which makes Russia an increasingly important partner."
                ),
                "first_passage": "p5",
                "second": "",
                "second_passage": "",
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
            },
        ],
    },
    {
        "number": 2,
        "title": "The military and political foundations of security in the Asia-Pacific region",
        "summary": (
            "What security in the region rests on, and which lessons from Russia's "
            "experience with security arrangements in Europe could apply to it."
        ),
        "tags": ["Europe", "alliances", "collective security"],
        "papers": {
            "nids": {
                "title": "The alliance as a foundation of regional security",
                "authors": ["kenji-watanabe"],
                "abstract": (
                    "Japan counts the Japan–US alliance among the foundations of security "
                    "in the Asia-Pacific and asks how much of Europe's experience fits a "
                    "region built on bilateral alliances."
                ),
                "tags": ["alliances", "Europe"],
                "body": paper_body(
                    """
                    With the Cold War over, Russia's forces in the Far East shrank sharply
                    and Japan stopped facing serious danger from its north. Relations
                    between the two countries, above all their defense exchanges, turned
                    cooperative; NIDS and CMSS GS have met for research exchanges every
                    year since 1993.

                    The two institutes read the region's general security situation in much
                    the same way. Where they part is on what regional security should
                    rest on.

                    ## Europe's experience

                    Russia has helped build a range of security arrangements in Europe.
                    Japan asks which of those lessons would carry over to East Asia, whose
                    history and alliances differ from Europe's, and does not assume that a
                    European model can simply be transplanted.

                    ## Bilateral alliances

                    For Japan the bilateral alliances with the United States, its own first
                    among them, are part of the region's foundation rather than an obstacle
                    to remove. Any wider regional arrangement would have to be built
                    alongside them.
                    """
                ),
            },
            "cmss-gs": {
                "title": "Learning from Europe: a collective foundation for Asian security",
                "authors": ["olga-ivanova"],
                "abstract": (
                    "Russia draws on its experience in Europe to argue that the "
                    "Asia-Pacific needs security arrangements that include every state of "
                    "the region, not only alliances."
                ),
                "tags": ["Europe", "collective security", "alliances", "China"],
                "body": paper_body(
                    """
                    As its strength in the Far East fell away after the Cold War, Russia
                    made its eastern border safe through confidence-building with
                    China.[^1] Japan and Russia now see the region's general security
                    situation in much the same light, and military rivalry between them
                    has given way to cooperation.

                    ## What Europe teaches

                    In Europe, Russia has taken part in building many security measures and
                    institutions. The Russian paper asks what sets Europe apart from the
                    Asia-Pacific, and how its lessons of confidence-building and shared
                    institutions could be adapted to the East.

                    Economic recovery was Russia's first task after the Soviet collapse, and
                    it depends on the growing economies of the Asia-Pacific. Lasting peace
                    in the region is therefore essential to Russia, and it should rest on
                    arrangements that include all the region's states.

                    Alliances built around one power divide a region into members and
                    outsiders. Russia therefore sees bilateral alliances as too narrow a
                    base for regional security, and fears they could leave China and Russia
                    facing the Japan–US alliance as rival camps.

                    [^1]: For the reasons, the preface points to Rajan Menon's article on
                        the strategic convergence of Russia and China (*Survival*, vol. 39,
                        no. 2, Summer 1997, pp. 101–125).
                    """
                ),
            },
        },
        "points": [
            {
                "slug": "general-security-environment",
                "question": "The general security environment of the region",
                "agreement": "agree",
                "tags": [],
                "first": (
                    "Japan reads the region's general security situation much as Russia does."
                ),
                "first_passage": "p3",
                "second": (
                    "Russia shares that reading: since the Cold War, military rivalry "
                    "between the two countries has given way to cooperation."
                ),
                "second_passage": "p2",
            },
            {
                "slug": "lessons-from-europe",
                "question": "What Europe's experience teaches the Asia-Pacific",
                "agreement": "partly",
                "tags": ["Europe"],
                "first": (
                    "Worth studying, but Japan doubts that a European model can simply be "
                    "transplanted to a region whose history and alliances differ."
                ),
                "first_passage": "p4",
                "second": (
                    "Europe's confidence-building and shared institutions can be adapted "
                    "to the Asia-Pacific."
                ),
                "second_passage": "p3",
            },
            {
                "slug": "bilateral-alliances",
                "question": "The role of bilateral alliances",
                "agreement": "disagree",
                "tags": ["alliances"],
                "first": (
                    "The alliances with the United States, Japan's above all, are part of "
                    "the region's foundation; anything new must be built alongside them."
                ),
                "first_passage": "p5",
                "second": (
                    "Alliances split a region into members and outsiders and are too "
                    "narrow a base; they risk setting China and Russia against Japan and "
                    "the United States."
                ),
                "second_passage": "p5",
            },
        ],
    },
    {
        "number": 3,
        "title": "Factors regulating regional security",
        "summary": (
            "The medium- to long-term trends in the region's security and the factors "
            "behind them, from China's growing power to the SCO and missile defense."
        ),
        "tags": ["China", "SCO", "missile defense", "terrorism"],
        "papers": {
            "nids": {
                "title": "Trends that will shape the region: China, Russia and missile defense",
                "authors": ["hanako-sato", "kenji-watanabe"],
                "abstract": (
                    "Japan looks at the region's medium- to long-term trends and at three "
                    "factors on which it differs from Russia: the China–Russia partnership, "
                    "the SCO and missile defense."
                ),
                "tags": ["China", "SCO", "missile defense"],
                "body": paper_body(
                    """
                    Over the medium to long term, the decisive trend in the region is the
                    growth of China's power. Japan therefore follows closely how Russia's
                    relations with China develop.

                    Since the Gorbachev years Moscow and Beijing have built confidence
                    along their border and agreed where it runs. Their military-technical
                    cooperation goes further: advanced Russian weapons have strengthened
                    China's navy and air force. Japan regards this side of the strategic
                    partnership as a matter for close scrutiny and raises it with Russia.

                    Japan values the Shanghai Cooperation Organization's work against
                    terrorism in Central Asia, but is wary of the SCO, or the China–Russia
                    partnership, becoming a means of holding the United States in check.

                    Japan regards the missile defense it is building with the United States
                    as a defensive part of the alliance, not a threat to any neighbor.
                    """
                ),
            },
            "cmss-gs": {
                "title": "Factors of stability in the Russian Far East",
                "authors": ["dmitri-sokolov"],
                "abstract": (
                    "Russia sees its partnership with China and the SCO as sources of "
                    "stability, the Far East's shrinking population as a security problem, "
                    "and Japan–US missile defense as a cause for concern."
                ),
                "tags": ["China", "SCO", "missile defense", "terrorism"],
                "body": paper_body(
                    """
                    Russia's view of the region's security is shaped by its long border
                    with China and by the condition of its own Far East.

                    The strategic partnership with China gave Russia a calm and agreed
                    border at a time when its forces in the East were weak. Russia sees the
                    partnership as a pillar of regional stability, not as a bloc aimed at
                    anyone.

                    ## The Far East

                    The Russian Far East is losing people while the Chinese provinces
                    across the border grow; the gap is now about twenty to one. Russia
                    counts this among its security problems and means to answer it by
                    reviving the region's economy and developing its resources.

                    ## Multilateral cooperation

                    Through the Shanghai Cooperation Organization and other frameworks,
                    Russia works with its neighbors against terrorism in unstable Central
                    Asia. For Russia the SCO shows how the states of a region can act
                    together on common threats.

                    Russia is concerned that the missile defense Japan is building with the
                    United States could upset the strategic balance in the region.
                    """
                ),
            },
        },
        "points": [
            {
                "slug": "china-russia-partnership",
                "question": "The China–Russia strategic partnership",
                "agreement": "disagree",
                "tags": ["China"],
                "first": (
                    "Russian arms and military technology strengthen China's navy and air "
                    "force, which Japan must scrutinize and raise with Russia."
                ),
                "first_passage": "p3",
                "second": (
                    "The partnership made Russia's border calm when its eastern forces were "
                    "weak; it is a pillar of stability, aimed at no one."
                ),
                "second_passage": "p3",
            },
            {
                "slug": "sco",
                "question": "The Shanghai Cooperation Organization (SCO)",
                "agreement": "disagree",
                "tags": ["SCO", "terrorism"],
                "first": (
                    "Useful against terrorism in Central Asia, but Japan is wary of it "
                    "becoming a way to hold the United States in check."
                ),
                "first_passage": "p4",
                "second": (
                    "A working example of the states of a region acting together on common threats."
                ),
                "second_passage": "p5",
            },
            {
                "slug": "missile-defense",
                "question": "Japan–US missile defense",
                "agreement": "disagree",
                "tags": ["missile defense", "alliances"],
                "first": "A defensive part of the alliance that threatens no neighbor.",
                "first_passage": "p5",
                "second": "It could upset the strategic balance in the region.",
                "second_passage": "p6",
            },
            {
                "slug": "far-east-population",
                "question": "The shrinking population of the Russian Far East",
                "agreement": "one_side",
                "tags": ["China"],
                "first": "",
                "first_passage": "",
                "second": (
                    "A security problem beside a growing China, to be answered by reviving "
                    "the region's economy and developing its resources."
                ),
                "second_passage": "p4",
            },
        ],
    },
    {
        "number": 4,
        "title": "The future of regional stability and regional security mechanisms",
        "summary": (
            "Where stability in the region is heading and what mechanisms could secure "
            "it, with each side's own proposals."
        ),
        "tags": ["collective security", "Six-Party Talks", "North Korea", "alliances"],
        "papers": {
            "nids": {
                "title": "Regional stability with the alliance at its core",
                "authors": ["kenji-watanabe"],
                "abstract": (
                    "Japan cannot join Russia in proposing an East Asian collective "
                    "security mechanism, but finds common ground in a regional mechanism of "
                    "the kind discussed at the Six-Party Talks."
                ),
                "tags": ["collective security", "alliances", "Six-Party Talks"],
                "body": paper_body(
                    """
                    Russia has asked for an East Asian collective security mechanism to
                    appear in joint proposals. Japan cannot agree, since its security is
                    founded on the alliance with the United States, but it finds value in
                    discussing the idea openly with Russia.

                    Japan does share Russia's sense that the region needs a security
                    mechanism of some kind. The Six-Party Talks, where the region's main
                    powers meet over North Korea's nuclear program, show what such a
                    mechanism might grow from.

                    ## Practical cooperation

                    Meanwhile Japan proposes concrete steps: exchanging information on
                    terrorism and proliferation, working together in international peace
                    cooperation, and keeping up the dialogue on North Korea, where Russia's
                    knowledge is an asset.

                    ## Why two papers per chapter

                    The sides could not agree on joint policy proposals, so each wrote its
                    own paper for every chapter. Setting their views side by side, with
                    where they agree and where they do not, should itself help the two
                    countries cooperate on security in future.
                    """
                ),
            },
            "cmss-gs": {
                "title": "Toward an East Asian collective security mechanism",
                "authors": ["olga-ivanova", "dmitri-sokolov"],
                "abstract": (
                    "Russia proposes a collective security mechanism for East Asia, to be "
                    "built on multilateral formats such as the Six-Party Talks and without "
                    "dividing the region into opposing camps."
                ),
                "tags": ["collective security", "Six-Party Talks", "North Korea"],
                "body": paper_body(
                    """
                    Russia proposes a collective security mechanism for East Asia. It has
                    raised the idea in defense exchanges and in official talks with Japan,
                    and would have liked it to appear in joint proposals.[^1]

                    For a Russia whose armed forces are far weaker than in Soviet times,
                    such a mechanism is an urgent need: it would secure the lasting peace on
                    which Russia's economic development depends.

                    A mechanism of this kind cannot work if the region splits into China
                    and Russia on one side, facing the Japan–US alliance on the other.
                    Russia means to prevent that split through closer security ties with
                    Japan.

                    The Six-Party Talks, where the main states of the region discuss North
                    Korea's nuclear program, already show a shared need for a regional
                    security mechanism and could become its foundation.

                    [^1]: The preface sets this against Leonid Brezhnev's proposal of 1969,
                        which aimed to break up America's alliances in the region and push
                        American influence out of it. For post-Cold War
                        Russia, militarily weak, a collective mechanism is instead a
                        pressing need.
                    """
                ),
            },
        },
        "points": [
            {
                "slug": "collective-security-mechanism",
                "question": "An East Asian collective security mechanism",
                "agreement": "disagree",
                "tags": ["collective security", "alliances"],
                "first": (
                    "Japan cannot back one, because its security rests on the alliance "
                    "with the United States, though it welcomes discussing the idea."
                ),
                "first_passage": "p2",
                "second": (
                    "Russia proposes one, has raised it in official talks with Japan and "
                    "wanted it named in joint proposals."
                ),
                "second_passage": "p2",
            },
            {
                "slug": "six-party-talks",
                "question": "A regional security mechanism as discussed in the Six-Party Talks",
                "agreement": "agree",
                "tags": ["Six-Party Talks", "North Korea"],
                "first": (
                    "The region needs a security mechanism of some kind, and the Six-Party "
                    "Talks show what it could grow from."
                ),
                "first_passage": "p3",
                "second": (
                    "The Six-Party Talks already show the shared need and could become the "
                    "mechanism's foundation."
                ),
                "second_passage": "p5",
            },
            {
                "slug": "avoiding-two-camps",
                "question": "Avoiding a China–Russia versus Japan–US confrontation",
                "agreement": "one_side",
                "tags": ["alliances", "China"],
                "first": "",
                "first_passage": "",
                "second": (
                    "Russia wants to keep the region from splitting into two camps and "
                    "sees deeper security cooperation with Japan as the way to do it."
                ),
                "second_passage": "p4",
            },
        ],
    },
]
