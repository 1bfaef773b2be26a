"""The column tree of both sites as defined in public.toml and intranet.toml.

The files are the single definition of the 41 columns and 372 sub-columns; `build_columns`
makes the page tree match them. Order in a file is menu order."""

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

TAXONOMY_DIR = Path(__file__).resolve().parent
SITE_FILES = {"public": "public.toml", "intranet": "intranet.toml"}
KINDS = {"list", "single", "link", "directory", "app", "leaders", "catalogue"}
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RESERVED_SLUGS = {
    "admin", "search", "static", "media", "documents", "rss", "sitemap", "sitemap-xml", "robots",
    "captcha", "accounts", "login", "logout", "api",
}


class TaxonomyError(ValueError):
    pass


@dataclass(frozen=True)
class SubColumnDef:
    slug: str
    title: str
    kind: str
    description: str = ""
    dept: str = ""
    url: str = ""
    target: str = ""
    app: str = ""
    contact: str = ""
    show_in_nav: bool = True
    order: int = 0


@dataclass(frozen=True)
class ColumnDef:
    slug: str
    title: str
    description: str = ""
    keywords: str = ""
    show_in_nav: bool = True
    order: int = 0
    subs: tuple = field(default_factory=tuple)


@dataclass(frozen=True)
class SiteTaxonomy:
    site: str
    columns: tuple

    @property
    def sub_count(self):
        return sum(len(c.subs) for c in self.columns)


def _check_slug(slug, where):
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        raise TaxonomyError(f"{where}: slug {slug!r} must be lowercase ASCII letters, digits and hyphens")


def _sub_from_dict(data, order, where):
    allowed = {"slug", "title", "kind", "description", "dept", "url", "target", "app", "contact", "show_in_nav"}
    unknown = set(data) - allowed
    if unknown:
        raise TaxonomyError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("slug", "title", "kind"):
        if not data.get(key):
            raise TaxonomyError(f"{where}: '{key}' is required")
    _check_slug(data["slug"], where)
    kind = data["kind"]
    if kind not in KINDS:
        raise TaxonomyError(f"{where}: unknown kind {kind!r}")
    if kind == "link" and bool(data.get("url")) == bool(data.get("target")):
        raise TaxonomyError(f"{where}: a link needs exactly one of 'url' or 'target'")
    if kind == "app" and not data.get("app"):
        raise TaxonomyError(f"{where}: an app sub-column needs 'app'")
    return SubColumnDef(order=order, **data)


def parse(data, site):
    """Validate one site's parsed TOML and return its SiteTaxonomy."""
    if data.get("site") != site:
        raise TaxonomyError(f"{site}: file declares site {data.get('site')!r}")
    columns = []
    column_slugs = set()
    for c_order, col in enumerate(data.get("columns", []), start=1):
        where = f"{site}/{col.get('slug', '?')}"
        for key in ("slug", "title"):
            if not col.get(key):
                raise TaxonomyError(f"{where}: '{key}' is required")
        _check_slug(col["slug"], where)
        if col["slug"] in RESERVED_SLUGS:
            raise TaxonomyError(f"{where}: slug is reserved")
        if col["slug"] in column_slugs:
            raise TaxonomyError(f"{where}: duplicate column slug")
        column_slugs.add(col["slug"])
        subs, sub_slugs = [], set()
        for s_order, sub in enumerate(col.get("subs", []), start=1):
            sub_where = f"{where}/{sub.get('slug', '?')}"
            parsed = _sub_from_dict(sub, s_order, sub_where)
            if parsed.slug in sub_slugs:
                raise TaxonomyError(f"{sub_where}: duplicate sub-column slug")
            sub_slugs.add(parsed.slug)
            subs.append(parsed)
        columns.append(
            ColumnDef(
                slug=col["slug"],
                title=col["title"],
                description=col.get("description", ""),
                keywords=col.get("keywords", ""),
                show_in_nav=col.get("show_in_nav", True),
                order=c_order,
                subs=tuple(subs),
            )
        )
    _check_link_targets(columns, site)
    return SiteTaxonomy(site=site, columns=tuple(columns))


def _check_link_targets(columns, site):
    """Internal links must point at a sub-column defined earlier in the same file."""
    seen = set()
    for col in columns:
        seen.add(col.slug)
        for sub in col.subs:
            if sub.target and sub.target.strip("/") not in seen:
                raise TaxonomyError(
                    f"{site}/{col.slug}/{sub.slug}: link target {sub.target!r} must be a column or "
                    "sub-column defined earlier in the file"
                )
            seen.add(f"{col.slug}/{sub.slug}")


@cache
def load(site):
    path = TAXONOMY_DIR / SITE_FILES[site]
    with path.open("rb") as fh:
        return parse(tomllib.load(fh), site)


def load_all():
    return {site: load(site) for site in SITE_FILES}
