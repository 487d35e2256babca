"""Feeds: Atom and RSS for the whole site, each team, author, tag and category,
a weekly digest of weeknotes, and an OPML file listing them all.

This package knows nothing of Pelican: `pipeline.pelican.feeds` turns
Pelican's published articles into `Entry` objects, and everything here works
on those. feedgen 1.0.0 writes the XML; `render` works around its pitfalls.

- `settings`: the NOTES_FEED_* settings, checked, with their defaults.
- `model`: entries, people, links and categories, as every feed shows them.
- `ids`: stable entry IDs (RFC 4151 `tag:` URIs).
- `text`: text made safe for XML, HTML with every link made absolute.
- `catalogue`: which feeds exist, their titles and addresses, and which entries each carries.
- `digest`: one entry per closed ISO week, listing that week's weeknotes by team.
- `render`: feedgen, for Atom and RSS 2.0.
- `opml`: the OPML subscription list.
"""
