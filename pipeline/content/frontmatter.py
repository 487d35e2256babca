"""Read one Markdown file into front matter and body, keeping exact positions.

python-frontmatter finds the `---` boundaries and its YAML handler parses the
front matter; we give the handler a loader that remembers where every key and
value stands, so that every later message can name its line and column.
Nothing else in the project parses front matter.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from pipeline.findings import Finding

Position = tuple[int, int]  # 1-based line and column in the file

UTF8_BOM = "\ufeff"


class DocumentError(Exception):
    """The file cannot be read as front matter and Markdown."""

    def __init__(self, finding: Finding):
        super().__init__(str(finding))
        self.finding = finding


@dataclass
class Document:
    """A file's front matter (`meta`) and Markdown `body`, with positions."""

    path: Path
    source: str
    meta: dict[str, Any]
    body: str
    body_line: int
    text: str = ""  # the whole file, as decoded: offsets below index into it
    body_offset: int = 0
    value_span: dict[str, tuple[int, int]] = field(default_factory=dict)  # scalar values' [start, end)
    key_pos: dict[str, Position] = field(default_factory=dict)
    value_pos: dict[str, Position] = field(default_factory=dict)
    item_pos: dict[tuple[str, int], Position] = field(default_factory=dict)

    def where(self, key: str, index: int | None = None) -> Position:
        """Where a value (or one list item) stands, else its key, else line 1."""
        if index is not None and (key, index) in self.item_pos:
            return self.item_pos[key, index]
        return self.value_pos.get(key) or self.key_pos.get(key) or (1, 1)


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _Refused(yaml.MarkedYAMLError):
    """YAML that is valid but that front matter does not allow: aliases, merge keys, tags, unreadable numbers."""


# libyaml's parser is several times faster than PyYAML's own, with the same marks.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML = "tag:yaml.org,2002:"
_MERGE = f"{_YAML}merge"


class _Loader(_BaseLoader):
    """SafeLoader that keeps dates as text, refuses duplicate keys, and builds only plain values.

    Dates stay text so that one parser (`pipeline.content.schema`) reads them
    all the same way, with or without a time, and reports bad ones clearly.
    Front matter holds text, numbers, yes/no, lists and fields; YAML's other
    types (`!!timestamp`, `!!binary`, `!!set`...) are never what a writer
    meant, so their tags are errors rather than values no check expects.
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != f"{_YAML}timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    aliases = False  # admit aliases and merge keys: another site's files only (see parse)
    yaml_constructors = {
        tag: yaml.SafeLoader.yaml_constructors[tag]
        for tag in (f"{_YAML}{kind}" for kind in ("null", "bool", "int", "float", "str", "seq", "map"))
    }

    def construct_undefined(self, node):
        tag = node.tag.replace(_YAML, "!!")
        raise _Refused(problem=f"the YAML tag '{tag}' is not allowed in front matter; remove it, or put the value "
                               "in quotes", problem_mark=node.start_mark)

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError):  # int() and float() of an explicitly tagged or endless number
            raise _Refused(problem=_unreadable(node), problem_mark=node.start_mark) from None

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE and not self.aliases:
                raise _Refused(problem="merge keys ('<<') are not allowed in front matter; write each field out",
                               problem_mark=key_node.start_mark)
            if key_node.tag == _MERGE:
                continue  # SafeConstructor merges it below
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(problem="a field name must be a word, not a list or a set of fields",
                               problem_mark=key_node.start_mark)
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise _DuplicateKey(
                    problem=f"duplicate key '{key}' (first given on line {seen[key].start_mark.line + 1})",
                    problem_mark=key_node.start_mark,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


_Loader.add_constructor(None, _Loader.construct_undefined)  # any other tag


def _unreadable(node: yaml.Node) -> str:
    if node.tag == f"{_YAML}int" and len(node.value) > sys.get_int_max_str_digits():
        return (f"a number of {len(node.value)} digits is longer than the {sys.get_int_max_str_digits()} "
                "notes reads; put it in quotes if it is text")
    kind = node.tag.replace(_YAML, "")
    return f"'{node.value[:40]}' is not a valid {kind}; remove the tag, or put the value in quotes"


def _refuse_aliases(root: yaml.Node, fm: str) -> None:
    """Refuse an alias (`*name`) anywhere: expanding nested ones takes time and memory exponential in their count.

    The composed tree shares an aliased node, so a walk that visits each node
    once finds one in time linear in the text. Only then is the text parsed
    again, for the alias's place.
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            alias = next(e for e in yaml.parse(fm, Loader=_BaseLoader) if isinstance(e, yaml.AliasEvent))
            raise _Refused(problem=f"aliases ('*{alias.anchor}') are not allowed in front matter; write the value "
                                   "out in full", problem_mark=alias.start_mark)
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]


class PositionedYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler, returning the node tree as well."""

    def load(self, fm: str, aliases: bool = False, **kwargs: object) -> tuple[Any, yaml.Node | None]:
        loader = _Loader(fm)
        loader.aliases = aliases
        try:
            node = loader.get_single_node()
            if node is not None and not aliases:
                _refuse_aliases(node, fm)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
        return data, node


HANDLER = PositionedYAMLHandler()


def decode(raw: bytes, source: str) -> str:
    """Bytes to text: UTF-8 only (a BOM is allowed), no NUL bytes, CRLF folded."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(Finding(source, 1, 1, "M001", "file is UTF-16; save it as UTF-8"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        byte = raw[err.start : err.start + 1].hex().upper()
        raise DocumentError(
            Finding(source, line, col, "M001", f"byte 0x{byte} is not UTF-8; save the file as UTF-8")
        ) from None
    if "\0" in text:
        offset = text.index("\0")
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise DocumentError(Finding(source, line, col, "M001", "file contains a NUL byte; is it a binary file?"))
    return text.removeprefix(UTF8_BOM).replace("\r\n", "\n")


def parse(text: str, path: Path, source: str, *, aliases: bool = False) -> Document:
    """Split and parse a file's text. Raises DocumentError with a position.

    `aliases` admits YAML aliases and merge keys, for another site's files
    (pipeline/importers/), whose caller then bounds their expanded size; a
    note's front matter never has them."""
    if not HANDLER.detect(text):
        raise DocumentError(
            Finding(source, 1, 1, "M002", "file must start with front matter: a line '---', YAML fields, then '---'")
        )
    opening = HANDLER.FM_BOUNDARY.match(text)
    try:
        fm, body = HANDLER.split(text)
    except ValueError:
        raise DocumentError(
            Finding(source, 1, 1, "M003", "front matter is not closed: add a line '---' after the last field")
        ) from None
    # YAML marks count lines from the start of `fm`, which is on this 0-based line.
    fm_line = text.count("\n", 0, opening.end())
    body_offset = len(text) - len(body)
    body_line = text.count("\n", 0, body_offset) + 1
    # The boundary pattern leaves the newline that ends the closing '---' in the body.
    if body.startswith("\n"):
        body, body_line = body[1:], body_line + 1

    try:
        data, node = HANDLER.load(fm, aliases)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (fm_line + mark.line + 1, mark.column + 1) if mark else (fm_line + 2, 1)
        problem = (err.problem or "invalid YAML").replace("\t", "\\t")
        if err.context and err.context_mark and err.context_mark is not mark:
            start = err.context_mark
            problem += f" ({err.context} that starts at line {fm_line + start.line + 1}, column {start.column + 1})"
        code = "M006" if isinstance(err, _DuplicateKey) else "M004"
        message = problem if isinstance(err, (_DuplicateKey, _Refused)) else f"front matter is not valid YAML: {problem}"
        raise DocumentError(Finding(source, line, col, code, message)) from None
    except yaml.YAMLError as err:
        raise DocumentError(Finding(source, fm_line + 2, 1, "M004", f"front matter is not valid YAML: {err}")) from None

    if data is None:
        data, node = {}, None
    if not isinstance(data, dict):
        raise DocumentError(
            Finding(source, fm_line + 2, 1, "M005", "front matter must be fields written as 'name: value'")
        )
    doc = Document(
        path=path, source=source, meta=data, body=body, body_line=body_line, text=text,
        body_offset=len(text) - len(body),
    )
    if node is not None:
        _record_positions(doc, node, fm_line, opening.end())
    return doc


def _record_positions(doc: Document, mapping: yaml.MappingNode, fm_line: int, fm_offset: int) -> None:
    def pos(mark: yaml.Mark) -> Position:
        return fm_line + mark.line + 1, mark.column + 1

    for key_node, value_node in mapping.value:
        key = key_node.value
        doc.key_pos[key] = pos(key_node.start_mark)
        doc.value_pos[key] = pos(value_node.start_mark)
        if isinstance(value_node, yaml.ScalarNode):
            doc.value_span[key] = (fm_offset + value_node.start_mark.index, fm_offset + value_node.end_mark.index)
        if isinstance(value_node, yaml.SequenceNode):
            for index, item in enumerate(value_node.value):
                doc.item_pos[key, index] = pos(item.start_mark)


# A long note is a few tens of kilobytes; anything near this is a pasted export or a
# binary file, and reading it whole would make every later step slow for everyone.
MAX_BYTES = 4 * 1024 * 1024


def read(path: Path, source: str, parsed: ParsedCache | None = None) -> Document:
    """Read and parse one file (or take it from `parsed`). Raises DocumentError for anything unreadable."""
    text = decode(read_bytes(path, source), source)
    return parsed.parse(text, path, source) if parsed is not None else parse(text, path, source)


def read_bytes(path: Path, source: str) -> bytes:
    """A file's bytes, never more than the limit however big it is, and never from a pipe or a device,
    whose reading would wait for ever or never end. Raises DocumentError."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opening a pipe must not wait for a writer
    except OSError as err:
        raise DocumentError(Finding(source, 1, 1, "M001", f"cannot read the file: {err.strerror}")) from None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise DocumentError(Finding(source, 1, 1, "M001", "cannot read it: it is not a file but a pipe or a device"))
        try:
            raw = handle.read(MAX_BYTES + 1)
        except OSError as err:
            raise DocumentError(Finding(source, 1, 1, "M001", f"cannot read the file: {err.strerror}")) from None
    return within_limit(raw, source, status.st_size)


def within_limit(raw: bytes, source: str, size: int | None = None) -> bytes:
    """`raw`, the first MAX_BYTES + 1 bytes of an input of `size` bytes (unknown for standard input), if within the limit."""
    if len(raw) <= MAX_BYTES:
        return raw
    what = f"file is {size / (1024 * 1024):.1f} MB, more than" if size else "input is longer than"
    raise DocumentError(Finding(
        source, 1, 1, "M001",
        f"{what} the {MAX_BYTES // (1024 * 1024)} MB a note may be; split it, or put images and downloads in content/images/"))


class ParsedCache:
    """Files parsed before, by their text, kept in `.notes-cache/frontmatter.marshal`.

    Parsing YAML with positions is most of loading a site, and between two
    builds almost every file is the same. A file that does not parse is never
    kept, so its error is found and reported afresh each time. The file is
    checked before use, and dropped when notes' code or PyYAML changes
    (pipeline/cache.py).
    """

    def __init__(self, path: Path):
        from pipeline import cache

        self._path, self._fingerprint = path, cache.fingerprint({"cache": "frontmatter"})
        self._old: dict[bytes, tuple] = cache.load_entries(path, self._fingerprint)
        self._new: dict[bytes, tuple] = {}

    def parse(self, text: str, path: Path, source: str) -> Document:
        key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        known = self._old.get(key)
        if known is None:
            doc = parse(text, path, source)
            self._new[key] = (doc.meta, doc.body_line, doc.body_offset, doc.value_span, doc.key_pos,
                              doc.value_pos, doc.item_pos)
            return doc
        self._new[key] = known
        meta, body_line, body_offset, value_span, key_pos, value_pos, item_pos = known
        return Document(path, source, meta, text[body_offset:], body_line, text, body_offset,
                        value_span, key_pos, value_pos, item_pos)

    def save(self) -> None:
        """Keep what this load parsed, and nothing older."""
        from pipeline import cache

        if self._new != self._old:
            cache.save_entries(self._path, self._fingerprint, self._new)
