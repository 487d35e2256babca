"""`notes deploy` against a real S3 API over HTTP: moto's standalone server on 127.0.0.1.

Every test deploys with boto3 over real HTTP to its own bucket; nothing is
mocked. Sites are built with real Pelican (`notes publish`).
"""

from __future__ import annotations

import itertools
import logging
import os
import re
import shutil
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import boto3
import pytest
from moto.server import ThreadedMotoServer

from pipeline import manifest, selfcheck
from pipeline.deploy.report import Lines, human_size
from pipeline.deploy.run import Deployment, Request
from pipeline.deploy.target import parse
from tests.conftest import run_in, write
from tests.faults import DEPLOY_POINTS
from tests.test_publish import kill_at, pinned_site

ACCESS_KEY, SECRET = "AKIANOTESTESTKEY0001", "notes-test-secret-never-printed"
SITE_URL = "https://blog.example.gov.uk"
SHORT = "public, max-age=300, must-revalidate"
IMMUTABLE = "public, max-age=31536000, immutable"
UPLOADED = re.compile(r"^  uploaded (\S+) \(")
EDITED_NOTE = "content/weeknotes/data-platform/2026-W46.md"
EDITED_PAGE = "weeknotes/data-platform/2026-w46/index.html"
NEW_POST = (
    "---\ntitle: How we hire developers\ndate: 2026-11-24 09:00\nauthors: [jane-doe]\ntags: [hiring]\n"
    "summary: Our hiring process, step by step.\n---\nWe changed how we hire.\n\n"
    "![A chart of applications by week](/images/applications.svg)\n"
)
NEW_PAGE = "2026/11/24/how-we-hire-developers/index.html"
CHART = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="5"/></svg>\n'
_buckets = itertools.count()


@pytest.fixture(scope="session")
def s3_url():
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request log
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(autouse=True)
def aws_env(monkeypatch, tmp_path, s3_url):
    """Fake credentials, and nothing from this machine's AWS configuration or metadata service."""
    for name in [n for n in os.environ if n.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-2")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFRONT", s3_url)  # CloudFront has no --endpoint-url


def client(service: str, s3_url: str):
    return boto3.session.Session().client(service, endpoint_url=s3_url)


@pytest.fixture
def bucket(s3_url) -> str:
    name = f"notes-test-{next(_buckets)}"
    client("s3", s3_url).create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    return name


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The fixture site with an image, published once for the tests that only read it."""
    site = pinned_site(tmp_path_factory.mktemp("published") / "site")
    write(site / "content/images/chart.svg", CHART)
    result = run_in(site, "publish")
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture
def own_site(tmp_path) -> Path:
    """A published site of the test's own, to change."""
    site = pinned_site(tmp_path / "site")
    assert run_in(site, "publish").exit_code == 0
    return site


def deploy(site: Path, s3_url: str, *args: str):
    result = run_in(site, "deploy", "--endpoint-url", s3_url, *args)
    assert SECRET not in result.output and ACCESS_KEY not in result.output
    return result


def remote(s3_url: str, bucket: str, prefix: str = "blog/") -> dict[str, dict]:
    """Every object under `prefix`: relative path -> its headers, metadata and bytes."""
    s3 = client("s3", s3_url)
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            answer = s3.get_object(Bucket=bucket, Key=item["Key"])
            found[item["Key"][len(prefix):]] = {
                "type": answer["ContentType"], "cache": answer.get("CacheControl"),
                "sha256": answer["Metadata"].get("sha256"), "body": answer["Body"].read()}
    return found


def local_files(site: Path) -> dict[str, bytes]:
    output = site / "output"
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*")
            if p.is_file() and p.name != manifest.FILENAME}


def uploaded(output: str) -> set[str]:
    return {m[1] for line in output.splitlines() if (m := UPLOADED.match(line))}


# Every kind of file the site holds: (pattern on the relative path, Content-Type, Cache-Control).
KINDS = [
    (r".*\.html", "text/html; charset=utf-8", SHORT),
    (r"feeds/.*\.atom\.xml", "application/atom+xml; charset=utf-8", SHORT),
    (r"feeds/.*\.rss\.xml", "application/rss+xml; charset=utf-8", SHORT),
    (r"feeds\.opml|feeds/[a-z]+\.opml", "text/x-opml; charset=utf-8", SHORT),
    (r"sitemap\.xml", "application/xml; charset=utf-8", SHORT),
    (r"robots\.txt", "text/plain; charset=utf-8", SHORT),
    (r"theme/css/notes\.css", "text/css; charset=utf-8", SHORT),
    (r"theme/js/search\.js", "text/javascript; charset=utf-8", SHORT),
    (r"images/chart\.svg|theme/images/favicon\.svg", "image/svg+xml", SHORT),
    (r"theme/images/[a-z-]+\.png", "image/png", SHORT),
    (r"pagefind/\d{4}-(?:q\d|\d\d)/[a-z-]+\.js", "text/javascript; charset=utf-8", SHORT),
    (r"pagefind/\d{4}-(?:q\d|\d\d)/[a-z-]+\.css", "text/css; charset=utf-8", SHORT),
    (r"pagefind/\d{4}-(?:q\d|\d\d)/pagefind-entry\.json", "application/json", SHORT),
    (r"pagefind/\d{4}-(?:q\d|\d\d)/wasm\.[a-z-]+\.pagefind", "application/octet-stream", SHORT),
    (r"pagefind/\d{4}-(?:q\d|\d\d)/pagefind\.en-gb_[0-9a-f]+\.pf_meta", "application/octet-stream", IMMUTABLE),
    (r"pagefind/\d{4}-(?:q\d|\d\d)/(fragment|index|filter)/en-gb_[0-9a-f]+\.pf_(fragment|index|filter)",
     "application/octet-stream", IMMUTABLE),
]


def test_a_first_deploy_stores_every_file_with_its_type_cache_and_hash(published, s3_url, bucket):
    result = deploy(published, s3_url, "--to", f"s3://{bucket}/blog")
    assert result.exit_code == 0, result.output
    files = local_files(published)
    stored = remote(s3_url, bucket)
    assert stored.keys() == files.keys()
    used = set()
    for path, item in stored.items():
        kinds = [(pattern, kind, cache) for pattern, kind, cache in KINDS if re.fullmatch(pattern, path)]
        assert len(kinds) == 1, f"{path} matches {len(kinds)} kinds"
        pattern, kind, cache = kinds[0]
        used.add(pattern)
        assert (item["type"], item["cache"]) == (kind, cache), path
        assert item["body"] == files[path], path
        assert item["sha256"] == manifest.sha256_of(published / "output" / path)
    assert used == {pattern for pattern, _, _ in KINDS}, "a kind of file is missing from the site"
    size = sum(len(data) for data in files.values())
    assert re.fullmatch(rf"Deployed to s3://{bucket}/blog: uploaded {len(files)} files \({human_size(size)}\), "
                        r"0 unchanged, deleted 0, in \d+\.\d s\.", result.output.splitlines()[-1])
    assert uploaded(result.output) == files.keys()


def test_a_second_deploy_uploads_nothing(published, s3_url, bucket):
    assert deploy(published, s3_url, "--to", f"s3://{bucket}").exit_code == 0
    again = deploy(published, s3_url, "--to", f"s3://{bucket}")
    assert again.exit_code == 0, again.output
    assert again.output.startswith(f"Deployed to s3://{bucket}: uploaded 0 files (0 B), {len(local_files(published))} "
                                   "unchanged, deleted 0, in ")
    assert len(again.output.splitlines()) == 1


def test_a_dry_run_changes_nothing(published, s3_url, bucket):
    result = deploy(published, s3_url, "--to", f"s3://{bucket}/blog", "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    files = local_files(published)
    assert {line.split()[2] for line in lines[:-1]} == files.keys()
    # The order a real deploy would take. Everything is new to this bucket, so pages and feeds
    # go up together after the assets; only Pagefind's entry file, which names both, waits for them.
    phases = [line.rsplit(", ", 1)[1].rstrip(")") for line in lines[:-1]]
    assert list(dict.fromkeys(phases)) == ["assets", "new pages and feeds", "pages"]
    assert lines[0].startswith("would upload images/chart.svg (")
    assert re.match(r"would upload pagefind/\d{4}-(?:q\d|\d\d)/pagefind-entry.json \(", lines[-2])
    assert lines[-1].startswith(f"Dry run: would upload {len(files)} files (")
    assert lines[-1].endswith(", 0 unchanged, would delete 0; nothing was changed.")
    assert remote(s3_url, bucket) == {}


def test_editing_one_note_uploads_only_the_files_it_changes(own_site, s3_url, bucket):
    assert deploy(own_site, s3_url, "--to", f"s3://{bucket}/blog").exit_code == 0
    before = local_files(own_site)
    note = own_site / EDITED_NOTE
    note.write_text(note.read_text().replace("\n\n", "\n\nWe also moved the nightly export to the new cluster.\n\n", 1))
    assert run_in(own_site, "publish").exit_code == 0
    after = local_files(own_site)
    changed = {path for path, data in after.items() if before.get(path) != data}

    result = deploy(own_site, s3_url, "--to", f"s3://{bucket}/blog")
    assert result.exit_code == 0, result.output
    assert uploaded(result.output) == changed
    assert EDITED_PAGE in changed
    # The note's page, the pages and feeds that show its text, and Pagefind's rebuilt index; not the rest.
    assert "2026/11/20/why-we-publish-our-roadmap-in-the-open/index.html" not in changed
    assert "theme/css/notes.css" not in changed
    assert len(changed) < len(after) / 2
    stored = remote(s3_url, bucket)
    assert {path: item["body"] for path, item in stored.items() if path in after} == after


def test_a_removed_note_stays_without_delete_and_goes_with_it(own_site, s3_url, bucket):
    target = f"s3://{bucket}/blog"
    assert deploy(own_site, s3_url, "--to", target).exit_code == 0
    (own_site / EDITED_NOTE).unlink()
    assert run_in(own_site, "publish").exit_code == 0
    gone = sorted(set(remote(s3_url, bucket)) - set(local_files(own_site)))
    assert EDITED_PAGE in gone

    kept = deploy(own_site, s3_url, "--to", target)
    assert kept.exit_code == 0, kept.output
    assert kept.output.splitlines()[-1] == (
        f"{len(gone)} objects are no longer in the site and were kept; --delete removes them.")
    assert EDITED_PAGE in remote(s3_url, bucket)

    deleted = deploy(own_site, s3_url, "--to", target, "--delete")
    assert deleted.exit_code == 0, deleted.output
    assert [line for line in deleted.output.splitlines() if line.startswith("  deleted ")] == [
        f"  deleted {path}" for path in gone]
    assert set(remote(s3_url, bucket)) == set(local_files(own_site))


LINKING = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src", "source": "src"}


class _Links(HTMLParser):
    """The href of every a and link, and the src of every img, script, iframe and source."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links += [value for name, value in attrs if name == LINKING.get(tag) and value]


def unresolved(pages: dict[str, bytes], objects: set[str]) -> list[str]:
    """Links and sources in `pages` to this site that no object answers, as a reader's browser would find them."""
    broken = []
    for path, html in pages.items():
        parser = _Links()
        parser.feed(html.decode("utf-8"))
        for link in parser.links:
            address = urlsplit(urljoin(f"{SITE_URL}/{path}", link))
            if f"{address.scheme}://{address.netloc}" != SITE_URL:
                continue
            relative = unquote(address.path).lstrip("/")
            if relative not in objects and (relative.rstrip("/") + "/index.html").lstrip("/") not in objects:
                broken.append(f"{path}: {link}")
    return broken


def test_a_deploy_killed_after_any_phase_leaves_every_page_resolvable(tmp_path, s3_url):
    site = pinned_site(tmp_path / "site")
    assert run_in(site, "publish").exit_code == 0
    first = tmp_path / "first"
    shutil.copytree(site / "output", first)
    # The second version has a new post with a new tag and a new image, so new pages link to new files.
    write(site / "content/posts/2026-11-24-hiring.md", NEW_POST)
    write(site / "content/images/applications.svg", CHART)
    assert run_in(site, "publish").exit_code == 0
    s3 = client("s3", s3_url)

    for number, point in enumerate(DEPLOY_POINTS):
        bucket = f"notes-killed-{number}"
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
        assert deploy(site, s3_url, "--to", f"s3://{bucket}", "--output", str(first)).exit_code == 0
        kill_at(site, point, tmp_path, "deploy", "--to", f"s3://{bucket}", "--endpoint-url", s3_url, within=60)

        stored = remote(s3_url, bucket, prefix="")
        pages = {path: item["body"] for path, item in stored.items() if path.endswith(".html")}
        assert unresolved(pages, set(stored)) == [], f"broken links after a kill at {point}"
        # Each phase reached what it should, and nothing after it.
        assert "images/applications.svg" in stored
        assert (NEW_PAGE in stored) is (point != "deploy-assets")
        new_index = stored["index.html"]["body"] == (site / "output/index.html").read_bytes()
        assert new_index is (point in ("deploy-pages", "deploy-feeds"))
        new_feed = stored["feeds/all.atom.xml"]["body"] == (site / "output/feeds/all.atom.xml").read_bytes()
        assert new_feed is (point == "deploy-feeds")

    finished = deploy(site, s3_url, "--to", f"s3://{bucket}", "--delete")
    assert finished.exit_code == 0, finished.output
    assert {path: item["body"] for path, item in remote(s3_url, bucket, prefix="").items()} == local_files(site)


def test_invalidate_asks_cloudfront_for_the_changed_pages_and_feeds_only(own_site, s3_url, bucket):
    cloudfront = client("cloudfront", s3_url)
    distribution = cloudfront.create_distribution(DistributionConfig={
        "CallerReference": bucket, "Comment": "", "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{"Id": "site", "DomainName": f"{bucket}.s3.amazonaws.com",
                                               "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https",
                                 "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                                 "MinTTL": 0, "TrustedSigners": {"Enabled": False, "Quantity": 0}},
    })["Distribution"]["Id"]
    assert deploy(own_site, s3_url, "--to", f"s3://{bucket}").exit_code == 0
    before = local_files(own_site)
    note = own_site / EDITED_NOTE
    note.write_text(note.read_text() + "\nOne more thing we learned.\n")
    assert run_in(own_site, "publish").exit_code == 0
    changed = {path for path, data in local_files(own_site).items() if before.get(path) != data}

    result = deploy(own_site, s3_url, "--to", f"s3://{bucket}", "--invalidate", distribution)
    assert result.exit_code == 0, result.output
    listed = cloudfront.list_invalidations(DistributionId=distribution)["InvalidationList"]["Items"]
    assert len(listed) == 1
    paths = cloudfront.get_invalidation(DistributionId=distribution, Id=listed[0]["Id"])[
        "Invalidation"]["InvalidationBatch"]["Paths"]["Items"]
    expected = set()
    for path in changed:
        if path.endswith((".html", ".atom.xml", ".rss.xml", ".opml")):
            expected.add("/" + path)
            if path.endswith("index.html"):
                expected.add("/" + path.removesuffix("index.html"))
    assert set(paths) == expected
    assert f"/{EDITED_PAGE}" in paths and "/weeknotes/data-platform/2026-w46/" in paths
    assert not [p for p in paths if p.startswith("/pagefind/") or p in ("/sitemap.xml", "/theme/css/notes.css")]
    assert f"Invalidated {len(expected)} paths in CloudFront (invalidation {listed[0]['Id']}).\n" in result.output


def test_an_unknown_distribution_is_a_clear_error_after_the_upload(published, s3_url, bucket):
    result = deploy(published, s3_url, "--to", f"s3://{bucket}", "--invalidate", "E0NOSUCHDIST")
    assert (result.exit_code, result.output.splitlines()[-1]) == (2, (
        "notes: error: the files are deployed, but the CDN was not invalidated: "
        "there is no CloudFront distribution 'E0NOSUCHDIST'; check --invalidate"))


def test_an_unknown_bucket_is_a_clear_error(published, s3_url):
    result = deploy(published, s3_url, "--to", "s3://no-such-bucket/blog")
    assert (result.exit_code, result.output) == (2, (
        f"notes: error: there is no bucket 'no-such-bucket' at {s3_url}; check --to, --endpoint-url and --region\n"))


@pytest.fixture
def iam_auth(s3_url):
    """Make the server check credentials as AWS does (moto accepts any until asked), for one test."""

    def set_unchecked_requests(count: str) -> None:
        # Not a form: werkzeug would read a form's body as fields, and moto would see none.
        urllib.request.urlopen(urllib.request.Request(f"{s3_url}/moto-api/reset-auth", data=count.encode(),
                                                      headers={"Content-Type": "text/plain"}))

    set_unchecked_requests("0")
    try:
        yield
    finally:
        set_unchecked_requests("inf")


@pytest.fixture
def iam_user(s3_url) -> tuple[str, str]:
    """The access key ID and secret of a real user on the server, who has no permissions."""
    iam = client("iam", s3_url)
    name = f"deployer-{next(_buckets)}"
    iam.create_user(UserName=name)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


@pytest.mark.parametrize("case, message", [
    ("unknown key", ("refused the AWS credentials (InvalidAccessKeyId): check AWS_ACCESS_KEY_ID and "
                    "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE")),
    ("wrong secret", ("refused the AWS credentials (SignatureDoesNotMatch): check AWS_ACCESS_KEY_ID and "
                     "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE")),
    ("no permission", ("denied access (AccessDenied): the credentials need s3:ListBucket, s3:GetObject and "
                      "s3:PutObject on it (and s3:DeleteObject for --delete)")),
])
def test_wrong_credentials_are_a_clear_error(published, s3_url, bucket, iam_user, iam_auth, monkeypatch,
                                             case, message):
    key_id, secret = iam_user
    if case != "unknown key":
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", key_id)
    if case == "no permission":
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", secret)
    result = deploy(published, s3_url, "--to", f"s3://{bucket}/blog")
    assert (result.exit_code, result.output) == (2, f"notes: error: s3://{bucket}/blog at {s3_url} {message}\n")
    assert key_id not in result.output and secret not in result.output


def test_no_credentials_are_a_clear_error(published, s3_url, bucket, monkeypatch):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    result = deploy(published, s3_url, "--to", f"s3://{bucket}")
    assert (result.exit_code, result.output) == (2, (
        f"notes: error: no AWS credentials found for s3://{bucket} at {s3_url}: set AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run where a role provides them\n"))


def test_an_unreachable_endpoint_is_a_clear_error(published, monkeypatch):
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    result = deploy(published, "http://127.0.0.1:9", "--to", "s3://site")
    assert result.exit_code == 2
    assert result.output.startswith("notes: error: cannot connect to s3://site at http://127.0.0.1:9: "
                                    'Could not connect to the endpoint URL: "http://127.0.0.1:9/site?')


@pytest.mark.parametrize("damage, message", [
    (lambda out: (out / manifest.FILENAME).unlink(),
     ("output/ has no .notes-manifest.json, so it did not come from a successful notes publish; "
     "run notes publish first")),
    (lambda out: (out / "theme/css/notes.css").unlink(),
     ("output/theme/css/notes.css is in .notes-manifest.json but missing (1 missing in all): output/ is incomplete; "
     "run notes publish again")),
    (lambda out: write(out / "stray.html", "<p>hand made</p>"),
     ("output/stray.html is not in .notes-manifest.json: output/ was changed after notes publish; "
     "run notes publish again")),
    (lambda out: write(out / "index.html", (out / "index.html").read_text().replace("<main", "<main hidden")),
     ("output/index.html is not the file notes publish wrote (its sha256 differs): output/ was changed after "
     "notes publish; run notes publish again")),
])
def test_an_output_that_does_not_match_its_manifest_is_refused(own_site, s3_url, bucket, damage, message):
    damage(own_site / "output")
    result = deploy(own_site, s3_url, "--to", f"s3://{bucket}")
    assert (result.exit_code, result.output) == (2, f"notes: error: {message}\n")
    assert remote(s3_url, bucket, prefix="") == {}


def test_a_development_build_is_refused(tmp_path, s3_url, bucket):
    site = pinned_site(tmp_path / "site")
    assert run_in(site, "build", "--output", "development").exit_code == 0
    result = deploy(site, s3_url, "--to", f"s3://{bucket}", "--output", "development")
    assert (result.exit_code, result.output) == (2, (
        "notes: error: development/ was built with pelicanconf.py, not by notes publish, so it may hold drafts and "
        "development addresses; run notes publish, then deploy\n"))


def test_a_file_changed_after_the_check_stops_the_deploy_before_it_is_stored(own_site, s3_url, bucket):
    """A publish swapping in a new site mid-deploy must not leave objects whose stored hash is wrong."""
    deployment = Deployment(Request(own_site / "output", parse(f"s3://{bucket}"), s3_url))
    write(own_site / "output/theme/css/notes.css", "body { color: red }")
    with pytest.raises(manifest.ManifestError) as raised:
        deployment.apply(Lines())
    assert str(raised.value) == ("output/theme/css/notes.css changed after the deploy checked it (did a publish run?); "
                                 "run notes deploy again")
    assert "theme/css/notes.css" not in remote(s3_url, bucket, prefix="")
