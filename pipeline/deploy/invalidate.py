"""A CloudFront invalidation for the pages and feeds a deploy changed.

Only HTML and feeds are invalidated: Pagefind's hashed files get new names
when they change, and every other file is cached for five minutes
(headers.py), so paying for their invalidation would buy little. Paths are
the site's own URL paths, as readers request them: with a prefix, the
distribution's origin path is expected to be that prefix, since the site's
links start at the domain's root.
"""

from __future__ import annotations

import time
from urllib.parse import quote

import boto3

from pipeline.deploy.errors import translated
from pipeline.deploy.plan import Plan

INVALIDATED = (".html", ".atom.xml", ".rss.xml", ".opml")
INDEX = "index.html"
# CloudFront works on at most 3,000 paths at once for a distribution; past that one
# wildcard, which counts as a single path, is both allowed and cheaper.
MAX_PATHS = 3000
EVERYTHING = "/*"


def paths(plan: Plan) -> list[str]:
    """The URL paths of the changed (uploaded or deleted) pages and feeds; a folder's
    index page both as /path/ and /path/index.html, since readers reach it by either."""
    changed = [upload.path for upload in plan.uploads] + list(plan.deletions)
    found = set()
    for path in changed:
        if not path.endswith(INVALIDATED):
            continue
        found.add("/" + quote(path))
        if path == INDEX or path.endswith("/" + INDEX):
            found.add("/" + quote(path[:-len(INDEX)]))
    return sorted(found)


def invalidate(distribution: str, changed: list[str]) -> str:
    """Ask CloudFront to drop `changed` from its caches; returns the invalidation's ID."""
    items = changed if len(changed) <= MAX_PATHS else [EVERYTHING]
    known = {"NoSuchDistribution": f"there is no CloudFront distribution '{distribution}'; check --invalidate"}
    with translated("CloudFront", known, "the credentials need cloudfront:CreateInvalidation on the distribution"):
        client = boto3.session.Session().client("cloudfront")
        answer = client.create_invalidation(DistributionId=distribution, InvalidationBatch={
            "Paths": {"Quantity": len(items), "Items": items},
            "CallerReference": f"notes-deploy-{time.time_ns()}",  # unique: each deploy is a new request
        })
    return answer["Invalidation"]["Id"]
