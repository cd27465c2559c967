"""Keep the interface's translation catalogs current, complete and compiled.

Works without GNU gettext: Babel extracts the messages (from Python, and from the
templates through Django's own `templatize`, as `makemessages` does), merges them
into each language's .po file and compiles the .mo files that ship with the code.
"""

import io
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation.template import templatize

DOMAIN = "django"
# Django's translation functions, with the argument that holds each part
# (context, singular, plural) as Babel counts them.
KEYWORDS = {
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "_": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
# Where the interface's words are: the code and the templates, not tests or migrations.
PYTHON_ROOTS = ["positions", "config"]
SKIPPED = {"migrations", "__pycache__"}


def source_files(base: Path) -> list[Path]:
    files = []
    for root in PYTHON_ROOTS:
        files += [
            path
            for path in (base / root).rglob("*.py")
            if not SKIPPED.intersection(path.relative_to(base).parts)
        ]
    files += (base / "templates").rglob("*.html")
    return sorted(files)


def extract_messages(base: Path) -> Catalog:
    """Return a catalog of every message the code and templates mark for translation."""
    template = Catalog(domain=DOMAIN, project="Positions", fuzzy=False)
    for path in source_files(base):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            # Django's templatize turns a template into Python-like lines that hold the
            # gettext calls; unindented, Python's tokenizer reads them.
            text = "\n".join(
                line.lstrip() for line in templatize(text, origin=str(path)).splitlines()
            )
        found = extract(
            "python",
            io.BytesIO(text.encode("utf-8")),
            keywords=KEYWORDS,
            comment_tags=("Translators:",),
            options={"encoding": "utf-8"},
        )
        location = str(path.relative_to(base))
        for lineno, message, comments, context in found:
            template.add(
                message,
                locations=[(location, lineno)],
                auto_comments=comments,
                context=context,
            )
    return template


def catalog_path(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def translated_languages() -> list[str]:
    """The interface's languages other than the one its messages are written in."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def read_catalog(language: str) -> Catalog:
    path = catalog_path(language)
    if not path.exists():
        return Catalog(
            locale=language,
            domain=DOMAIN,
            project="Positions",
            version="1",
            header_comment=(
                f"# The interface of Positions in {language}.\n"
                "# Run manage.py catalogs after changing the code's messages."
            ),
            last_translator="The Positions team",
            language_team="The Positions team",
            fuzzy=False,
        )
    with path.open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


def _translated(message: Any) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def problems(language: str, template: Catalog) -> list[str]:
    """Return what is wrong with one language's catalog, in words; empty when all is well."""
    path = catalog_path(language)
    if not path.exists():
        return [f"{path} is missing: run manage.py catalogs"]
    catalog = read_catalog(language)
    found = []
    wanted = {message.id for message in template if message.id}
    present = {message.id for message in catalog if message.id}
    found += [f"{language}: not in the catalog: {msgid!r}" for msgid in wanted - present]
    found += [f"{language}: no longer used: {msgid!r}" for msgid in present - wanted]
    for message in catalog:
        if not message.id:
            continue
        if not _translated(message):
            found.append(f"{language}: untranslated: {message.id!r}")
        if message.fuzzy:
            found.append(f"{language}: fuzzy: {message.id!r}")
    for message, errors in catalog.check():
        found += [f"{language}: {message.id!r}: {error}" for error in errors]
    mo_path = path.with_suffix(".mo")
    if not mo_path.exists() or mo_path.read_bytes() != compiled(catalog):
        found.append(f"{language}: {mo_path} is not compiled from the .po: run manage.py catalogs")
    return found


class Command(BaseCommand):
    help = (
        "Bring each language's catalog (locale/<lang>/LC_MESSAGES/django.po) up to date "
        "with the code and templates, and compile it. With --check, change nothing and "
        "fail if a catalog is incomplete, fuzzy, out of date or not compiled."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Report problems; change nothing.")
        parser.add_argument(
            "--language",
            action="append",
            choices=translated_languages(),
            help="Only this language (may be given more than once).",
        )

    def handle(self, *args: Any, check: bool, language: list[str] | None, **options: Any) -> None:
        base = Path(settings.BASE_DIR)
        template = extract_messages(base)
        languages = language or translated_languages()
        if check:
            found = [problem for code in languages for problem in problems(code, template)]
            if found:
                raise CommandError("\n".join(found))
            self.stdout.write(self.style.SUCCESS("Every catalog is complete and compiled."))
            return
        for code in languages:
            catalog = read_catalog(code)
            catalog.update(
                template,
                no_fuzzy_matching=True,
                update_header_comment=False,
                update_creation_date=False,
            )
            # Messages no longer in the code are dropped, not kept as obsolete.
            catalog.obsolete.clear()
            path = catalog_path(code)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as po:
                write_po(po, catalog, width=88, omit_header=False, include_previous=False)
            # Compiled from the file as written, as --check compiles it.
            catalog = read_catalog(code)
            path.with_suffix(".mo").write_bytes(compiled(catalog))
            missing = sum(1 for message in catalog if message.id and not _translated(message))
            self.stdout.write(f"{code}: {len(catalog)} messages, {missing} untranslated")
