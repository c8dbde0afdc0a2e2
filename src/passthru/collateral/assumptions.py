"""Prepayment, default and loss assumptions, immutable and validated (SF-5 to SF-21).

Units are percent throughout, as the market quotes them: ``CPR 6``, ``SMM 1``
(1% a month), ``PSA 150``, ``SDA 100``, severity ``20``. A rate is one of

* a scalar (``value``): the same every month;
* a vector by projection month (``vector``): entry 1 is the first projected month;
* a curve by loan age (``curve``): entry 1 is loan MONTH 1 (SF-6/7, MONTH = age + k).

PSA and SDA are multiples of their standard curves, which always follow each
loan's own MONTH; a PSA or SDA vector varies the multiple by projection month,
a PSA or SDA curve by loan MONTH.

Every invalid input raises :class:`passthru.errors.AssumptionError` naming the
field (``prepayment.value``, ``severity``, ``lag`` ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from passthru.errors import AssumptionError
from passthru.money import format_as_given

PrepaymentKind = Literal["CPR", "SMM", "PSA"]
DefaultKind = Literal["CDR", "MDR", "SDA"]
Order = Literal["standard", "surviving_balance"]
MULTIPLE_KINDS = ("PSA", "SDA")  # multiples of a standard curve: no 100% ceiling


def _assumption_error(exc: ValidationError, prefix: str = "") -> AssumptionError:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"] if not isinstance(part, int))
    field = ".".join(part for part in (prefix, where) if part) or None
    message = first["msg"].removeprefix("Value error, ")
    return AssumptionError(message, field=field)


class FrozenModel(BaseModel):
    """Immutable, unknown keys refused, Pydantic errors raised as AssumptionError naming
    the field, prefixed with the class's ``field_name`` (the run options use it too)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise _assumption_error(exc, type(self).field_name) from None

    field_name: ClassVar[str] = ""


class Rate(FrozenModel):
    """One rate measure given as a scalar, a vector by projection month or a curve by age."""

    kind: str
    value: float | None = None
    vector: tuple[float, ...] | None = None
    curve: tuple[float, ...] | None = None

    @field_validator("value", "vector", "curve")
    @classmethod
    def _in_range(cls, given: Any, info: ValidationInfo) -> Any:
        if given is None:
            return given
        kind = info.data.get("kind", "")
        entries = given if isinstance(given, tuple) else (given,)
        if not entries:
            raise ValueError(f"{kind} {info.field_name} is empty")
        for i, x in enumerate(entries, start=1):
            where = f" (entry {i})" if isinstance(given, tuple) else ""
            if x != x:
                raise ValueError(f"{kind} is not a number{where}")
            if x < 0:
                raise ValueError(f"{kind} {x}% is negative{where}; rates are >= 0")
            if kind not in MULTIPLE_KINDS and x > 100:
                raise ValueError(f"{kind} {x}% is over 100%{where}")
        return given

    @model_validator(mode="after")
    def _one_shape(self) -> Rate:
        given = [name for name in ("value", "vector", "curve") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                f"give exactly one of value, vector, curve for {self.kind} (got {given or 'none'})"
            )
        return self

    @property
    def values(self) -> tuple[float, ...]:
        if self.value is not None:
            return (self.value,)
        return self.vector if self.vector is not None else self.curve  # type: ignore[return-value]

    @property
    def shape(self) -> Literal["value", "vector", "curve"]:
        if self.value is not None:
            return "value"
        return "vector" if self.vector is not None else "curve"

    def describe(self) -> str:
        if self.value is not None:
            unit = "" if self.kind in MULTIPLE_KINDS else "%"
            return f"{format_as_given(self.value)}{unit} {self.kind}"
        return f"{self.kind} {self.shape} of {len(self.values)} entries"


class Prepayment(Rate):
    """Voluntary prepayments: CPR (annual), SMM (monthly) or PSA (SF-5/6)."""

    field_name: ClassVar[str] = "prepayment"
    kind: PrepaymentKind


class Default(Rate):
    """New defaults: CDR (annual), MDR (monthly) or SDA (SF-17/20/21)."""

    field_name: ClassVar[str] = "default"
    kind: DefaultKind


class Assumptions(FrozenModel):
    """How a pool's loans prepay, default and lose, and how the servicer advances.

    ``order="standard"`` is SF-18's order of operations: new defaults and voluntary
    prepayments both come from the prior performing balance (prepayments after
    that balance's scheduled amortisation). ``"surviving_balance"`` takes
    prepayments from the balance left after new defaults, as some vendors do.
    ``severity`` (percent of the balance at default, SF-17 g) is a scalar or a
    vector by projection month of liquidation. ``lag`` is the months from default
    to liquidation (0: proceeds in the month of default, SF-17 f).
    """

    prepayment: Prepayment = Field(default_factory=lambda: Prepayment(kind="CPR", value=0.0))
    default: Default | None = None
    severity: float | tuple[float, ...] = 0.0
    lag: int = 0
    advancing: bool = True
    order: Order = "standard"

    @field_validator("severity")
    @classmethod
    def _severity_in_range(cls, severity: float | tuple[float, ...]) -> Any:
        entries = severity if isinstance(severity, tuple) else (severity,)
        if not entries:
            raise ValueError("the severity vector is empty")
        for x in entries:
            if not 0 <= x <= 100:
                raise ValueError(f"{x}% is not between 0% and 100% of the balance at default")
        return severity

    @field_validator("lag")
    @classmethod
    def _lag_not_negative(cls, lag: int) -> int:
        if lag < 0:
            raise ValueError(f"{lag} months is negative; the lag to liquidation must be >= 0")
        return lag

    @classmethod
    def from_options(
        cls,
        *,
        cpr: float | None = None,
        smm: float | None = None,
        psa: float | None = None,
        cdr: float | None = None,
        mdr: float | None = None,
        sda: float | None = None,
        severity: float | tuple[float, ...] = 0.0,
        lag: int = 0,
        advancing: bool = True,
        order: Order = "standard",
    ) -> Assumptions:
        """Scalar assumptions from one prepayment and at most one default measure (percent)."""
        prepayment = _one_measure("prepayment", {"CPR": cpr, "SMM": smm, "PSA": psa})
        default = _one_measure("default", {"CDR": cdr, "MDR": mdr, "SDA": sda})
        return cls(
            prepayment=Prepayment(kind=prepayment[0], value=prepayment[1])
            if prepayment
            else Prepayment(kind="CPR", value=0.0),
            default=Default(kind=default[0], value=default[1]) if default else None,
            severity=severity,
            lag=lag,
            advancing=advancing,
            order=order,
        )

    def describe(self) -> str:
        parts = [self.prepayment.describe()]
        if self.default is not None:
            parts.append(self.default.describe())
            severity = self.severity
            shown = "vector" if isinstance(severity, tuple) else format_as_given(severity)
            parts.append(f"severity {shown}%, lag {self.lag}")
        parts.append("advancing" if self.advancing else "no advancing")
        return ", ".join(parts)


def _one_measure(field: str, given: dict[str, float | None]) -> tuple[str, float] | None:
    chosen = [(kind, value) for kind, value in given.items() if value is not None]
    if len(chosen) > 1:
        names = " and ".join(kind for kind, _ in chosen)
        raise AssumptionError(f"give one {field} measure, not {names}", field=field)
    return chosen[0] if chosen else None


PoolAssumptions = Mapping[str, Assumptions]


def assumptions_by_pool(
    assumptions: Assumptions | PoolAssumptions, pools: tuple[str, ...]
) -> tuple[Assumptions, ...]:
    """One Assumptions per pool, in ``pools`` order; a mapping must name every pool."""
    if isinstance(assumptions, Assumptions):
        return tuple(assumptions for _ in pools)
    missing = [p for p in pools if p not in assumptions]
    if missing:
        raise AssumptionError(
            f"no assumptions for pool(s) {missing}; given for {sorted(assumptions)}",
            field="assumptions",
        )
    return tuple(assumptions[p] for p in pools)
