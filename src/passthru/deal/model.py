"""Deal terms as immutable, validated data (a deal is a TOML file a person edits)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from passthru.deal.base import Amount, Frozen, to_decimal
from passthru.deal.classes import CertificateClass, check_classes
from passthru.deal.limits import CleanupCall, LossLimits
from passthru.deal.shifting import MaintenanceOfSubordination, ShiftingInterest, StepDownTests
from passthru.deal.waterfall_terms import WaterfallOptions

__all__ = ["Deal", "Frozen", "PoolTerms"]


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
    cut_off_balance: Amount | None = None

    @model_validator(mode="after")
    def _term_range(self) -> PoolTerms:
        low, high = self.original_term
        if not 1 <= low <= high <= 480:
            raise ValueError(
                f"original_term {self.original_term} must satisfy 1 <= low <= high <= 480"
            )
        return self


class Deal(Frozen):
    """Static terms of a deal. Pools may not overlap in original term.

    ``cut_off_balance`` is the aggregate scheduled principal balance as the
    filing prints it (§3.1). Certificates (``classes``) and their rules are
    optional, so a deal whose filing gives none (2002-12) still loads; the rules
    default to the GENERIC ones of cashflow-and-structure.md §2. Distributions
    are on the ``distribution_day`` of each month; interest accrues 30/360 for
    the prior calendar month (§2.3).

    ``servicer``, ``registration_number`` and ``paying_agent`` are named in the
    8-K's own words ("CitiMortgage, Inc.", "333-72082"); ``prospectus_date`` is
    the date of the Prospectus the detailed description refers to.
    ``disclosure_style`` is the term sheet text the deal files: the "collateral"
    term sheets (2002-12, Item 5) or the "detailed" description (2003-2, Item 2).
    """

    name: str = Field(min_length=1)
    issuer: str = "Citicorp Mortgage Securities, Inc."
    series: str = ""
    title: str = ""
    cut_off_date: date
    closing_date: date | None = None
    report_date: date | None = None
    servicing_fee_rate: float = Field(ge=0, lt=5)
    pools: tuple[PoolTerms, ...] = Field(min_length=1)
    issuer_short_name: str = ""
    servicer: str = ""
    registration_number: str = ""
    paying_agent: str = ""
    prospectus_date: date | None = None
    disclosure_style: Literal["collateral", "detailed"] = "collateral"
    cut_off_balance: Amount | None = None
    distribution_day: int = Field(25, ge=1, le=28)
    accrual: Literal["30/360"] = "30/360"
    classes: tuple[CertificateClass, ...] = ()
    loss_limits: LossLimits | None = None
    cleanup_call: CleanupCall = CleanupCall()
    shifting_interest: ShiftingInterest = ShiftingInterest()
    step_down: StepDownTests = StepDownTests()
    maintenance_of_subordination: MaintenanceOfSubordination = MaintenanceOfSubordination()
    waterfall: WaterfallOptions = WaterfallOptions()

    @field_validator("classes")
    @classmethod
    def _classes_consistent(
        cls, classes: tuple[CertificateClass, ...], info: ValidationInfo
    ) -> tuple[CertificateClass, ...]:
        """Names, pools, B-1 to B-6 and the balance total (classes.check_classes);
        senior classes without a rate take their pool's target rate."""
        if "pools" not in info.data or "cut_off_balance" not in info.data:
            return classes  # those fields are already reported as wrong
        pools = {p.name: p for p in info.data["pools"]}
        check_classes(classes, pools, info.data.get("cut_off_balance"))
        return tuple(_with_target_rate(c, pools) for c in classes)

    @model_validator(mode="after")
    def _pool_balances_add_up(self) -> Deal:
        given = [p.cut_off_balance for p in self.pools]
        if self.cut_off_balance is None or any(b is None for b in given):
            return self
        total = sum(given, Decimal(0))  # type: ignore[arg-type]
        if total != self.cut_off_balance:
            raise ValueError(
                f"pool cut-off balances add up to {total}, not cut_off_balance "
                f"{self.cut_off_balance}"
            )
        return self

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

    def certificate_class(self, name: str) -> CertificateClass:
        for c in self.classes:
            if c.name == name:
                return c
        raise KeyError(name)


def _with_target_rate(c: CertificateClass, pools: dict[str, PoolTerms]) -> CertificateClass:
    if c.kind != "senior" or c.rate is not None or c.pool is None:
        return c
    return c.model_copy(update={"rate": to_decimal(pools[c.pool].target_rate)})
