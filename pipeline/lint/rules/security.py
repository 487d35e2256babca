"""S101-S103 security: raw HTML in Markdown (bodies and front matter) that would run script in a reader's browser.

Markdown passes raw HTML through, so a snippet pasted from a vendor's page can
carry script. These rules report it as an error, so that it is fixed in the
source; the Pelican reader also strips it from pages and feeds whatever the
level (pipeline/sanitise.py), so lowering a level never makes a page unsafe.
Frames from addresses in [tool.notes.lint] allowed_embeds pass S101.

Source: https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html
"""

from __future__ import annotations

import re

from pipeline.content.schema import SCRIPT_SCHEMES
from pipeline.findings import Level
from pipeline.lint.checks import Context, Hit, tone_rule
from pipeline.sanitise import allowed_embed

LINK = "docs/reliability.md#raw-html-in-markdown"

DANGEROUS_TAG = re.compile(r"<(?P<tag>script|iframe|object|embed)\b(?P<attrs>[^>]*)>?", re.IGNORECASE)
SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
# An attribute named on... inside a tag: <img src=x onerror=...>, <a onclick="...">
EVENT_ATTRIBUTE = re.compile(r"<[a-z][^<>]{0,2000}?\s(?P<name>on[a-z]+)\s*=", re.IGNORECASE)  # bounded: linear
# javascript: or data: as a link target, in HTML (href=, src=, ...) or Markdown ([text](javascript:...)).
# Front-matter fields that hold an address refuse the same schemes (SCRIPT_SCHEMES, pipeline/content/schema.py).
SCRIPT_URL = re.compile(
    r"""(?:\b(?:href|src|action|formaction|data|poster|xlink:href)\s*=\s*["']?|\]\(\s*<?)\s*"""
    rf"""(?P<scheme>{"|".join(SCRIPT_SCHEMES)})\s*:""",
    re.IGNORECASE,
)


# What each pattern cannot match without: most notes have none of it, and a plain search is quicker than the pattern.
NEEDS = {DANGEROUS_TAG: re.compile("<"), EVENT_ATTRIBUTE: re.compile("<"),
         SCRIPT_URL: re.compile(r"(?:javascript|data|vbscript)\s*:", re.IGNORECASE)}


def _outside_code(context: Context, pattern: re.Pattern):
    """Matches anywhere but in code, as the one Markdown parse reads code: code is shown, never run.

    From the start of the file: the summary in the front matter is Markdown too, rendered into
    listings and feeds, and raw HTML in a title or a tag is a mistake even though it is escaped.
    """
    parse = context.prose.parse
    if not NEEDS[pattern].search(parse.text):
        return
    for match in pattern.finditer(parse.text):
        if not parse.in_code(match.start()):
            yield match


@tone_rule("S101", "raw-html-script", Level.ERROR, "A <script>, <iframe>, <object> or <embed> tag in a note.",
           "These tags run code or load another site inside our pages; the site removes them, so the note would "
           "not show what the writer meant, and a pasted snippet could run script in readers' browsers.", LINK,
           flag=['Our survey:\n\n<script src="https://forms.example.com/embed.js"></script>',
                 '<iframe src="https://evil.example.com/"></iframe>',
                 '<object data="movie.swf"></object>', '<embed src="movie.swf">'],
           passes=["Fill in [our survey](https://forms.example.com/s/123).",
                   "Never paste `<script>` tags into a note.",
                   "```html\n<script src=\"x.js\"></script>\n```"], english=False)
def raw_html_script(context: Context):
    embeds = context.options.get("allowed_embeds", ())
    for match in _outside_code(context, DANGEROUS_TAG):
        tag = match["tag"].lower()
        if tag == "iframe" and embeds:
            src = SRC.search(match["attrs"] or "")
            if src and allowed_embed(next(g for g in src.groups() if g is not None), embeds):
                continue
        advice = ("link to the page instead, or add its address to allowed_embeds in [tool.notes.lint]"
                  if tag == "iframe" else "link to the page instead")
        yield Hit(match.start(), match.end(), f"<{tag}> is removed from the site and may run script: {advice}")


@tone_rule("S102", "event-handler-attribute", Level.ERROR, "An on…= event-handler attribute in raw HTML.",
           "onclick=, onerror= and the like run script when a reader clicks, hovers or loads an image.", LINK,
           flag=['<img src="chart.png" onerror="alert(1)">', '<a href="/x" onclick="track()">report</a>'],
           passes=['![Chart of visits](chart.png)', "We kept the online form open."], english=False)
def event_handler(context: Context):
    for match in _outside_code(context, EVENT_ATTRIBUTE):
        name = match["name"].lower()
        yield Hit(match.start("name"), match.end("name"), f"the {name}= attribute runs script: remove it")


@tone_rule("S103", "script-url", Level.ERROR,
           "A javascript:, vbscript: or data: address in a link, an image or a field that holds an address (id).",
           "These addresses run script or hide content from readers' security tools; the site removes them from "
           "notes, and a field holding one is refused.", LINK,
           flag=["[Click here](javascript:alert(1))", '<a href="javascript:void(0)">menu</a>',
                 '<img src="data:image/png;base64,iVBORw0KGgo=">'],
           passes=["[Our data](https://example.gov.uk/data)", "The data: it grew by a third."], english=False)
def script_url(context: Context):
    for match in _outside_code(context, SCRIPT_URL):
        scheme = match["scheme"].lower()
        yield Hit(match.start("scheme"), match.end("scheme"),
                  f"a {scheme}: address is removed from the site: link to an https:// address instead")
