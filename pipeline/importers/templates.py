"""Template tags in note bodies: turned into Markdown where their meaning is known, else left out and reported.

Python-Markdown would print a template tag as text, so none may stay. Each
generator's tags are read as that generator reads them:

    Liquid (Jekyll; Eleventy's Markdown; Pelican's liquid_tags plugin), Nunjucks, Lume's Vento
        {{ site.baseurl }}, {{ site.url }}                  -> nothing: addresses stay from the root
        {{ "/assets/x.png" | relative_url }}, | absolute_url, | url    -> /assets/x.png
        {% link _posts/2019-06-03-x.md %}, {% post_url 2019-06-03-x %} -> the note's new address
        {% highlight ruby %}…{% endhighlight %}             -> a fenced code block
        {% raw %}…{% endraw %}                              -> the text between, as it is
        {% comment %}…{% endcomment %}, {# … #}             -> nothing
        {% youtube ID %}, {% vimeo ID %}, {% gist user/ID %}, {% twitter URL %}   -> a link to it
        {% img /images/x.png "alt" %}, {% image "x.png", "alt" %}             -> an image
    Hugo shortcodes
        {{< ref "posts/x.md" >}}, {{< relref "x" >}}        -> the note's new address
        {{< figure src="x.png" alt="…" caption="…" >}}      -> an image, and its caption as a paragraph
        {{< youtube ID >}}, {{< vimeo ID >}}, {{< gist user ID >}}, {{< tweet user="u" id="1" >}}   -> a link
        {{< highlight go >}}…{{< /highlight >}}             -> a fenced code block
    Pelican
        {filename}/posts/x.md, |filename|x.md               -> the note's new address
        {static}/images/x.png, {attach}x.png                -> the file, copied in (links.py)
        {tag}roadmap, {category}blog, {author}jane-doe, {index}   -> this site's page for it

Any other tag ({% include signup.html %}, {{ page.title }}, {{< notice >}})
is left out of the text and reported with its line; the text between a pair
of unknown tags stays. Code blocks and inline code are never touched.
References to other notes become markers (`ref`) that the plan replaces
with the new address of the note they name, once every note is placed.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from pipeline.importers.records import TAG, Notice

REF_START, REF_END = "\ue000", "\ue001"  # private-use characters around a reference until the plan resolves it
REF = re.compile(f"{REF_START}(\\w+):([^{REF_END}]*){REF_END}")
KEEP_START, KEEP_END = "\ue002", "\ue003"  # around {% raw %} text while the other steps run

# Text the conversion leaves alone: fenced code (``` or ~~~, to its closing fence), inline code, raw text.
CODE = re.compile(r"^(?P<fence>[ \t]{0,3}(?:`{3,}|~{3,}))[^\n]*\n.*?(?:^(?P=fence)[ \t]*$|\Z)|`+[^`\n]+`+"
                  f"|{KEEP_START}[^{KEEP_END}]*{KEEP_END}", re.MULTILINE | re.DOTALL)
LIQUID_PAIRS = re.compile(r"\{%-?\s*(raw|comment|highlight)\b([^%]*?)-?%\}(.*?)\{%-?\s*end\1\s*-?%\}", re.DOTALL)
LIQUID_TAG = re.compile(r"\{%-?\s*(\w+)\s*(.*?)\s*-?%\}", re.DOTALL)
LIQUID_OUTPUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.DOTALL)
NUNJUCKS_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
HUGO_PAIRED = re.compile(r"\{\{([<%])\s*highlight\s+([\w+-]+)[^}]*?[>%]\}\}\n?(.*?)\{\{[<%]\s*/highlight\s*[>%]\}\}", re.DOTALL)
HUGO_SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)\s*([\w.-]+)(.*?)\s*[>%]\}\}", re.DOTALL)
PELICAN_LINK = re.compile(r"[{|](filename|static|attach|tag|category|author|index)[}|]([^)\s\"'>\]]*)")
QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'|(\S+)")
NAMED = re.compile(r"(\w+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|(\S+))")
# Liquid output filters that make an address from a path, in Jekyll, Eleventy and Lume.
ADDRESS_FILTER = re.compile(r"""^["']([^"']*)["']\s*\|\s*(?:relative_url|absolute_url|url|prepend:\s*site\.baseurl)\s*$""")
X_GOVUK = re.compile(r"(appFigure|appScreenshots)\((.*)\)", re.DOTALL)
SCREENSHOT = re.compile(r"""text\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*,\s*img\s*:\s*\{\s*src\s*:\s*["']([^"']+)["']""")
SITE_ADDRESS = {"site.baseurl", "site.url", "site.url | append: site.baseurl", "site.url | append:site.baseurl"}

LINKS = {
    "youtube": ("Video on YouTube", "https://www.youtube.com/watch?v={}"),
    "vimeo": ("Video on Vimeo", "https://vimeo.com/{}"),
    "gist": ("Code on GitHub", "https://gist.github.com/{}"),
}


def image(alt: str, source: str) -> str:
    """A Markdown image; a space in the file's name is written %20, as a Markdown address cannot hold one."""
    return f"![{alt.replace(']', '')}]({quote(source, safe='/:#?=&%~+@')})"


def ref(kind: str, key: str) -> str:
    """A marker for an address the plan fills in: ('note', 'posts/x.md'), ('tag', 'roadmap')…"""
    return f"{REF_START}{kind}:{key}{REF_END}"


@dataclass
class Converted:
    body: str
    converted: int = 0
    notices: list[Notice] = field(default_factory=list)


def convert(body: str, dialect: str, here: str = "") -> Converted:
    """Template tags of `dialect` ('liquid', 'hugo', 'pelican', 'none') in `body`; `here` is the file's folder
    in the source site's content, against which relative references are read."""
    result = Converted(body)
    if dialect == "none":
        return result
    steps = {"liquid": [_liquid_pairs, _liquid], "hugo": [_hugo_pairs, _hugo],
             "pelican": [_liquid_pairs, _liquid, _pelican]}[dialect]
    for step in steps:
        result.body = outside_code(result.body, lambda text, line, step=step: step(text, line, result, here))
    result.body = result.body.replace(KEEP_START, "").replace(KEEP_END, "")
    return result


def outside_code(body: str, change) -> str:
    """`change(text, first_line)` applied to each stretch of `body` outside code, in order."""
    out, last, line = [], 0, 1
    for code in CODE.finditer(body):
        changed = change(body[last:code.start()], line)
        out += [changed, code[0]]
        line += changed.count("\n") + code[0].count("\n")
        last = code.end()
    out.append(change(body[last:], line))
    return "".join(out)


def _each(pattern: re.Pattern, text: str, line: int, replace) -> str:
    """`replace(match, line_of_match)` for each match, the line counted in the text as it is being rewritten."""
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(text[last:match.start()])
        replacement = replace(match, line + sum(part.count("\n") for part in out))
        if not replacement and text[match.end():match.end() + 1] in ("\n", ""):
            out[-1] = out[-1].rstrip(" \t")  # a tag left out at the end of a line takes the space before it
        out.append(replacement)
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def _left_out(result: Converted, what: str, line: int) -> str:
    result.notices.append(Notice(TAG, f"{what} left out: Python-Markdown would show it as text", line))
    return ""


def _liquid_pairs(text: str, line: int, result: Converted, here: str) -> str:
    def replace(match: re.Match, at: int) -> str:
        result.converted += 1
        name, argument, inner = match[1], match[2].split(), match[3]
        if name == "raw":
            return f"{KEEP_START}{inner}{KEEP_END}"
        if name == "comment":
            return ""
        return f"```{argument[0] if argument else ''}\n{inner.strip(chr(10))}\n```"

    return _each(LIQUID_PAIRS, NUNJUCKS_COMMENT.sub("", text), line, replace)


def _liquid(text: str, line: int, result: Converted, here: str) -> str:
    def tag(match: re.Match, at: int) -> str:
        name, argument = match[1], match[2]
        if name.startswith("end") or name in ("else", "elsif", "when"):
            return ""  # the closing half of a pair: the opening tag is reported
        words = [q[0] or q[1] or q[2] for q in QUOTED.findall(argument.replace(",", " "))]
        converted = _liquid_tag(name, argument, words)
        if converted is None:
            return _left_out(result, f"Liquid tag {{% {name} %}}", at)
        result.converted += 1
        return converted

    def output(match: re.Match, at: int) -> str:
        expression = " ".join(match[1].split())
        address = ADDRESS_FILTER.match(expression)
        converted = "" if expression in SITE_ADDRESS else address[1] if address else _x_govuk(expression)
        if converted is None:
            return _left_out(result, f"template output {{{{ {expression[:60]}{'…' * (len(expression) > 60)} }}}}", at)
        result.converted += 1
        return converted

    return _each(LIQUID_OUTPUT, _each(LIQUID_TAG, text, line, tag), line, output)


def _liquid_tag(name: str, argument: str, words: list[str]) -> str | None:
    if name in ("from", "import"):
        return ""  # Nunjucks brings a macro in: nothing to show; the macro's calls are read where they are
    if name == "post_url" and words:
        return ref("note", words[0])
    if name == "link" and words:
        target = words[0]
        return ref("note", target) if target.endswith((".md", ".markdown", ".html")) else "/" + target.lstrip("/")
    if name in LINKS and words:
        label, address = LINKS[name]
        return f"[{label}]({address.format(words[0])})"
    if name == "twitter" and words:
        return f"[Post on Twitter]({words[-1]})"
    if name == "img" and words:  # {% img [class] /path [width [height]] ["title" ["alt"]] %}
        source = next((w for w in words if "/" in w or "." in w), words[0])
        quoted = re.findall(r"\"([^\"]*)\"|'([^']*)'", argument)
        alt = (quoted[-1][0] or quoted[-1][1]) if quoted else ""
        return image(alt, source)
    if name == "image" and words:  # eleventy-img's {% image "src", "alt" %}
        return image(words[1] if len(words) > 1 else "", words[0])
    return None


def _x_govuk(expression: str) -> str | None:
    """The image macros of x-govuk's govuk-eleventy-plugin, which design histories use; None for any other call.

        {{ appFigure({ image: { file: "a.png", alt: "A chart" }, caption: "Our chart" }) }}
        {{ appScreenshots({ items: [{ text: "The start page", img: { src: "one.png" } }] }) }}
    """
    call = X_GOVUK.fullmatch(expression)
    if call is None:
        return None
    if call[1] == "appFigure":
        source = _js_string(call[2], "file") or _js_string(call[2], "src")
        if not source:
            return None
        caption = _js_string(call[2], "caption")
        return image(_js_string(call[2], "alt"), source) + (f"\n\n{caption}" if caption else "")
    shots = [(double or single, source) for double, single, source in SCREENSHOT.findall(call[2])]
    return "\n\n".join(image(text, source) for text, source in shots) if shots else None


def _js_string(code: str, key: str) -> str:
    """The string a JavaScript object literal gives `key`, in double or single quotes; '' if none."""
    found = re.search(rf"\b{key}\s*:\s*(?:\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)')", code)
    return (found[1] if found[1] is not None else found[2]) if found else ""


def _hugo_pairs(text: str, line: int, result: Converted, here: str) -> str:
    def replace(match: re.Match, at: int) -> str:
        result.converted += 1
        return f"```{match[2]}\n{match[3].strip(chr(10))}\n```"

    return _each(HUGO_PAIRED, text, line, replace)


def _hugo(text: str, line: int, result: Converted, here: str) -> str:
    def replace(match: re.Match, at: int) -> str:
        closing, name, argument = match[2], match[3], match[4]
        named = {m[1]: m[2] or m[3] or m[4] for m in NAMED.finditer(argument)}
        words = [q[0] or q[1] or q[2] for q in QUOTED.findall(NAMED.sub("", argument))]
        if closing:
            return ""  # the closing half of a pair: the opening shortcode is reported
        converted = _hugo_shortcode(name, named, words, here)
        if converted is None:
            return _left_out(result, f"Hugo shortcode {{{{< {name} >}}}}", at)
        result.converted += 1
        return converted

    return _each(HUGO_SHORTCODE, text, line, replace)


def _hugo_shortcode(name: str, named: dict, words: list[str], here: str) -> str | None:
    first = named.get("id") or (words[0] if words else "")
    if name in ("ref", "relref") and (named.get("path") or words):
        target = named.get("path") or words[0]
        return ref("note", target if target.startswith("/") else posixpath.join(here, target))
    if name == "figure" and named.get("src"):
        alt = named.get("alt") or named.get("title") or ""
        caption = named.get("caption")
        return image(alt, named["src"]) + (f"\n\n{caption}" if caption else "")
    if name in LINKS and first:
        label, address = LINKS[name]
        return f"[{label}]({address.format('/'.join(words) if name == 'gist' else first)})"
    if name in ("tweet", "x") and first:
        user = named.get("user") or "i"
        return f"[Post on Twitter](https://twitter.com/{user}/status/{first})"
    return None


def _pelican(text: str, line: int, result: Converted, here: str) -> str:
    def replace(match: re.Match, at: int) -> str:
        kind, target = match[1], match[2]
        result.converted += 1
        if kind in ("filename", "static", "attach"):
            # From the content folder when it starts with '/', else from the note's own folder, as Pelican reads them.
            path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(here, target))
            return ref("note", path) if kind == "filename" else "/" + path
        if kind == "index":
            return "/"
        return ref(kind, target)

    return _each(PELICAN_LINK, text, line, replace)
