"""``planspor demo``: a complete, valid, fictitious project at national scale, the same for the same seed.

It is what the benchmark (``bench/``) builds, and a way to see the site with many municipalities
without real data. Every name in it is invented and every page of the site says so: the written
``mkdocs.yml`` turns on the plugin's ``fictitious`` option, which puts the label ``site.fictitious``
on every page, and every municipality is called "... (fiktiv)".

What it writes under ``--out``:

- ``plans/<municipality>-handleplan-2024.yaml``: one plan per municipality, shared with one STAR
  party (the same party id and name in every plan), with three phases of activities in ISO weeks
  (some with a meeting day), roles per party, statuses, milestones, focus areas, a target group,
  a small budget and three of the municipality's KPIs;
- ``kpi_data/<municipality>/<id>.yaml`` and ``.csv``: ``--kpis`` KPIs per municipality, each with
  targets (at most / at least, a year-by-year trajectory, a target relative to the expected level,
  standing targets) and five years of quarterly figures with the expected level and the rank
  among the generated municipalities;
- ``mkdocs.yml`` and ``docs/``: this project's own settings and hand-written pages when they are
  found beside the package (a source checkout), else a minimal pair; status is pinned to
  :data:`AS_OF`, so the site is reproducible too.

Everything is drawn from :class:`random.Random` seeded with text (``"<seed>:<what>"``), which
Python hashes with SHA-512, so the output does not depend on hash randomisation or on the order
in which things are generated: the same seed gives byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from .load import KPI_DIR, PLANS_DIR

AS_OF = date(2024, 5, 1)
"""The status date written into the demo's mkdocs.yml: inside the plans' weeks, after the last figure."""
YEAR = 2024
QUARTERS = [(year, quarter) for year in range(2019, 2025) for quarter in range(1, 5)][1:21]
"""Five years of quarters, 2019-Q2 to 2024-Q1: the last one has ended by :data:`AS_OF`."""
STAR_PARTY = ("star", "STAR – Styrelsen for Arbejdsmarked og Rekruttering (fiktiv enhed)")
"""The party every demo plan shares: one id, one name, so it has one page listing all its activities."""
FICTITIOUS = "fiktiv"

_FIRST = ("Ager", "Birke", "Dal", "Eng", "Fjord", "Grøn", "Hede", "Hvid", "Kilde", "Klint", "Lund", "Lyng",
          "Møl", "Ny", "Pile", "Ravn", "Rød", "Sand", "Skov", "Sten", "Strand", "Sø", "Tjør", "Vester", "Øster",
          "Ege", "Hassel", "Mose", "Bakke", "Fugle")
_LAST = ("bjerg", "by", "holm", "lev", "løse", "sted", "rup", "strup", "høj", "bæk", "vad", "næs", "mark", "toft")
_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


@dataclass(frozen=True)
class Theme:
    """One kind of KPI every municipality has."""

    key: str
    title: str
    unit: str
    better: str  # lower | higher
    level: float
    """Typical figure per 10,000 inhabitants, or the typical share for a percentage."""


THEMES = (
    Theme("sdp-hp", "Helårspersoner på sygedagpenge", "helårspersoner", "lower", 95),
    Theme("jaf-hp", "Helårspersoner i jobafklaringsforløb", "helårspersoner", "lower", 28),
    Theme("sdp-over-52", "Sygedagpengeforløb over 52 uger", "forløb", "lower", 14),
    Theme("delvis-raskmeldte", "Andel delvis raskmeldte sygedagpengemodtagere", "%", "higher", 31),
    Theme("kth-hp", "Helårspersoner på kontanthjælp", "helårspersoner", "lower", 120),
    Theme("udd-hp", "Helårspersoner på uddannelseshjælp", "helårspersoner", "lower", 45),
    Theme("virk-tilbud", "Andel ledige i virksomhedsrettet tilbud", "%", "higher", 38),
    Theme("fleks-timer", "Fleksjobbere med flere ugentlige timer", "personer", "higher", 22),
    Theme("ressource-hp", "Helårspersoner i ressourceforløb", "helårspersoner", "lower", 35),
    Theme("langtid", "Langtidsledige forsikrede", "personer", "lower", 18),
    Theme("rettidighed", "Rettidige jobsamtaler", "%", "higher", 86),
    Theme("selvbooking", "Samtaler booket af borgeren selv", "%", "higher", 42),
    Theme("virk-kontakt", "Kontakter til virksomheder", "kontakter", "higher", 60),
    Theme("job-3-mdr", "Nyledige i job inden for tre måneder", "%", "higher", 48),
    Theme("a-dp-hp", "Helårspersoner på arbejdsløshedsdagpenge", "helårspersoner", "lower", 150),
    Theme("integration-job", "Integrationsborgere i beskæftigelse", "%", "higher", 44),
    Theme("sdp-varighed", "Gennemsnitlig varighed af sygedagpengeforløb", "uger", "lower", 11),
    Theme("ftp-tilgang", "Tilgang til førtidspension", "personer", "lower", 9),
    Theme("loentilskud", "Borgere i løntilskud", "personer", "higher", 25),
    Theme("opkvalificering", "Ledige i opkvalificering", "personer", "higher", 30),
    Theme("unge-udd", "Unge under 30 år i uddannelse efter et år", "%", "higher", 52),
    Theme("seniorjob", "Borgere i seniorjob", "personer", "lower", 6),
    Theme("tilfredshed", "Borgere tilfredse med jobcentret", "%", "higher", 74),
    Theme("sanktioner", "Sager med sanktion omgjort i Ankestyrelsen", "sager", "lower", 3),
)


@dataclass(frozen=True)
class Municipality:
    slug: str
    town: str
    population: int

    @property
    def name(self) -> str:
        return f"{self.town} Kommune ({FICTITIOUS})"


class DemoError(Exception):
    """The demo cannot be written; the message says why."""


def _rng(seed: int, *what: object) -> random.Random:
    return random.Random(":".join(str(part) for part in (seed, *what)))


def municipalities(count: int, seed: int) -> list[Municipality]:
    """``count`` invented municipalities with distinct names and sizes, in a stable order."""
    if not 1 <= count <= len(_FIRST) * len(_LAST):
        raise DemoError(f"--municipalities must be from 1 to {len(_FIRST) * len(_LAST)}, found {count}")
    names = sorted(first + last for first in _FIRST for last in _LAST)
    _rng(seed, "names").shuffle(names)
    result = []
    for town in sorted(names[:count]):
        slug = town.lower().translate(_ASCII)
        # Sizes spread like Danish municipalities: a few large, most between 20,000 and 80,000.
        population = int(round(math.exp(_rng(seed, "population", slug).gauss(10.8, 0.55)), -2))
        result.append(Municipality(slug, town, max(population, 2000)))
    return result


def themes(count: int) -> list[tuple[str, Theme]]:
    """``count`` KPI kinds with their id suffix; beyond the list, kinds repeat with a number."""
    if count < 1:
        raise DemoError(f"--kpis must be 1 or more, found {count}")
    result = []
    for index in range(count):
        theme = THEMES[index % len(THEMES)]
        round_ = index // len(THEMES)
        if round_:
            theme = Theme(f"{theme.key}-{round_ + 1}", f"{theme.title} ({round_ + 1})", theme.unit, theme.better,
                          theme.level)
        result.append((theme.key, theme))
    return result


# ----------------------------------------------------------------------------- figures


def _figure(value: float, unit: str) -> float | int:
    """A figure as the sources print it: a share with one decimal, a count as a whole number."""
    if unit == "%":
        return round(min(max(value, 0.5), 99.5), 1)
    return max(int(round(value)), 0)


def _series(place: Municipality, theme: Theme, seed: int) -> list[tuple[float, float]]:
    """(expected, actual) per quarter in :data:`QUARTERS` for one municipality and KPI, unrounded."""
    rng = _rng(seed, "series", place.slug, theme.key)
    percent = theme.unit == "%"
    scale = 1.0 if percent else place.population / 10_000
    level = theme.level * scale * rng.uniform(0.8, 1.25)
    drift = rng.uniform(-0.025, 0.02)  # per quarter, of the level
    effect = rng.gauss(0, 0.07)  # how this municipality does against its expected level
    improving = rng.uniform(-0.01, 0.015)
    rows = []
    for index, _ in enumerate(QUARTERS):
        season = 0.03 * math.sin(index * math.pi / 2)
        expected = level * (1 + drift * index + season)
        sign = -1 if theme.better == "lower" else 1
        actual = expected * (1 + sign * (effect + improving * index) + rng.gauss(0, 0.025))
        rows.append((expected, actual))
    return rows


def _ranks(values: dict[str, list[tuple[float, float]]], better: str) -> dict[str, list[int]]:
    """Each municipality's place per quarter, 1 the best, by actual against expected level."""
    ranks: dict[str, list[int]] = {slug: [] for slug in values}
    for index in range(len(QUARTERS)):
        ratios = sorted(values, key=lambda slug: (values[slug][index][1] / values[slug][index][0], slug),
                        reverse=better == "higher")
        for place, slug in enumerate(ratios, start=1):
            ranks[slug].append(place)
    return ranks


def _period(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def actuals_csv(rows: list[tuple[float, float]], ranks: list[int] | None, unit: str) -> str:
    header = "period,actual,expected" + (",rank" if ranks else "")
    lines = [header]
    for index, ((year, quarter), (expected, actual)) in enumerate(zip(QUARTERS, rows)):
        cells = [_period(year, quarter), str(_figure(actual, unit)), str(_figure(expected, unit))]
        if ranks:
            cells.append(str(ranks[index]))
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def _targets(variant: int, theme: Theme, rows: list[tuple[float, float]], rng: random.Random) -> list[dict[str, Any]]:
    """Targets of one of four kinds, set from the figures so that statuses vary across the country."""
    unit, lower = theme.unit, theme.better == "lower"
    kind = "max" if lower else "min"
    base_expected, base_actual = rows[-8]  # 2022-Q2 .. the level two years before the last figure
    latest = rows[-1][1]
    # Ambition: 3-15 % better than the latest figure, sometimes already met.
    ambition = rng.uniform(-0.05, 0.15)
    goal = latest * (1 - ambition) if lower else latest * (1 + ambition)
    if variant == 0:
        return [{"period": YEAR, "value": _figure(goal, unit), "type": kind,
                 "baseline": {"period": "2022", "value": _figure(sum(a for _, a in rows[-12:-8]) / 4, unit)},
                 "decided": "2022-12-14", "by": "Beskæftigelsesudvalget (fiktivt)"}]
    if variant == 1:
        steps = []
        for offset, year in enumerate((2022, 2023, 2024)):
            share = (offset + 1) / 3
            value = base_actual + (goal - base_actual) * share
            steps.append({"period": year, "value": _figure(value, unit), "type": kind,
                          "decided": "2021-11-30", "by": "Byrådet (fiktivt)"})
        return steps
    if variant == 2:
        offset = -abs(base_expected * rng.uniform(0.02, 0.08)) if lower else abs(base_expected * rng.uniform(0.02, 0.08))
        return [{"period": YEAR, "value": {"series": "expected", "offset": _figure(offset, unit) if unit != "%" else
                                           round(offset, 1)},
                 "type": "max" if lower else "min", "note": "Målet er sat i forhold til det forventede niveau."}]
    return [{"value": _figure(goal, unit), "type": kind, "note": "Stående mål uden frist."}]


def kpi_document(place: Municipality, kpi_id: str, theme: Theme, variant: int, rows: list[tuple[float, float]],
                 ranked: bool, rank_of: int, seed: int) -> dict[str, Any]:
    rng = _rng(seed, "targets", place.slug, theme.key)
    document: dict[str, Any] = {
        "id": kpi_id,
        "title": f"{theme.title} – {place.town}",
        "organisation": place.name,
        "unit": theme.unit,
        "better": theme.better,
        # The definition is the theme's, the same in every municipality (as jobindsats.dk's are).
        "description": (f"{theme.title}, opgjort pr. kvartal. **Fiktive tal** lavet af `planspor demo` "
                        f"(frø {seed}); de ligner rigtige tal, men beskriver ingen kommune.\n"),
        "data_source": "Fiktive data (planspor demo)",
        "frequency": "quarter",
    }
    if ranked:
        document["rank_of"] = rank_of
    document["targets"] = _targets(variant, theme, rows, rng)
    if rng.random() < 0.2:
        document["notes"] = ["Tallene for 2020 er påvirket af covid-19-nedlukningen (fiktiv bemærkning)."]
    return document


# ----------------------------------------------------------------------------- plans


_PHASES = (
    ("aftale", "Aftalefase", (("opstart", "Opstartsmøde", "Forløbet og rollerne aftales", True),
                               ("materiale", "Materiale", "Arbejdsgange og nøgletal udveksles", False),
                               ("info", "Infomøde", "Medarbejderne informeres", True))),
    ("undersoegelse", "Undersøgelsesfase", (("sagsgennemgang", "Sagsgennemgang", "Udvalgte sager gennemgås", False),
                                            ("interview", "Interview", "Ledere og medarbejdere interviewes", False),
                                            ("data", "Dataanalyse", "Udviklingen i nøgletallene analyseres", False),
                                            ("opsamling", "Opsamlingsmøde", "Resultaterne drøftes", True))),
    ("handleplan", "Handleplansfase", (("udkast", "Workshop", "Aktiviteter og mål formuleres", True),
                                       ("godkendelse", "Politisk behandling", "Handleplanen godkendes", True),
                                       ("opfoelgning", "Opfølgningsmøde", "Første opfølgning på målene", True))),
)


def _week_day(week: int, weekday: int) -> date:
    return date.fromisocalendar(YEAR, week, weekday)


def plan_document(place: Municipality, kpi_ids: list[str], seed: int) -> dict[str, Any]:
    rng = _rng(seed, "plan", place.slug)
    jobcenter = f"jobcenter-{place.slug}"
    week = rng.randint(4, 12)
    phases = []
    phase_ends = []
    for phase_id, phase_title, steps in _PHASES:
        activities = []
        for activity_id, form, action, meeting in steps:
            length = 1 if meeting else rng.choice((1, 2, 3))
            when = f"uge {week}" if length == 1 else f"uge {week}-{week + length - 1}"
            activity: dict[str, Any] = {"id": activity_id, "when": when}
            if meeting:
                day = _week_day(week, rng.randint(1, 4))
                activity["date"] = f"{day.day:02d}.{day.month:02d}"
            activity["form"] = form
            activity["action"] = action
            responsible: dict[str, list[str]] = {jobcenter: rng.sample(["Ledelse", "Medarbejdere", "Analyse",
                                                                         "Virksomhedsservice"], k=rng.randint(1, 2))}
            if meeting or rng.random() < 0.3:
                responsible["star"] = ["AMK"]
            activity["responsible"] = responsible
            end = _week_day(week + length - 1, 7)
            start = _week_day(week, 1)
            if end < AS_OF and rng.random() < 0.8:
                activity["status"] = "done"
                activity["done_on"] = min(end, AS_OF - timedelta(days=1)).isoformat()
            elif start <= AS_OF <= end:
                activity["status"] = "in_progress"
            elif rng.random() < 0.05:
                activity["status"] = "postponed"
            activity["focus_area"] = "sygedagpenge" if rng.random() < 0.5 else "jobafklaring"
            activities.append(activity)
            last_week = week + length - 1
            week += length if meeting else rng.randint(length, length + 1)
        phase_ends.append(last_week)
        phases.append({"id": phase_id, "title": phase_title, "activities": activities})
    budget_lines = [
        {"title": "Ekstra sagsbehandlere", "area": "Service", "kind": "U",
         "amounts": {YEAR: rng.randint(5, 40) * 100, YEAR + 1: rng.randint(5, 40) * 100}},
        {"title": "Virksomhedskonsulenter", "area": "Service", "kind": "U",
         "amounts": {YEAR: rng.randint(2, 20) * 100, YEAR + 1: rng.randint(2, 20) * 100}},
    ]
    return {
        "id": f"{place.slug}-handleplan-{YEAR}",
        "title": f"Handleplan for sygedagpenge og jobafklaring {YEAR} – {place.name}",
        "kind": "handleplan",
        "year": YEAR,
        "published": f"{YEAR}-01-{rng.randint(10, 31):02d}",
        "reference": f"J.nr. {YEAR % 100}/{rng.randint(1000, 99999):05d}",
        "source": "Fiktiv plan lavet af planspor demo",
        "parties": {jobcenter: {"name": f"Jobcenter {place.town} ({FICTITIOUS})", "type": "kommune"},
                    STAR_PARTY[0]: {"name": STAR_PARTY[1], "type": "stat"}},
        "summary": (f"En **fiktiv** handleplan for {place.name}, lavet af `planspor demo` til demonstration "
                    "og ydelsesmåling. Kommunen og STAR nedbringer sammen antallet af lange sygedagpengeforløb "
                    "og jobafklaringsforløb.\n"),
        "focus_areas": [{"id": "sygedagpenge", "title": "Sygedagpenge"},
                        {"id": "jobafklaring", "title": "Jobafklaring"}],
        "phases": phases,
        "milestones": [
            {"id": "analyse-klar", "title": "Analysen er færdig", "when": f"uge {phase_ends[1]}",
             **({"status": "done"} if _week_day(phase_ends[1], 7) < AS_OF else {})},
            {"id": "plan-vedtaget", "title": "Handleplanen er vedtaget", "when": f"uge {phase_ends[2] + 1}"},
        ],
        "kpis": kpi_ids[:3],
        "target_groups": [{"id": "langvarige", "title": "Sygemeldte i forløb over 22 uger",
                           "size": rng.randint(40, 400), "unit": "personer",
                           "objective": "Flere i job eller uddannelse inden for et år."}],
        "budget": {"unit": "1.000 kr.", "price_level": f"{YEAR} p/l", "lines": budget_lines},
    }


# ----------------------------------------------------------------------------- files


def _yaml(document: dict[str, Any], schema: str) -> str:
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return f"# yaml-language-server: $schema={schema}\n# Fiktive data, skrevet af planspor demo.\n{body}"


def project_files(municipality_count: int, kpi_count: int, seed: int) -> dict[str, str]:
    """Every data file of the demo, by path under the project folder (no I/O)."""
    places = municipalities(municipality_count, seed)
    kinds = themes(kpi_count)
    files: dict[str, str] = {}
    for index, (suffix, theme) in enumerate(kinds):
        series = {place.slug: _series(place, theme, seed) for place in places}
        ranked = len(places) >= 2 and index % 2 == 0
        ranks = _ranks(series, theme.better) if ranked else {}
        for place in places:
            kpi_id = f"{place.slug}-{suffix}"
            folder = f"{KPI_DIR}/{place.slug}"
            document = kpi_document(place, kpi_id, theme, index % 4, series[place.slug], ranked, len(places), seed)
            files[f"{folder}/{kpi_id}.yaml"] = _yaml(document, "../../schema/kpi.schema.json")
            files[f"{folder}/{kpi_id}.csv"] = actuals_csv(series[place.slug], ranks.get(place.slug), theme.unit)
    for place in places:
        kpi_ids = [f"{place.slug}-{suffix}" for suffix, _ in kinds]
        plan = plan_document(place, kpi_ids, seed)
        files[f"{PLANS_DIR}/{plan['id']}.yaml"] = _yaml(plan, "../schema/plan.schema.json")
    return dict(sorted(files.items()))


def about_page(municipality_count: int, kpi_count: int, seed: int) -> str:
    return f"""\
# Om demositet

!!! warning "Fiktive data til demonstration"
    Alt indhold på dette site er opdigtet: kommunerne, jobcentrene, planerne, målene og tallene.
    Navnene er sat sammen af tilfældige stavelser og mærket "({FICTITIOUS})". Intet tal beskriver
    en rigtig kommune.

Sitet er lavet med

```sh
planspor demo --municipalities {municipality_count} --kpis {kpi_count} --seed {seed} --out DIR
```

og viser Planspor i national skala: {municipality_count} kommuner med hver {kpi_count} nøgletal
og én handleplan, som de deler med STAR. Samme frø giver altid de samme filer.
Status er beregnet pr. {AS_OF.isoformat()}.
"""


MINIMAL_CONFIG: dict[str, Any] = {
    "theme": {"name": "material", "language": "da", "font": False},
    "plugins": ["search"],
    "markdown_extensions": ["admonition", "attr_list", "tables", {"toc": {"permalink": True}}],
    "nav": [{"Om Planspor": ["about.md"]}],
}
"""Used when this project's own mkdocs.yml is not beside the package (an installed wheel)."""


def source_checkout() -> Path | None:
    """The project folder with mkdocs.yml and docs/ when the package runs from a source checkout."""
    root = Path(__file__).resolve().parents[1]
    return root if (root / "mkdocs.yml").is_file() and (root / "docs").is_dir() else None


def site_config(base: dict[str, Any], municipality_count: int, kpi_count: int, seed: int) -> dict[str, Any]:
    """The demo's mkdocs.yml: the base settings with the plugin's status date and fictitious label."""
    config = json.loads(json.dumps(base, default=str))  # a deep copy; dates in it become ISO text
    config["site_name"] = "Planspor – fiktivt demosite"
    config["site_description"] = (f"Fiktive handleplaner og nøgletal for {municipality_count} opdigtede kommuner "
                                  f"({kpi_count} nøgletal hver, frø {seed}).")
    config.pop("site_url", None)
    plugins = []
    found = False
    for plugin in config.get("plugins") or []:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        settings = {} if isinstance(plugin, str) else dict(plugin[name] or {})
        if name == "planspor":
            found = True
            settings.update(fictitious=True, as_of=AS_OF.isoformat())
            accessibility = dict(settings.get("accessibility") or {})
            accessibility["organisation"] = "Planspor (fiktivt demosite)"
            settings["accessibility"] = accessibility
        plugins.append({name: settings} if settings else name)
    if not found:
        plugins.append({"planspor": {"fictitious": True, "as_of": AS_OF.isoformat()}})
    config["plugins"] = plugins
    return config


def site_files(municipality_count: int, kpi_count: int, seed: int, source: Path | None) -> dict[str, str | bytes]:
    """mkdocs.yml and the hand-written pages: ``source``'s (without its screenshot), with a demo about page."""
    files: dict[str, str | bytes] = {}
    base = MINIMAL_CONFIG
    if source is not None:
        base = yaml.safe_load((source / "mkdocs.yml").read_text(encoding="utf-8"))
        docs = source / base.get("docs_dir", "docs")
        for path in sorted(docs.rglob("*")):
            if path.is_file() and path.suffix != ".png":
                files[f"docs/{path.relative_to(docs).as_posix()}"] = path.read_bytes()
    config = site_config(base, municipality_count, kpi_count, seed)
    config["docs_dir"] = "docs"
    files["docs/about.md"] = about_page(municipality_count, kpi_count, seed)
    files["mkdocs.yml"] = ("# Fiktivt demosite, skrevet af planspor demo.\n"
                           + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000))
    return files


def write_demo(out: Path, municipality_count: int, kpi_count: int, seed: int, source: Path | None = None) -> int:
    """Write the demo project into ``out`` (which must be empty or new); return the number of files."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise DemoError(f"{out} is not an empty folder; choose a new one, the demo never overwrites files")
    files: dict[str, str | bytes] = {**project_files(municipality_count, kpi_count, seed),
                                     **site_files(municipality_count, kpi_count, seed, source)}
    for path, content in sorted(files.items()):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="\n")
    return len(files)


def cmd_demo(args) -> int:
    try:
        count = write_demo(Path(args.out), args.municipalities, args.kpis, args.seed, source_checkout())
    except DemoError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 2
    print(f"Wrote {count} files of a fictitious project ({args.municipalities} municipalities × {args.kpis} KPIs, "
          f"seed {args.seed}) to {args.out}. Build it with: cd {args.out} && planspor build")
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser(
        "demo", help="write a fictitious project at national scale (for trying Planspor and for the benchmark)",
        description="Write a complete, valid project of invented municipalities, plans and KPIs; the same seed "
        "always gives the same files. Every page of its site says the data are fictitious.",
    )
    demo.add_argument("--municipalities", type=int, default=10, help="number of municipalities (default: 10)")
    demo.add_argument("--kpis", type=int, default=20, help="KPIs per municipality (default: 20)")
    demo.add_argument("--seed", type=int, default=1, help="seed of the random figures (default: 1)")
    demo.add_argument("--out", required=True, help="an empty or new folder to write the project into")
    demo.set_defaults(run=cmd_demo)
