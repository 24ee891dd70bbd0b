"""A KPI's page: status and why, definition, targets, and the actuals with computed differences."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..charts.embed import chart_block
from ..charts.kpi import kpi_chart_spec, rank_chart_spec
from ..formatting import format_number, format_period, format_quantity, format_signed
from ..i18n import t
from ..kpi_rows import KpiRow, kpi_rows
from ..history import History
from ..model import Kpi
from ..opendata import kpi_csv_path, kpi_json_path
from . import urls
from ..phrases import status_reason
from .changes import kpi_history
from .render import Page, render
from .view import SiteView


def present_columns(rows: list[KpiRow]) -> list[str]:
    """The columns beside period and actual that have at least one value, so empty ones are not shown."""
    columns = []
    if any(row.goal is not None for row in rows):
        columns.append("target")
    if any(row.path is not None for row in rows):
        columns.append("path")
    columns += [name for name in ("expected", "cluster", "national", "rank", "printed_difference", "note")
                if any(getattr(row.actual, name) is not None for row in rows)]
    if "expected" in columns:
        columns.insert(columns.index("expected") + 1, "difference")
    return columns


def table_rows(kpi: Kpi, rows: list[KpiRow], columns: list[str], language: str) -> list[Markup]:
    """The rows of the table of actuals as HTML, one per figure, formatted here rather than by
    template calls: a national site prints a million cells, and a helper called from a template
    costs several times the formatting. Every text is escaped as the template would."""
    unit = kpi.unit

    def qty(value: float | None) -> str:
        return format_quantity(value, unit, language) if value is not None else ""

    table = []
    for row in rows:
        actual = row.actual
        cells = []
        for column in columns:
            if column == "difference":
                text: str | Markup = format_signed(row.difference, language)
            elif column == "printed_difference":
                text = format_signed(actual.printed_difference, language) if actual.printed_difference is not None else ""
                if row.mismatch:
                    flag = t("kpi.difference_mismatch", language, printed=format_signed(actual.printed_difference, language),
                             computed=format_signed(row.difference, language))
                    text = Markup('{0} <span class="ps-flag"><span aria-hidden="true">▲</span> {1}</span>').format(text, flag)
            elif column == "rank":
                text = ""
                if actual.rank is not None:
                    rank = format_number(actual.rank, language)
                    text = t("kpi.rank_of", language, rank=rank, of=format_number(kpi.rank_of, language)) \
                        if kpi.rank_of else rank
            elif column == "note":
                cells.append(f"<td>{escape(actual.note or '')}</td>")
                continue
            elif column == "target":
                text = qty(row.goal)
            elif column == "path":
                text = qty(row.path)
            else:
                text = qty(getattr(actual, column))
            cells.append(f'<td class="ps-num">{escape(text)}</td>')
        mismatch = ' class="ps-mismatch"' if row.mismatch else ""
        table.append(Markup(f'<tr{mismatch}><th scope="row">{escape(format_period(actual.period, language))}</th>'
                            f'<td class="ps-num">{escape(format_quantity(actual.actual, unit, language))}</td>'
                            f'{"".join(cells)}</tr>'))
    return table


def actuals_table_id(kpi: Kpi) -> str:
    """Id of a KPI page's table of actuals (unique when several KPI pages are put together, as in a PDF)."""
    return f"actuals-{kpi.id}"


def kpi_page(view: SiteView, kpi: Kpi, history: History | None = None, rows: list[KpiRow] | None = None) -> Page:
    """The page; ``rows`` are the KPI's :func:`kpi_rows` when already at hand (they also make its data files)."""
    path = view.kpi_url(kpi)
    status = view.kpi_statuses[kpi.id]
    rows = kpi_rows(kpi) if rows is None else rows
    columns = present_columns(rows)
    description = view.chart_description(kpi)
    spec = kpi_chart_spec(kpi, status, view.as_of, view.language, description)
    # The charts link to the actuals table beside them, which holds every figure they draw.
    table = {"table_id": actuals_table_id(kpi), "table_text": t("chart.see_table", view.language)} if rows else {}
    chart = chart_block(spec, chart_id=f"kpi-{kpi.id}", kind="kpi", description=description, **table) if spec else None
    rank_spec = rank_chart_spec(kpi, view.as_of, view.language)
    rank_chart = chart_block(rank_spec, chart_id=f"rank-{kpi.id}", kind="rank", **table,
                             description=rank_description(kpi, view)) if rank_spec else None
    markdown = render(
        "kpi.md.j2",
        path,
        view,
        kpi=kpi,
        urls=urls,
        status=status,
        reason=status_reason(status, kpi, view.language),
        rows=rows,
        columns=columns,
        table=table_rows(kpi, rows, columns, view.language),
        chart=chart,
        rank_chart=rank_chart,
        downloads={"json": kpi_json_path(kpi.id), "csv": kpi_csv_path(kpi.id)},
        plans=view.kpi_plans.get(kpi.id, []),
        **kpi_history(view, history, kpi),
    )
    return Page(path, kpi.title, markdown)


def rank_description(kpi: Kpi, view: SiteView) -> str:
    """The rank chart in one sentence: the latest placement and its period."""
    ranked = [row for row in kpi.actuals if row.rank is not None and row.period.end <= view.as_of]
    latest = max(ranked, key=lambda row: row.period.end)
    rank = format_number(latest.rank, view.language)
    text = t("kpi.rank_of", view.language, rank=rank, of=format_number(kpi.rank_of, view.language)) if kpi.rank_of else rank
    return t("kpi.rank_description", view.language, rank=text, period=format_period(latest.period, view.language))
