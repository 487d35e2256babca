"""Is an SVG image safe to serve from the site's own address?

An SVG is a document, not only a picture: opened on its own it runs its
script with the site's cookies and storage. So an SVG is published only when
it is self-contained and inert: no script or event handlers, no HTML inside
it, and no reference to another file or site (which could be swapped for
something else later, or track who opens it). We refuse rather than clean:
a cleaned drawing may not look as its author meant, and they should know.

The parser reads no DTD, expands no entity and fetches nothing, and a
document declaring entities is refused before they could be expanded.
"""

from __future__ import annotations

import re

from lxml import etree

# Elements that run script, embed other documents or define event handling.
ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
ANIMATION = {"set", "animate", "animatemotion", "animatetransform"}
XHTML = "http://www.w3.org/1999/xhtml"
# A picture embedded in the drawing, the one kind of data: address an SVG needs.
RASTER_DATA = re.compile(r"data:image/(?:png|jpeg|gif|webp)[;,]", re.IGNORECASE)
SCRIPT_VALUE = re.compile(r"^\s*(?:javascript|vbscript)\s*:", re.IGNORECASE)
DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
DOCTYPE_PROBLEM = "declares a DOCTYPE, whose entities can expand without end or read other files"
# Style that loads something else or runs script: @import, url(...) to anything but #id, old IE expression().
STYLE_REFERENCE = re.compile(r"@import|expression\s*\(|url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


def problem(data: bytes) -> tuple[int, str, bool] | None:
    """None for a safe SVG; else (line, what is wrong, whether it is unsafe rather than not an SVG at all)."""
    declaration = DOCTYPE.search(data)
    if declaration:  # before parsing: libxml2 would count the entities' expansion, or fail on it
        return data.count(b"\n", 0, declaration.start()) + 1, DOCTYPE_PROBLEM, True
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        reason = re.sub(r"(?:,| line \d+,) line \d+, column \d+$", "", err.msg)  # the place goes in the finding
        return err.lineno or 1, f"is not well-formed XML: {reason}", False
    if etree.QName(root).localname != "svg":
        return root.sourceline or 1, f"is not an SVG image: its root element is <{etree.QName(root).localname}>", False
    for node in root.iter():
        found = _unsafe(node)
        if found:
            return node.sourceline or 1, found, True
    for node in root.itersiblings(preceding=True):
        if isinstance(node, etree._ProcessingInstruction):
            return node.sourceline or 1, f"has a <?{node.target}?> instruction, which can load a style sheet", True
    return None


def _unsafe(node) -> str | None:
    if isinstance(node, etree._ProcessingInstruction):
        return f"has a <?{node.target}?> instruction, which can load a style sheet"
    if not isinstance(node.tag, str):  # a comment or an entity reference left unexpanded
        return None if isinstance(node, etree._Comment) else "uses an entity, which can expand without end"
    name = etree.QName(node)
    local = name.localname.lower()
    if local in ACTIVE:
        return f"has a <{name.localname}> element, which runs script or loads another document"
    if name.namespace == XHTML:
        return f"has HTML (<{name.localname}>) inside it"
    if local == "style" and STYLE_REFERENCE.search(node.text or ""):
        return "has a <style> that loads another file or runs script"
    for attribute, value in node.attrib.items():
        attr = etree.QName(attribute).localname.lower()
        if attr.startswith("on"):
            return f"has an {attr}= attribute, which runs script"
        if SCRIPT_VALUE.match(value):
            return f"has a script address in its {attr}= attribute"
        if attr == "style" and STYLE_REFERENCE.search(value):
            return "has a style= attribute that loads another file or runs script"
        if attr == "base":  # xml:base changes where every other reference points
            return "has an xml:base= attribute, which changes where its references point"
        if local in ANIMATION and attr == "attributename" and value.split(":")[-1].lower() == "href":
            return f"has a <{name.localname}> that changes an address, which can make a link run script"
        if attr == "href" and not (value.startswith("#") or (local == "image" and RASTER_DATA.match(value))):
            shown = value if len(value) <= 40 else value[:40] + "…"
            return f"refers to another file or site ('{shown}'), and must be self-contained"
    return None
