"""Members (pipeline/pelican/taxonomies.py): `in` by a set lookup, with the answers of a list's walk."""

from __future__ import annotations


from pipeline.pelican.taxonomies import Members


class Article:  # like Pelican's Content: no __eq__, so lists compare articles by identity
    pass


def test_in_answers_as_the_list_walk_does():
    first, second, other = Article(), Article(), Article()
    members = Members([first, second])
    assert [a in members for a in (first, second, other)] == [a in [first, second] for a in (first, second, other)]
    assert Article() not in members  # an equal-looking article is not a member: identity, as in a list


def test_in_sees_articles_added_after_a_lookup():
    first, late = Article(), Article()
    members = Members([first])
    assert late not in members
    members.append(late)  # a plugin may add to a tag's list before Pelican writes the page
    assert late in members


def test_tag_category_and_author_pages_are_given_the_articles_a_list_gives(site, monkeypatch):
    from conftest import build_in
    from pipeline.pelican import taxonomies
    from pipeline.pelican.writer import NotesWriter

    given = []
    write_file = NotesWriter.write_file

    def recording(self, name, template, context, *args, **kwargs):
        if kwargs.get("template_name") in ("tag", "category", "author") and "dates" in kwargs:
            given.append((name, type(kwargs["articles"]), [article.source_path for article in kwargs["dates"]]))
        return write_file(self, name, template, context, *args, **kwargs)

    monkeypatch.setattr(NotesWriter, "write_file", recording)
    build_in(site)
    with_members = given[:]
    given.clear()
    monkeypatch.setattr(taxonomies, "Members", list)  # Pelican's own lists, walked
    build_in(site, "build", "--output", str(site / "lists"))
    assert {kind for _, kind, _ in with_members} == {Members} and {kind for _, kind, _ in given} == {list}
    # Pelican picks each page's `dates` from the site's articles with `in`: the same ones, in the same order.
    assert [(name, dates) for name, _, dates in with_members] == [(name, dates) for name, _, dates in given]
    assert len(with_members) >= 10 and all(dates for _, _, dates in with_members)
