"""The MkDocs plugin: runs the pipeline inside ``mkdocs build`` and ``mkdocs serve``.

It loads and validates the data once per build (``on_config``), adds the generated
pages as files that exist only in memory (``on_files``), puts the "Status pr."
line on every page (``on_page_markdown``) and makes ``serve`` watch ``plans/``
and ``kpi_data/`` so that an editor sees a change in the browser at once.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, time, timezone
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .asof import AsOfError, resolve_as_of
from .charts.runtime import RUNTIME_PATH, runtime_script
from .charts.theme import status_css
from .i18n import LANGUAGES
from .load import KPI_DIR, PLANS_DIR, ValidationFailed, load_project
from .pages import SitePages, site_pages, with_status_line

LANGUAGE_VARIABLE = "PLANSPOR_LANGUAGE"
STATUS_CSS_PATH = "assets/stylesheets/planspor-status.css"
log = logging.getLogger("mkdocs.plugins.planspor")


class PlansporConfig(base.Config):
    root = c.Optional(c.Type(str))
    """Folder holding plans/ and kpi_data/; default: the folder of mkdocs.yml."""
    as_of = c.Optional(c.Type(str))
    """Fixed status date (YYYY-MM-DD); ``--as-of`` and PLANSPOR_AS_OF take precedence."""
    language = c.Optional(c.Choice(LANGUAGES))
    """Interface language; default: the theme's language when it is one Planspor has, else Danish."""


class PlansporPlugin(BasePlugin[PlansporConfig]):
    supports_multiple_instances = False

    def on_config(self, config):
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = (config_dir / self.config.root).resolve() if self.config.root else config_dir
        try:
            self.as_of = resolve_as_of(os.environ.get("PLANSPOR_AS_OF") or self.config.as_of)
        except AsOfError as error:
            raise PluginError(str(error)) from None
        # MkDocs stamps pages and the sitemap with the build date; the as-of date makes the same
        # data and date give byte-identical output (MkDocs honours SOURCE_DATE_EPOCH).
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(datetime.combine(self.as_of, time(), timezone.utc).timestamp())))
        theme_language = (config.theme.get("language") or "da")[:2] if config.theme else "da"
        self.language = (
            os.environ.get(LANGUAGE_VARIABLE) or self.config.language or (theme_language if theme_language in LANGUAGES else "da")
        )
        if self.language not in LANGUAGES:
            raise PluginError(f"{LANGUAGE_VARIABLE}={self.language!r}: use one of {', '.join(LANGUAGES)}")
        try:
            project = load_project(self.root)
        except ValidationFailed as failure:
            raise PluginError(
                f"Planspor: {len(failure.problems)} problem(s) in the data:\n" + "\n".join(map(str, failure.problems))
            ) from None
        self.site: SitePages = site_pages(project, self.as_of, self.language, bool(config.use_directory_urls))
        config.nav = self.site.nav + list(config.nav or [])
        if not config.site_url:
            # Material's instant navigation follows only links listed in the sitemap, which needs
            # a site_url; the preview server's address serves `mkdocs serve`. A deployment sets
            # site_url in mkdocs.yml or PLANSPOR_SITE_URL.
            address = config.dev_addr
            config.site_url = os.environ.get("PLANSPOR_SITE_URL") or f"http://{address.host}:{address.port}/"
        # Generated assets: the status colours (from the one colour table) and the chart runtime.
        config.extra_css.insert(0, STATUS_CSS_PATH)
        config.extra_javascript.append(RUNTIME_PATH)
        log.info("Planspor: %d plans, %d KPIs, status as of %s", len(project.plans), len(project.kpis), self.as_of)
        return config

    def on_files(self, files: Files, config) -> Files:
        for page in self.site.pages:
            if files.get_file_from_path(page.path):
                raise PluginError(f"docs/{page.path} would be replaced by a generated page; rename the hand-written one")
            files.append(File.generated(config, page.path, content=page.markdown))
        for path, content in self.site.files.items():
            files.append(File.generated(config, path, content=content))
        files.append(File.generated(config, STATUS_CSS_PATH, content=status_css()))
        files.append(File.generated(config, RUNTIME_PATH, content=runtime_script(self.language)))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        return with_status_line(markdown, self.as_of, self.language)

    def on_serve(self, server, config, builder):
        for folder in (PLANS_DIR, KPI_DIR):
            path = self.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server
