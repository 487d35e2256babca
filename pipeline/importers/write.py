"""Writing a plan: notes and new authors, in the front-matter style of `notes new`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

from pipeline.content.loader import display_path
from pipeline.errors import NotesError
from pipeline.scaffold import front_matter

if TYPE_CHECKING:
    from pipeline.importers.plan import NewAuthor, Placed, Plan

# Above a summary made from the note's first paragraph, so that whoever edits the file sees it too.
DERIVED_MARK = "# notes import took this summary from the first paragraph: check it\n"


def note_text(placed: Placed) -> str:
    head = front_matter(placed.fields)
    if placed.imported.summary_derived and placed.imported.summary:
        head = head.replace("\nsummary:", "\n" + DERIVED_MARK + "summary:", 1)
    body = placed.imported.body.strip("\n")
    return head + (body + "\n" if body else "")


def author_text(author: NewAuthor) -> str:
    # Block style, as an author file is written by hand; front_matter would put a lone field in braces.
    return "---\n" + yaml.safe_dump({"name": author.person.name}, allow_unicode=True, width=1000) + "---\n"


def write(plan: Plan) -> list:
    """Write every new author, copied file and note (files before the notes that link to them); returns the
    paths of the authors and notes. Never overwrites a file."""
    for copy in plan.copies:
        if copy.target.exists():  # the same bytes, copied by an import before (links.Files)
            continue
        _write(copy.target, copy.source.read_bytes())
    written = []
    for path, text in [*((a.path, author_text(a)) for a in plan.authors), *((p.path, note_text(p)) for p in plan.create)]:
        _write(path, text.encode("utf-8"))
        written.append(path)
    return written


def _write(path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("xb") as file:  # "x": a file that appeared since planning is kept
            file.write(data)
    except FileExistsError:
        raise NotesError(f"{display_path(path)} appeared while importing; nothing after it was written") from None
    except OSError as err:
        raise NotesError(f"cannot write {display_path(path)}: {err.strerror}; nothing after it was written") from None
