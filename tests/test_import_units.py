"""The pieces of `notes import` as truth tables: template tags, permalink patterns, bylines, dates, settings."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pipeline.importers import addresses
from pipeline.importers.records import TAG
from pipeline.importers.sites import python_settings
from pipeline.importers.templates import convert, ref
from pipeline.importers.text import expanded_size, heading_title, name_date, people, placeholder
from tests.conftest import write


@pytest.mark.parametrize("dialect, text, converted, body", [
    ("liquid", "Go to {{ site.baseurl }}/about/.", 1, "Go to /about/."),
    ("liquid", "Go to {{ site.url }}{{ site.baseurl }}/about/.", 2, "Go to /about/."),
    ("liquid", '![x]({{ "/assets/x.png" | relative_url }})', 1, "![x](/assets/x.png)"),
    ("liquid", "![x]({{ '/img/x.png' | url }})", 1, "![x](/img/x.png)"),
    ("liquid", "[a]({% post_url 2019-06-03-moving %})", 1, f"[a]({ref('note', '2019-06-03-moving')})"),
    ("liquid", "[a]({% link _posts/2019-06-03-moving.md %})", 1, f"[a]({ref('note', '_posts/2019-06-03-moving.md')})"),
    ("liquid", "[a]({% link assets/plan.pdf %})", 1, "[a](/assets/plan.pdf)"),
    ("liquid", "{% highlight ruby %}\nputs 1\n{% endhighlight %}", 1, "```ruby\nputs 1\n```"),
    ("liquid", "{% raw %}{{ kept }}{% endraw %}", 1, "{{ kept }}"),
    ("liquid", "A{% comment %}gone{% endcomment %}B{# gone too #}", 1, "AB"),
    ("liquid", "{% youtube abc123 %}", 1, "[Video on YouTube](https://www.youtube.com/watch?v=abc123)"),
    ("liquid", "{% gist octo/42 %}", 1, "[Code on GitHub](https://gist.github.com/octo/42)"),
    ("liquid", "{% twitter https://twitter.com/a/status/1 %}", 1, "[Post on Twitter](https://twitter.com/a/status/1)"),
    ("liquid", '{% img right /images/a.png 300 200 "Title" "A chart" %}', 1, "![A chart](/images/a.png)"),
    ("liquid", '{% image "./map.png", "A map" %}', 1, "![A map](./map.png)"),
    ("liquid", "Text {% include signup.html %}\nMore", 0, "Text\nMore"),
    ("liquid", "{% if x %}Shown{% endif %}", 0, "Shown"),
    ("liquid", "`{% include kept.html %}` and\n```\n{{ kept }}\n```", 0, "`{% include kept.html %}` and\n```\n{{ kept }}\n```"),
    ("hugo", '{{< figure src="a.png" alt="A" caption="Cap" >}}', 1, "![A](a.png)\n\nCap"),
    ("hugo", "{{< youtube id=\"xyz\" >}}", 1, "[Video on YouTube](https://www.youtube.com/watch?v=xyz)"),
    ("hugo", "{{< tweet user=\"a\" id=\"9\" >}}", 1, "[Post on Twitter](https://twitter.com/a/status/9)"),
    ("hugo", "{{< gist octo 42 >}}", 1, "[Code on GitHub](https://gist.github.com/octo/42)"),
    ("hugo", '[x]({{< ref "other.md" >}})', 1, f"[x]({ref('note', 'posts/other.md')})"),
    ("hugo", '[x]({{< relref "/notes/b" >}})', 1, f"[x]({ref('note', '/notes/b')})"),
    ("hugo", "{{< highlight go >}}\nfmt.Println()\n{{< /highlight >}}", 1, "```go\nfmt.Println()\n```"),
    ("hugo", "{{% notice %}}\nInside\n{{% /notice %}}", 0, "\nInside\n"),
    ("pelican", "[a]({filename}/posts/a.md)", 1, f"[a]({ref('note', 'posts/a.md')})"),
    ("pelican", "[a]({filename}../b.md)", 1, f"[a]({ref('note', 'b.md')})"),
    ("pelican", "![a]({static}/images/a.png) ![b]({attach}b.png)", 2, "![a](/images/a.png) ![b](/posts/b.png)"),
    ("pelican", "[t]({tag}roadmap) [i]({index})", 2, f"[t]({ref('tag', 'roadmap')}) [i](/)"),
    ("liquid", '{% from "figure/macro.njk" import appFigure with context %}', 1, ""),
    ("liquid", '{{ appFigure({ image: { file: "a b.png", alt: "The \'start\' page" }, caption: "Ours" }) }}', 1,
     "![The 'start' page](a%20b.png)\n\nOurs"),
    ("liquid", "{{ appScreenshots({ items: [{ text: \"One's\", img: { src: \"1.png\" } }, "
               "{ text: 'Two', img: { src: '2.png' } }] }) }}", 1, "![One's](1.png)\n\n![Two](2.png)"),
    ("liquid", "{{ appUserNeeds({ items: collections['user-need'] }) }}", 0, ""),
    ("none", "{{ kept }}", 0, "{{ kept }}"),
])
def test_template_tags(dialect, text, converted, body):
    result = convert(text, dialect, "posts")
    assert (result.converted, result.body) == (converted, body)
    assert all(n.kind == TAG for n in result.notices)
    assert len(result.notices) == (0 if converted or dialect == "none" or text.startswith("`") else 1)


def test_a_tag_left_out_is_reported_at_its_line():
    result = convert("One\n\n```\n{% x %}\n```\n\nTwo {% include a.html %}\n{{ page.title }}", "liquid")
    assert [(n.text, n.line) for n in result.notices] == [
        ("Liquid tag {% include %} left out: Python-Markdown would show it as text", 7),
        ("template output {{ page.title }} left out: Python-Markdown would show it as text", 8),
    ]


VALUES = addresses.Values(datetime(2019, 6, 3, 9, 5), "moving-day", "Moving day: the tables", "2019-06-03-moving-day",
                          "posts/2019-06-03-moving-day", "posts", ("Engineering", "Data"))


@pytest.mark.parametrize("pattern, address", [
    ("date", "/engineering/data/2019/06/03/moving-day.html"),
    ("pretty", "/engineering/data/2019/06/03/moving-day/"),
    ("none", "/engineering/data/moving-day.html"),
    ("/:year/:i_month/:i_day/:title/", "/2019/6/3/moving-day/"),
    ("/weeknotes/:short_year-:y_day/:slug:output_ext", "/weeknotes/19-154/moving-day.html"),
    ("/notes/:name/", "/notes/2019-06-03-moving-day/"),
])
def test_jekyll_permalinks(pattern, address):
    assert addresses.jekyll(pattern, VALUES) == address


@pytest.mark.parametrize("pattern, address", [
    ("/:year/:month/:day/:contentbasename/", "/2019/06/03/2019-06-03-moving-day/"),
    ("/:section/:slug/", "/posts/moving-day/"),
    ("/:year/:monthname/:title/", "/2019/june/moving-day-the-tables/"),
    (":filename/", "/2019-06-03-moving-day/"),
])
def test_hugo_permalinks(pattern, address):
    assert addresses.hugo(pattern, VALUES) == address


@pytest.mark.parametrize("pattern, address", [
    ("{slug}.html", "/moving-day.html"),
    ("weeknotes/{date:%Y}/{date:%m}/{slug}/", "/weeknotes/2019/06/moving-day/"),
    ("/{category}/{slug}/", "/engineering/moving-day/"),
    ("/week/{date}/", "/week/2019-06-03/"),
    ("/{year}/{week}/{stem}/", "/2019/2019-W23/2019-06-03-moving-day/"),
])
def test_python_patterns_for_pelican_and_old_url(pattern, address):
    assert addresses.python(pattern, VALUES) == address


@pytest.mark.parametrize("pattern", ["{slug.__class__}", "{0}", "{author}", "{date.year}"])
def test_a_python_pattern_reaches_no_attribute_and_no_unknown_name(pattern):
    with pytest.raises(ValueError):
        addresses.python(pattern, VALUES)


@pytest.mark.parametrize("pattern, address", [
    ("/{{ page.fileSlug }}/", "/2019-06-03-moving-day/"),
    ("weeknotes/{{ page.fileSlug }}/index.html", "/weeknotes/2019-06-03-moving-day/"),
    ("/{{ page.date | date: '%Y/%m' }}/{{ title | slugify }}/", "/2019/06/moving-day-the-tables/"),
    ("/{{ page.date | date('yyyy/LL') }}/{{ slug }}/", "/2019/06/moving-day/"),
])
def test_eleventy_and_lume_permalink_templates(pattern, address):
    assert addresses.template(pattern, VALUES) == address


@pytest.mark.parametrize("pattern", ["/{% if x %}a{% endif %}/", "/{{ page.data.team }}/", "/{{ title | upcase }}/"])
def test_a_permalink_template_with_logic_or_unknown_values_gives_no_address(pattern):
    with pytest.raises(ValueError):
        addresses.template(pattern, VALUES)


@pytest.mark.parametrize("value, names", [
    ("Owain, Samantha, Lucinda and Laura", ("Owain", "Samantha", "Lucinda", "Laura")),
    ("Owain, Samantha, and Laura", ("Owain", "Samantha", "Laura")),
    ("Sam & Priya", ("Sam", "Priya")),
    ("Jane Doe; Sam Lee", ("Jane Doe", "Sam Lee")),
    (["Jane Doe", {"name": "Sam Lee", "url": "https://example.org"}], ("Jane Doe", "Sam Lee")),
    ("Alexander Andrews", ("Alexander Andrews",)),  # 'and' inside a name is not a separator
    (None, ()),
])
def test_bylines_become_authors(value, names):
    assert people(value) == names


@pytest.mark.parametrize("text, body, expected", [
    ("TODO Put a broad summary of the contents here.", False, True),
    ("todo: write this", False, True),
    ("TBC", False, True),
    ("Lorem ipsum dolor sit amet", False, True),
    ("", False, True),
    ("Todo lists that work for teams", False, False),
    ("Placeholders in forms confuse people", False, False),
    ("TODO: write up the retro.", True, True),
    ("TODO: " + "a real to-do list " * 20, True, False),
])
def test_placeholders(text, body, expected):
    assert placeholder(text, body=body) == expected


@pytest.mark.parametrize("stem, found", [
    ("2019-06-03", (date(2019, 6, 3), "")),
    ("2019-06-03-moving-day", (date(2019, 6, 3), "moving-day")),
    ("2020-06-21_hello-world", (date(2020, 6, 21), "hello-world")),
    ("2019-W23", (date(2019, 6, 3), "")),
    ("2019-13-40-nope", (None, "2019-13-40-nope")),
    ("2024-19", (None, "2024-19")),  # a week or a month? neither is guessed
    ("moving-day", (None, "moving-day")),
])
def test_dates_in_file_names(stem, found):
    assert name_date(stem) == found


def test_a_first_heading_is_a_title():
    assert heading_title("# Week 46: interviews\n\nWe talked.\n") == ("Week 46: interviews", "We talked.\n")
    assert heading_title("We talked.\n# Later") == ("", "We talked.\n# Later")


def test_expanded_size_counts_each_alias_once_and_stops_at_a_cycle():
    leaf = ["x" * 10] * 10
    nested = [leaf] * 10
    assert expanded_size({"a": nested}) == 1 + 1 + 1 + 10 * (1 + 10 * 10)
    looped: list = []
    looped.append(looped)
    assert expanded_size(looped, budget=100) == 101


def test_python_settings_are_read_without_running_them(tmp_path):
    path = write(tmp_path / "pelicanconf.py", """\
import os
AUTHOR = "Digital team"
ARTICLE_URL = "notes/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
STATIC_PATHS = ["images", "pdfs"]
THEME = os.path.join("themes", "x")
SITEURL: str = "https://example.org"
open("/tmp/never-written", "w")
""")
    values, computed = python_settings(path)
    assert values == {"AUTHOR": "Digital team", "ARTICLE_URL": "notes/{slug}/",
                      "ARTICLE_SAVE_AS": "notes/{slug}/index.html", "STATIC_PATHS": ["images", "pdfs"],
                      "SITEURL": "https://example.org"}
    assert computed == {"THEME"}
