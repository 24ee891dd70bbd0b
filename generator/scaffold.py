"""``planspor new plan ID`` and ``planspor new kpi ORG/ID``: a commented starting file that validates.

The files are meant for editors who are not programmers: every field has a Danish comment
saying what it is for, the first line connects the file to the JSON Schema (completion and
hover help in an editor with a YAML language server), and every placeholder is a valid value,
so the new file passes ``planspor validate`` before anything is changed. Placeholders say
"ret ..." so that they are easy to spot.

An existing file is never overwritten, and ids are checked against the same pattern as the model.
The templates are pure functions; :func:`create_plan` and :func:`create_kpi` do the I/O.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

import yaml

from .load import KPI_DIR, PLANS_DIR
from .model import ID_RE

PLAN_PARTIES = (("kommune", "Jobcenter (ret navnet)", "kommune"), ("star", "STAR (ret navnet)", "stat"))
"""The two parties a new plan starts with: (id, placeholder name, type)."""


class ScaffoldError(Exception):
    """A new file that cannot be written; the message says why and what to do."""


def _quoted(text: str) -> str:
    # A JSON string is a valid double-quoted YAML scalar, whatever the text contains.
    return json.dumps(text, ensure_ascii=False)


def check_id(value: str, what: str) -> str:
    if not ID_RE.fullmatch(value or ""):
        raise ScaffoldError(
            f"{what} {value!r} kan ikke bruges: brug små bogstaver a-z, tal og bindestreg, "
            "og start med et bogstav eller et tal (fx 'slagelse-sdp-hp')"
        )
    return value


def plan_template(plan_id: str, year: int, party_names: dict[str, str] | None = None) -> str:
    """The text of a new plan. ``party_names`` are the names already used for party ids in other plans."""
    check_id(plan_id, "Planens id")
    party_names = party_names or {}
    parties = "\n".join(
        f"  {party_id}: {{name: {_quoted(party_names.get(party_id, name))}, type: {kind}}}"
        for party_id, name, kind in PLAN_PARTIES
    )
    return f"""\
# yaml-language-server: $schema=../schema/plan.schema.json
# Ny plan, skrevet af "planspor new plan {plan_id}". Ret teksterne, der siger "ret", og slet det,
# du ikke bruger. Linjer, der starter med #, er kommentarer og vises ikke på sitet.
# Nøglerne (ordet før kolon) er engelske og skal staves præcist; indholdet skrives på dansk.
# Ryk ind med mellemrum, aldrig med tabulator. Alle felter: docs/reference.md.

# Planens id: samme som filnavnet. Små bogstaver, tal og bindestreg.
id: {plan_id}
# Planens titel, som den står på sitet.
title: Ny plan (ret titlen)
# Slags dokument: handleplan, strategi, budgetforslag, opfølgning, oplæg ...
kind: handleplan
# Året for uger og datoer uden år, fx "uge 12" eller "14.03".
year: {year}
# Datoen på dokumentet. Slet # foran linjen for at bruge den.
# published: {year}-01-31
# Sags- eller journalnummer.
# reference: J.nr. 00/00000
# Parterne, der deler planen. Ordet før kolon er partens id, som bruges under "responsible";
# type er kommune, stat, region eller anden. Et id betyder den samme part i alle planer.
parties:
{parties}
# Et kort resumé øverst på planens side (Markdown). Teksten rykkes ind med to mellemrum.
summary: |
  Ret teksten: skriv kort, hvad planen skal opnå, og hvem der står bag.
# Faserne og deres aktiviteter. En aktivitets id skal være entydigt i planen.
phases:
  - id: fase-1
    title: Første fase (ret titlen)
    activities:
      - id: opstart
        # Hvornår: uge 12, "12/13" (uge 12 eller 13), "16 17.04" (uge 16, den 17. april),
        # {year}-03-14, 3kv{year % 100:02d} eller 3kv{year % 100:02d}-2kv{(year + 1) % 100:02d}.
        when: uge 10
        # Aktivitetens form, fx Opstartsmøde, Workshop eller Mail.
        form: Opstartsmøde
        # Hvad der skal ske.
        action: Forløbet aftales (ret teksten)
        # Hvem der har ansvaret, pr. part: {{partens id: [roller]}}.
        responsible: {{{PLAN_PARTIES[0][0]}: [Ledelse], {PLAN_PARTIES[1][0]}: [AMK]}}
        # planned (planlagt), in_progress (i gang), done (gennemført), postponed (udskudt)
        # eller cancelled (aflyst). Når aktiviteten er gennemført, skriv også done_on: datoen.
        status: planned
# Milepæle, fx {{id: handleplan-godkendt, title: Handleplanen er godkendt, when: uge 20}}.
milestones: []
# Id'er på de nøgletal, planen hører til, fx [slagelse-sdp-hp].
kpis: []
# Bemærkninger, der vises på planens side, fx uoverensstemmelser i kildedokumentet.
notes: []
"""


def kpi_template(kpi_id: str, organisation: str, year: int, folder: str) -> str:
    """The text of a new KPI in ``kpi_data/<folder>/``."""
    check_id(kpi_id, "Nøgletallets id")
    return f"""\
# yaml-language-server: $schema=../../schema/kpi.schema.json
# Nyt nøgletal, skrevet af "planspor new kpi {folder}/{kpi_id}". Ret teksterne, der siger "ret",
# og slet det, du ikke bruger. Linjer, der starter med #, er kommentarer og vises ikke på sitet.
# Nøglerne (ordet før kolon) er engelske og skal staves præcist; indholdet skrives på dansk.
# Ryk ind med mellemrum, aldrig med tabulator. Alle felter: docs/reference.md.

# Nøgletallets id: samme som filnavnet. Små bogstaver, tal og bindestreg.
id: {kpi_id}
# Nøgletallets navn, som det står på sitet.
title: Nyt nøgletal (ret titlen)
# Organisationen, hvis tal det er, fx Slagelse Kommune.
organisation: {_quoted(organisation)}
# Enheden for tallene, fx helårspersoner, personer eller %.
unit: helårspersoner
# Hvilken retning er en forbedring: lower (lavere er bedre) eller higher (højere er bedre).
better: lower
# Hvor tallene kommer fra, fx jobindsats.dk, Danmarks Statistik, Expose eller Fasit.
data_source: jobindsats.dk
# Hvor ofte der kommer et tal: month, quarter, rolling-4q (rullende fire kvartaler), half eller year.
frequency: quarter
# Hvad nøgletallet måler, og hvordan det opgøres (Markdown, rykket ind med to mellemrum).
description: |
  Ret teksten: beskriv, hvad nøgletallet måler, og hvordan det opgøres.
# Målene. period: hvornår målet skal være nået (fx {year}, 4kv{year % 100:02d} eller {year}-H1).
# value: tallet. type: max (højst), min (mindst) eller exact (præcis).
# decided og by: hvornår og af hvem målet blev besluttet, fx decided: {year}-05-13 og by: EBU.
targets:
  - period: {year}
    value: 100
    type: max
    note: Pladsholder fra planspor new – ret periode, værdi og type, og slet denne note.
# Bemærkninger, der vises på nøgletallets side, fx om kilden.
notes: []
# De faktiske tal står i {kpi_id}.csv ved siden af denne fil, med kolonnerne period,actual.
# Filen kan også skrives af "planspor import {folder}/{kpi_id} FIL" (se docs/redigering.md).
"""


# ------------------------------------------------------------------------- I/O


def _existing_party_names(root: Path) -> dict[str, str]:
    """The name each party id already has in the project's plans (a new plan must agree)."""
    names: dict[str, str] = {}
    for path in sorted((root / PLANS_DIR).glob("*.y*ml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # a broken plan is for 'planspor validate' to report
        parties = data.get("parties") if isinstance(data, dict) else None
        if isinstance(parties, dict):
            for party_id, party in parties.items():
                if isinstance(party, dict) and isinstance(party.get("name"), str):
                    names.setdefault(str(party_id), party["name"])
    return names


def _existing_organisation(folder: Path) -> str | None:
    for path in sorted(folder.glob("*.y*ml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and isinstance(data.get("organisation"), str):
            return data["organisation"]
    return None


def _write_new(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path.as_posix()} findes allerede; den bliver ikke overskrevet") from None


def _refuse_existing(*paths: Path) -> None:
    for path in paths:
        if path.exists():
            raise ScaffoldError(f"{path.as_posix()} findes allerede; den bliver ikke overskrevet")


def create_plan(root: Path, plan_id: str, year: int | None = None) -> Path:
    root = Path(root)
    check_id(plan_id, "Planens id")
    path = root / PLANS_DIR / f"{plan_id}.yaml"
    _refuse_existing(path, path.with_suffix(".yml"))
    _write_new(path, plan_template(plan_id, year or date.today().year, _existing_party_names(root)))
    return path


def create_kpi(root: Path, spec: str, year: int | None = None) -> Path:
    """``spec`` is ``ORG/ID``: the organisation's folder under ``kpi_data/`` and the KPI's id."""
    root = Path(root)
    folder, slash, kpi_id = spec.partition("/")
    if not slash or "/" in kpi_id:
        raise ScaffoldError(f"skriv nøgletallet som ORGANISATION/ID, fx slagelse/slagelse-sdp-hp; fandt {spec!r}")
    check_id(folder, "Organisationens mappenavn")
    check_id(kpi_id, "Nøgletallets id")
    path = root / KPI_DIR / folder / f"{kpi_id}.yaml"
    _refuse_existing(path, path.with_suffix(".yml"))
    others = [p for p in (root / KPI_DIR).glob(f"*/{kpi_id}.y*ml") if p.parent.name != folder]
    if others:
        raise ScaffoldError(f"nøgletallet '{kpi_id}' findes allerede i {others[0].as_posix()}; et id må kun bruges én gang")
    organisation = _existing_organisation(path.parent) or f"{folder} (ret til organisationens fulde navn)"
    _write_new(path, kpi_template(kpi_id, organisation, year or date.today().year, folder))
    return path


def cmd_new(args) -> int:
    root = Path(args.root)
    if args.year is not None and not 1990 <= args.year <= 2100:
        print(f"Fejl: --year {args.year}: brug et år fra 1990 til 2100", file=sys.stderr)
        return 1
    try:
        if args.kind == "plan":
            path = create_plan(root, args.name, args.year)
        else:
            path = create_kpi(root, args.name, args.year)
    except ScaffoldError as error:
        print(f"Fejl: {error}", file=sys.stderr)
        return 1
    shown = os.path.relpath(path)
    print(f"Skrev {Path(shown).as_posix()}. Ret teksterne, der siger \"ret\", og kør 'planspor validate'.")
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new", help="write a commented starting file for a plan or a KPI",
        description="Write a commented starting file that validates: 'planspor new plan ID' writes plans/ID.yaml, "
        "'planspor new kpi ORG/ID' writes kpi_data/ORG/ID.yaml. An existing file is never overwritten.",
    )
    new.add_argument("kind", choices=("plan", "kpi"), help="plan or kpi")
    new.add_argument("name", metavar="ID", help="the plan's id, or ORG/ID for a KPI (e.g. slagelse/slagelse-sdp-hp)")
    new.add_argument("--root", default=".", help="folder with plans/ and kpi_data/")
    new.add_argument("--year", type=int, help="year for the placeholders (default: this year)")
    new.set_defaults(run=cmd_new)
