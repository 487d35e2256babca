"""Note text made fit for a feed: legal in XML, and with every link absolute.

A feed entry is read far from the site, so a relative link or image in it
points nowhere: each is resolved against the note's own address, as a
browser would on the page.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import etree

# Characters XML 1.0 does not allow at all (not even escaped): C0 controls
# other than tab, newline and carriage return, lone surrogates, U+FFFE and
# U+FFFF. YAML escapes ("\x01" in double quotes) and Markdown bodies can carry
# them, and lxml refuses to write them, so they are dropped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Attributes that hold one address; `srcset` holds several and is handled apart.
LINK_ATTRIBUTES = frozenset({"href", "src", "poster", "cite", "action", "longdesc", "formaction"})
# Plain lxml elements: lxml.html's element classes cost a Python call per element,
# and this runs once for every note of a large site.
HTML_PARSER = etree.HTMLParser()


def xml_safe(text: str) -> str:
    """`text` without the characters XML cannot hold."""
    return NOT_XML.sub("", text)


def absolute_html(fragment: str, page_url: str) -> str:
    """An HTML fragment with every relative address resolved against `page_url`.

    >>> absolute_html('<a href="/roadmap/">roadmap</a> <img src="chart.png">', "https://x.gov.uk/2026/a/")
    '<a href="https://x.gov.uk/roadmap/">roadmap</a> <img src="https://x.gov.uk/2026/a/chart.png">'
    """
    fragment = xml_safe(fragment)
    if "<" not in fragment:  # no element, so no address: most summaries are plain text
        return fragment
    # The parser puts the fragment in <html><body>; the <div> keeps it apart from them.
    wrapper = etree.fromstring(f"<div>{fragment}</div>", HTML_PARSER).find("body/div")
    for element in wrapper.iter(etree.Element):
        for name in element.keys():  # the parser lowercases attribute names
            if name in LINK_ATTRIBUTES:
                element.set(name, urljoin(page_url, element.get(name).strip()))
            elif name == "srcset":
                element.set(name, _absolute_srcset(element.get(name), page_url))
    html = etree.tostring(wrapper, method="html", encoding="unicode")
    return html[len("<div>"):-len("</div>")]


def _absolute_srcset(srcset: str, page_url: str) -> str:
    """'a.png 1x, b.png 2x' with each address resolved; a candidate is an address and an optional descriptor."""
    candidates = []
    for candidate in srcset.split(","):
        address, _, descriptor = candidate.strip().partition(" ")
        if address:
            candidates.append(" ".join(filter(None, (urljoin(page_url, address), descriptor.strip()))))
    return ", ".join(candidates)
