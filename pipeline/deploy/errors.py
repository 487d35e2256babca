"""botocore's errors as one clear line each, exit code 2, and never a credential.

Messages name the AWS error code and what to check, but never echo the
service's own text for credential errors: some services put the access key
ID or the string that was signed in it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    NoCredentialsError,
    NoRegionError,
    PartialCredentialsError,
)
from botocore.exceptions import (
    ConnectionError as BotoConnectionError,
)

from pipeline.errors import ExitCode, NotesError

CREDENTIALS = "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE"
REFUSED_CREDENTIALS = {"InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidClientTokenId", "InvalidToken",
                       "ExpiredToken", "TokenRefreshRequired", "UnrecognizedClientException"}
DENIED = {"AccessDenied", "AccessDeniedException", "AllAccessDisabled", "403"}


class DeployError(NotesError):
    """The storage service or the CDN could not be used as asked."""

    exit_code = ExitCode.USAGE


@contextmanager
def translated(where: str, known: Mapping[str, str], denied_hint: str) -> Iterator[None]:
    """Raise DeployError for any botocore error inside.

    `where` names the service ("s3://site at http://127.0.0.1:9000"), `known` maps
    error codes to whole messages, and `denied_hint` says which permissions are needed.
    """
    try:
        yield
    except (NoCredentialsError, PartialCredentialsError):
        raise DeployError(f"no AWS credentials found for {where}: set {CREDENTIALS}, "
                          "or run where a role provides them") from None
    except NoRegionError:
        raise DeployError(f"no AWS region for {where}: pass --region or set AWS_DEFAULT_REGION") from None
    except ClientError as err:
        error = err.response.get("Error", {})
        code = str(error.get("Code", ""))
        if code in known:
            raise DeployError(known[code]) from None
        if code in REFUSED_CREDENTIALS:
            raise DeployError(f"{where} refused the AWS credentials ({code}): check {CREDENTIALS}") from None
        if code in DENIED:
            raise DeployError(f"{where} denied access ({code}): {denied_hint}") from None
        message = error.get("Message") or err.response.get("ResponseMetadata", {}).get("HTTPStatusCode", "")
        raise DeployError(f"{where} refused a request ({code}: {message})") from None
    except BotoConnectionError as err:
        raise DeployError(f"cannot connect to {where}: {err}") from None
    except BotoCoreError as err:
        raise DeployError(f"{where}: {err}") from None
