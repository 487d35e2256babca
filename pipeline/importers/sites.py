"""The site a source belongs to: its generator's settings file, read for what an import needs.

A note file alone does not say where its site kept images, which permalink
pattern gave its address, or (for Pelican) where its date was. The site's
own settings do, as each generator reads them:

    pelicanconf.py (and publishconf.py)    PATH, ARTICLE_URL, FILENAME_METADATA, STATIC_PATHS, SITEURL, AUTHOR…
    _config.yml                            permalink, url, baseurl, timezone, defaults, collections, author
    hugo.toml, config.toml (or .yaml)      baseURL, permalinks, timeZone, contentDir, staticDir, uglyURLs
    eleventy.config.js, .eleventy.js       the input folder and passthrough copies (read, never run);
                                           directory data files are read note by note (frontmatter.py)
    _config.ts, _config.js (Lume)          src and location (read, never run); _data files note by note

Settings files are looked for in the source's folder and the folders above
it, up to (not including) the notes site's own folder. Python settings are
read without running them: only assignments of plain values count. Whatever
is read, and every fallback to the generator's defaults, is said in the
report.
"""

from __future__ import annotations

import ast
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from pipeline.content.frontmatter import MAX_BYTES
from pipeline.content.loader import display_path
from pipeline.importers.text import expanded_size

SETTINGS_FILES = {
    "pelican": ("pelicanconf.py",),
    "jekyll": ("_config.yml", "_config.yaml"),
    "hugo": ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config/_default/hugo.toml",
             "config/_default/config.toml", "config.toml", "config.yaml", "config.yml"),
    "eleventy": ("eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", ".eleventy.js"),
    "lume": ("_config.ts", "_config.js"),
}
# Pelican's defaults for what an import reads (pelican/settings.py, 4.12).
PELICAN_DEFAULTS = {
    "PATH": ".", "ARTICLE_URL": "{slug}.html", "FILENAME_METADATA": r"(?P<date>\d{4}-\d{2}-\d{2}).*",
    "PATH_METADATA": "", "SLUGIFY_SOURCE": "title", "STATIC_PATHS": ["images"], "SITEURL": "", "AUTHOR": "",
}
ELEVENTY_INPUT = re.compile(r"\binput\s*:\s*[\"']([^\"']+)[\"']")
# addPassthroughCopy("img"), addPassthroughCopy({ "public": "/" }), addPassthroughCopy({ "src/assets": "assets" })
PASSTHROUGH = re.compile(r"addPassthroughCopy\(\s*(?:[\"']([^\"'*]+)[\"']|\{\s*[\"']?([^\"':]+)[\"']?\s*:\s*[\"']([^\"']*)[\"'])")
LUME_SRC = re.compile(r"\bsrc\s*:\s*[\"']([^\"']+)[\"']")
LUME_LOCATION = re.compile(r"\blocation\s*:\s*new\s+URL\(\s*[\"']([^\"']+)[\"']")


@dataclass
class SourceSite:
    """One source site: where it is, what its settings say, and what the report should say about them."""

    kind: str
    root: Path  # the site's folder: where its settings file is, else the folder the source is in
    settings_file: Path | None = None
    content: Path | None = None  # where its notes live (Pelican's PATH, Hugo's contentDir, Eleventy's input)
    static: list[tuple[Path, str]] = field(default_factory=list)  # folders published as they are, and where
    hosts: set[str] = field(default_factory=set)  # the site's own host names, from its address
    base_path: str = ""  # the path it was served under: '' or '/blog'
    values: dict = field(default_factory=dict)  # the settings read, by the generator's own names
    said: list[str] = field(default_factory=list)

    def address(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.hostname:
            self.hosts.add(parts.hostname.lower())
        if parts.path.strip("/") and not self.base_path:
            self.base_path = "/" + parts.path.strip("/")


# Without a settings file, the site is the folder above the one a generator keeps its notes in.
NOTES_FOLDERS = {"jekyll": ("_posts", "_drafts"), "hugo": ("content",), "pelican": ("content",)}


def find(start: Path, kind: str, stop: Path | None, fallback: Path | None = None) -> tuple[Path, Path | None]:
    """The folder of the nearest settings file of `kind` at or above `start`, and the file; else the site's
    folder by its layout (the folder above _posts/, content/), else `fallback` (the source), and None."""
    folder = (start if start.is_dir() else start.parent).resolve()
    for candidate in (folder, *folder.parents):
        if stop is not None and (candidate == stop or candidate in stop.parents):
            break
        for name in SETTINGS_FILES.get(kind, ()):
            if (candidate / name).is_file() and _is_theirs(kind, candidate, name):
                return candidate, candidate / name
    names = NOTES_FOLDERS.get(kind, ())
    laid_out = next((p.parent for p in (folder, *folder.parents) if p.name in names), None)
    return laid_out or (fallback.resolve() if fallback else folder), None


def kind_of(start: Path, stop: Path | None) -> str | None:
    """The generator whose settings file is nearest at or above `start`, for --from auto."""
    folder = (start if start.is_dir() else start.parent).resolve()
    for candidate in (folder, *folder.parents):
        if stop is not None and (candidate == stop or candidate in stop.parents):
            return None
        for kind, names in SETTINGS_FILES.items():
            if any((candidate / name).is_file() and _is_theirs(kind, candidate, name) for name in names):
                return kind
    return None


def _is_theirs(kind: str, folder: Path, name: str) -> bool:
    """config.toml and _config.ts are common names: Hugo's has a content folder, Lume's imports Lume."""
    if kind == "hugo" and name.startswith("config."):
        return (folder / "content").is_dir() or (folder / "archetypes").is_dir()
    if kind == "lume":
        return "lume" in _small_text(folder / name)
    return True


def load(start: Path, kind: str, stop: Path | None, fallback: Path | None = None) -> SourceSite:
    root, settings_file = find(start, kind, stop, fallback)
    site = SourceSite(kind, root, settings_file, content=root)
    where = display_path(settings_file) if settings_file else None
    if kind in READERS:
        if settings_file is None:
            site.said.append(f"{kind.capitalize()} site {display_path(root)}: no {SETTINGS_FILES[kind][0]} found, "
                             f"so {kind.capitalize()}'s defaults are used")
        READERS[kind](site)
        if where and not any(line.startswith(where) for line in site.said):
            site.said.append(f"{where}: read")
    else:
        site.static.append((root, "/"))
    return site


def _pelican(site: SourceSite) -> None:
    values = dict(PELICAN_DEFAULTS)
    read: list[str] = []
    for name in ("pelicanconf.py", "publishconf.py"):  # publishconf.py overrides, as in production
        path = site.root / name
        if path.is_file() and site.settings_file is not None:
            found, skipped = python_settings(path)
            values.update({k: v for k, v in found.items() if k in PELICAN_DEFAULTS or k in ("TIMEZONE", "DEFAULT_DATE")})
            read += [k for k in found if k in PELICAN_DEFAULTS]
            if skipped & PELICAN_DEFAULTS.keys():
                site.said.append(f"{display_path(path)}: {', '.join(sorted(skipped & PELICAN_DEFAULTS.keys()))} "
                                 "computed by code notes does not run: Pelican's defaults used")
    site.values = values
    if site.settings_file:
        site.content = (site.root / str(values["PATH"])).resolve()
    elif (site.root / "content").is_dir():  # pelican-quickstart's layout
        site.content = site.root / "content"
    site.static = [(site.content, "/")]
    site.address(str(values["SITEURL"]))
    if site.settings_file:
        site.said.append(f"{display_path(site.settings_file)}: {', '.join(sorted(set(read))) or 'no settings notes uses'}"
                         + ("" if "FILENAME_METADATA" in read else "; dates from file names as Pelican's default "
                            "FILENAME_METADATA finds them"))


def _jekyll(site: SourceSite) -> None:
    values = _yaml_settings(site) if site.settings_file else {}
    if isinstance(values.get("collections"), list):  # collections: [weeknotes] names them with no settings
        values["collections"] = {str(name): {} for name in values["collections"]}
    site.values = values
    site.static = [(site.root, "/")]
    site.address(str(values.get("url") or ""))
    baseurl = str(values.get("baseurl") or "").strip("/")
    if baseurl:  # Jekyll's url is the host; baseurl the path the site is served under
        site.base_path = f"/{baseurl}"
    if site.settings_file:
        said = [k for k in ("permalink", "url", "baseurl", "timezone", "defaults", "collections", "author") if k in values]
        site.said.append(f"{display_path(site.settings_file)}: {', '.join(said) or 'nothing notes uses'}"
                         + ("" if "permalink" in values else "; Jekyll's default permalink, date"))


def _hugo(site: SourceSite) -> None:
    values: dict = {}
    if site.settings_file:
        values = _yaml_settings(site) if site.settings_file.suffix in (".yaml", ".yml") else _toml_settings(site)
    values = {str(k).lower(): v for k, v in values.items()}  # Hugo's keys are case-insensitive
    site.values = values
    site.content = site.root / str(values.get("contentdir") or "content")
    static = values.get("staticdir") or "static"
    site.static = [(site.root / str(s), "/") for s in (static if isinstance(static, list) else [static])]
    site.address(str(values.get("baseurl") or ""))
    if site.settings_file:
        said = [k for k in ("baseurl", "permalinks", "timezone", "contentdir", "staticdir", "uglyurls") if k in values]
        site.said.append(f"{display_path(site.settings_file)}: {', '.join(said) or 'nothing notes uses'}"
                         + ("" if "permalinks" in values else "; Hugo's default addresses, /<section>/<slug>/"))


def _eleventy(site: SourceSite) -> None:
    code = _small_text(site.settings_file) if site.settings_file else ""
    match = ELEVENTY_INPUT.search(code)
    site.content = site.root / match[1] if match else site.root
    copies = [(m[1] or m[2], m[3] if m[2] else m[1]) for m in PASSTHROUGH.finditer(code)]
    site.static = [(site.root / src.strip("./"), "/" + dest.strip("/")) for src, dest in copies] or [(site.content, "/")]
    site.static.append((site.content, "/"))  # files beside the notes are copied by most Eleventy sites' globs
    metadata = _json_settings(site, site.content / "_data" / "metadata.json") or _json_settings(
        site, site.root / "_data" / "metadata.json")
    site.values = {"metadata": metadata}
    site.address(str(metadata.get("url") or ""))
    if site.settings_file:
        site.said.append(f"{display_path(site.settings_file)}: input {display_path(site.content)}, "
                         f"{len(copies)} passthrough {'copy' if len(copies) == 1 else 'copies'} (read, not run)")


def _lume(site: SourceSite) -> None:
    code = _small_text(site.settings_file) if site.settings_file else ""
    src = LUME_SRC.search(code)
    site.content = (site.root / src[1]).resolve() if src else site.root
    site.static = [(site.content, "/")]
    location = LUME_LOCATION.search(code)
    site.values = {"prettyUrls": "prettyUrls: false" not in code}
    if location:
        site.address(location[1])
    if site.settings_file:
        site.said.append(f"{display_path(site.settings_file)}: src {display_path(site.content)}"
                         + (f", location {location[1]}" if location else "") + " (read, not run)")


READERS = {"pelican": _pelican, "jekyll": _jekyll, "hugo": _hugo, "eleventy": _eleventy, "lume": _lume}


def python_settings(path: Path) -> tuple[dict, set[str]]:
    """The upper-case names a Python settings file assigns plain values to, without running it; and those it computes."""
    try:
        tree = ast.parse(_small_text(path))
    except (SyntaxError, ValueError):
        return {}, set()
    values: dict = {}
    computed: set[str] = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if (
            isinstance(node, ast.AnnAssign) and node.value is not None) else []
        names = [t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper()]
        if not names:
            continue
        try:
            value = _literal(node.value, values)
        except ValueError:
            computed.update(names)
            continue
        values.update(dict.fromkeys(names, value))
        computed.difference_update(names)
    return values, computed


def _literal(node: ast.AST, known: dict):
    """A plain value: constants, containers of them, names assigned before, and + between them."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name) and node.id in known:
        return known[node.id]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [_literal(item, known) for item in node.elts]
    if isinstance(node, ast.Dict) and None not in node.keys:
        return {_literal(k, known): _literal(v, known) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left, known), _literal(node.right, known)
        if type(left) is type(right) and isinstance(left, (str, list)):
            return left + right
    raise ValueError(ast.dump(node)[:40])


def _yaml_settings(site: SourceSite) -> dict:
    try:
        values = yaml.safe_load(_small_text(site.settings_file))
    except yaml.YAMLError as err:
        site.said.append(f"{display_path(site.settings_file)}: not valid YAML ({str(err).splitlines()[0]}); "
                         "the generator's defaults are used")
        return {}
    return _checked(site, site.settings_file, values)


def _toml_settings(site: SourceSite) -> dict:
    try:
        return tomllib.loads(_small_text(site.settings_file))
    except tomllib.TOMLDecodeError as err:
        site.said.append(f"{display_path(site.settings_file)}: not valid TOML ({err}); Hugo's defaults are used")
        return {}


def _json_settings(site: SourceSite, path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        return _checked(site, path, json.loads(_small_text(path)))
    except json.JSONDecodeError:
        site.said.append(f"{display_path(path)}: not valid JSON; not used")
        return {}


def data_file(path: Path) -> dict:
    """An Eleventy or Lume data file (JSON or YAML) as a mapping; {} for one that cannot be read."""
    try:
        text = _small_text(path)
        values = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError):
        return {}
    return values if isinstance(values, dict) and expanded_size(values) <= MAX_BYTES else {}


def _checked(site: SourceSite, path: Path, values) -> dict:
    if not isinstance(values, dict):
        return {}
    if expanded_size(values) > MAX_BYTES:
        site.said.append(f"{display_path(path)}: its YAML aliases expand to more than 4 MB; not used")
        return {}
    return values


def _small_text(path: Path | None) -> str:
    """A settings file's text, no more than a note may be."""
    if path is None:
        return ""
    try:
        with path.open("rb") as file:
            return file.read(MAX_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""
