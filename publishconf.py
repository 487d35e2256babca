"""Pelican settings for publishing (`notes publish`): pelicanconf.py plus these."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402, F403

SITEURL = "https://blog.example.gov.uk"
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL

# Drafts and scheduled notes are not written to the published site at all.
DRAFT_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_URL = ""
