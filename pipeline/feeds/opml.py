"""feeds.opml: every feed with its title, grouped by kind, so that one import subscribes a reader to them all.

OPML 2.0 (http://opml.org/spec2.opml): a subscription list is an outline whose
leaves have `type="rss"` (the convention for feeds of any format), `text`,
`title`, `xmlUrl` and `htmlUrl`. Each feed is listed once, as Atom: listing
its RSS twin too would make a reader fetch every note twice.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pipeline.feeds.catalogue import Catalogue
from pipeline.feeds.text import xml_safe


def opml(catalogue: Catalogue) -> bytes:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    # ElementTree writes whatever it is given: text from settings is made XML-safe first.
    ET.SubElement(head, "title").text = xml_safe(f"Feeds of {catalogue.settings.site_name}")
    ET.SubElement(head, "ownerName").text = xml_safe(catalogue.settings.publisher)
    body = ET.SubElement(root, "body")
    for group in catalogue.groups():
        folder = ET.SubElement(body, "outline", text=group.name, title=group.name)
        for feed in group.feeds:
            ET.SubElement(folder, "outline", {
                "type": "rss",
                "text": feed.title,
                "title": feed.title,
                "xmlUrl": catalogue.absolute(feed.path),
                "htmlUrl": catalogue.absolute(feed.page_url),
            })
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
