"""Number cells: KPI values as people type them, with Danish or English habits.

Both decimal marks are accepted because both occur in the data ("1234,5" and "1234.5"), and
thousands may be grouped with dots ("1.234.567") or spaces ("1 234"). The one form that cannot
be read safely is a single dot before exactly three digits: "1.310" is 1310 to a Dane and 1.31
to everyone else, so it is refused with a message that shows both unambiguous spellings.

An empty cell means "not measured" and comes back as None, never as zero.
Pure: no I/O; the caller decides how to format the result.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

_EXPECTED = "a number such as 1234,5 or 1234.5"

# Separators people paste in as thousands spaces: plain, no-break, narrow no-break, thin.
_THOUSANDS_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
_SIGNS = {"+": "", "-": "-", "\u2212": "-"}  # \u2212 is the typographic minus sign

# ASCII digits only: float() would also take "١٢" or "1_000", which no one means in a KPI table.
_PLAIN = re.compile(r"[0-9]+")
_SPACE_GROUPED = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+")
_DOT_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")


class NumberError(ValueError):
    """A cell that is not a number; the message says what was found and what is expected."""


def _shown(text: str) -> str:
    # Quote what was found, but keep a pasted paragraph from swamping the message.
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _ambiguous(text: str, sign: str, integer: str, fraction: str) -> NumberError:
    decimals = fraction.rstrip("0") or "0"
    return NumberError(
        f"{_shown(text)} is ambiguous: write {sign}{integer}{fraction} (thousands) "
        f"or {sign}{integer},{decimals} (decimal)"
    )


def parse_number(text: str | int | float) -> float | None:
    """The value of a number cell: None when it is empty, else a finite float.

    An int or float (already a number, e.g. from YAML) is checked and passed through: turning it
    back into text would misread it, since repr(1.125) looks exactly like an ambiguous "1.125".
    """
    if type(text) is str:
        return _parse_text_cached(text)  # the same cells recur across thousands of CSV files
    return _parse_number(text)


def _parse_number(text: str | int | float) -> float | None:
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        try:
            value = float(text)
        except OverflowError:  # an int beyond float range, possibly too long even to print
            raise NumberError(f"the number is too large: expected {_EXPECTED}") from None
        if not math.isfinite(value):
            raise NumberError(f"{text!r} is not a finite number: expected {_EXPECTED}")
        return value + 0.0
    if not isinstance(text, str):
        raise NumberError(f"expected {_EXPECTED} as text, found {type(text).__name__}")
    stripped = text.strip()
    if not stripped:
        return None
    sign = _SIGNS.get(stripped[0])
    body = (stripped[1:] if sign is not None else stripped).translate(_THOUSANDS_SPACES)

    def whole(part: str, dots_allowed: bool) -> bool:
        """Whether ``part`` is an integer part: plain, or grouped by spaces (or dots, if allowed)."""
        return bool(_PLAIN.fullmatch(part) or _SPACE_GROUPED.fullmatch(part)
                    or (dots_allowed and _DOT_GROUPED.fullmatch(part)))

    if "," in body:
        # A comma is always the decimal mark, so any dots before it group thousands: 1.234,5.
        integer, _, fraction = body.partition(",")
        valid = whole(integer, dots_allowed=True) and bool(_PLAIN.fullmatch(fraction))
    elif body.count(".") == 1:
        # One dot and no comma: a decimal point, unless it could just as well group thousands.
        integer, _, fraction = body.partition(".")
        valid = whole(integer, dots_allowed=False) and bool(_PLAIN.fullmatch(fraction))
        if valid and _PLAIN.fullmatch(integer) and len(integer) <= 3 and len(fraction) == 3 and int(integer):
            raise _ambiguous(stripped, sign or "", integer, fraction)
    else:
        # No decimal mark; two or more dots can only be thousands: 1.234.567.
        integer, fraction = body, "0"
        valid = whole(integer, dots_allowed=True)
    if not valid:
        raise NumberError(f"{_shown(stripped)} is not a plain decimal number: expected {_EXPECTED}")

    digits = integer.replace(" ", "").replace(".", "")
    value = float(f"{sign or ''}{digits}.{fraction}")
    if not math.isfinite(value):
        raise NumberError(f"{_shown(stripped)} is too large: expected {_EXPECTED}")
    # Adding 0.0 turns -0.0 into 0.0, so "-0" is stored and shown as plain zero.
    return value + 0.0


_parse_text_cached = lru_cache(maxsize=65536)(_parse_number)
