"""The one date every status is computed from.

This is the only place in Planspor that reads the clock, and only when no date
was given: ``--as-of`` on the command line, else ``PLANSPOR_AS_OF`` in the
environment (which the plugin also reads), else today.
"""

from __future__ import annotations

import os
from datetime import date

AS_OF_VARIABLE = "PLANSPOR_AS_OF"


class AsOfError(ValueError):
    pass


def parse_as_of(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise AsOfError(f"as-of date must be written YYYY-MM-DD, e.g. 2018-05-01; found {text!r}") from None


def resolve_as_of(value: str | date | None = None) -> date:
    if isinstance(value, date):
        return value
    text = value or os.environ.get(AS_OF_VARIABLE)
    return parse_as_of(text) if text else date.today()
