"""Deal terms as immutable, validated data (a deal is a TOML file a person edits)."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Frozen(BaseModel):
    """Base of every deal model: immutable, and unknown keys are errors, not silence."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class PoolTerms(Frozen):
    """A pool of the deal: which loans belong to it and where its strips split.

    ``original_term`` bounds are inclusive months (pool I of 2002-12: 240 to 360).
    ``target_rate`` in percent splits premium loans (net rate >= target) from
    discount loans (cashflow-and-structure.md §2.2).
    """

    name: str = Field(min_length=1)
    original_term: tuple[int, int]
    target_rate: float = Field(gt=0, lt=20)
    description: str = ""

    @model_validator(mode="after")
    def _term_range(self) -> PoolTerms:
        low, high = self.original_term
        if not 1 <= low <= high <= 480:
            raise ValueError(
                f"original_term {self.original_term} must satisfy 1 <= low <= high <= 480"
            )
        return self

    def holds_term(self, months: int) -> bool:
        low, high = self.original_term
        return low <= months <= high


class Deal(Frozen):
    """Static terms of a deal. Pools may not overlap in original term."""

    name: str = Field(min_length=1)
    issuer: str = "Citicorp Mortgage Securities, Inc."
    series: str = ""
    title: str = ""
    cut_off_date: date
    closing_date: date | None = None
    report_date: date | None = None
    servicing_fee_rate: float = Field(ge=0, lt=5)
    pools: tuple[PoolTerms, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _pools_disjoint(self) -> Deal:
        names = [p.name for p in self.pools]
        if len(set(names)) != len(names):
            raise ValueError(f"pool names repeat: {names}")
        ranges = sorted(p.original_term for p in self.pools)
        for (_, high), (low, _) in pairwise(ranges):
            if low <= high:
                raise ValueError(f"pools overlap in original term: {ranges}")
        return self

    def pool(self, name: str) -> PoolTerms:
        for p in self.pools:
            if p.name == name:
                return p
        raise KeyError(name)

    @property
    def pool_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.pools)
