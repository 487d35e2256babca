"""Where a deploy goes: `s3://BUCKET[/PREFIX]`, checked before anything is sent."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# S3's bucket naming rules: 3 to 63 lower-case letters, digits, dots and hyphens,
# starting and ending with a letter or digit. S3-compatible stores follow them too.
BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
EXAMPLE = "s3://my-bucket or s3://my-bucket/blog"


@dataclass(frozen=True)
class Target:
    bucket: str
    prefix: str  # "" or a path without leading or trailing slashes, like "blog" or "sites/blog"

    def key(self, relative: str) -> str:
        """The object key for a site file's relative path."""
        return f"{self.prefix}/{relative}" if self.prefix else relative

    @property
    def list_prefix(self) -> str:
        """What every key of this site starts with ("blog/", so that "blog2/" is not ours)."""
        return f"{self.prefix}/" if self.prefix else ""

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}" if self.prefix else f"s3://{self.bucket}"


def parse(value: str) -> Target:
    """The target named by `value`; ValueError with what to write instead when it is not one."""
    parts = urlsplit(value)
    if parts.scheme != "s3":
        raise ValueError(f"'{value}' is not an s3:// address; write it like {EXAMPLE}")
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise ValueError(f"'{value}' has a query or fragment; write it like {EXAMPLE}")
    if not BUCKET.fullmatch(parts.netloc):
        raise ValueError(f"'{parts.netloc}' is not a bucket name: use 3 to 63 lower-case letters, digits, "
                         f"dots and hyphens; write it like {EXAMPLE}")
    prefix = parts.path.strip("/")
    segments = prefix.split("/") if prefix else []
    if any(segment in ("", ".", "..") for segment in segments):
        raise ValueError(f"'{parts.path}' is not a usable prefix: no empty, '.' or '..' parts; "
                         f"write it like {EXAMPLE}")
    return Target(parts.netloc, prefix)
