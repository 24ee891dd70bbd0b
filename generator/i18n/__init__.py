"""The one translation table: every interface label, in Danish (default) and English.

Labels live in ``da.yml`` and ``en.yml`` beside this file, grouped in sections
(``nav``, ``status``, ``period`` ...) and addressed with dotted keys
(``t("status.done")``). A test checks that both files have the same keys, so a
label can never exist in one language only.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


@cache
def labels(language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """All labels of one language as a flat mapping of dotted keys."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown interface language {language!r}; use one of {', '.join(LANGUAGES)}")
    text = resources.files(__package__).joinpath(f"{language}.yml").read_text(encoding="utf-8")
    return _flatten(yaml.safe_load(text))


def t(key: str, language: str = DEFAULT_LANGUAGE, **values: Any) -> Any:
    """The label for ``key`` in ``language``, formatted with ``values`` when it is a string."""
    label = labels(language)[key]
    return label.format(**values) if values and isinstance(label, str) else label


def t_count(key: str, count: int, language: str = DEFAULT_LANGUAGE, **values: Any) -> str:
    """The label ``key.one`` or ``key.other`` for ``count``, so no text reads "1 aktiviteter".

    Danish and English agree: the singular is for exactly one, the plural for every other count
    (0 included). A whole sentence is one label, so its verb can agree too ("1 activity ... is").
    """
    return t(f"{key}.{'one' if count == 1 else 'other'}", language, count=count, **values)
