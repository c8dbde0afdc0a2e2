"""Certificate classes: senior target-rate, ratio-stripped PO and IO, subordinated B-1 to B-6.

cashflow-and-structure.md §2.1-§2.2: each pool has senior target-rate classes,
a ratio-stripped PO class (the pool's PO strip) and a ratio-stripped IO class
(notional: the pool's premium-loan balance); the subordinated classes B-1 to
B-6 are shared by the pools. The 8-K reports the seniors of both pools together
as "class A"; ``group`` says which reported line a class belongs to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Literal

from pydantic import ValidationInfo, field_validator, model_validator

from passthru.deal.base import Frozen, to_decimal
from passthru.errors import DealError
from passthru.money import format_dollars, round_half_up_decimal

ClassKind = Literal["senior", "po", "io", "subordinate"]
PO_STRIP = "po_strip"
IO_STRIP = "strip"
SUBORDINATE_CLASSES = ("B-1", "B-2", "B-3", "B-4", "B-5", "B-6")
"""The subordinated classes in order of seniority (§2.6); every deal with classes has each once."""


class CertificateClass(Frozen):
    """One class of certificates as the deal file states it.

    - ``balance``: initial principal in dollars. ``None`` for an IO class, whose
      notional is the pool's premium-loan balance (§2.2). ``"po_strip"`` for a PO
      class means "the pool's PO strip at the cut-off, from the tape"; the 8-K's
      class A figure includes it, so it is carried inside the stated balance of
      the pool's senior classes of the same group (see :func:`initial_balances`).
    - ``rate``: pass-through rate in percent. Senior classes default to the pool's
      target rate (filled in by :class:`~passthru.deal.model.Deal`); a PO class has
      none; an IO class earns its ``"strip"``; ``None`` for a subordinated class
      means the deal file does not state it.
    - ``group``: the line the 8-K reports the class under ("A"); by default its name.
    """

    name: str
    kind: ClassKind
    pool: str | None = None
    balance: Decimal | Literal["po_strip"] | None = None
    rate: Decimal | Literal["strip"] | None = None
    group: str | None = None
    description: str = ""

    @field_validator("name")
    @classmethod
    def _name_given(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("class name is empty")
        return value

    @field_validator("balance", mode="before")
    @classmethod
    def _balance(cls, value: object, info: ValidationInfo) -> object:
        if value is None or value == PO_STRIP:
            return value
        return _non_negative(value, "balance", info)

    @field_validator("rate", mode="before")
    @classmethod
    def _rate(cls, value: object, info: ValidationInfo) -> object:
        if value is None or value == IO_STRIP:
            return value
        return _non_negative(value, "rate", info)

    @model_validator(mode="after")
    def _fits_kind(self) -> CertificateClass:
        problem = _kind_problem(self)
        if problem:
            raise ValueError(f"class {self.name}: {problem}")
        return self

    @property
    def reported_as(self) -> str:
        """The 8-K line the class is reported under: its group, or its own name."""
        return self.group or self.name

    @property
    def stated_balance(self) -> Decimal:
        """The dollars the deal file states (zero for IO notionals and PO strips)."""
        return self.balance if isinstance(self.balance, Decimal) else Decimal(0)


def _non_negative(value: object, field: str, info: ValidationInfo) -> Decimal:
    name = info.data.get("name", "?")
    try:
        number = to_decimal(value)  # type: ignore[arg-type]
    except ValueError as exc:
        raise ValueError(f"class {name}: {field} {exc}") from None
    if number < 0:
        raise ValueError(f"class {name}: {field} {number} is negative")
    return number


def _kind_problem(c: CertificateClass) -> str | None:
    """What is wrong with a class for its kind, or None."""
    if c.kind == "subordinate":
        if c.pool is not None:
            return "a subordinated class is shared by the pools; give it no pool"
        if not isinstance(c.balance, Decimal):
            return "a subordinated class needs a balance in dollars"
        return None if c.rate != IO_STRIP else "only an IO class earns the strip"
    if c.pool is None:
        return f"a {c.kind} class belongs to a pool; give its pool"
    if c.kind == "senior" and not isinstance(c.balance, Decimal):
        return "a senior class needs a balance in dollars"
    if c.kind == "po" and c.rate is not None:
        return "a PO class bears no interest; give it no rate"
    if c.kind == "io" and c.balance is not None:
        return "an IO class has a notional, not a balance; give it no balance"
    if c.kind != "io" and c.rate == IO_STRIP:
        return "only an IO class earns the strip"
    if c.kind == "senior" and c.balance == PO_STRIP:
        return "only a PO class takes the PO strip as its balance"
    return None


def check_classes(
    classes: tuple[CertificateClass, ...],
    pool_names: Iterable[str],
    cut_off_balance: Decimal | None,
) -> None:
    """Raise ``ValueError`` naming the class when the set of classes is inconsistent.

    Names are unique; per-pool classes name a pool of the deal; B-1 to B-6 are
    each present once and are the only subordinated classes; a ``po_strip`` PO
    class has a senior class in its pool to carry it; the stated balances add up
    to the cut-off balance to the cent.
    """
    if not classes:
        return
    pools = tuple(pool_names)
    repeated = sorted(name for name, n in Counter(c.name for c in classes).items() if n > 1)
    if repeated:
        raise ValueError(f"class names repeat: {', '.join(repeated)}")
    for c in classes:
        if c.pool is not None and c.pool not in pools:
            raise ValueError(
                f"class {c.name} names pool {c.pool!r}, not a pool of this deal "
                f"({', '.join(pools)})"
            )
    _check_subordinates(classes)
    _check_po_strips(classes)
    _check_total(classes, cut_off_balance)


def _check_subordinates(classes: tuple[CertificateClass, ...]) -> None:
    subordinates = [c.name for c in classes if c.kind == "subordinate"]
    missing = [name for name in SUBORDINATE_CLASSES if name not in subordinates]
    if missing:
        raise ValueError(f"subordinated class {', '.join(missing)} missing; B-1 to B-6 are needed")
    unknown = [name for name in subordinates if name not in SUBORDINATE_CLASSES]
    if unknown:
        raise ValueError(f"subordinated class {', '.join(unknown)} is not one of B-1 to B-6")


def _check_po_strips(classes: tuple[CertificateClass, ...]) -> None:
    for c in classes:
        if c.balance == PO_STRIP and not _carriers(classes, c):
            raise ValueError(
                f"class {c.name} takes the PO strip, but pool {c.pool} has no senior "
                f"class of group {c.reported_as!r} whose balance includes it"
            )


def _check_total(classes: tuple[CertificateClass, ...], cut_off_balance: Decimal | None) -> None:
    if cut_off_balance is None:
        raise ValueError("a deal with classes needs its cut_off_balance")
    total = sum((c.stated_balance for c in classes), Decimal(0))
    if total != cut_off_balance:
        raise ValueError(
            f"class balances add up to {format_dollars(total, 2)}, not the cut-off "
            f"balance {format_dollars(cut_off_balance, 2)} "
            f"(difference {format_dollars(total - cut_off_balance, 2)})"
        )


def _carriers(classes: Iterable[CertificateClass], po: CertificateClass) -> list[CertificateClass]:
    """The senior classes of the PO class's pool and group, whose stated balance includes it."""
    return [
        c
        for c in classes
        if c.kind == "senior" and c.pool == po.pool and c.reported_as == po.reported_as
    ]


def initial_balances(
    classes: tuple[CertificateClass, ...], po_strips: Mapping[str, Decimal]
) -> dict[str, Decimal]:
    """Initial principal of every class with a balance, once the tape gives the PO strips.

    ``po_strips`` maps a pool to its PO strip at the cut-off (Σ f·b over the
    discount loans, §2.2). A ``po_strip`` PO class takes that amount, and it comes
    out of the pool's senior classes of the same group pro rata by stated balance
    (half-up to the cent; the first senior takes the residual cent), so the group
    total stays the 8-K's figure. IO classes (notional) are left out.
    """
    balances = {c.name: c.balance for c in classes if isinstance(c.balance, Decimal)}
    for po in (c for c in classes if c.balance == PO_STRIP):
        strip = po_strips[po.pool]  # type: ignore[index]
        carriers = _carriers(classes, po)
        carried = sum((balances[c.name] for c in carriers), Decimal(0))
        if strip > carried:
            raise DealError(
                f"the PO strip of pool {po.pool} ({format_dollars(strip, 2)}) exceeds the "
                f"balance of the senior classes that carry it ({format_dollars(carried, 2)})",
                field=f"classes.{po.name}",
            )
        if strip:
            cuts = [round_half_up_decimal(strip * balances[c.name] / carried, 2) for c in carriers]
            cuts[0] += strip - sum(cuts, Decimal(0))
            for c, cut in zip(carriers, cuts, strict=True):
                balances[c.name] -= cut
        balances[po.name] = strip
    return {c.name: balances[c.name] for c in classes if c.name in balances}
