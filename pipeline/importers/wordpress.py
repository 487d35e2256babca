"""WordPress: posts from a WXR export file (Tools → Export in WordPress).

WXR is RSS 2.0 with WordPress's own elements. It is untrusted XML, so it is
parsed with defusedxml, which refuses entity expansion and external entities.
Only items of type `post` become notes; pages, media and menu items are
skipped with a reason. Comments and custom fields are not imported.

Shortcodes are read before the HTML becomes Markdown: [caption] keeps its
image and caption, [embed] and [youtube] become links, any other is left
out and reported. Co-authors (the Co-Authors Plus plugin's `author` terms)
join the post's author. Images on the blog's own address are looked for in
`wp-content/uploads/` (or `uploads/`) beside the export, and copied in.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse

from pipeline.content.loader import display_path
from pipeline.content.schema import URI
from pipeline.importers.html import autop, to_markdown
from pipeline.importers.records import (
    ALT, DRAFT, EMBED, OTHER, TAG, Imported, Notice, Person, Reading, Skipped, SourceError,
)
from pipeline.importers.sites import SourceSite
from pipeline.importers.text import images_without_alt, parse_date, placeholder, summary_from, utc

# Namespaces by what they are; the export version (1.0, 1.1, 1.2) varies.
NAMESPACES = (
    (re.compile(r"http://wordpress\.org/export/\d+\.\d+/excerpt/"), "excerpt"),
    (re.compile(r"http://wordpress\.org/export/\d+\.\d+/"), "wp"),
    (re.compile(r"http://purl\.org/rss/1\.0/modules/content/"), "content"),
    (re.compile(r"http://purl\.org/dc/elements/1\.1/"), "dc"),
)
# A shortcode's opening tag; not a Markdown link or reference, not a closing tag:
#   [gallery ids="1,2"] -> gallery     [caption id="a" align="alignnone"] -> caption
#   [embed]https://…[/embed] -> embed   [contact-form-7 id="5"] -> contact-form-7
#   [a link](https://x) -> no           [1] -> no          [/caption] -> no
SHORTCODE = re.compile(r"\[([a-z][a-z0-9_-]*)(?=[\s\]/])([^\]\n]*)\](?![(\[:])")
CLOSING = re.compile(r"\[/([a-z][a-z0-9_-]*)\]")
PAIRED = re.compile(r"\[(caption|embed)\b[^\]]*\](.*?)\[/\1\]", re.DOTALL)
ARGUMENT_URL = re.compile(r"(https?://\S+?)[\]\s\"']")
# Shortcodes of WordPress and its common plugins; any other [word] without attributes or a closing tag is
# text ("[sic]"), as WordPress shows an unregistered shortcode as it is.
KNOWN_SHORTCODES = {"gallery", "caption", "wp_caption", "embed", "audio", "video", "playlist", "youtube", "vimeo",
                    "tweet", "twitter", "gist", "soundcloud", "googlemaps", "slideshare", "instagram", "code",
                    "sourcecode", "latex", "contact-form", "contact-form-7", "button", "table"}
STATUSES = {"publish": "published", "future": "published", "draft": "draft", "pending": "draft", "private": "draft"}
UNCATEGORISED = "uncategorized"
SKIPPED_TYPES = {"page": "a WordPress page, not a post", "attachment": "a media file, not a post",
                 "guest-author": "a Co-Authors Plus guest author, not a post"}


def _name(tag: str) -> str:
    """'{http://wordpress.org/export/1.2/}post_type' -> 'wp:post_type'."""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    prefix = next((name for pattern, name in NAMESPACES if pattern.fullmatch(uri)), uri)
    return f"{prefix}:{local}"


def _fields(element: Element) -> dict[str, str]:
    """An element's children by prefixed name, as text; repeated children keep the first."""
    fields: dict[str, str] = {}
    for child in element:
        fields.setdefault(_name(child.tag), (child.text or "").strip())
    return fields


def read(path: Path, site: SourceSite, options=None) -> Reading:
    try:
        root = parse(path).getroot()
    except ParseError as err:
        line, col = err.position
        problem = re.sub(r": line \d+, column \d+$", "", str(err))  # the position is given first, 1-based
        raise SourceError(f"{display_path(path)}:{line}:{col + 1}: not well-formed XML, so not a WordPress export: "
                          f"{problem}") from None
    except DefusedXmlException:
        raise SourceError(f"{display_path(path)}: the export declares XML entities or external files, "
                          "which notes refuses to read: WordPress never writes them") from None
    except OSError as err:
        raise SourceError(f"{display_path(path)}: cannot read the file: {err.strerror}") from None
    channel = root.find("channel")
    if channel is None or "wp:wxr_version" not in _fields(channel):
        raise SourceError(f"{display_path(path)}: not a WordPress export (WXR): it has no <wp:wxr_version>; "
                          "export from Tools → Export in WordPress")
    people = _authors(channel)
    for key in ("wp:base_site_url", "wp:base_blog_url", "link"):
        site.address(_fields(channel).get(key, ""))
    site.base_path = ""  # WordPress's links are whole URLs: a path under the blog's address is its own
    site.static = [(site.root, "/"), (site.root / "uploads", "/wp-content/uploads")]
    reading = Reading(files=1)
    for item in channel.iter("item"):
        note = _note(path, item, people)
        note = replace(note, site=site) if isinstance(note, Imported) else note
        (reading.notes if isinstance(note, Imported) else reading.skipped).append(note)
    return reading


def _authors(channel: Element) -> dict[str, str]:
    """Display names by login: the export's <wp:author> list, and Co-Authors Plus guest authors, whose items
    hold their login and name in postmeta (a post names them by login alone)."""
    people = {}
    for element in channel:
        if _name(element.tag) == "wp:author":
            fields = _fields(element)
            login = fields.get("wp:author_login", "")
            people[login] = fields.get("wp:author_display_name") or login
        elif element.tag == "item" and _fields(element).get("wp:post_type") == "guest-author":
            meta = {_fields(m).get("wp:meta_key", ""): _fields(m).get("wp:meta_value", "")
                    for m in element if _name(m.tag) == "wp:postmeta"}
            login = meta.get("cap-user_login") or _fields(element).get("wp:post_name", "").removeprefix("cap-")
            people.setdefault(login, meta.get("cap-display_name") or _fields(element).get("title") or login)
    return people


def _note(path: Path, item: Element, people: dict[str, str]) -> Imported | Skipped:
    fields = _fields(item)
    title = fields.get("title", "")
    source = f"{display_path(path)} post {fields.get('wp:post_id', '?')}" + (f" ({title})" if title else "")
    kind = fields.get("wp:post_type", "post")
    if kind != "post":
        return Skipped(source, SKIPPED_TYPES.get(kind, f"a WordPress {kind}, not a post"))
    wp_status = fields.get("wp:status", "")
    if wp_status not in STATUSES:
        return Skipped(source, f"its WordPress status is '{wp_status}' (in the bin, or never saved)")
    if not title:
        return Skipped(source, "it has no title")
    day = _date(fields)
    if day is None:
        return Skipped(source, f"its date '{fields.get('wp:post_date', '')}' is not a date")

    html, converted, attention = _shortcodes(autop(fields.get("content:encoded", "")))
    body, embedded = to_markdown(html)
    attention += [Notice(EMBED, f"embedded media replaced by a link: {src}") for src in embedded]
    attention += [Notice(ALT, f"image without alt text: {src}") for src in images_without_alt(body)]
    status = STATUSES[wp_status]
    if wp_status == "private":
        attention.append(Notice(DRAFT, "private on WordPress: imported as a draft"))
    unfinished = placeholder(body, body=True)
    if status == "draft" and wp_status != "private" or unfinished:
        reasons = [f"{wp_status} on WordPress"] * (status == "draft" and wp_status != "private")
        reasons += ["its text is " + ("empty" if not body.strip() else "a placeholder")] * unfinished
        attention.append(Notice(DRAFT, "; ".join(reasons) + (": imported as a draft" if unfinished else "")))
        status = "draft"

    excerpt = " ".join(to_markdown(fields["excerpt:encoded"])[0].split()) if fields.get("excerpt:encoded") else ""
    guid = fields.get("guid", "")
    if guid and not URI.fullmatch(guid):
        attention.append(Notice(OTHER, f"guid '{guid}' is not a URI: feeds give the note a new ID, "
                                       "so readers may see it again"))
    login = fields.get("dc:creator", "")
    terms = _terms(item)
    categories = [name for domain, nicename, name in terms if domain == "category" and nicename != UNCATEGORISED]
    tags = [name for domain, _, name in terms if domain == "post_tag"]
    if len(categories) > 1:
        attention.append(Notice(OTHER, f"WordPress categories {', '.join(categories)}: a note has one, "
                                       "so the others are tags"))
    # Co-Authors Plus keeps every author of a post as a term of its 'author' taxonomy.
    coauthors = [(nicename.removeprefix("cap-"), name) for domain, nicename, name in terms if domain == "author"]
    authors = [(login, people.get(login) or login)] if login else []
    authors += [(key, people.get(key) or people.get(name) or name) for key, name in coauthors if key != login]
    return Imported(
        source=source,
        format="wordpress",
        title=title,
        date=day,
        authors=tuple(dict.fromkeys(Person(key, name) for key, name in authors if key or name)),
        body=body,
        summary=excerpt or summary_from(body),
        summary_derived=not excerpt,
        status=status,
        tags=tuple(dict.fromkeys(tags + categories[1:])),
        category=categories[0] if categories else None,
        slug=fields.get("wp:post_name", ""),
        urls=(fields["link"],) if wp_status == "publish" and fields.get("link") else (),
        id=guid if URI.fullmatch(guid) else None,
        attention=tuple(attention),
        keys=(fields.get("wp:post_id", ""), fields.get("wp:post_name", "")),
        converted=converted,
    )


def _shortcodes(html: str) -> tuple[str, int, list[Notice]]:
    """Shortcodes whose meaning is known, as HTML; the others left out and reported (once each)."""
    converted = 0
    notices: list[Notice] = []
    read: set[str] = set(KNOWN_SHORTCODES)  # names read as shortcodes, whose closing tags go too

    def paired(match: re.Match) -> str:
        nonlocal converted
        converted += 1
        inner = match[2].strip()
        if match[1] == "caption":  # [caption]<img …> The caption[/caption]: the image, then its caption
            image = re.match(r"(?:<a\b[^>]*>)?\s*<img\b[^>]*>\s*(?:</a>)?", inner)
            caption = inner[image.end():].strip() if image else inner
            return f"<figure>{image[0] if image else ''}<figcaption>{caption}</figcaption></figure>"
        return _link(inner)

    def single(match: re.Match) -> str:
        nonlocal converted
        if match[1] not in KNOWN_SHORTCODES and "=" not in match[2] and f"[/{match[1]}]" not in html:
            return match[0]
        read.add(match[1])
        url = ARGUMENT_URL.search(match[2] + "]")
        if match[1] in ("youtube", "vimeo", "embed") and url:
            converted += 1
            return _link(url[1])
        notices.append(Notice(TAG, f"WordPress shortcode [{match[1]}] left out: Python-Markdown would show it as text"))
        return ""

    html = PAIRED.sub(paired, html)
    html = SHORTCODE.sub(single, html)
    return CLOSING.sub(lambda m: "" if m[1] in read else m[0], html), converted, list(dict.fromkeys(notices))


def _link(url: str) -> str:
    host = urlsplit(url).hostname or "this site"
    return f'<p><a href="{url}">Embedded content from {host}</a></p>'



def _date(fields: dict[str, str]) -> datetime | None:
    """The local date with the offset WordPress used (local minus GMT); drafts have no GMT date."""
    local = parse_date(fields.get("wp:post_date", ""))
    if not isinstance(local, datetime):
        return None
    gmt = utc(fields.get("wp:post_date_gmt", ""))
    if gmt is None:
        return local  # never published: read in the site's time zone
    return local.replace(tzinfo=timezone(local - gmt.replace(tzinfo=None)))


def _terms(item: Element) -> list[tuple[str, str, str]]:
    return [(c.get("domain", ""), c.get("nicename", ""), (c.text or "").strip()) for c in item.findall("category")]
