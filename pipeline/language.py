"""Month and day names in the site's language, never the build machine's.

Pelican sets the process locale from its LOCALE setting, which by default is
the machine's own (LANG), and every date in the templates, in the cadence
pages and in notes' own messages is written by strftime, which follows it:
under LANG=de_DE.UTF-8 a build wrote "Freitag 4 Dezember 2026". So once
Pelican has set its locale, the time category is set again from the site's
DEFAULT_LANG. English sites use the C locale, whose names are English and
which every machine has; another language needs its locale installed, and a
build without it stops with a clear error instead of writing English or
German by accident. A LOCALE set in the settings file is the site's own
choice and is kept.
"""

from __future__ import annotations

import locale

from pipeline.errors import ConfigError


def use_site_language(settings: dict) -> None:
    """Set LC_TIME for the site's DEFAULT_LANG, unless the settings give a LOCALE of their own."""
    if any(settings.get("LOCALE") or ()):  # Pelican's default, [""], means "the machine's"
        return
    language, _, region = str(settings.get("DEFAULT_LANG") or "en").replace("-", "_").partition("_")
    if language.lower() == "en":
        locale.setlocale(locale.LC_TIME, "C")
        return
    name = f"{language.lower()}_{(region or language).upper()}"
    for candidate in (f"{name}.UTF-8", f"{name}.utf8", name):
        try:
            locale.setlocale(locale.LC_TIME, candidate)
            return
        except locale.Error:
            continue
    raise ConfigError(f"DEFAULT_LANG is {settings.get('DEFAULT_LANG')!r}, but this machine has no {name}.UTF-8 "
                      f"locale for its month and day names: install it (on Debian: locale-gen {name}.UTF-8), "
                      "or set LOCALE in the settings")
