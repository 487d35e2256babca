"""Pages as readers see them: weeknotes that say their team and week once, authors' photos, category pages,
the accessibility statement and the site's icon."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.conftest import REPO, build_in, make_site, run_in, write

WEEKNOTE = "weeknotes/data-platform/2026-w46/index.html"
PHOTO = "images/authors/priya-patel.jpg"


def _main(output, page: str) -> str:
    return re.search(r"<main .*?</main>", (output / page).read_text(encoding="utf-8"), re.S)[0]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("note-pages") / "site")
    content = root / "content"
    (content / "images/authors").mkdir(parents=True)
    shutil.copy(REPO / "content" / PHOTO, content / PHOTO)
    author = content / "authors/priya-patel.md"
    author.write_text(author.read_text(encoding="utf-8").replace(
        "\n---\n", f"\nphoto: {{file: {PHOTO}, alt: Priya Patel's initials on green}}\n---\n", 1), encoding="utf-8")
    write(content / "weeknotes/data-platform/2026-W44.md",
          "---\ndate: 2026-10-30\nauthors: [sam-lee]\ntitle: We archived the old tables\nsummary: Archive.\n---\nBody.\n")
    return build_in(root)


def test_a_weeknote_says_its_team_and_week_once(built):
    main = _main(built, WEEKNOTE)
    above_the_text = _text(main[:main.index('<div class="notes-prose')])
    assert above_the_text == ("Data platform weeknote: week 46, 2026 "
                              "Published 13 November 2026 by Sam Lee and Priya Patel Tags: data")


def test_a_weeknote_with_its_own_title_names_team_and_week_in_its_caption(built):
    main = _main(built, "weeknotes/data-platform/2026-w44/index.html")
    assert '<span class="govuk-caption-l" data-pagefind-ignore>Data platform · Week 44, 2026</span>' in main
    assert '<h1 class="govuk-heading-xl notes-heading--byline">We archived the old tables</h1>' in main


def test_other_notes_from_the_team_do_not_repeat_the_week_and_stand_clear_of_the_text(built):
    main = _main(built, WEEKNOTE)
    section = main[main.index('<section class="notes-section notes-section--after-prose"'):]
    assert re.findall(r'<li><a class="govuk-link" href="[^"]+">([^<]+)</a>(.*?)</li>', section) == [
        ("Week 47, 2026", ""), ("Week 45, 2026", ""),
        ("We archived the old tables", ' <span class="notes-count">Week 44, 2026</span>'),
    ]


def test_a_weeknote_links_its_teams_feed_for_readers_and_feed_readers(built):
    page = (built / WEEKNOTE).read_text(encoding="utf-8")
    assert ('<link rel="alternate" type="application/atom+xml" href="../../../feeds/teams/data-platform.atom.xml" '
            'title="Data platform weeknotes – Department for Local Services blog">') in page
    assert ('<a class="govuk-link" href="../../../feeds/teams/data-platform.atom.xml" type="application/atom+xml">'
            "subscribe to Data platform's weeknotes</a> in your feed reader.") in page


def test_an_authors_photo_is_on_their_page_with_its_alt_text(built):
    main = _main(built, "authors/priya-patel/index.html")
    assert ('<img class="notes-photo notes-profile__photo" src="../../images/authors/priya-patel.jpg" '
            'alt="Priya Patel&#39;s initials on green" width="120" height="120">') in main
    assert (built / PHOTO).read_bytes() == (REPO / "content" / PHOTO).read_bytes()
    assert "<img" not in _main(built, "authors/sam-lee/index.html")  # no photo, no picture


def test_bylines_show_the_photos_of_authors_who_have_one_beside_their_names(built):
    main = _main(built, WEEKNOTE)  # by Sam Lee, who has no photo, and Priya Patel, who has
    pictures = re.findall(r"<img [^>]+>", main)
    assert pictures == ['<img class="notes-photo notes-photo--small" src="../../../images/authors/priya-patel.jpg" '
                        'alt="" width="48" height="48">']


def test_a_photo_that_is_not_there_is_an_error(tmp_path):
    root = make_site(tmp_path / "site")
    author = root / "content/authors/sam-lee.md"
    author.write_text(author.read_text(encoding="utf-8").replace(
        "\n---\n", "\nphoto: {file: images/sam.png, alt: Sam}\n---\n", 1), encoding="utf-8")
    result = run_in(root, "lint")
    assert result.exit_code == 1
    assert ("content/authors/sam-lee.md:4:8: M210 photo 'images/sam.png' is not in content/: add the picture there, "
            "or fix the path") in result.output


@pytest.mark.parametrize("photo, problem", [
    ("images/sam.gif", "got file 'images/sam.gif', which is not a .jpg, .jpeg, .png or .webp file in images/"),
    ("../sam.png", "got file '../sam.png', which is not a .jpg, .jpeg, .png or .webp file in images/"),
])
def test_a_photo_must_be_a_picture_in_images(tmp_path, photo, problem):
    root = make_site(tmp_path / "site")
    author = root / "content/authors/sam-lee.md"
    author.write_text(author.read_text(encoding="utf-8").replace(
        "\n---\n", f"\nphoto: {{file: {photo}, alt: Sam}}\n---\n", 1), encoding="utf-8")
    result = run_in(root, "lint")
    assert result.exit_code == 1
    assert f"M105 'photo' must be a picture and its alt text, like {{file: images/jane-doe.jpg, alt: Jane Doe at her desk}}; {problem}" in result.output


def test_categories_are_named_in_sentence_case_and_link_their_feed(built):
    post = (built / "2026/11/20/why-we-publish-our-roadmap-in-the-open/index.html").read_text(encoding="utf-8")
    crumbs = post[post.index('<nav class="govuk-breadcrumbs"'):post.index("</nav>", post.index("govuk-breadcrumbs"))]
    assert re.findall(r'class="govuk-breadcrumbs__link" href="[^"]+">([^<]+)<', crumbs) == ["Home", "Leadership"]
    category = (built / "categories/leadership/index.html").read_text(encoding="utf-8")
    assert "<h1 class=\"govuk-heading-xl\">Category: Leadership</h1>" in category
    assert ('<link rel="alternate" type="application/atom+xml" href="../../feeds/categories/leadership.atom.xml" '
            'title="Category: Leadership – Department for Local Services blog">') in category
    assert ('<a class="govuk-link" href="../../feeds/categories/leadership.atom.xml" type="application/atom+xml">'
            'Subscribe to this feed</a>') in category


def test_the_accessibility_statement_names_the_blog_and_when_it_was_prepared_and_reviewed(built):
    main = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", _main(built, "accessibility/index.html")))
    assert "This statement applies to the Department for Local Services blog." in main
    assert "This statement was prepared on 12 November 2026. It was last reviewed on 30 November 2026." in main


def test_a_statement_date_that_is_not_a_date_stops_the_build(tmp_path):
    root = make_site(tmp_path / "site")
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write('\nNOTES_ACCESSIBILITY_REVIEWED = "last week"\n')
    result = run_in(root, "build")
    assert result.exit_code == 1
    assert ('ConfigError: NOTES_ACCESSIBILITY_REVIEWED in the settings file must be a date like "2026-11-12"; '
            "got 'last week'") in result.output


def test_every_page_has_the_themes_own_icon(built):
    page = (built / WEEKNOTE).read_text(encoding="utf-8")
    assert '<link rel="icon" href="../../../theme/images/favicon.svg" type="image/svg+xml">' in page
    icon = (built / "theme/images/favicon.svg").read_text(encoding="utf-8")
    assert icon.startswith("<svg") and "crown" not in icon.lower()
    for name in ("favicon.png", "apple-touch-icon.png"):
        assert (built / "theme/images" / name).read_bytes().startswith(b"\x89PNG")
