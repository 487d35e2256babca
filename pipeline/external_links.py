"""`notes links --external`: links to other sites, fetched on request, never during a build.

A build runs without a network, and another site's answer changes without
any change here, so these links are not part of the checks that block
publishing. On request, each address is fetched once however many notes
link to it, a few at a time, each with a time limit, and every note that
links to one that fails is named with the line and column of the link.
"""

from __future__ import annotations

import socket
import ssl
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from pipeline.findings import Example, Finding, Level, Rule

WORKERS = 8  # at once: enough to hide the network's wait, few enough not to look like an attack on one host
USER_AGENT = "notes-link-checker (checks the links a blog cites, once each, on request)"
# Some servers refuse HEAD, or answer it wrongly: GET is asked before calling a link broken.
RETRY_WITH_GET = {403, 404, 405, 501}


RULE = Rule(
    "L102", "unreachable-link", Level.ERROR,
    "A link to another site that does not answer with a page: gone (404), refused, or too slow. Checked only by "
    "notes links --external.",
    "Readers who follow a citation to a page that has gone lose the evidence the note relies on; sites move "
    "their pages without telling the ones that link to them.",
    "docs/rules.md#l102",
    (Example("posts/2026-11-27-hiring.md", "---\ntitle: How we hire\n---\nSee [the old guidance](https://www.example.gov.uk/removed-page).\n",
             shown="See [the old guidance](https://www.example.gov.uk/removed-page)."),),
    (Example("posts/2026-11-27-hiring.md", "---\ntitle: How we hire\n---\nSee [the Service Standard](https://www.gov.uk/service-manual/service-standard).\n",
             shown="See [the Service Standard](https://www.gov.uk/service-manual/service-standard)."),),
)


@dataclass(frozen=True)
class Place:
    source: str
    line: int
    col: int


def collect(targets: Iterable) -> dict[str, list[Place]]:
    """Every http(s) address linked from these lint targets (pipeline/lint/engine.py), with where it stands."""
    from pipeline.lint.markdown import parse  # the one Markdown parse lint uses: code, comments and HTML as the renderer reads them

    found: dict[str, list[Place]] = defaultdict(list)
    for target in targets:
        parsed = parse(target.text, target.doc.body_offset if target.doc else 0)
        for _, address, start in parsed.addresses():
            address = address.strip()
            if address.lower().startswith(("http://", "https://")):
                found[address].append(Place(target.source, *parsed.position(start)))
    return dict(found)


def check(addresses: dict[str, list[Place]], timeout: float, progress=None) -> list[Finding]:
    """An L102 finding at every place that links to an address that does not answer with a page."""
    findings = []
    with ThreadPoolExecutor(WORKERS) as pool:
        for done, (address, problem) in enumerate(zip(addresses, pool.map(lambda a: fetch(a, timeout), addresses)), 1):
            if progress:
                progress(done, len(addresses))
            if problem:
                findings += [Finding(p.source, p.line, p.col, "L102", f"link '{address}' {problem}", Level.ERROR)
                             for p in addresses[address]]
    return sorted(findings)


def fetch(address: str, timeout: float) -> str | None:
    """What is wrong with fetching `address`, or None when it answers with a page (after redirects)."""
    status = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(address, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as err:
            status = err
            if err.code not in RETRY_WITH_GET:
                break
        except (TimeoutError, socket.timeout):
            return f"did not answer within {timeout:g} s"
        except urllib.error.URLError as err:
            if isinstance(err.reason, (TimeoutError, socket.timeout)):
                return f"did not answer within {timeout:g} s"
            if isinstance(err.reason, ssl.SSLError):
                return f"has a certificate problem ({err.reason.reason or err.reason})"
            return f"could not be reached ({err.reason})"
        except (ValueError, OSError) as err:
            return f"could not be fetched ({err})"
    return f"answered {status.code} {status.reason}"
