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
whatever is larger than a real study needs (the limits below): the archive, its list
of files, each file and all of them unpacked, judged by the sizes the zip declares
before anything is read and by the bytes actually read, and each YAML text's number
of items and depth, counted before any of it is built.
"""

import datetime
import io
import math
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

import yaml
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# The version of the format, written in study.yaml; an archive of another is refused.
FORMAT = 1
STUDY_FILE = "study.yaml"

# Limits of what an import reads, from what a real study needs: a few hundred papers
# at most. Each is checked before the work it bounds: the sizes before anything is
# unpacked, the YAML's items before any Python object is made of them. The demo
# study's archive is 21 KB packed and 48 KB unpacked, in 13 files; its study.yaml is
# 21 KB of 960 items.
MB = 1024 * 1024
# Text packs to a third or less; 64 MB holds an archive at the unpacked limit even
# stored without compression.
MAX_ARCHIVE_BYTES = 64 * MB
# A study of 20 chapters, each with two 20,000-word papers in three languages, unpacks
# to about 20 MB; a few hundred papers of the longest kind (limits.PAPER_BODY) fit.
MAX_UNPACKED_BYTES = 128 * MB
# A few hundred papers, each with two translations, and study.yaml: about 1,000.
MAX_FILES = 2_000
# zipfile reads the zip's list of its files (the central directory) whole, and makes an
# object of each entry, before the files can be counted: the list's declared length is
# checked first. An entry is 46 bytes and its name: 1 KB is far more than names need.
MAX_DIRECTORY_BYTES = MAX_FILES * 1024
# A paper or a translation: a body of limits.PAPER_BODY characters (200,000, at most 4
# bytes each in UTF-8) and an abstract of limits.ABSTRACT (10,000) are under 1 MB.
MAX_PAPER_FILE_BYTES = 1 * MB
# study.yaml: the introduction, the chapters' summaries, the points' stances and their
# translations. 200 chapters of 10 points, every point's three parts translated into
# two languages, are 6 MB with stances as long as the demo's (about 100 characters).
MAX_STUDY_FILE_BYTES = 16 * MB
# Items are the YAML's keys, values, lists and mappings (its nodes, counted as the
# parser meets them). A chapter is about 70 and a point with its three parts
# translated into two languages about 100: those 200 chapters of 10 points are 206,000.
# Two million tiny items (8 MB) pack into 56 KB; reading them took six minutes and
# 5 GB before they were refused.
MAX_STUDY_ITEMS = 300_000
# A paper's front matter: a dozen keys, its authors and its tags (the demo's: 30).
MAX_FRONT_MATTER_ITEMS = 1_000
# study.yaml nests 7 deep (chapters, a chapter, its points, a point, its
# translations, a translation, a value), front matter 2.
MAX_YAML_DEPTH = 20
# Past this many problems the check stops: a list longer helps nobody fix an archive,
# and a garbled one could otherwise cost a problem, and its work, for each item.
MAX_PROBLEMS = 200
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


class TooManyProblems(Exception):
    """Raised by `Problems.append` when the list is full: the check stops there."""


class Problems(list[Problem]):
    """The problems found so far, up to `MAX_PROBLEMS`: appending the last raises
    TooManyProblems, which stops the check wherever it is."""

    def append(self, problem: Problem) -> None:
        super().append(problem)
        if len(self) >= MAX_PROBLEMS:
            raise TooManyProblems

    def stopped(self) -> list[Problem]:
        """Return the problems found, saying that the check stopped after them."""
        message = _("The check stopped after %(count)d problems; there may be more.")
        return [*self[:MAX_PROBLEMS], Problem("", message % {"count": MAX_PROBLEMS})]


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


# libyaml's parser and composer, in C, where PyYAML was built with it: five times as
# fast as PyYAML's own, which is the fallback. Either is the safe loader, building
# nothing but plain values.
if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """The safe loader, refusing duplicate keys (YAML keeps the last one silently).

    Aliases (which can make a small file a huge structure) are refused before it runs,
    by `_check_shape`: libyaml's composer cannot be told to.
    """

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


class YAMLTooLarge(yaml.YAMLError):
    """Valid YAML, but more of it than an archive needs."""


def _check_shape(text: str, max_items: int) -> None:
    """Refuse YAML of more than `max_items` items, nested deeper than `MAX_YAML_DEPTH`,
    or with an alias (raise YAMLTooLarge or yaml.YAMLError).

    Reads the parser's events one at a time, in constant memory and without building
    any of them into values (about a microsecond an item with libyaml), and stops at
    the first item past the limit.
    """
    items = depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                message = _("the YAML is nested too deeply: more than %(limit)d levels")
                raise YAMLTooLarge(message % {"limit": MAX_YAML_DEPTH})
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            continue
        elif isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None,
                None,
                _("aliases (*name) are not allowed"),
                # libyaml's mark or PyYAML's: the stubs know only PyYAML's.
                event.start_mark,  # type: ignore[arg-type]
            )
        elif not isinstance(event, yaml.ScalarEvent):
            continue
        items += 1
        if items > max_items:
            message = _(
                "the YAML holds more than %(limit)s items (keys, values, lists and "
                "mappings), the most it may hold"
            )
            raise YAMLTooLarge(message % {"limit": number_format(max_items, force_grouping=True)})


def load_yaml(text: str, *, max_items: int = MAX_STUDY_ITEMS) -> Any:
    """Parse YAML of at most `max_items` items; raise yaml.YAMLError on malformed
    text, and its subclass YAMLTooLarge on too much of it.

    Parses twice when the text is within the limits: first counting (`_check_shape`),
    then building. The count costs a fifth of the building.
    """
    try:
        _check_shape(text, max_items)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a subclass of the safe loader)
    except RecursionError:
        raise yaml.YAMLError(_("it is nested too deeply")) from None
    except (ValueError, OverflowError) as error:
        # PyYAML lets through what Python refuses to make, such as the date 0000-01-01.
        raise yaml.YAMLError(str(error)) from None


def yaml_error(error: yaml.YAMLError) -> str:
    """Say what is wrong with a YAML text, and where."""
    if isinstance(error, YAMLTooLarge):
        return str(error)
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
        front = load_yaml(text[4 : closing.start()], max_items=MAX_FRONT_MATTER_ITEMS)
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


# A file's content, or None for a file that is in the archive but was not read: too
# large or damaged, which is its problem.
Files = dict[str, bytes | None]


def read_zip(file: IO[bytes]) -> tuple[Files, list[Problem]]:
    """Return the files of a zip by name, and every problem found reading it.

    Reads nothing when the archive, its list of files or the sizes it declares are over
    the limits; reads no file declared larger than its kind may be; and stops reading
    once the bytes read pass what was declared or the limits, whatever the zip says.
    """
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    problem = archive_size_problem(size) or _directory_problem(file)
    if problem is not None:
        return {}, [Problem("", problem)]
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return {}, [Problem("", _("This is not a zip archive, or it is damaged."))]
    with archive:
        return _read_members(archive)


def archive_size_problem(size: int) -> str | None:
    """Say why an archive (or an upload) of `size` bytes is refused, if it is."""
    return _too_large(size, MAX_ARCHIVE_BYTES) if size > MAX_ARCHIVE_BYTES else None


def _directory_problem(file: IO[bytes]) -> str | None:
    """Judge the zip's list of files by its end record, before ZipFile reads the list.

    zipfile reads the whole list and makes an object of each entry (1.2 million entries
    fit in 64 MB: 6 seconds and 600 MB) before the files can be counted. Its own
    reader of the end record is used, so that the length judged here is the one
    ZipFile reads.
    """
    try:
        # Private, and so the same as ZipFile's (typeshed does not declare it).
        end = zipfile._EndRecData(file)  # type: ignore[attr-defined]
    except OSError:
        end = None
    finally:
        file.seek(0)
    if not end:
        return None  # not a zip: ZipFile says so
    count = end[zipfile._ECD_ENTRIES_TOTAL]  # type: ignore[attr-defined]
    if count > MAX_FILES:
        return _too_many_files(count)
    length = end[zipfile._ECD_SIZE]  # type: ignore[attr-defined]
    if length > MAX_DIRECTORY_BYTES:
        message = _(
            "The archive's list of files is %(size)s MB long; an archive may hold at most "
            "%(limit)s files, whose list is far shorter."
        )
        return message % {
            "size": _megabytes(length),
            "limit": number_format(MAX_FILES, force_grouping=True),
        }
    return None


def _read_members(archive: zipfile.ZipFile) -> tuple[Files, list[Problem]]:
    infos = archive.infolist()
    if len(infos) > MAX_FILES:
        return {}, [Problem("", _too_many_files(len(infos)))]
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNPACKED_BYTES:
        return {}, [Problem("", _too_large(declared, MAX_UNPACKED_BYTES, unpacked=True))]
    problems: list[Problem] = []
    seen: set[str] = set()
    files: Files = {}
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
        problem = _file_size_problem(name, info.file_size)
        if problem is not None:
            problems.append(Problem(name, problem))
            files[name] = None
            continue
        readable.append(info)
    budget = MAX_UNPACKED_BYTES
    for info in readable:
        try:
            content = _read_member(archive, info, budget)
        except _TooLarge:
            problems.append(Problem("", _too_large(None, MAX_UNPACKED_BYTES, unpacked=True)))
            break
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
            problems.append(Problem(info.filename, _("this file is damaged and cannot be read")))
            files[info.filename] = None
            continue
        budget -= len(content)
        files[info.filename] = content
    return files, problems


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """Read one file, stopping as soon as it passes its declared size or the budget.

    Its declared size is within its kind's limit (`_file_size_problem`), and zipfile
    itself gives no more than the declared size (a file that unpacks to more fails its
    checksum): the bytes are counted here all the same, as they come.
    """
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


def file_limit(name: str) -> int:
    """The most bytes the file `name` of an archive may hold."""
    return MAX_STUDY_FILE_BYTES if name == STUDY_FILE else MAX_PAPER_FILE_BYTES


def _file_size_problem(name: str, size: int) -> str | None:
    limit = file_limit(name)
    if size <= limit:
        return None
    if name == STUDY_FILE:
        message = _("this file is %(size)s MB; study.yaml may be at most %(limit)d MB")
    else:
        message = _(
            "this file is %(size)s MB; a paper's or a translation's file may be at most "
            "%(limit)d MB"
        )
    return message % {"size": _megabytes(size), "limit": limit // MB}


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


def _megabytes(size: int) -> str:
    # One decimal, rounded up: a file of 1.4 MB over a limit of 1 MB is neither "2 MB"
    # nor, a few bytes over, "1.0 MB".
    return number_format(math.ceil(size * 10 / MB) / 10, 1)


def _too_many_files(count: int) -> str:
    message = _("The archive holds %(count)d files; at most %(limit)d are accepted.")
    return message % {"count": count, "limit": MAX_FILES}


def _too_large(size: int | None, limit: int, *, unpacked: bool = False) -> str:
    megabytes = {"limit": limit // MB}
    if unpacked and size is None:
        return _("The archive unpacks to more than %(limit)d MB, more than it declares.") % (
            megabytes
        )
    assert size is not None  # only the size an archive unpacks to may be unknown
    if unpacked:
        return _("The archive would unpack to %(size)d MB; at most %(limit)d MB are accepted.") % {
            "size": -(-size // MB),
            **megabytes,
        }
    return _("The archive is %(size)d MB; at most %(limit)d MB are accepted.") % {
        "size": -(-size // MB),
        **megabytes,
    }


def as_utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)
