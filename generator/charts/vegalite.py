"""The Vega-Lite version every chart spec is written for: the one the pinned Altair knows.

Specs are plain dicts built without Altair (building them through Altair's classes cost 2 to 90 ms
each, and importing Altair half a second per build); the tests validate every chart kind against
Altair's copy of the Vega-Lite schema, and check that this version is Altair's
(``tests/test_chart_kpi.py``), so an upgrade of Altair that moves Vega-Lite is noticed there.
"""

SCHEMA_VERSION = "v6.4.1"
SCHEMA_URL = f"https://vega.github.io/schema/vega-lite/{SCHEMA_VERSION}.json"
