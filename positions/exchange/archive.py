"""The study archive's format: its files' names, the zip, the YAML, the front matter.

An archive is a zip of text files, UTF-8, with LF line endings:

    study.yaml                  the study, its sides and institutes, the authors,
                                the chapters with their points and translations
    chapters/01/nids.md         a paper: YAML front matter, then its Markdown
    chapters/01/nids.en.md      a translation of that paper into English

Writing is deterministic: the files in the order given, each dated 1980-01-01 00:00
(the zip format's first day), mode 0644, deflated at level 9, no comment and no
extra fields; the YAML in one style (keys in the order given, text of several lines
as literal blocks, no line folding). Reading refuses what could harm the site or
hide a mistake: names that climb out of the archive, links, duplicate names, and
archives that unpack to more than `MAX_UNPACKED_BYTES`, judged by the sizes the zip
declares before anything is read and by the bytes actually read.
"""

import datetime
import io
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

import yaml
from django.utils.translation import gettext as _

# The version of the format, written in study.yaml; an archive of another is refused.
FORMAT = 1
STUDY_FILE = "study.yaml"
# Limits of what an import reads. The demo study's archive is 21 KB packed and 48 KB
# unpacked; a study of 20 chapters, each with two 20,000-word papers in three
# languages, unpacks to about 20 MB.
MAX_ARCHIVE_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
MAX_FILES = 10_000
# The earliest date a zip can hold: no date of the day the archive was made.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = stat.S_IFREG | 0o644
READ_CHUNK = 64 * 1024

DRIVE = re.compile(r"^[A-Za-z]:")
CLOSING_DELIMITER = re.compile(r"^---$\n?", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an archive: where (a file, a place in study.yaml) and what."""

    where: str
    message: str
    # For callers that suggest a remedy: "exists" when the study's slug is taken.
    code: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class Refused(Exception):
    """An archive that cannot be imported, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def chapter_folder(number: int) -> str:
    return f"chapters/{number:02d}"


def paper_path(number: int, side_slug: str, language: str | None = None) -> str:
    """The file of a chapter's paper by a side, or of its translation into `language`."""
    if language is None:
        return f"{chapter_folder(number)}/{side_slug}.md"
    return f"{chapter_folder(number)}/{side_slug}.{language}.md"


# YAML


class _Dumper(yaml.SafeDumper):
    """One fixed style: text of several lines as literal blocks, nothing folded, and
    no anchors or aliases (which the loader refuses) even for a value used twice.

    The pure-Python dumper, not libyaml's: the same output wherever the site runs.
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # PyYAML falls back to a quoted scalar where a block cannot hold the text
    # exactly (trailing spaces, tabs, control characters).
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing duplicate keys (YAML keeps the last one silently)
    and aliases (which can make a small file a huge structure)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, _("aliases (*name) are not allowed"), self.peek_event().start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict:
        seen = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        _("the key “%(key)s” appears twice") % {"key": key_node.value},
                        key_node.start_mark,
                    )
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


def dump_yaml(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
        indent=2,
    )


def load_yaml(text: str) -> Any:
    """Parse YAML; raise yaml.YAMLError on malformed text."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a subclass of SafeLoader)
    except RecursionError:
        raise yaml.YAMLError(_("it is nested too deeply")) from None
    except (ValueError, OverflowError) as error:
        # PyYAML lets through what Python refuses to make, such as the date 0000-01-01.
        raise yaml.YAMLError(str(error)) from None


def yaml_error(error: yaml.YAMLError) -> str:
    """Say what is wrong with a YAML text, and where."""
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        return _("not valid YAML: %(problem)s (line %(line)d, column %(column)d)") % {
            "problem": error.problem,
            "line": mark.line + 1,
            "column": mark.column + 1,
        }
    return _("not valid YAML: %(error)s") % {"error": error}


# Markdown with front matter


class FrontMatterError(ValueError):
    pass


def write_markdown(front: dict[str, Any], body: str) -> str:
    """A Markdown file: the `front` matter between two `---` lines, then `body` as is."""
    return f"---\n{dump_yaml(front)}---\n{body}"


def read_markdown(text: str) -> tuple[Any, str]:
    """Return the front matter (parsed) and the body of a Markdown file.

    Raise FrontMatterError when the front matter is missing or not valid YAML.
    """
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise FrontMatterError(_("the file must start with front matter: a line “---”"))
    closing = CLOSING_DELIMITER.search(text, 4)
    if closing is None:
        raise FrontMatterError(_("the front matter has no closing line “---”"))
    try:
        front = load_yaml(text[4 : closing.start()])
    except yaml.YAMLError as error:
        raise FrontMatterError(yaml_error(error)) from None
    return front, text[closing.end() :]


# The zip


def write_zip(files: Iterable[tuple[str, bytes]]) -> bytes:
    """Pack `files` (name, content) in the order given, the same bytes every time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.create_system = 3  # Unix, whatever system writes it
            info.external_attr = FILE_MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content, compresslevel=9)
    return buffer.getvalue()


class _TooLarge(Exception):
    pass


def read_zip(file: IO[bytes]) -> tuple[dict[str, bytes], list[Problem]]:
    """Return the files of a zip by name, and every problem found reading it.

    Reads nothing when the archive or the sizes it declares are over the limits, and
    stops reading once the bytes read pass them, whatever the zip declared.
    """
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    if size > MAX_ARCHIVE_BYTES:
        return {}, [Problem("", _too_large(size, MAX_ARCHIVE_BYTES))]
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return {}, [Problem("", _("This is not a zip archive, or it is damaged."))]
    with archive:
        return _read_members(archive)


def _read_members(archive: zipfile.ZipFile) -> tuple[dict[str, bytes], list[Problem]]:
    infos = archive.infolist()
    if len(infos) > MAX_FILES:
        message = _("The archive holds %(count)d files; at most %(limit)d are accepted.")
        return {}, [Problem("", message % {"count": len(infos), "limit": MAX_FILES})]
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNPACKED_BYTES:
        return {}, [Problem("", _too_large(declared, MAX_UNPACKED_BYTES, unpacked=True))]
    problems: list[Problem] = []
    seen: set[str] = set()
    readable = []
    for info in infos:
        name = info.filename
        problem = _name_problem(name)
        if problem is None and name in seen:
            problem = _("the archive holds two files of this name")
        if problem is None and info.is_dir():
            seen.add(name)
            continue  # folders carry nothing; `zip -r` adds them
        if problem is None:
            problem = _member_problem(info)
        if problem is not None:
            problems.append(Problem(name or "?", problem))
            continue
        seen.add(name)
        readable.append(info)
    files: dict[str, bytes] = {}
    budget = MAX_UNPACKED_BYTES
    for info in readable:
        try:
            content = _read_member(archive, info, budget)
        except _TooLarge:
            problems.append(Problem("", _too_large(None, MAX_UNPACKED_BYTES, unpacked=True)))
            break
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
            problems.append(Problem(info.filename, _("this file is damaged and cannot be read")))
            continue
        budget -= len(content)
        files[info.filename] = content
    return files, problems


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """Read one file, stopping as soon as it passes its declared size or the budget."""
    limit = min(info.file_size, budget)
    chunks = []
    read = 0
    with archive.open(info) as member:
        while chunk := member.read(READ_CHUNK):
            read += len(chunk)
            if read > limit:
                raise _TooLarge
            chunks.append(chunk)
    return b"".join(chunks)


def _name_problem(name: str) -> str | None:
    if not name:
        return _("a file has no name")
    if "\\" in name or any(ord(character) < 32 for character in name):
        return _("the name holds a backslash or a control character")
    if name.startswith("/") or DRIVE.match(name):
        return _("the name is an absolute path")
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return _("the name holds “..”, “.” or an empty folder name")
    return None


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    # Many zip writers record only the permissions, without the kind of file.
    kind = stat.S_IFMT(info.external_attr >> 16)
    if info.create_system == 3 and kind and kind != stat.S_IFREG:
        return _("this is a link or a special file, not a plain file")
    if info.flag_bits & 0x1:
        return _("this file is encrypted")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return _("this file is compressed with a method other than deflate")
    return None


def _too_large(size: int | None, limit: int, *, unpacked: bool = False) -> str:
    megabytes = {"limit": limit // (1024 * 1024)}
    if unpacked and size is None:
        return _("The archive unpacks to more than %(limit)d MB, more than it declares.") % (
            megabytes
        )
    if unpacked:
        return _("The archive would unpack to %(size)d MB; at most %(limit)d MB are accepted.") % {
            "size": -(-size // (1024 * 1024)),
            **megabytes,
        }
    return _("The archive is %(size)d MB; at most %(limit)d MB are accepted.") % {
        "size": -(-size // (1024 * 1024)),
        **megabytes,
    }


def as_utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)
