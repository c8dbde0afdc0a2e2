"""Renderers of term sheets (EDGAR text, Markdown, HTML, JSON, CSV, xlsx) and the filing parser."""
