"""Every reach into Pelican's private attributes is in pipeline/pelican/private.py, pinned to tested versions."""

from __future__ import annotations

import re
from pathlib import Path

import pelican

from pipeline.pelican import private

PIPELINE = Path(private.__file__).resolve().parent.parent


def test_pelican_is_a_version_the_private_reaches_were_read_against():
    installed = ".".join(pelican.__version__.split(".")[:2])
    assert installed in private.TESTED, (
        f"Pelican {pelican.__version__} is not one pipeline/pelican/private.py was read against "
        f"({', '.join(private.TESTED)}): check Writer._overridden_files, Content._content and the memo of "
        "Content.get_content in this version, then add it to TESTED")


def test_no_other_module_reaches_into_pelicans_private_attributes():
    reach = re.compile(r"\._(overridden_files|content|get_content)\b|get_content\.cache|get_summary\.cache")
    offenders = [str(path.relative_to(PIPELINE)) for path in PIPELINE.rglob("*.py")
                 if path.name != "private.py" and reach.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_private_reaches_still_find_what_they_look_for(site):
    from pelican.contents import Content
    from pelican.writers import Writer

    writer = Writer(str(site / "out"), settings={})
    assert private.overridden(writer, str(site / "out/x.html")) is False
    article = Content("<p>old</p>", metadata={"title": "T"}, settings=dict(pelican.settings.DEFAULT_CONFIG),
                      source_path=str(site / "x.md"), context={"localsiteurl": "", "generated_content": {},
                                                                "static_content": {}})
    assert article.get_content("") == "<p>old</p>"
    private.set_content(article, "<p>new</p>")
    assert article.get_content("") == "<p>new</p>"
