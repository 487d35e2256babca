"""Links in imported notes: to other notes, and to images and attachments the old site published.

Once every note has its place, each link target in a body is read as the
old site would have served it:

    a marker from templates.ref (a {% post_url %}, {filename} or ref)   -> the new address of that note
    an old address of an imported note (/2019/06/03/moving.html)      -> its new address
    a file of the old site (/assets/chart.png, plan.png beside the note, a WordPress upload)
        -> copied into content/images/ (the site's first STATIC_PATHS folder), the link pointing at the copy
    a file the old site should have had but that is not there          -> reported, with its line
    another site, an e-mail address, a page of the old site            -> left as it is

Only images and documents are copied (IMAGES, DOCUMENTS), only from inside
the old site's folder: a symlink or '..' leading out of it is refused and
reported, and so is an SVG with script in it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from pipeline.content.loader import display_path
from pipeline.importers.records import MISSING, OTHER, Notice
from pipeline.importers.sites import SourceSite
from pipeline.importers.templates import REF, REF_END, REF_START, outside_code, ref
from pipeline.importers.text import slug_of

IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"}
DOCUMENTS = {".pdf", ".csv", ".txt", ".odt", ".ods", ".odp", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx"}
FILE_LIKE = re.compile(r"\.[A-Za-z0-9]{2,5}$")  # an address that names a file rather than a page
# Where a target stands: a Markdown link or image, a reference definition, an HTML src or href.
TARGET = re.compile(
    r"\]\(\s*<?(?P<md>[^)\s>]+)"
    r"|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<ref>[^\s>]+)"
    r"|\b(?:src|href)\s*=\s*[\"'](?P<html>[^\"']+)[\"']",
    re.MULTILINE | re.IGNORECASE,
)
# Folders sites keep their files in, left out of a copy's name: /assets/images/2019/x.png -> images/2019/x.png.
STATIC_FOLDERS = {"assets", "images", "img", "static", "uploads", "media", "files", "public", "wp-content"}
SVG_SCRIPT = re.compile(rb"<script|\bon\w+\s*=|javascript:|<foreignObject", re.IGNORECASE)


@dataclass(frozen=True)
class Copy:
    source: Path
    target: Path  # in content/


@dataclass
class Rewritten:
    body: str
    copies: list[Copy] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    notes_linked: int = 0  # links to other notes given their new address
    left_out: list[str] = field(default_factory=list)  # targets of files that were not copied, as written


class Files:
    """Files this import copies into the site's static folder, each under one name, never over another file."""

    def __init__(self, content: Path, folder: str):
        self.content, self.folder = content, folder
        self.planned: dict[Path, Path] = {}  # source -> target
        self.taken: dict[Path, Path] = {}  # target -> source

    def place(self, source: Path, name: PurePosixPath) -> Path:
        if source in self.planned:
            return self.planned[source]
        target = self.content / self.folder / name
        number = 1
        while self._taken_by_another(target, source):
            number += 1
            target = target.with_name(f"{name.stem}-{number}{name.suffix}")
        self.planned[source], self.taken[target] = target, source
        return target

    def _taken_by_another(self, target: Path, source: Path) -> bool:
        if target in self.taken:
            return True
        # A file already there holding the same bytes is this one, imported before.
        return target.exists() and (not target.is_file() or target.read_bytes() != source.read_bytes())


def rewrite(body: str, origin: Path | None, site: SourceSite | None, files: Files,
            note_address: Callable[[str, str], str | None], old_address: Callable[[str], str | None],
            bundle: str) -> Rewritten:
    """Every link in `body` pointed at its new place; `bundle` names the folder a note's own files are copied to.

    `note_address(kind, key)` is the new address of what a marker names, and
    `old_address(path)` the new address of the note an old address was.
    """
    result = Rewritten(body)
    resolver = _Resolver(origin, site, files, bundle, result)

    def change(text: str, first_line: int) -> str:
        out, last = [], 0
        for match in TARGET.finditer(text):
            group = next(name for name in ("md", "ref", "html") if match[name])
            line = first_line + text.count("\n", 0, match.start())
            out.append(text[last:match.start(group)])
            out.append(resolver.target(match[group], line, note_address, old_address))
            last = match.end(group)
        out.append(text[last:])
        return _markers("".join(out), first_line, note_address, result)

    # A link whose target went keeps its text; an image whose file went, or an HTML one, goes with it.
    body = outside_code(body, change)
    body = re.sub(r"^!\[[^\]\n]*\]\(\)[ \t]*\n(?:[ \t]*\n)?", "", body, flags=re.MULTILINE)  # with its blank line
    body = re.sub(r"!\[[^\]\n]*\]\(\)|<img\b[^>]*\bsrc\s*=\s*(?:\"\"|'')[^>]*>", "", body, flags=re.IGNORECASE)
    result.body = re.sub(r"\[([^\]\n]*)\]\(\)", r"\1", body)
    return result


def _markers(text: str, first_line: int, note_address, result: Rewritten) -> str:
    """References outside any link syntax (a bare {% post_url %}): their address, or nothing."""
    def replace(match: re.Match) -> str:
        address = note_address(match[1], match[2])
        if address is None:
            line = first_line + text.count("\n", 0, match.start())
            result.notices.append(Notice(MISSING, f"link to {match[2]}, which was not imported: link to its new "
                                                  "address, or remove the link", line))
            return ""
        return address

    return REF.sub(replace, text)


class _Resolver:
    def __init__(self, origin: Path | None, site: SourceSite | None, files: Files, bundle: str, result: Rewritten):
        self.origin, self.site, self.files, self.bundle, self.result = origin, site, files, bundle, result

    def target(self, target: str, line: int, note_address, old_address) -> str:
        if REF_START in target:
            key = REF.fullmatch(target)
            address = note_address(key[1], key[2]) if key else None
            if address is None:
                what = key[2] if key else target.strip(REF_START + REF_END)
                self.result.notices.append(Notice(MISSING, f"link to {what}, which was not imported: link to its "
                                                           "new address, or remove the link", line))
                return ""
            self.result.notes_linked += key[1] == "note"
            return address
        parts = urlsplit(target)
        if parts.scheme or parts.netloc:
            own = self.site is not None and (parts.hostname or "").lower() in self.site.hosts
            if not own or parts.scheme not in ("http", "https", ""):
                return target
        path = unquote(parts.path)
        if not path:
            return target
        suffix = f"?{parts.query}" * bool(parts.query) + f"#{parts.fragment}" * bool(parts.fragment)
        if path.startswith("/") or parts.netloc:
            path = self._from_root(path)
            address = old_address(path)
            if address is not None:
                self.result.notes_linked += 1
                return address + (f"#{parts.fragment}" if parts.fragment else "")
        if path.endswith((".md", ".markdown")) and not path.startswith("/") and self.origin is not None:
            return self.target(self._note_key(path), line, note_address, old_address) + suffix
        return self._file(target, path, line, suffix)

    def _note_key(self, path: str) -> str:
        """A relative link to another note's file, as a marker naming it from the site's content folder."""
        folder = self.origin.parent
        content = self.site.content if self.site and self.site.content else folder
        try:
            here = folder.resolve().relative_to(content.resolve()).as_posix()
        except ValueError:
            here = ""
        return ref("note", posixpath.normpath(posixpath.join(here, path)))

    def _from_root(self, path: str) -> str:
        base = self.site.base_path if self.site else ""
        if base and (path == base or path.startswith(base + "/")):
            path = path[len(base):] or "/"
        return path

    def _file(self, target: str, path: str, line: int, suffix: str) -> str:
        if not FILE_LIKE.search(path) or self.site is None:
            return target  # a page of the old site, or a folder: left as it is
        kind = PurePosixPath(path).suffix.lower()
        found = self._find(path)
        # A file that is not copied is left out of the note, not linked: readers would find nothing there.
        if found is None:
            self.result.notices.append(Notice(MISSING, f"{target} was not found in {display_path(self.site.root)}: "
                                                       "left out; copy the file into content/images/ and add it back",
                                              line))
            self.result.left_out.append(target)
            return ""
        source, name = found
        refusal = self._refusal(source, kind)
        if refusal:
            self.result.notices.append(Notice(OTHER, f"{target} {refusal}: not copied, and left out", line))
            self.result.left_out.append(target)
            return ""
        copy = self.files.place(source, name)
        if all(c.source != source for c in self.result.copies):
            self.result.copies.append(Copy(source, copy))
        return "/" + quote(copy.relative_to(self.files.content).as_posix()) + suffix

    def _find(self, path: str) -> tuple[Path, PurePosixPath] | None:
        """The old site's file at `path`, and the name its copy takes; None if it has none."""
        candidates = []
        if path.startswith("/"):
            for folder, prefix in self.site.static:
                prefix = prefix.rstrip("/") + "/"
                if path.startswith(prefix):
                    candidates.append((folder / path[len(prefix):], _name(path[len(prefix):])))
        elif self.origin is not None:
            relative = posixpath.normpath(path)
            candidates.append((self.origin.parent / relative, PurePosixPath(self.bundle) / _name(relative)))
        for candidate, name in candidates:
            if candidate.is_file() or candidate.is_symlink():
                return candidate, name
        return None

    def _refusal(self, source: Path, kind: str) -> str | None:
        root = self.site.root.resolve()
        resolved = source.resolve()
        if root not in resolved.parents or not resolved.is_file():
            return f"is outside {display_path(self.site.root)} (a symlink, or '..')"
        if kind not in IMAGES | DOCUMENTS:
            return "is not an image or a document (notes copies " + ", ".join(sorted(IMAGES | DOCUMENTS)) + ")"
        if kind == ".svg" and SVG_SCRIPT.search(resolved.read_bytes()):
            return "is an SVG with script in it"
        return None


def _name(path: str) -> PurePosixPath:
    """A copy's name: the file's path without the folders sites keep files in, each part a slug."""
    parts = [p for p in PurePosixPath(path.lstrip("/")).parts if p not in ("", ".")]
    while len(parts) > 1 and parts[0].lower() in STATIC_FOLDERS:
        parts = parts[1:]
    *folders, file = parts
    stem, dot, extension = file.rpartition(".")
    name = f"{slug_of(stem) or 'file'}.{extension.lower()}" if dot else slug_of(file) or "file"
    return PurePosixPath(*[slug_of(f) or "folder" for f in folders], name)
