"""A small project whose content is made-up words, neither Danish nor English, for the language tests.

With content that contains no word of either language, every Danish or English word on a built
page is interface: the test can search whole pages for the other language's labels without
having to tell content from interface. It uses every part of the interface that the sample data
uses: phases, weeks and days, milestones, focus areas, target groups, a budget (with a printed
total that does not add up), notes, KPIs with a numeric target and a baseline (a path), a
series target with expected level and rank, and one without figures.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PLAN = """\
id: zeta-xylo
title: Zeta Xylo
kind: trebb
year: 2018
published: 2018-03-15
reference: ZX 18/042
source: zx-42.txt
parties:
  korbo: {name: Korbo Norr, type: kommune}
  velt: {name: Velt Amsu, type: stat}
summary: |
  Zuvo kappa drell morrin quib.
sections:
  - title: Orrb
    body: |
      Plix vomm tarra.
phases:
  - id: ixa
    title: Ixa
    description: Gorp vell.
    activities:
      - id: ixtar
        when: uge 11
        date: "14.03"
        form: Ixtar
        action: Pomblo wux
        responsible: {korbo: [Kalla], velt: [Derro]}
        focus_area: qorr
        status: done
        done_on: 2018-03-14
      - id: bravv
        when: "12/13"
        form: Bravv
        action: Snek tull
        responsible: {korbo: [Kalla, Omsi]}
        points: [Yurr, Fenn]
        note: Vakk drom.
      - id: klimm
        when: uge 17
        form: Klimm
        responsible: {velt: [Derro]}
  - id: opo
    title: Opo
    activities:
      - id: zell
        when: uge 19
        form: Zell
        action: Jubb
        responsible: {korbo: [Omsi]}
      - id: quarr
        when: uge 24
        form: Quarr
        responsible: {korbo: [Kalla]}
      - id: unplaced
        form: Wexo
        responsible: {velt: [Derro]}
milestones:
  - {id: plonk, title: Plonk, when: uge 26}
focus_areas:
  - {id: qorr, title: Qorr, description: Tiv mox.}
target_groups:
  - id: nabb
    title: Nabb
    description: Ruzz.
    size: 1200
    unit: zots
    effort: Glip
    objective: Frunn
    follow_up: Dakk
    measures: [Hibb, Zopp]
budget:
  title: Krell
  unit: kr.
  price_level: Vorr
  printed_total: 999
  lines:
    - {title: Blin, area: Ozz, committee: Puv, appropriation: Rell, kind: Zinn, amounts: {2018: 500, 2019: 250}}
    - {title: Drax, amounts: {2018: 300}}
notes:
  - Hugg varr.
kpis: [omni-quix, tarp-wenn, nill-vosk]
"""

KPIS = {
    "omni-quix": ("""\
id: omni-quix
title: Omni Quix
organisation: Korbo Norr
unit: zots
better: lower
description: Pell morr.
data_source: Vuxa
frequency: quarter
targets:
  - {period: 2019, value: 900, type: max, baseline: {period: 2017, value: 1200}, decided: 2018-01-10, by: Borr, note: Zem.}
notes: [Kib.]
""", "period,actual,note\n2017,1200,Ulp\n2017Q4,1150,\n2018Q1,1100,\n"),
    "tarp-wenn": ("""\
id: tarp-wenn
title: Tarp Wenn
organisation: Korbo Norr
unit: zots
better: lower
rank_of: 98
targets:
  - {value: {series: expected}, type: max}
""", "period,actual,expected,cluster,national,rank,printed_difference\n"
     "2017,1310,1350,1400,1380,28,-40\n2018Q1,1430,1450,1420,1400,34,-25\n"),
    "nill-vosk": ("""\
id: nill-vosk
title: Nill Vosk
organisation: Korbo Norr
unit: "%"
better: higher
targets:
  - {period: 2020, value: 60, type: min}
""", None),
}

MKDOCS = """\
site_name: Planspor
use_directory_urls: false
theme:
  name: material
  language: {language}
  font: false
  features: [navigation.instant, navigation.indexes, navigation.top]
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {{icon: material/weather-night, name: Skift til mørkt tema}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {{icon: material/weather-sunny, name: Skift til lyst tema}}
plugins:
  - search
  - planspor:
      accessibility:
        organisation: Korbo Norr
        contact_email: zot@example.org
        contact_phone: "+45 12 34 56 78"
        published: 2018-04-01
        reviewed: 2018-04-20
        limitations: [Grummo fex.]
extra_css: [assets/planspor.css, assets/print.css]
markdown_extensions: [admonition, attr_list, tables, {{toc: {{permalink: true}}}}]
nav:
  - Om Planspor:
      - Vell: vell.md
"""

CONTENT_WORDS = {
    # Every word of the content above, so a test can say which of a page's words are content.
    word for text in [PLAN, *(yaml for yaml, _ in KPIS.values()), *(csv or "" for _, csv in KPIS.values())]
    for word in text.replace(":", " ").replace(",", " ").split()
}


def write_english_test_project(root: Path, theme_language: str = "en") -> Path:
    (root / "plans").mkdir(parents=True, exist_ok=True)
    (root / "plans" / "zeta-xylo.yaml").write_text(PLAN, encoding="utf-8")
    folder = root / "kpi_data" / "korbo"
    folder.mkdir(parents=True, exist_ok=True)
    for kpi_id, (yaml_text, csv_text) in KPIS.items():
        (folder / f"{kpi_id}.yaml").write_text(textwrap.dedent(yaml_text), encoding="utf-8")
        if csv_text:
            (folder / f"{kpi_id}.csv").write_text(csv_text, encoding="utf-8")
    docs = root / "docs"
    (docs / "assets").mkdir(parents=True, exist_ok=True)
    for name in ("planspor.css", "print.css"):
        shutil.copy(ROOT / "docs" / "assets" / name, docs / "assets" / name)
    (docs / "vell.md").write_text("# Vell\n\nGrub zann.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS.format(language=theme_language), encoding="utf-8")
    return root
