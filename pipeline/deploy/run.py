"""One deploy: check the site against its manifest, compare it with the bucket, then
upload phase by phase (plan.py), delete, and invalidate the CDN.

Nothing is sent anywhere until the folder has passed its manifest check, and
nothing is changed in the bucket until the whole plan is known.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pipeline import manifest
from pipeline.deploy import invalidate
from pipeline.deploy.errors import DeployError
from pipeline.deploy.plan import PHASES, Plan, Upload, make_plan
from pipeline.deploy.s3 import Bucket
from pipeline.deploy.target import Target

class Reporter(Protocol):
    def phase(self, name: str, files: int, size: int) -> None: ...
    def uploaded(self, upload: Upload) -> None: ...
    def deleted(self, path: str) -> None: ...


@dataclass(frozen=True)
class Request:
    site: Path
    target: Target
    endpoint_url: str | None = None
    region: str | None = None
    delete: bool = False
    distribution: str | None = None  # a CloudFront distribution to invalidate


@dataclass(frozen=True)
class Result:
    plan: Plan
    seconds: float
    invalidated: tuple[str, ...] = ()
    invalidation: str | None = None


class Deployment:
    """The plan for one request; `apply` carries it out."""

    def __init__(self, request: Request):
        self.request = request
        self._started = time.monotonic()
        built = manifest.verified(request.site)
        if not built.published:
            raise manifest.ManifestError(
                f"{request.site.name}/ was built with {built.settings}, not by notes publish, so it may hold drafts "
                "and development addresses; run notes publish, then deploy")
        self._bucket = Bucket(request.target, request.endpoint_url, request.region)
        with self._bucket.errors():
            remote = self._bucket.stored_hashes({path: entry.size for path, entry in built.files.items()})
        self.plan = make_plan(built.files, remote, delete=request.delete)

    @property
    def invalidated(self) -> list[str]:
        return invalidate.paths(self.plan) if self.request.distribution else []

    def apply(self, reporter: Reporter) -> Result:
        plan = self.plan
        with self._bucket.errors():
            for phase in PHASES:
                uploads = plan.phase(phase)
                if uploads:
                    reporter.phase(phase, len(uploads), sum(upload.size for upload in uploads))
                    self._bucket.upload_phase(self.request.site, uploads, reporter.uploaded)
            if plan.deletions:
                reporter.phase("delete", len(plan.deletions), 0)
                self._bucket.delete(list(plan.deletions), reporter.deleted)
        changed = self.invalidated
        invalidation = None
        if changed:
            try:
                invalidation = invalidate.invalidate(self.request.distribution, changed)
            except DeployError as err:
                raise DeployError(f"the files are deployed, but the CDN was not invalidated: {err}") from None
        return Result(plan, time.monotonic() - self._started, tuple(changed), invalidation)
