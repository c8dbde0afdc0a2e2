"""The one Jinja2 set-up of the rendered HTML documents (term sheet page, deal report)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


def html_templates(package: str) -> Environment:
    """The templates in ``package``'s ``templates`` folder: HTML autoescaped, an undefined
    name an error rather than an empty string, block tags leaving no blank lines."""
    return Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
