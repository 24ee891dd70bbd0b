"""Planspor: plans and KPI targets as versioned YAML, rendered into a MkDocs site."""

__version__ = "0.1.0"
