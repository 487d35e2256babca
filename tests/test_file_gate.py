"""Every file that reaches the site passes one gate: notes through our reader, static files the loader checked.

The gate's findings are pinned in tests/adversarial/ and tests/bad_input/; here
the builds themselves: what reaches the output folder, byte for byte, in
`notes build`, with the rules switched off, and in a plain `pelican` run.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.content.svg import problem
from tests.conftest import make_site, run_in, write
from tests.test_bad_input import BASE

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>\n'
PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89"
ALLOWED = {
    "content/images/chart.png": PNG,
    "content/images/chart.svg": SVG.format('<defs><circle id="dot" r="4"/></defs><use href="#dot"/>').encode(),
    "content/images/report.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    "content/images/figures/visits.csv": b"month,visits\n2026-11,1200\n",
    "content/images/photo.webp": b"RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0",
    "content/images/plan.docx": b"PK\x03\x04\x14\0\x06\0",
}
HOSTILE = {
    "content/pages/about.rst": "About\n#####\n\n:slug: about\n\n.. raw:: html\n\n   <script>alert('rst')</script>\n",
    "content/pages/evil.html": "<html><head><title>Evil</title></head><body><script>alert('html')</script></body></html>\n",
    "content/posts/2026-11-24-hiring.mkd": ("---\ntitle: How we hire\ndate: 2026-11-24 09:00\nauthors: [jane-doe]\n"
                                            "summary: Hiring.\n---\n<script>alert('mkd')</script>\n"),
    "content/images/x.svg": SVG.format("<script>alert('svg')</script>"),
    "content/images/login.html": "<script>alert('static html')</script>\n",
    "content/images/tool.exe": "MZ",
    "content/images/.DS_Store": "hidden",
    "content/posts/2026-11-25-link.md": ("---\ntitle: A link\ndate: 2026-11-25 09:00\nauthors: [jane-doe]\nsummary: A link.\n"
                                         "---\n[secret]({static}/../../secret.txt) and [chart]({static}/images/chart.png)\n"),
}


@pytest.fixture
def hostile_site(tmp_path):
    site = make_site(tmp_path / "site", BASE)
    for relative, data in {**ALLOWED, **HOSTILE}.items():
        write(site / relative, data)
    write(tmp_path / "secret.txt", "the secret\n")
    (site / "content/images/passwd.txt").symlink_to(tmp_path / "secret.txt")
    return site


def published(output):
    return {str(p.relative_to(output)) for p in output.rglob("*") if p.is_file()}


def assert_only_the_allowed_files_published(site, output):
    for relative, data in ALLOWED.items():
        assert (output / relative.removeprefix("content/")).read_bytes() == data, relative
    images = {name for name in published(output) if name.startswith("images/")}
    assert images == {relative.removeprefix("content/") for relative in ALLOWED}
    names = published(output)
    assert not {"about/index.html", "evil/index.html", "secret.txt"} & names
    for path in output.rglob("*"):
        if path.is_file() and "pagefind" not in path.parts:
            text = path.read_bytes()
            assert b"alert(" not in text and b"the secret" not in text, path


def test_lint_names_every_file_the_build_would_leave_out(hostile_site):
    result = run_in(hostile_site, "lint", "--select", "M2")
    assert result.exit_code == 1
    refused = sorted(line.split(":")[0] for line in result.output.splitlines()[:-1])
    assert refused == sorted(["content/images/login.html", "content/images/passwd.txt", "content/images/tool.exe",
                              "content/images/x.svg", "content/pages/about.rst", "content/pages/evil.html",
                              "content/posts/2026-11-24-hiring.mkd"])


def test_with_the_file_rules_off_a_build_still_publishes_nothing_unchecked(hostile_site):
    """Pelican leaves the links to refused files unfilled; the self-check finds them and the site is not made.
    (A plain Pelican run, below, shows the gate itself keeping the files out.)"""
    write(hostile_site / "pyproject.toml", '[tool.notes.lint]\nlevels = {M2 = "off", T = "off", L = "off"}\n')
    result = run_in(hostile_site, "build")
    assert result.exit_code == 1, result.output
    problems = [line.strip() for line in result.output.splitlines() if line.startswith("  ")]
    assert problems and all(line.endswith("holds a placeholder Pelican did not fill in") for line in problems), problems
    assert not (hostile_site / "preview").exists() and not (hostile_site / "output").exists()


def test_a_plain_pelican_run_with_the_plugin_keeps_the_same_gate(hostile_site):
    output = hostile_site / "pelican-output"
    run = subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(output)],
                         cwd=hostile_site, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert_only_the_allowed_files_published(hostile_site, output)


def test_html_named_in_notes_static_html_is_served_as_it_is(tmp_path):
    site = make_site(tmp_path / "site", BASE)
    write(site / "content/images/map.html", "<p>Our office</p>\n")
    assert run_in(site, "lint").exit_code == 1
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write('NOTES_STATIC_HTML = ["images/map.html"]\n')
    result = run_in(site, "build")
    assert result.exit_code == 0, result.output
    assert (site / "preview/images/map.html").read_text(encoding="utf-8") == "<p>Our office</p>\n"


def test_notes_static_html_must_be_a_list_of_paths(tmp_path):
    site = make_site(tmp_path / "site", BASE)
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write('NOTES_STATIC_HTML = "images/map.html"\n')
    result = run_in(site, "lint")
    assert (result.exit_code, result.output) == (2, (
        "notes: error: NOTES_STATIC_HTML must be a list of files under content/ like ['images/map.html']; "
        "got 'images/map.html'\n"))


SAFE_SVG = [
    SVG.format('<circle r="4" fill="url(#grad)"/><linearGradient id="grad"/>'),
    SVG.format('<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn by hand -->\n' + SVG.format('<text>R&amp;D &lt;3</text>'),
    SVG.format('<style>circle { fill: #1d70b8; }</style><circle r="4"/>'),
    SVG.format('<a href="#part"><text id="part">Part</text></a>'),
]
UNSAFE_SVG = [
    (SVG.format("<SCRIPT>alert(1)</SCRIPT>"), "has a <SCRIPT> element, which runs script or loads another document"),
    (SVG.format('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
     "has a <script> element, which runs script or loads another document"),
    (SVG.format('<h:p xmlns:h="http://www.w3.org/1999/xhtml">x</h:p>'), "has HTML (<p>) inside it"),
    (SVG.format('<circle r="4" ONCLICK="alert(1)"/>'), "has an onclick= attribute, which runs script"),
    (SVG.format('<a href=" javascript:alert(1)"><text>x</text></a>'), "has a script address in its href= attribute"),
    (SVG.format('<a href="https://example.com/"><text>x</text></a>'),
     "refers to another file or site ('https://example.com/'), and must be self-contained"),
    (SVG.format('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'),
     "refers to another file or site ('data:image/svg+xml;base64,PHN2Zz4='), and must be self-contained"),
    (SVG.format('<use href="other.svg#icon"/>'), "refers to another file or site ('other.svg#icon'), and must be self-contained"),
    (SVG.format('<g xml:base="https://evil.example/"><use href="#x"/></g>'),
     "has an xml:base= attribute, which changes where its references point"),
    ('<!DOCTYPE svg SYSTEM "file:///etc/passwd">\n' + SVG.format(""),
     "declares a DOCTYPE, whose entities can expand without end or read other files"),
]


@pytest.mark.parametrize("text", SAFE_SVG)
def test_a_self_contained_svg_is_safe(text):
    assert problem(text.encode()) is None


@pytest.mark.parametrize("text, message", UNSAFE_SVG)
def test_an_svg_that_could_run_or_load_anything_is_refused(text, message):
    assert problem(text.encode())[1:] == (message, True)


@pytest.mark.parametrize("text, message", [
    ("<svg", "is not well-formed XML: Couldn't find end of Start Tag svg"),
    ("<html><body/></html>", "is not an SVG image: its root element is <html>"),
])
def test_what_is_not_an_svg_is_said_to_be_so(text, message):
    assert problem(text.encode())[1:] == (message, False)


def test_an_author_photo_must_be_a_file_the_site_publishes(tmp_path):
    site = make_site(tmp_path / "site", BASE)
    write(site / "content/images/sam.png", "<html><script>alert(1)</script></html>\n")
    write(site / "content/authors/sam-lee.md",
          "---\nname: Sam Lee\nphoto: {file: images/sam.png, alt: Sam at a desk}\n---\nSam runs the data platform.\n")
    result = run_in(site, "lint")
    assert result.output.splitlines()[:-1] == [
        "content/authors/sam-lee.md:3:8: M210 photo 'images/sam.png' is a file the site does not publish: "
        "mend it as its own finding says, or choose another (error)",
        "content/images/sam.png:1:1: M211 file is not a PNG image, whatever its name says: save it as one, "
        "or give it the right ending (error)",
    ]
