"""The sample site, built for a pinned date, shows the content of all five source documents."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import SOURCES


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(site: Path, page: str) -> str:
    """The visible text of a built page, with white space folded."""
    parser = _Text()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def assert_all_on(text: str, expected: list[str]) -> None:
    missing = [item for item in expected if item not in text]
    assert not missing, f"not on the page: {missing}"


def test_every_page_has_the_status_line(built_site):
    for page in ["index.html", "plans/ballerup-jaf-2018.html", "kpis/slagelse/slagelse-sdp-benchmark.html",
                 "parties/star.html", "about.html"]:
        assert "Status pr. 1. maj 2018" in page_text(built_site, page), page


def _combined_table_rows() -> list[list[str]]:
    """The rows of 'Samlet tid- og handleplan' in the STAR/Ballerup source, as printed."""
    text = (SOURCES / "001_10cda59b3c8ada17.txt").read_text(encoding="utf-8")
    table = text.split("Samlet tid- og handleplan", 1)[1]
    rows = []
    for line in table.splitlines():
        cells = line.split("\t")
        if len(cells) >= 3 and not cells[0].startswith("Uge"):
            rows.append(cells)
    return rows


@pytest.mark.skipif(not SOURCES.exists(), reason="../shared/sources is not beside the project")
def test_star_ballerup_plan_shows_every_row_of_the_combined_plan(built_site):
    text = page_text(built_site, "plans/ballerup-jaf-2018.html")
    rows = _combined_table_rows()
    assert len(rows) == 22
    for week, form, action, *_ in rows:
        expected = []
        match = re.match(r"(\d+)(?:/(\d+))?(?:/?\s*(\d+)\.(\d+))?", week.strip())
        if match:
            first, second, day, _month = match.groups()
            expected.append(f"uge {first}/{second}" if second and not day else f"uge {first}")
            if day:
                expected.append(f"{int(day)}. ")
        if form.strip():
            expected.append(re.sub(r"\s+", " ", form.strip()))
        action_text = re.split(r"<ul", action)[0].strip()
        if action_text:
            expected.append(re.sub(r"\s+", " ", action_text))
        for bullet in re.findall(r"•\s*([^•<]+)", action):
            expected.append(re.sub(r"\s+", " ", bullet.strip()))
        assert_all_on(text, expected)


def test_star_ballerup_plan_structure_and_status(built_site):
    text = page_text(built_site, "plans/ballerup-jaf-2018.html")
    assert_all_on(text, [
        "Aftalefase", "Undersøgelsesfasen", "Handleplansfase", "J.nr. 18/03572", "15. marts 2018",
        "Ansvarlig: Jobcenter Ballerup", "Ansvarlig: STAR – AMK Øst", "Haderslev og Varde",
        "uge 16", "17. april", "uge 34", "Evaluering af projektet",
        "Gennemført", "Forsinket", "Starter snart",
        "En kort beskrivelse af konklusionerne fra undersøgelsesfasen",
        "001_10cda59b3c8ada17.txt",
    ])
    assert re.search(r"uge 24.*uge 34|uge 34.*uge 24", text), "the week 24/34 discrepancy is noted"


def test_ballerup_follow_up_shows_target_strands_and_focus_areas(built_site):
    text = page_text(built_site, "plans/ballerup-omstillingscase-ebu-03.html")
    assert_all_on(text, [
        "172", "2021", "EBU-03", "Tidlig og virksomhedsvendt indsats", "Nedbringelse af antallet af sager",
        "Organisering og kulturforandring", "Sagsstrategi og arbejdsgange", "Metoder og redskaber",
        "Forebyggende indsats", "Møder", "Eksternt samarbejde", "Redskaber til progressionsmåling / styringsredskaber",
        "Implementering af ny måde at arbejde på", "højst forventet niveau −172",
    ])


def test_copenhagen_budget_proposal(built_site):
    text = page_text(built_site, "plans/koebenhavn-bi08-sagsstammer.html")
    assert_all_on(text, [
        "1.400", "3.000", "250", "350", "helårspersoner", "halvårligt",
        "Borgere med uafklarede og komplekse helbredsproblemer", "Borgere med lettere stress, angst eller depression",
        "11.340", "45.360", "2023 p/l", "højst 50",
    ])


def test_activation_strategy(built_site):
    text = page_text(built_site, "plans/ballerup-aktiveringsstrategi-2015.html")
    assert_all_on(text, ["Empowerment", "Borger der kan selv, skal selv", "150-200", "400", "71,7", "48,3", "60.02"])
    assert "Relaterede dokumenter" not in text


def test_slagelse_targets_kpis_and_projects(built_site):
    text = page_text(built_site, "plans/slagelse-job-og-helbred-2024.html")
    assert_all_on(text, [
        "højst 930", "højst 295", "højst 130", "højst 100", "mindst 25 %", "mindst 70 %", "højst klyngen",
        "Arbejdsgiverkontakt", "Selvbooking", "Kontaktform",
        "Social Investeringsprojekt med Den Sociale Investeringsfond", "Fokus: Borgere med affektive lidelser",
    ])


@pytest.mark.skipif(not SOURCES.exists(), reason="../shared/sources is not beside the project")
def test_benchmark_table_is_a_real_series_with_the_flagged_row(built_site):
    text = page_text(built_site, "kpis/slagelse/slagelse-sdp-benchmark.html")
    source = (SOURCES / "004_8b72258c5d73b303.txt").read_text(encoding="utf-8")
    rows = re.findall(r"^(\dkv\d\d-\dkv\d\d)\t(\d+)\t(\d+)\t(-?\d+)\t(\d+)$", source, flags=re.M)
    assert len(rows) == 8
    for _period, expected, actual, _printed, rank in rows:
        assert_all_on(text, [f"{int(expected):,}".replace(",", "."), f"{int(actual):,}".replace(",", "."), f"{rank} af 98"])
    assert_all_on(text, ["1.–4. kvt. 2022", "Trykt −140, beregnet +140"])
    html = (built_site / "kpis/slagelse/slagelse-sdp-benchmark.html").read_text(encoding="utf-8")
    assert html.count('class="ps-mismatch"') == 1


def test_kpi_without_figures_says_no_data(built_site):
    text = page_text(built_site, "kpis/slagelse/slagelse-sdp-hp.html")
    assert_all_on(text, ["Ingen data", "højst 930"])


def test_party_page_lists_activities_across_plans(built_site):
    text = page_text(built_site, "parties/star.html")
    assert_all_on(text, ["STAR – AMK Øst", "Opstartsmøde", "Besøg i Haderslev og Varde", "AMK"])


def test_front_page_lists_plans_and_kpis(built_site, sample_project):
    text = page_text(built_site, "index.html")
    for plan in sample_project.plans:
        assert plan.title in text
    for kpi in sample_project.kpis:
        assert kpi.title in text


def test_dashboard_has_one_card_per_kpi_and_counts(built_site, sample_project):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert html.count('<article class="ps-card') == len(sample_project.kpis)
    text = page_text(built_site, "index.html")
    assert "Status for målene:" in text and "ingen data" in text


def test_plan_page_shows_its_kpi_cards(built_site, sample_project):
    plan = sample_project.plan("slagelse-job-og-helbred-2024")
    html = (built_site / "plans/slagelse-job-og-helbred-2024.html").read_text(encoding="utf-8")
    assert html.count('<article class="ps-card') == len(plan.kpis)


def test_timelines_are_embedded_as_data_with_a_text_alternative(built_site):
    html = (built_site / "plans/ballerup-jaf-2018.html").read_text(encoding="utf-8")
    assert 'data-chart-kind="timeline"' in html and "data-spec=" in html
    assert "Tidsplan med 22 aktiviteter" in page_text(built_site, "plans/ballerup-jaf-2018.html")
    assert "assets/javascripts/planspor-charts.js" in html
    runtime = (built_site / "assets/javascripts/planspor-charts.js").read_text(encoding="utf-8")
    assert runtime.startswith("/* Planspor chart runtime") and "(function () {" in runtime


def test_open_data_downloads_are_published(built_site):
    for path in ["data/kpis.json", "data/kpis.csv", "data/kpis/slagelse-sdp-benchmark.csv"]:
        assert (built_site / path).exists(), path
    html = (built_site / "kpis/slagelse/slagelse-sdp-benchmark.html").read_text(encoding="utf-8")
    assert "../../data/kpis/slagelse-sdp-benchmark.csv" in html


def test_built_site_refers_to_no_other_host(built_site):
    # Links to other sites are fine; nothing the page loads may come from another host.
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for match in re.finditer(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//(?!127\.0\.0\.1[:/])', html):
            raise AssertionError(f"{page.relative_to(built_site)} loads from another host: {match.group(0)}")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])


def test_every_internal_link_and_anchor_resolves(built_site):
    from urllib.parse import unquote, urlsplit

    parsed: dict[Path, _Links] = {}

    def links_of(page: Path) -> _Links:
        if page not in parsed:
            parser = _Links()
            parser.feed(page.read_text(encoding="utf-8"))
            parsed[page] = parser
        return parsed[page]

    broken = []
    # 404.html is served from any folder, so MkDocs links it from the site root: not checked here.
    for page in sorted(set(built_site.rglob("*.html")) - {built_site / "404.html"}):
        for href in links_of(page).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)}: {href}")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in links_of(target).ids:
                broken.append(f"{page.relative_to(built_site)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken[:40])


def test_kpi_pages_show_target_history_and_a_page_lists_changes(built_site):
    # The sample site is built from this repository: its history, or the plain reason it has none
    # (a shallow CI checkout), is on the page.
    unavailable = "Historikken er ikke tilgængelig"
    text = page_text(built_site, "kpis/slagelse/slagelse-sdp-hp.html")
    history = text.split("Historik ¶", 1)[1]
    assert unavailable in history or (
        "Nyt mål for 2024 for »Gennemsnitligt antal helårspersoner på sygedagpenge«: højst 930" in history
    )
    changes = page_text(built_site, "changes.html")
    assert "Ændringer ¶" in changes and (unavailable in changes or "Nyt nøgletal" in changes)
    assert 'href="changes.html"' in (built_site / "index.html").read_text(encoding="utf-8"), "in the navigation"
