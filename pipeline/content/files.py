"""Every file under content/ is a note to read, a static file to publish, or a finding that names it.

Nothing else reaches the site from content/: the loader reads the notes, the
Pelican plugin copies only the static files allowed here
(pipeline/pelican/gate.py), and any other file is an error, so what
`notes build` would leave out, `notes lint` reports first. Hidden files and
folders (.DS_Store, .git) are skipped by both. docs/content.md#files lists
the rules.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pipeline.content.model import slugify
from pipeline.errors import ConfigError
from pipeline.findings import Finding

# Notes are Markdown, as Pelican's Markdown reader names it. Other spellings are refused with a new name
# to use, so that a note is never silently left out (x.MD on a case-sensitive file system).
MARKDOWN_SUFFIXES = (".md", ".markdown")
MARKDOWN_LOOKALIKES = (".mkd", ".mdown", ".mdwn", ".mkdn", ".txt")
OTHER_FORMATS = (".rst", ".html", ".htm", ".ipynb", ".asciidoc", ".adoc")
DEFAULT_STATIC_PATHS = ("images",)

# What a static folder may hold, with the pattern each kind of file starts with (None: text, which must
# hold no NUL byte). An extension alone would let a page of HTML be published as chart.png.
_ZIP = rb"PK\x03\x04"
STATIC_TYPES: dict[str, tuple[str, bytes | None]] = {
    ".png": ("a PNG image", rb"\x89PNG\r\n\x1a\n"),
    ".jpg": ("a JPEG image", rb"\xff\xd8\xff"),
    ".jpeg": ("a JPEG image", rb"\xff\xd8\xff"),
    ".gif": ("a GIF image", rb"GIF8[79]a"),
    ".webp": ("a WebP image", rb"RIFF....WEBP"),
    ".avif": ("an AVIF image", rb"....ftypavi[fs]"),
    ".ico": ("an icon", rb"\x00\x00\x01\x00"),
    ".svg": ("an SVG image", None),  # and read whole: pipeline/content/svg.py
    ".pdf": ("a PDF", rb"%PDF-"),
    ".docx": ("a Word document", _ZIP),
    ".xlsx": ("an Excel spreadsheet", _ZIP),
    ".pptx": ("a PowerPoint presentation", _ZIP),
    ".odt": ("an OpenDocument text", _ZIP),
    ".ods": ("an OpenDocument spreadsheet", _ZIP),
    ".odp": ("an OpenDocument presentation", _ZIP),
    ".csv": ("a CSV file", None),
    ".txt": ("a text file", None),
}
HTML_SUFFIXES = (".html", ".htm")
_HEAD_BYTES = 4096
# The largest SVG read whole; a detailed map is a few megabytes.
MAX_SVG_BYTES = 8 * 1024 * 1024

# Names that are safe in a URL, in a shell and on every file system a writer may use.
PORTABLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# The target is not named: the message may end up in a CI log, and where it points is the problem.
_LINK_OUT = "symlink points outside content/; notes reads only files inside content/: copy the file in instead"
_FOLDER_LINK_OUT = "folder symlink points outside content/; notes reads only files inside content/: copy the files in instead"
# Pelican follows folder links, endlessly where one leads back up; notes follows none, and the plugin has
# Pelican skip them too (pipeline/pelican/gate.py), so what is behind one would silently be left out.
_FOLDER_LINK_IN = "folder symlink: notes follows no links to folders, so nothing in it is published; move the folder here instead"
_NOT_REGULAR = "file is not an ordinary file (a pipe, socket or device); notes reads only files: remove it"


@dataclass
class Inventory:
    notes: list[Path] = field(default_factory=list)  # Markdown files, for the loader to read
    static: list[Path] = field(default_factory=list)  # static files that passed every check
    folder_links: list[Path] = field(default_factory=list)  # symlinked folders, never entered
    findings: list[Finding] = field(default_factory=list)
    files: int = 0  # every file looked at, hidden ones aside


def inventory(content_dir: Path, static_paths: Iterable[str] = DEFAULT_STATIC_PATHS,
              static_html: Iterable[str] = (), display=str) -> Inventory:
    """Sort every file under `content_dir`. `display` names a path in findings."""
    found = Inventory()
    static_roots = _inside(content_dir, static_paths)
    allowed_html = {PurePosixPath(p) for p in static_html}
    root_resolved = content_dir.resolve()
    for folder, dirs, files in os.walk(content_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:
            path = Path(folder, name)
            if path.is_symlink():
                found.folder_links.append(path)
                message = _FOLDER_LINK_OUT if _points_out(path, root_resolved) else _FOLDER_LINK_IN
                found.findings.append(Finding(display(path), 1, 1, "M201", message))
        for name in sorted(f for f in files if not f.startswith(".")):
            path = Path(folder, name)
            relative = path.relative_to(content_dir)
            found.files += 1
            refusal = _refusal(path, relative, root_resolved)
            if refusal:
                found.findings.append(Finding(display(path), 1, 1, "M201", refusal))
            elif path.suffix in MARKDOWN_SUFFIXES:
                found.notes.append(path)
            elif any(root == relative or root in relative.parents for root in static_roots):
                problem = _static_problem(path, PurePosixPath(relative.as_posix()) in allowed_html)
                if problem:
                    found.findings.append(Finding(display(path), *problem))
                else:
                    found.static.append(path)
            else:
                found.findings.append(Finding(display(path), 1, 1, "M211", _not_a_note(path, static_roots)))
    return found


def static_html_setting(value) -> tuple[str, ...]:
    """NOTES_STATIC_HTML: HTML files in static folders that the site may serve as they are."""
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"NOTES_STATIC_HTML must be a list of files under content/ like ['images/map.html']; "
                          f"got {value!r}")
    return tuple(value)


def _inside(content_dir: Path, static_paths: Iterable[str]) -> list[Path]:
    """The static folders (or files) that lie inside content/; Pelican's others are never published."""
    roots = []
    for entry in static_paths:
        relative = PurePosixPath(os.path.normpath(str(entry)).replace(os.sep, "/"))
        if relative.parts[:1] != ("..",) and not relative.is_absolute():
            roots.append(Path(relative) if str(relative) != "." else Path())
    return roots


def _points_out(path: Path, root: Path) -> bool:
    target = Path(os.path.realpath(path))  # unlike Path.resolve, never raises on a loop of links: stat() says ELOOP
    return target != root and root not in target.parents


def _refusal(path: Path, relative: Path, root: Path) -> str | None:
    """Why a file must not be read at all, or None: links out of content/, pipes and devices, unportable names."""
    if path.is_symlink() and _points_out(path, root):
        return _LINK_OUT
    for part in relative.parts:
        if not PORTABLE_NAME.fullmatch(part):
            suggestion = (slugify(Path(part).stem) or "note") + Path(part).suffix
            return f"name '{part}' must use only letters a-z, digits, '-', '_' and '.'; rename it, like '{suggestion}'"
    try:
        mode = path.stat().st_mode
    except OSError as err:
        return f"cannot read the file: {err.strerror}"
    return None if stat.S_ISREG(mode) else _NOT_REGULAR


def _not_a_note(path: Path, static_roots: list[Path]) -> str:
    suffix = path.suffix
    folders = " or ".join(f"content/{root}/" for root in static_roots if str(root) != ".") or "a static folder"
    if suffix.lower() in MARKDOWN_SUFFIXES or suffix.lower() in MARKDOWN_LOOKALIKES:
        return f"notes are Markdown files ending .md; rename it to '{path.stem}.md', or move it out of content/"
    if suffix.lower() in OTHER_FORMATS:
        return (f"notes reads only Markdown (.md): a {suffix} page would reach the site without any check; "
                "convert it to Markdown, or move it out of content/")
    return f"file is not a note, and only {folders} may hold other files: move it there, or out of content/"


def _static_problem(path: Path, html_allowed: bool) -> tuple[int, int, str, str] | None:
    """(line, column, code, message) for a static file that must not be published, else None."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        if html_allowed:
            return None
        return (1, 1, "M211", "HTML is not served from static folders: it would run with the site's address; "
                "make it a note, or list it in NOTES_STATIC_HTML if it must be served as it is")
    if suffix not in STATIC_TYPES:
        return 1, 1, "M211", (f"'{suffix or path.name}' files are not published; save it as one of "
                              f"{', '.join(STATIC_TYPES)} (docs/content.md#files)")
    kind, start = STATIC_TYPES[suffix]
    if suffix == ".svg":
        return _svg_problem(path)
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
    if re.match(start, head, re.DOTALL) if start else b"\0" not in head:
        return None
    return 1, 1, "M211", f"file is not {kind}, whatever its name says: save it as one, or give it the right ending"


def _svg_problem(path: Path) -> tuple[int, int, str, str] | None:
    from pipeline.content import svg  # lxml loads only when a site has an SVG

    if path.stat().st_size > MAX_SVG_BYTES:
        return 1, 1, "M211", f"SVG is larger than the {MAX_SVG_BYTES // (1024 * 1024)} MB it may be: publish it as a PNG"
    found = svg.problem(path.read_bytes())
    if found is None:
        return None
    line, message, unsafe = found
    if unsafe:
        return line, 1, "M212", f"SVG {message}: remove it, or publish the drawing as a PNG"
    return line, 1, "M211", f"SVG {message}"
