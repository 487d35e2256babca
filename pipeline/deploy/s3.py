"""The bucket: list what is there, read stored hashes, upload a phase in parallel, delete.

boto3 finds credentials the standard way (environment, AWS_PROFILE and
~/.aws, SSO, a CI's web identity, an instance or task role); notes never
reads, prints or logs them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from pipeline.deploy import headers
from pipeline.deploy.errors import translated
from pipeline.deploy.plan import Upload
from pipeline.deploy.target import Target
from pipeline.manifest import ManifestError

WORKERS = 16
HASH_KEY = "sha256"  # stored as x-amz-meta-sha256
DELETE_BATCH = 1000  # the most keys one DeleteObjects request takes


class Bucket:
    def __init__(self, target: Target, endpoint_url: str | None = None, region: str | None = None,
                 workers: int = WORKERS):
        self.target = target
        self.service = endpoint_url or "AWS S3"
        self.where = f"{target} at {endpoint_url}" if endpoint_url else str(target)
        self.workers = workers
        # Retries follow the AWS configuration (AWS_RETRY_MODE, AWS_MAX_ATTEMPTS), like every AWS tool.
        options: dict = {"max_pool_connections": workers}
        if endpoint_url:
            # boto3 1.36+ sends CRC32 checksums as aws-chunked trailers by default, which several
            # S3-compatible stores reject; send a checksum only where the API requires one.
            options |= {"request_checksum_calculation": "when_required",
                        "response_checksum_validation": "when_required"}
        with self.errors():
            self._client = boto3.session.Session(region_name=region).client(
                "s3", endpoint_url=endpoint_url, config=Config(**options))

    @contextmanager
    def errors(self) -> Iterator[None]:
        missing = (f"there is no bucket '{self.target.bucket}' at {self.service}; "
                   "check --to, --endpoint-url and --region")
        with translated(self.where, {"NoSuchBucket": missing},
                        "the credentials need s3:ListBucket, s3:GetObject and s3:PutObject on it "
                        "(and s3:DeleteObject for --delete)"):
            yield

    def stored_hashes(self, sizes: dict[str, int]) -> dict[str, str | None]:
        """Every object under the prefix (relative path -> its stored sha256, None if unknown).

        Only objects of the same size as the local file are asked for their hash:
        a different size already means different bytes.
        """
        listing = self._list()
        hashes: dict[str, str | None] = dict.fromkeys(listing)
        same_size = [path for path, size in listing.items() if sizes.get(path) == size]
        with ThreadPoolExecutor(self.workers) as pool:
            hashes.update(zip(same_size, pool.map(self._stored_hash, same_size), strict=True))
        return hashes

    def upload_phase(self, site: Path, uploads: Iterable[Upload], done: Callable[[Upload], None]) -> None:
        """Upload these files in parallel; return when every one is stored, or raise on the first failure."""
        with ThreadPoolExecutor(self.workers) as pool:
            futures = {pool.submit(self._upload, site, upload): upload for upload in uploads}
            try:
                for future in as_completed(futures):
                    future.result()
                    done(futures[future])
            except BaseException:
                pool.shutdown(cancel_futures=True)  # start no more; the next phase never starts
                raise

    def delete(self, paths: list[str], done: Callable[[str], None]) -> None:
        for start in range(0, len(paths), DELETE_BATCH):
            batch = paths[start:start + DELETE_BATCH]
            answer = self._client.delete_objects(Bucket=self.target.bucket, Delete={
                "Objects": [{"Key": self.target.key(path)} for path in batch], "Quiet": True})
            failed = answer.get("Errors", [])
            if failed:  # reported like any refused request (errors.py), by its first key's error code
                first = failed[0]
                raise ClientError({"Error": {"Code": first.get("Code", ""), "Message":
                                             f"{first.get('Key')}: {first.get('Message', '')}"}}, "DeleteObjects")
            for path in batch:
                done(path)

    def _list(self) -> dict[str, int]:
        prefix = self.target.list_prefix
        found = {}
        for page in self._client.get_paginator("list_objects_v2").paginate(Bucket=self.target.bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                relative = item["Key"][len(prefix):]
                if relative and not relative.endswith("/"):  # skip "folder" marker objects some tools make
                    found[relative] = item["Size"]
        return found

    def _stored_hash(self, path: str) -> str | None:
        try:
            answer = self._client.head_object(Bucket=self.target.bucket, Key=self.target.key(path))
        except ClientError as err:
            if err.response.get("Error", {}).get("Code") in ("404", "NoSuchKey"):
                return None  # deleted since the listing: upload it again
            raise
        return answer.get("Metadata", {}).get(HASH_KEY)

    def _upload(self, site: Path, upload: Upload) -> None:
        try:
            data = (site / upload.path).read_bytes()
        except FileNotFoundError:
            data = None
        # The stored hash must describe the stored bytes: a publish that swapped in a
        # new site since the manifest was checked stops the deploy here.
        if data is None or hashlib.sha256(data).hexdigest() != upload.sha256:
            raise ManifestError(f"{site.name}/{upload.path} changed after the deploy checked it "
                                "(did a publish run?); run notes deploy again")
        self._client.put_object(Bucket=self.target.bucket, Key=self.target.key(upload.path), Body=data,
                                ContentType=headers.content_type(upload.path),
                                CacheControl=headers.cache_control(upload.path),
                                Metadata={HASH_KEY: upload.sha256})
