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
    if placed.imported.summary_derived:
        head = head.replace("\nsummary:", "\n" + DERIVED_MARK + "summary:", 1)
    body = placed.imported.body.strip("\n")
    return head + (body + "\n" if body else "")


def author_text(author: NewAuthor) -> str:
    # Block style, as an author file is written by hand; front_matter would put a lone field in braces.
    return "---\n" + yaml.safe_dump({"name": author.person.name}, allow_unicode=True, width=1000) + "---\n"


def write(plan: Plan) -> list:
    """Write every new author and note; returns their paths. Never overwrites a file."""
    written = []
    for path, text in [*((a.path, author_text(a)) for a in plan.authors), *((p.path, note_text(p)) for p in plan.create)]:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8") as file:  # "x": a file that appeared since planning is kept
                file.write(text)
        except FileExistsError:
            raise NotesError(f"{display_path(path)} appeared while importing; nothing after it was written") from None
        except OSError as err:
            raise NotesError(f"cannot write {display_path(path)}: {err.strerror}; nothing after it was written") from None
        written.append(path)
    return written
