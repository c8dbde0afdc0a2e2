"""Load deal terms from TOML: a path, or the name of a deal shipped with passthru."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from passthru.deal.model import Deal
from passthru.errors import DealError


def shipped_deals() -> tuple[str, ...]:
    """Names of the deal files bundled with passthru (``cmsi-2002-12``, ``cmsi-2003-2``)."""
    folder = resources.files("passthru.deal") / "deals"
    return tuple(
        sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))
    )


def _locate(deal: str | Path) -> tuple[str, str]:
    path = Path(deal)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise DealError("no such deal file", file=str(path))
        return str(path), path.read_text(encoding="utf-8")
    name = str(deal)
    if name not in shipped_deals():
        known = ", ".join(shipped_deals())
        raise DealError(f"unknown deal {name!r}; give a TOML path or one of: {known}")
    text = (resources.files("passthru.deal") / "deals" / f"{name}.toml").read_text("utf-8")
    return f"{name}.toml", text


def load_deal(deal: str | Path) -> Deal:
    """Read and validate a deal; errors name the file and the offending field."""
    where, text = _locate(deal)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DealError(f"not valid TOML: {exc}", file=where) from exc
    try:
        return Deal.model_validate(data)
    except ValidationError as exc:
        problems = [
            (".".join(str(p) for p in err["loc"]) or "(deal)", err["msg"]) for err in exc.errors()
        ]
        message = "; ".join(f"{field}: {msg}" for field, msg in problems)
        raise DealError(message, file=where, field=problems[0][0]) from exc
