"""The ``planspor`` command: a thin front over the same functions the plugin uses.

    planspor validate                 check every plan and KPI; exit 1 with all problems
                                      (--format github|gitlab: also as CI annotations)
    planspor build [--as-of DATE]     build the site with MkDocs into site/
    planspor serve [--as-of DATE]     live preview that rebuilds when plans/ or kpi_data/ change
    planspor export-markdown DIR      write the generated pages as plain Markdown
    planspor schema [--check]         write (or check) the JSON Schemas and the field reference
    planspor pdf PLAN [--as-of DATE]  one plan with its KPIs as an A4 landscape PDF (needs the pdf extra)
    planspor diff [BASE] [HEAD]       what changed in plans and targets, in words, and whether HEAD is valid
    planspor new plan ID | kpi ORG/ID write a commented starting file that validates
    planspor import KPI FILE|--url    merge figures from CSV/Excel, jobindsats.dk or Statbank into a KPI
    planspor demo --out DIR           a fictitious project of N municipalities × K KPIs (same seed, same files)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

import yaml

from .asof import AS_OF_VARIABLE, AsOfError, resolve_as_of
from .atomic import staged_site
from .security import escaped_nav
from .i18n import LANGUAGES
from .load import ValidationFailed, load_project

EXPORT_SETTINGS = "planspor-export.yml"
"""Written by export-markdown beside the pages: the mkdocs.yml settings a plugin-less build needs."""


def _project_or_exit(root: Path, progress=None):
    try:
        return load_project(root, progress)
    except ValidationFailed as failure:
        for problem in failure.problems:
            print(problem, file=sys.stderr)
        count = len(failure.problems)
        print(f"\n{count} problem{'s' if count != 1 else ''} found; nothing was built.", file=sys.stderr)
        raise SystemExit(1) from None


def cmd_validate(args) -> int:
    if getattr(args, "format", "text") != "text":
        from .annotations import validate_with_format

        return validate_with_format(Path(args.root), args.format)
    project = _project_or_exit(Path(args.root))
    print(f"OK: {len(project.plans)} plans and {len(project.kpis)} KPIs are valid.")
    return 0


def _show_mkdocs_messages() -> None:
    """Let MkDocs' warnings and Planspor's progress reach the terminal, as the mkdocs command does."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _mkdocs_environment(args) -> None:
    _show_mkdocs_messages()
    if getattr(args, "as_of", None):
        os.environ[AS_OF_VARIABLE] = resolve_as_of(args.as_of).isoformat()
    if getattr(args, "language", None):
        os.environ["PLANSPOR_LANGUAGE"] = args.language


def cmd_build(args) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .progress import Progress

    # The files are read (and validated) here once; the plugin then finds them unchanged in memory.
    _project_or_exit(Path(args.config).resolve().parent, Progress.for_terminal(args.language or "da"))
    _mkdocs_environment(args)
    try:
        overrides = {"site_dir": args.site_dir} if args.site_dir else {}
        config = load_config(args.config, strict=args.strict, **overrides)
        # Atomic: built beside site_dir and swapped in only when the whole build succeeded.
        site_dir = config.site_dir
        with staged_site(Path(site_dir)) as staging:
            config.site_dir = str(staging)
            build(config)
    except MkDocsException as error:
        print(f"Error: {error}; the previous site was left as it was", file=sys.stderr)
        return 1
    print(f"Built {site_dir}")
    return 0


def cmd_serve(args) -> int:
    from mkdocs.commands.serve import serve

    _project_or_exit(Path(args.config).resolve().parent)
    _mkdocs_environment(args)
    serve(config_file=args.config, dev_addr=args.dev_addr, livereload=True)
    return 0


def cmd_export_markdown(args) -> int:
    from .pages import site_pages, with_status_line

    root = Path(args.root)
    project = _project_or_exit(root)
    as_of = resolve_as_of(args.as_of)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) if (root / "mkdocs.yml").exists() else {}
    config = config or {}
    from .history import load_history

    site = site_pages(project, as_of, args.language, bool(config.get("use_directory_urls", True)),
                      history=load_history(root))
    out = Path(args.directory)
    plugin = _plugin_settings(config)
    fictitious = bool(plugin.get("fictitious"))
    from mkdocs.exceptions import PluginError

    from .plugin import accessibility_options, list_statement, statement_page, translated_nav

    # The statement and the nav titles come from mkdocs.yml exactly as the plugin makes them.
    try:
        statement = statement_page(accessibility_options(plugin.get("accessibility")), config.get("site_name") or "",
                                   as_of, args.language, bool(config.get("use_directory_urls", True)))
    except PluginError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    docs = root / "docs"
    if statement is not None and (docs / statement.path).exists():
        print(f"Error: docs/{statement.path} would be replaced by the generated accessibility statement", file=sys.stderr)
        return 1
    if docs.is_dir():
        shutil.copytree(docs, out, dirs_exist_ok=True)
        _use_translations(out, args.language)
    pages = [*site.pages, *([statement] if statement is not None else [])]
    for page in pages:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(with_status_line(page.markdown, as_of, args.language, fictitious), encoding="utf-8")
    from .charts.runtime import RUNTIME_PATH, runtime_script
    from .charts.theme import status_css
    from .plugin import STATUS_CSS_PATH

    generated = {**site.files, STATUS_CSS_PATH: status_css(), RUNTIME_PATH: runtime_script(args.language)}
    for path, content in generated.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(content, encoding="utf-8")
    nav = escaped_nav(site.nav) + translated_nav(config.get("nav") or [], args.language)  # themes print titles as HTML
    if statement is not None:
        list_statement(nav, args.language)
    settings = {
        "nav": nav,
        "extra_css": [STATUS_CSS_PATH, *(config.get("extra_css") or [])],
        "extra_javascript": [*(config.get("extra_javascript") or []), RUNTIME_PATH],
    }
    (out / EXPORT_SETTINGS).write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(f"Wrote {len(pages)} pages, the chart runtime and {EXPORT_SETTINGS} (nav, extra_css, "
          f"extra_javascript to put in mkdocs.yml) to {out}; status as of {as_of.isoformat()}.")
    return 0


def _use_translations(out: Path, language: str) -> None:
    """The copied docs/ as the plugin serves it: X.LANG.md in X.md's place in a build in LANG, and no
    translation left as a page of its own (a plugin-less --strict build would call it omitted)."""
    from .plugin import original_of, translation_plan

    plan = translation_plan((path.relative_to(out).as_posix() for path in out.rglob("*.md")), language)
    for translation in plan.unused + plan.orphans:
        (out / translation).unlink()
    for translation in plan.orphans:
        print(f"Warning: docs/{translation} translates no page: there is no docs/{original_of(translation)}",
              file=sys.stderr)
    for original, translation in plan.used.items():
        (out / translation).replace(out / original)


def _plugin_settings(config: dict) -> dict:
    """The ``planspor`` plugin's settings in a mkdocs.yml read as plain YAML."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("planspor"), dict):
            return plugin["planspor"]
    return {}


def cmd_diff(args) -> int:
    from .diff import render_report, diff_report
    from .history import GitError

    try:
        report = diff_report(Path(args.root), args.base, args.head)
    except GitError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(render_report(report, args.format, args.language))
    return 0


def cmd_pdf(args) -> int:
    from .pdf import PdfError, plan_pdf

    config_file = Path(args.config)
    _project_or_exit(config_file.resolve().parent)
    _show_mkdocs_messages()
    as_of = resolve_as_of(args.as_of or os.environ.get(AS_OF_VARIABLE))
    try:
        result = plan_pdf(args.plan, config_file=config_file, out=Path(args.out) if args.out else None, as_of=as_of,
                          language=args.language, site_dir=Path(args.site_dir) if args.site_dir else None)
    except PdfError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {result.path}: {result.pages} A4 pages, {result.size // 1024} KB; status as of {as_of.isoformat()}.")
    return 0


def cmd_schema(args) -> int:
    from .schema import generated_files

    root = Path(args.root)
    stale = []
    for path, content in generated_files().items():
        target = root / path
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == content:
            continue
        if args.check:
            stale.append(path)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print("stale, run 'planspor schema': " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="planspor", description="Plans and KPI targets as a MkDocs site.")
    commands = main.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every plan and KPI file")
    validate.add_argument("--root", default=".", help="folder with plans/ and kpi_data/")
    validate.add_argument("--format", choices=("text", "github", "gitlab"), default="text",
                          help="also print problems as GitHub annotations, or as a GitLab Code Quality report on stdout")
    validate.set_defaults(run=cmd_validate)

    for name, run, helptext in (("build", cmd_build, "build the site"), ("serve", cmd_serve, "live preview")):
        command = commands.add_parser(name, help=helptext)
        command.add_argument("--as-of", help="status date YYYY-MM-DD (default: today)")
        command.add_argument("--language", choices=LANGUAGES, help="interface language (default: da)")
        command.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration file")
        if name == "build":
            command.add_argument("--strict", action="store_true", help="treat MkDocs warnings as errors")
            command.add_argument("--site-dir", help="where to build (default: site/)")
        else:
            command.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
        command.set_defaults(run=run)

    pdf = commands.add_parser("pdf", help="one plan with its KPIs as an A4 PDF, printed by headless Chromium")
    pdf.add_argument("plan", help="the plan's id (its file name in plans/ without .yaml)")
    pdf.add_argument("--as-of", help="status date YYYY-MM-DD (default: today)")
    pdf.add_argument("--out", help="the PDF to write (default: PLAN.pdf)")
    pdf.add_argument("--language", choices=LANGUAGES, help="interface language (default: da)")
    pdf.add_argument("--config", default="mkdocs.yml", help="MkDocs configuration file")
    pdf.add_argument("--site-dir", help="print from this already built site instead of building one")
    pdf.set_defaults(run=cmd_pdf)

    export = commands.add_parser("export-markdown", help="write generated pages as plain Markdown")
    export.add_argument("directory")
    export.add_argument("--root", default=".")
    export.add_argument("--as-of", help="status date YYYY-MM-DD (default: today)")
    export.add_argument("--language", choices=LANGUAGES, default="da")
    export.set_defaults(run=cmd_export_markdown)

    diff = commands.add_parser("diff", help="what changed in plans and targets between two git revisions, in words")
    diff.add_argument("base", nargs="?", help="git revision to compare from (default: the merge base with main)")
    diff.add_argument("head", nargs="?", help="git revision to compare to (default: the working tree)")
    diff.add_argument("--format", choices=("text", "markdown"), default="text", help="markdown: for a pull-request comment")
    diff.add_argument("--language", choices=LANGUAGES, default="da")
    diff.add_argument("--root", default=".", help="folder with plans/ and kpi_data/")
    diff.set_defaults(run=cmd_diff)

    schema = commands.add_parser("schema", help="write the JSON Schemas and the field reference")
    schema.add_argument("--root", default=".")
    schema.add_argument("--check", action="store_true", help="exit 1 if the checked-in files are stale")
    schema.set_defaults(run=cmd_schema)
    from . import demo, importer, scaffold

    scaffold.add_parser(commands)
    importer.add_parser(commands)
    demo.add_parser(commands)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except AsOfError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
