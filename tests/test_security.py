"""Security: the S rules, the sanitiser, hostile metadata in every template, no network, safe paths."""

from __future__ import annotations

import re
import socket

import pytest

from pipeline.catalogue import RULES
from pipeline.findings import Level
from pipeline.sanitise import Sanitiser
from tests.conftest import REPO, make_site, run_in, write
from tests.test_lint_rules import CONTROL, lint

S_RULES = [rule for code, rule in sorted(RULES.items()) if code.startswith("S")]
EMBED = "https://www.youtube-nocookie.com/embed/"


def test_there_are_security_rules():
    assert [r.code for r in S_RULES] == ["S101", "S102", "S103"]


@pytest.mark.parametrize("rule", S_RULES, ids=lambda r: r.code)
def test_rule_is_documented_completely(rule):
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.level == Level.ERROR
    assert rule.summary.endswith(".") and rule.why.endswith(".")
    assert rule.must_flag and rule.must_pass
    assert f'<a id="{rule.code.lower()}"></a>' in (REPO / "docs/rules.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule, example", [(r, e) for r in S_RULES for e in r.must_flag], ids=lambda v: getattr(v, "code", ""))
def test_must_flag(rule, example):
    assert rule.code in [f.code for f in lint(example)]


@pytest.mark.parametrize("rule, example", [(r, e) for r in S_RULES for e in r.must_pass], ids=lambda v: getattr(v, "code", ""))
def test_must_pass(rule, example):
    assert [str(f) for f in lint(example) if f.code.startswith("S")] == []


def test_control_text_has_no_security_findings():
    from pipeline.findings import Example

    assert [str(f) for f in lint(Example("posts/control.md", CONTROL)) if f.code.startswith("S")] == []


HOSTILE_BODY = (
    "Intro <script>alert('body')</script> text.\n\n"
    '<iframe src="https://evil.example/"></iframe>\n\n'
    f'<iframe src="{EMBED}abc" title="Our video"></iframe>\n\n'
    '<object data="x.swf"></object><embed src="x.swf">\n\n'
    '<img src="/images/chart.png" onerror="alert(\'img\')" alt="A chart of weekly visits">\n\n'
    "[click](javascript:alert('link')) and <a href=\"data:text/html,<b>x</b>\">data</a>\n"
)


def test_lint_reports_every_kind_with_its_place(site):
    write(site / "content/posts/2026-11-24-pasted.md",
          "---\ntitle: Pasted\ndate: 2026-11-24 09:00\nauthors: [jane-doe]\nsummary: Pasted.\n---\n" + HOSTILE_BODY)
    result = run_in(site, "lint", "--select", "S")
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        "content/posts/2026-11-24-pasted.md:7:7: S101 <script> is removed from the site and may run script: link to the page instead (error)",
        ("content/posts/2026-11-24-pasted.md:9:1: S101 <iframe> is removed from the site and may run script: "
         "link to the page instead, or add its address to allowed_embeds in [tool.notes.lint] (error)"),
        ("content/posts/2026-11-24-pasted.md:11:1: S101 <iframe> is removed from the site and may run script: "
         "link to the page instead, or add its address to allowed_embeds in [tool.notes.lint] (error)"),
        "content/posts/2026-11-24-pasted.md:13:1: S101 <object> is removed from the site and may run script: link to the page instead (error)",
        "content/posts/2026-11-24-pasted.md:13:31: S101 <embed> is removed from the site and may run script: link to the page instead (error)",
        "content/posts/2026-11-24-pasted.md:15:30: S102 the onerror= attribute runs script: remove it (error)",
        "content/posts/2026-11-24-pasted.md:17:9: S103 a javascript: address is removed from the site: link to an https:// address instead (error)",
        "content/posts/2026-11-24-pasted.md:17:48: S103 a data: address is removed from the site: link to an https:// address instead (error)",
    ]


def test_allowed_embeds_pass_lint_and_reach_the_page_while_nothing_else_does(site):
    write(site / "content/posts/2026-11-24-pasted.md",
          "---\ntitle: Pasted\ndate: 2026-11-24 09:00\nauthors: [jane-doe]\n"
          "summary: \"Short <script>alert('summary')</script> [x](javascript:alert(1))\"\n---\n" + HOSTILE_BODY)
    # Lowered to warnings, the build goes ahead: the sanitiser alone must keep the site safe.
    write(site / "content/images/chart.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    (site / "pyproject.toml").write_text(
        f'[tool.notes.lint]\nallowed_embeds = ["{EMBED}"]\nlevels = {{S1 = "warning"}}\n', encoding="utf-8")
    lint_result = run_in(site, "lint", "--select", "S")
    assert "11:1: S101" not in lint_result.output and "9:1: S101" in lint_result.output
    assert "content/posts/2026-11-24-pasted.md:5:17: S101 <script>" in lint_result.output  # in the summary
    result = run_in(site, "build")
    assert result.exit_code == 0, result.output
    page = (site / "preview/2026/11/24/pasted/index.html").read_text(encoding="utf-8")
    assert f'<iframe src="{EMBED}abc" title="Our video"></iframe>' in page
    published = [p for p in (site / "preview").rglob("*") if p.suffix in (".html", ".xml")]
    for path in published:
        text = path.read_text(encoding="utf-8")
        for banned in ("alert(", "evil.example", "x.swf", "javascript:", "data:text", "onerror"):
            assert banned not in text, f"{banned} reached {path.relative_to(site)}"


def test_an_allowed_embeds_value_must_be_an_https_prefix(site):
    (site / "pyproject.toml").write_text('[tool.notes.lint]\nallowed_embeds = ["https://"]\n', encoding="utf-8")
    result = run_in(site, "lint")
    assert result.exit_code == 2
    assert "allowed_embeds" in result.output and "'https://', which is not an https:// address ending in a path" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("html, clean", [
    ("<p>a<script>b</script>c</p>", "<p>ac</p>"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "<a>x</a>"),
    ('<img src="x" onerror="y" alt="z">', '<img src="x" alt="z">'),
    ("<svg><script>alert(1)</script></svg>", ""),
    ('<iframe src="https://www.youtube-nocookie.com.evil/embed/x"></iframe>', "<iframe></iframe>"),
    ('<style>body{display:none}</style>ok', "ok"),
    ('<h2 id="what-next">What&rsquo;s next</h2>', '<h2 id="what-next">What’s next</h2>'),
])
def test_sanitiser_keeps_markup_and_drops_script(html, clean):
    assert Sanitiser([EMBED]).clean(html) == clean


# Summaries are Markdown, so a summary's <img> may stay (sanitised): it points off the site so that the
# final link check has nothing to say about it.
HOSTILE_TEXT = "<script>alert(1)</script>\"'><img src=https://evil.example/x.png onerror=alert(2)>{{7*7}}</title>"
HOSTILE_YAML = '"' + HOSTILE_TEXT.replace('"', '\\"') + '"'


def test_hostile_metadata_is_escaped_in_every_page_attribute_json_ld_and_feed(tmp_path):
    site = make_site(tmp_path / "site")
    write(site / "content/authors/eve.md", f"---\nname: {HOSTILE_YAML}\nrole: {HOSTILE_YAML}\n---\nBio.\n")
    write(site / "content/teams/red.md",
          f"---\nname: {HOSTILE_YAML}\ncadence: weekly\ndue: friday\nsince: 2026-11-16\nmembers: [eve]\n---\nTeam.\n")
    write(site / "content/weeknotes/red/2026-W47.md",
          f"---\ndate: 2026-11-20\nauthors: [eve]\ntitle: {HOSTILE_YAML}\nsummary: {HOSTILE_YAML}\ntags: [{HOSTILE_YAML}]\n---\nFine.\n")
    write(site / "content/posts/2026-11-24-hostile.md",
          f"---\ntitle: {HOSTILE_YAML}\ndate: 2026-11-24 09:00\nauthors: [eve]\nsummary: {HOSTILE_YAML}\n"
          f"tags: [{HOSTILE_YAML}]\nslug: hostile\n---\nFine.\n")
    # Lint would stop this build (S101 in the front matter); switched off, escaping alone must hold.
    (site / "pyproject.toml").write_text('[tool.notes.lint]\nlevels = {T = "off", M104 = "off", S = "off"}\n', encoding="utf-8")
    result = run_in(site, "build")
    assert result.exit_code == 0, result.output
    checked = 0
    for path in (site / "preview").rglob("*"):
        if path.suffix not in (".html", ".xml", ".opml", ".json") or "pagefind" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        checked += 1
        for banned in ("<script>alert", "<img src=https://evil", "onerror=alert(2)>", "\"'><img"):
            assert banned not in text, f"{banned!r} unescaped in {path.relative_to(site)}"
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.DOTALL):
            assert "</" not in block.replace("<\\/", ""), f"JSON-LD can close its script element in {path}"
    assert checked > 20
    assert "{{7*7}}" in (site / "preview/2026/11/24/hostile/index.html").read_text(encoding="utf-8")  # never evaluated


@pytest.mark.parametrize("slug", ["../../etc/passwd", "/etc/passwd", "con", "a/b", "..", "x\u202e"])
def test_slugs_cannot_name_paths(site, slug):
    write(site / "content/posts/2026-11-24-escape.md",
          f"---\ntitle: Escape\ndate: 2026-11-24 09:00\nauthors: [jane-doe]\nsummary: x.\nslug: \"{slug}\"\n---\nx\n")
    result = run_in(site, "build")
    if slug == "con":  # a slug like any other on the web; it only ever names a folder, never a device
        assert result.exit_code == 0 and (site / "preview/2026/11/24/con/index.html").is_file()
        return
    assert result.exit_code == 1
    assert "M105 'slug' must be lowercase words joined by hyphens" in result.output
    assert not (site / "preview").exists()


def test_a_symlink_leaving_content_is_refused(site, tmp_path):
    secret = write(tmp_path / "secret.md", "---\ntitle: Secret\n---\nprivate\n")
    (site / "content/posts/leak.md").symlink_to(secret)
    result = run_in(site, "lint")
    assert result.exit_code == 1
    assert ("content/posts/leak.md:1:1: M201 symlink points outside content/; "
            "notes reads only files inside content/: copy the file in instead") in result.output
    assert "private" not in result.output


def test_a_full_build_makes_no_network_connection(site, monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access during a build")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = run_in(site, "publish")
    assert result.exit_code == 0, result.output
    assert attempts == []


def test_serve_binds_loopback_and_serves_only_the_built_site(site):
    import urllib.error
    import urllib.request

    from pipeline.serve import bind, start

    (site / "preview").mkdir()
    (site / "preview/index.html").write_text("home")
    httpd = bind(site / "preview", 0)
    start(httpd)
    try:
        host, port = httpd.server_address[:2]
        assert host == "127.0.0.1"
        for path in ("/../pelicanconf.py", "/%2e%2e/pelicanconf.py", "/..%2fpelicanconf.py"):
            try:
                status = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5).status
            except urllib.error.HTTPError as err:
                status = err.code
            assert status == 404, path
    finally:
        httpd.shutdown()
    assert "127.0.0.1" in (REPO / "pipeline/cli.py").read_text(encoding="utf-8")
