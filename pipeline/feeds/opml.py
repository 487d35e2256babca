"""OPML subscription lists: feeds.opml, every feed grouped by kind, and one file for each group.

feeds.opml subscribes a reader to every feed at once, and so to most notes
several times (a note is in the site feed, its team's or author's, and each
of its tags'). Each group's own file (feeds/teams.opml, feeds/tags.opml, ...)
subscribes to that group alone.

OPML 2.0 (http://opml.org/spec2.opml): a subscription list is an outline whose
leaves have `type="rss"` (the convention for feeds of any format), `text`,
`title`, `xmlUrl` and `htmlUrl`. Each feed is listed once, as Atom: listing
its RSS twin too would make a reader fetch every note twice.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pipeline.feeds.catalogue import Catalogue, FeedGroup
from pipeline.feeds.text import xml_safe


def opml(catalogue: Catalogue, group: FeedGroup | None = None) -> bytes:
    """Every feed, in an outline for each group; or, given a `group`, that group's feeds alone."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    # ElementTree writes whatever it is given: text from settings is made XML-safe first.
    title = f"Feeds of {catalogue.settings.site_name}" + (f": {group.name.lower()}" if group else "")
    ET.SubElement(head, "title").text = xml_safe(title)
    ET.SubElement(head, "ownerName").text = xml_safe(catalogue.settings.publisher)
    body = ET.SubElement(root, "body")
    for group in [group] if group else catalogue.groups():
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
