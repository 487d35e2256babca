"""The pure parts of `notes deploy`: the target, headers, the plan, invalidation paths, the manifest."""

from __future__ import annotations

import hashlib
import json

import pytest

from pipeline import manifest
from pipeline.deploy import headers, invalidate, report
from pipeline.deploy.plan import Upload, make_plan
from pipeline.deploy.target import Target, parse
from pipeline.manifest import Entry, ManifestError
from tests.conftest import write

SHORT, IMMUTABLE = headers.REVALIDATE, headers.IMMUTABLE


@pytest.mark.parametrize("value, bucket, prefix, key", [
    ("s3://blog", "blog", "", "index.html"),
    ("s3://blog/", "blog", "", "index.html"),
    ("s3://my.blog-2/sites/blog/", "my.blog-2", "sites/blog", "sites/blog/index.html"),
])
def test_targets(value, bucket, prefix, key):
    target = parse(value)
    assert (target.bucket, target.prefix, target.key("index.html")) == (bucket, prefix, key)
    assert target.list_prefix == (prefix + "/" if prefix else "")


@pytest.mark.parametrize("value, message", [
    ("blog", "'blog' is not an s3:// address; write it like s3://my-bucket or s3://my-bucket/blog"),
    ("https://blog.s3.amazonaws.com/", ("'https://blog.s3.amazonaws.com/' is not an s3:// address; "
                                       "write it like s3://my-bucket or s3://my-bucket/blog")),
    ("s3://", ("'' is not a bucket name: use 3 to 63 lower-case letters, digits, dots and hyphens; "
              "write it like s3://my-bucket or s3://my-bucket/blog")),
    ("s3://My_Bucket", ("'My_Bucket' is not a bucket name: use 3 to 63 lower-case letters, digits, dots and hyphens; "
                       "write it like s3://my-bucket or s3://my-bucket/blog")),
    ("s3://blog/a//b", ("'/a//b' is not a usable prefix: no empty, '.' or '..' parts; "
                       "write it like s3://my-bucket or s3://my-bucket/blog")),
    ("s3://blog/../other", ("'/../other' is not a usable prefix: no empty, '.' or '..' parts; "
                           "write it like s3://my-bucket or s3://my-bucket/blog")),
    ("s3://blog/x?versionId=1", ("'s3://blog/x?versionId=1' has a query or fragment; "
                                "write it like s3://my-bucket or s3://my-bucket/blog")),
])
def test_bad_targets_say_what_to_write(value, message):
    with pytest.raises(ValueError) as raised:
        parse(value)
    assert str(raised.value) == message


def test_a_bad_target_is_a_usage_error():
    from click.testing import CliRunner

    from pipeline.cli import cli

    result = CliRunner().invoke(cli, ["deploy", "--to", "blog"], prog_name="notes")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2, ("Error: Invalid value for '--to': 'blog' is not an s3:// address; "
           "write it like s3://my-bucket or s3://my-bucket/blog"))


@pytest.mark.parametrize("path, kind, cache", [
    ("index.html", "text/html; charset=utf-8", SHORT),
    ("feeds/all.atom.xml", "application/atom+xml; charset=utf-8", SHORT),
    ("feeds/all.rss.xml", "application/rss+xml; charset=utf-8", SHORT),
    ("feeds.opml", "text/x-opml; charset=utf-8", SHORT),
    ("sitemap.xml", "application/xml; charset=utf-8", SHORT),
    ("robots.txt", "text/plain; charset=utf-8", SHORT),
    ("theme/css/notes.css", "text/css; charset=utf-8", SHORT),
    ("theme/js/search.js", "text/javascript; charset=utf-8", SHORT),
    ("images/Team-Photo.JPG", "image/jpeg", SHORT),
    ("images/chart.svg", "image/svg+xml", SHORT),
    ("images/chart.webp", "image/webp", SHORT),
    ("images/team-2026a1b2c3d.png", "image/png", SHORT),  # hex-like, but not Pagefind's: never immutable
    ("files/plan.pdf", "application/pdf", SHORT),
    ("files/data.unknownext", "application/octet-stream", SHORT),
    ("pagefind/2026-q4/pagefind.js", "text/javascript; charset=utf-8", SHORT),
    ("pagefind/2026-q4/pagefind-entry.json", "application/json", SHORT),
    ("pagefind/2026-q4/wasm.en-gb.pagefind", "application/octet-stream", SHORT),
    ("pagefind/2026-q4/pagefind.wasm", "application/wasm", SHORT),
    ("pagefind/2026-q4/pagefind.en-gb_275764b1aa7ff.pf_meta", "application/octet-stream", IMMUTABLE),
    ("pagefind/2026-q4/fragment/en-gb_48f5f79.pf_fragment", "application/octet-stream", IMMUTABLE),
    ("pagefind/2026-q4/index/en-gb_cc28a36.pf_index", "application/octet-stream", IMMUTABLE),
    ("pagefind/2026-q4/filter/en-gb_8b1ab5f.pf_filter", "application/octet-stream", IMMUTABLE),
    ("pagefind/2026-11/fragment/en-gb_48f5f79.pf_fragment", "application/octet-stream", IMMUTABLE),  # a month's bundle
    ("pagefind/fragment/en-gb_48f5f79.pf_fragment", "application/octet-stream", SHORT),  # no bundle of ours
    ("notes/pagefind/2026-q4/fragment/en-gb_48f5f79.pf_fragment", "application/octet-stream", SHORT),  # not the site's bundle
])
def test_headers(path, kind, cache):
    assert (headers.content_type(path), headers.cache_control(path)) == (kind, cache)


def entries(*paths: str, sha: str = "new") -> dict[str, Entry]:
    return {path: Entry(10, f"{sha}-{path}") for path in paths}


def test_the_plan_orders_assets_new_pages_pages_feeds():
    local = entries("index.html", "a/index.html", "new/index.html", "feeds/all.atom.xml", "feeds/new.atom.xml",
                    "sitemap.xml", "robots.txt", "theme/css/notes.css", "pagefind/2026-q4/pagefind-entry.json",
                    "same.html")
    remote = {path: "old" for path in local if not path.startswith(("new/", "feeds/new"))}
    remote["same.html"] = "new-same.html"
    remote["gone/index.html"] = "old"
    plan = make_plan(local, remote, delete=False)
    assert [(upload.phase, upload.path) for upload in plan.uploads] == [
        ("assets", "theme/css/notes.css"),
        ("new-pages", "feeds/new.atom.xml"),
        ("new-pages", "new/index.html"),
        ("pages", "a/index.html"),
        ("pages", "index.html"),
        ("pages", "pagefind/2026-q4/pagefind-entry.json"),
        ("feeds", "feeds/all.atom.xml"),
        ("feeds", "robots.txt"),
        ("feeds", "sitemap.xml"),
    ]
    assert (plan.unchanged, plan.deletions, plan.kept) == (1, (), ("gone/index.html",))
    assert plan.upload_bytes == 90
    deleting = make_plan(local, remote, delete=True)
    assert (deleting.deletions, deleting.kept) == (("gone/index.html",), ())


def test_an_object_without_a_stored_hash_is_uploaded_again():
    plan = make_plan(entries("index.html"), {"index.html": None}, delete=False)
    assert plan.uploads == (Upload("index.html", 10, "new-index.html", "pages"),)


def test_invalidation_paths_are_changed_pages_and_feeds_with_folder_addresses():
    local = entries("index.html", "teams/index.html", "404.html", "feeds/all.atom.xml", "feeds/all.rss.xml",
                    "feeds.opml", "sitemap.xml", "theme/css/notes.css", "pagefind/2026-q4/pagefind-entry.json",
                    "unchanged/index.html")
    remote = {"unchanged/index.html": "new-unchanged/index.html", "old/index.html": "x"}
    assert invalidate.paths(make_plan(local, remote, delete=True)) == [
        "/", "/404.html", "/feeds.opml", "/feeds/all.atom.xml", "/feeds/all.rss.xml", "/index.html",
        "/old/", "/old/index.html", "/teams/", "/teams/index.html",
    ]


@pytest.mark.parametrize("size, text", [(0, "0 B"), (999, "999 B"), (1000, "1.0 KB"), (68_700, "68.7 KB"),
                                        (187_000_000, "187.0 MB"), (2_500_000_000, "2.5 GB")])
def test_sizes(size, text):
    assert report.human_size(size) == text


def test_the_manifest_lists_every_file_and_checks_the_folder(tmp_path):
    site = tmp_path / "output"
    write(site / "index.html", "<p>home</p>")
    write(site / "feeds/all.atom.xml", "<feed/>")
    manifest.write(site, manifest.PRODUCTION, {"NOTES_TODAY": "2026-11-29"})
    data = json.loads((site / manifest.FILENAME).read_text())
    assert data == {
        "schema": 1, "notes": "0.1.0", "built": "2026-11-29", "settings": "publishconf.py",
        "files": {
            "feeds/all.atom.xml": {"size": 7, "sha256": hashlib.sha256(b"<feed/>").hexdigest()},
            "index.html": {"size": 11, "sha256": hashlib.sha256(b"<p>home</p>").hexdigest()},
        },
    }
    assert manifest.verified(site).published


@pytest.mark.parametrize("text, message", [
    ("not json", ("output/.notes-manifest.json cannot be read (Expecting value: line 1 column 1 (char 0)); "
                 "run notes publish again")),
    ('{"schema": 2}', ("output/.notes-manifest.json has schema 2, and this notes reads schema 1; "
                      "run notes publish again with this version")),
    ('{"schema": 1, "built": "x", "settings": "publishconf.py", "files": {"a": {"size": 1}}}',
     "output/.notes-manifest.json is damaged (KeyError: 'sha256'); run notes publish again"),
])
def test_a_damaged_manifest_is_refused(tmp_path, text, message):
    write(tmp_path / "output" / manifest.FILENAME, text)
    with pytest.raises(ManifestError) as raised:
        manifest.verified(tmp_path / "output")
    assert str(raised.value) == message


def test_a_manifest_cannot_point_outside_its_folder(tmp_path):
    write(tmp_path / "secret.txt", "x")
    site = tmp_path / "output"
    write(site / manifest.FILENAME, json.dumps({"schema": 1, "built": "x", "settings": "publishconf.py", "files": {
        "../secret.txt": {"size": 1, "sha256": manifest.sha256_of(tmp_path / "secret.txt")}}}))
    with pytest.raises(ManifestError, match=r"^output/\.\./secret\.txt is in \.notes-manifest\.json but missing"):
        manifest.verified(site)


def test_target_text():
    assert (str(Target("blog", "")), str(Target("blog", "a/b"))) == ("s3://blog", "s3://blog/a/b")


def test_an_endpoint_without_a_scheme_is_a_usage_error():
    from click.testing import CliRunner

    from pipeline.cli import cli

    result = CliRunner().invoke(cli, ["deploy", "--to", "s3://blog", "--endpoint-url", "minio:9000"], prog_name="notes")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2, "Error: Invalid value for '--endpoint-url': 'minio:9000' is not an http:// or https:// address, "
           "like https://minio.example:9000")
