"""The MkDocs plugin: runs the pipeline inside ``mkdocs build`` and ``mkdocs serve``.

It loads and validates the data once per build (``on_config``), adds the generated
pages as files that exist only in memory and serves a hand-written page's translation
(docs/X.en.md) in its place in that language (``on_files``), puts the "Status pr."
line on every page (``on_page_markdown``) and makes ``serve`` watch ``plans/``
and ``kpi_data/`` so that an editor sees a change in the browser at once.
"""

from __future__ import annotations

import logging
import os
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import NamedTuple

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .asof import AsOfError, resolve_as_of
from .charts.runtime import RUNTIME_PATH, runtime_script
from .charts.theme import status_css
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, labels, t
from .accessibility import COMPLIANCE, StatementSettings, parse_day
from .history import load_history
from .load import KPI_DIR, PLANS_DIR, ValidationFailed, load_project
from .pages import KpiPageCache, SitePages, site_pages, with_status_line
from .progress import Progress
from .rawhtml import restore_blocks, stash_blocks
from .security import OVERRIDES_DIR, escaped_nav, theme_script_hashes, theme_script_partials, with_script_sources

LANGUAGE_VARIABLE = "PLANSPOR_LANGUAGE"
STATUS_CSS_PATH = "assets/stylesheets/planspor-status.css"
log = logging.getLogger("mkdocs.plugins.planspor")


class AccessibilityConfig(base.Config):
    """The organisation's part of the accessibility statement (``accessibility:`` under the plugin)."""

    enabled = c.Type(bool, default=True)
    """Generate the statement page (and list it under "Om Planspor")."""
    organisation = c.Optional(c.Type(str))
    """The public body that publishes the site, e.g. 'Ballerup Kommune, Jobcenter Ballerup'."""
    contact_email = c.Optional(c.Type(str))
    """Where readers report barriers."""
    contact_phone = c.Optional(c.Type(str))
    published = c.Optional(c.Type((str, date)))
    """When the statement was first published (YYYY-MM-DD)."""
    reviewed = c.Optional(c.Type((str, date)))
    """When it was last reviewed (YYYY-MM-DD)."""
    compliance = c.Choice(COMPLIANCE, default="partial")
    """WCAG 2.1 AA: full, partial (the default: the known limitations are listed) or none."""
    limitations = c.ListOfItems(c.Type(str), default=[])
    """This site's own known limitations, listed after Planspor's."""


class PlansporConfig(base.Config):
    root = c.Optional(c.Type(str))
    """Folder holding plans/ and kpi_data/; default: the folder of mkdocs.yml."""
    as_of = c.Optional(c.Type(str))
    """Fixed status date (YYYY-MM-DD); ``--as-of`` and PLANSPOR_AS_OF take precedence."""
    language = c.Optional(c.Choice(LANGUAGES))
    """Interface language; default: the theme's language when it is one Planspor has, else Danish."""
    accessibility = c.SubConfig(AccessibilityConfig)
    """The accessibility statement's settings."""
    fictitious = c.Type(bool, default=False)
    """Every page says the data are fictitious (the label ``site.fictitious``); ``planspor demo`` sets it."""


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
        self.progress = Progress.for_terminal(self.language, serving=getattr(self, "serving", False))
        try:
            project = load_project(self.root, self.progress)
        except ValidationFailed as failure:
            raise PluginError(
                f"Planspor: {len(failure.problems)} problem(s) in the data:\n" + "\n".join(map(str, failure.problems))
            ) from None
        # The git history is read once per build (two git processes), never per page.
        history = load_history(self.root)
        if not history.available:
            log.info("Planspor: the history is unavailable (%s) %s", history.reason, history.detail)
        # Under `mkdocs serve` this plugin object lives from one rebuild to the next, and so do its
        # KPI pages: only those of a changed KPI are made again.
        if not hasattr(self, "page_cache"):
            self.page_cache = KpiPageCache()
        self.site: SitePages = site_pages(project, self.as_of, self.language, bool(config.use_directory_urls),
                                          history=history, progress=self.progress, cache=self.page_cache)
        # Themes print nav titles as HTML: titles from the data are escaped (generator/security.py).
        # Only mkdocs.yml's own titles are translated: a plan may well be called "Ydeevne".
        config.nav = escaped_nav(self.site.nav) + translated_nav(list(config.nav or []), self.language)
        self._follow_language(config)
        self.statement = statement_page(self.config.accessibility, config.site_name, self.as_of, self.language,
                                        bool(config.use_directory_urls))
        if self.statement is not None:
            list_statement(config.nav, self.language)
        if not config.site_url:
            # Material's instant navigation follows only links listed in the sitemap, which needs
            # a site_url; the preview server's address serves `mkdocs serve`. A deployment sets
            # site_url in mkdocs.yml or PLANSPOR_SITE_URL.
            address = config.dev_addr
            config.site_url = os.environ.get("PLANSPOR_SITE_URL") or f"http://{address.host}:{address.port}/"
        # Generated assets: the status colours (from the one colour table) and the chart runtime.
        config.extra_css.insert(0, STATUS_CSS_PATH)
        config.extra_javascript.append(RUNTIME_PATH)
        # The theme override with the Content-Security-Policy and an escaped <title>; a site's own
        # custom_dir stays first.
        if config.theme.name == "material" and str(OVERRIDES_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES_DIR))
        log.info("Planspor: %d plans, %d KPIs, status as of %s", len(project.plans), len(project.kpis), self.as_of)
        return config

    def on_files(self, files: Files, config) -> Files:
        self._use_translations(files)
        self.generated = {page.path for page in self.site.pages}
        self.stashed: dict[str, list[str]] = {}
        for page in self.site.pages:
            if files.get_file_from_path(page.path):
                raise PluginError(f"docs/{page.path} would be replaced by a generated page; rename the hand-written one")
            # A page left out of a long navigation on purpose is not an "omitted" page to warn about.
            inclusion = InclusionLevel.UNDEFINED if page.listed else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
        for path, content in self.site.files.items():
            files.append(File.generated(config, path, content=content))
        if self.statement is not None:
            if files.get_file_from_path(self.statement.path):
                raise PluginError(f"docs/{self.statement.path} would be replaced by the generated accessibility statement")
            files.append(File.generated(config, self.statement.path, content=self.statement.markdown))
        files.append(File.generated(config, STATUS_CSS_PATH, content=status_css()))
        files.append(File.generated(config, RUNTIME_PATH, content=runtime_script(self.language)))
        self.progress.stage("build", len(files.documentation_pages()))
        return files

    def _follow_language(self, config) -> None:
        """One setting switches the whole interface: Material's own labels (search, navigation,
        footer) follow Planspor's language, and so do the palette toggles mkdocs.yml gives in
        Danish (its nav titles: :func:`translated_nav`)."""
        config.theme["language"] = self.language
        for palette in config.theme.get("palette") or []:
            toggle = palette.get("toggle") if isinstance(palette, dict) else None
            if isinstance(toggle, dict) and toggle.get("name") in _known_labels("theme.toggle_dark", "theme.toggle_light"):
                key = "theme.toggle_dark" if toggle["name"] in _known_labels("theme.toggle_dark") else "theme.toggle_light"
                toggle["name"] = t(key, self.language)

    def _use_translations(self, files: Files) -> None:
        """A hand-written page follows the language too: in an English build docs/X.en.md is
        served at X.md's URL (so every link to X.md keeps working), and in no build does a
        translation become a page of its own."""
        plan = translation_plan(files.src_uris, self.language)
        for translation in plan.unused + plan.orphans:
            files.remove(files.get_file_from_path(translation))
        for translation in plan.orphans:
            # A warning, so that `--strict` stops a translation whose original was renamed.
            log.warning("Planspor: docs/%s translates no page: there is no docs/%s", translation,
                        original_of(translation))
        for original, translation in plan.used.items():
            page, source = files.get_file_from_path(original), files.get_file_from_path(translation)
            files.remove(source)
            # The original's File stays (its place in the navigation, its URL); only the text changes.
            page.abs_src_path = source.abs_src_path
            page.edit_uri = source.edit_uri

    # Content-Security-Policy: the theme's own inline scripts are allowed by hash, per page.

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"  # the live-reload script differs on every request

    def on_env(self, env, config, files):
        self.env = env
        self.script_partials = theme_script_partials(env)
        return env

    def on_page_context(self, context, page, config, nav):
        self.script_hashes = theme_script_hashes(self.env, context, self.script_partials)
        return context

    def on_template_context(self, context, template_name, config):
        self.script_hashes = theme_script_hashes(self.env, context, self.script_partials)
        return context

    def on_post_page(self, output, page, config):
        self.progress.advance()
        return with_script_sources(output, self.script_hashes, getattr(self, "serving", False))

    def on_post_build(self, config):
        self.progress.done()

    def on_build_error(self, error):
        progress = getattr(self, "progress", None)
        if progress is not None:
            progress.done()

    def on_post_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        return with_script_sources(output_content, self.script_hashes, getattr(self, "serving", False))

    # Late, so that other plugins see the whole page's Markdown; its generated HTML then goes past
    # Python-Markdown (generator/rawhtml.py) and comes back first thing in on_page_content.
    @event_priority(-50)
    def on_page_markdown(self, markdown, page, config, files):
        markdown = with_status_line(markdown, self.as_of, self.language, fictitious=self.config.fictitious)
        if page.file.src_uri in self.generated:
            markdown, self.stashed[page.file.src_uri] = stash_blocks(markdown)
        return markdown

    @event_priority(50)
    def on_page_content(self, html, page, config, files):
        blocks = self.stashed.pop(page.file.src_uri, None)
        return restore_blocks(html, blocks) if blocks else html

    def on_serve(self, server, config, builder):
        for folder in (PLANS_DIR, KPI_DIR):
            path = self.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server


def _known_labels(*keys: str) -> set[str]:
    """A label's text in every interface language (to recognise it in mkdocs.yml)."""
    from .i18n import LANGUAGES as languages

    return {labels(language)[key] for key in keys for language in languages}


NAV_LABELS = ("nav.about", "nav.status_rule", "nav.editing", "nav.open_data", "nav.performance")
"""Nav titles that mkdocs.yml may give in any interface language; they are shown in the build's."""


def translated_nav(nav: list, language: str) -> list:
    """mkdocs.yml's navigation with every title of :data:`NAV_LABELS`, in whatever language it is
    written, in ``language`` ("Om Planspor" -> "About Planspor"); other titles stay as written."""
    known = {text: key for key in NAV_LABELS for text in _known_labels(key)}

    def entry(item):
        if not (isinstance(item, dict) and len(item) == 1):
            return item
        (title, value), = item.items()
        if isinstance(value, list):
            value = [entry(child) for child in value]
        return {t(known[title], language) if title in known else title: value}

    return [entry(item) for item in nav]


class TranslationPlan(NamedTuple):
    used: dict[str, str]
    """Original page -> its translation into the build's language, served in its place."""
    unused: list[str]
    """Translations into other languages: not pages of this build."""
    orphans: list[str]
    """Translations whose original page does not exist."""


def original_of(src_uri: str) -> str | None:
    """'about.md' for a translation 'about.en.md'; ``None`` for a page that is no translation.
    Danish is the language of the originals, so there is no 'X.da.md'."""
    for language in LANGUAGES:
        suffix = f".{language}.md"
        if language != DEFAULT_LANGUAGE and src_uri.endswith(suffix):
            return src_uri[: -len(suffix)] + ".md"
    return None


def translation_plan(src_uris, language: str) -> TranslationPlan:
    """What becomes of the hand-written pages' translations in a build in ``language``; the plugin
    and ``planspor export-markdown`` both follow it."""
    present = set(src_uris)
    plan = TranslationPlan({}, [], [])
    for src_uri in sorted(present):
        original = original_of(src_uri)
        if original is None:
            continue
        if original not in present:
            plan.orphans.append(src_uri)
        elif src_uri == original[: -len(".md")] + f".{language}.md":
            plan.used[original] = src_uri
        else:
            plan.unused.append(src_uri)
    return plan


def accessibility_options(raw: dict | None) -> AccessibilityConfig:
    """The ``accessibility:`` settings of a mkdocs.yml read as plain YAML (``planspor
    export-markdown``), checked and completed with the defaults by the plugin's own schema."""
    options = AccessibilityConfig()
    options.load_dict(dict(raw or {}))
    failed, _ = options.validate()
    if failed:
        raise PluginError("planspor: " + "; ".join(f"accessibility.{name}: {error}" for name, error in failed))
    return options


def statement_page(options: AccessibilityConfig, site_name: str, as_of: date, language: str, directory_urls: bool):
    """The accessibility statement page, or ``None`` when ``accessibility.enabled`` is false."""
    from .pages.accessibility import accessibility_page

    if not options.enabled:
        return None
    try:
        statement = StatementSettings(
            organisation=options.organisation, contact_email=options.contact_email,
            contact_phone=options.contact_phone, published=parse_day(options.published, "published"),
            reviewed=parse_day(options.reviewed, "reviewed"), compliance=options.compliance,
            limitations=tuple(options.limitations),
        )
    except ValueError as error:
        raise PluginError(f"planspor: {error}") from None
    if not statement.complete:
        log.warning("Planspor: the accessibility statement lacks accessibility.organisation or "
                    "accessibility.contact_email in mkdocs.yml; the page says so")
    return accessibility_page(statement, site_name, as_of, language, directory_urls)


def list_statement(nav: list, language: str) -> None:
    """List the statement last under "Om Planspor" in ``nav`` (translated already), or last in it."""
    from .pages import urls

    entry = {t("accessibility.nav", language): urls.ACCESSIBILITY}
    about = t("nav.about", language)
    for item in nav:
        if isinstance(item, dict) and isinstance(item.get(about), list):
            item[about].append(entry)
            return
    nav.append(entry)
