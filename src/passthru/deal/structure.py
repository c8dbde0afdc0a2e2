"""The structure figures of a deal's certificate section, as the 8-K prints them.

cashflow-and-structure.md §3.3 (limits and call threshold truncated to the cent)
and §3.4 (class subordination level: the junior classes' initial balances over
the cut-off pool balance). The 8-K reports the seniors of every pool together
as "class A" and the shared subordinated classes B-1 to B-6 one by one.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext

from passthru.deal.base import Frozen
from passthru.deal.classes import SUBORDINATE_CLASSES
from passthru.deal.limits import Money
from passthru.deal.model import Deal
from passthru.errors import DealError
from passthru.money import format_date, format_dollars, round_half_up_decimal

LEVEL_PLACES = 12  # the 2003-2 8-K prints "2.150127919560%"
EXACT_DIGITS = 40


def cut_off_balance(deal: Deal) -> Decimal:
    """The aggregate scheduled principal balance at the cut-off, or a named error."""
    if deal.cut_off_balance is None:
        raise DealError("the deal file gives no cut_off_balance", field="cut_off_balance")
    return deal.cut_off_balance


def cleanup_threshold(deal: Deal) -> Decimal:
    """The clean-up call threshold: 10% of the cut-off balance truncated to the cent (V25)."""
    return deal.cleanup_call.threshold(cut_off_balance(deal))


def is_callable(pool_balance: Money, deal: Deal) -> bool:
    """True when the pool balance is "equal to or less than" the printed threshold (V38)."""
    return deal.cleanup_call.allows(pool_balance, cut_off_balance(deal))


def initial_loss_limits(deal: Deal) -> dict[str, Decimal]:
    """Special hazard, fraud and bankruptcy limits as of the cut-off date (§2.7, §3.3)."""
    if deal.loss_limits is None:
        raise DealError("the deal file gives no loss limits", field="loss_limits")
    return deal.loss_limits.initial_amounts(cut_off_balance(deal))


def reported_balances(deal: Deal) -> dict[str, Decimal]:
    """Initial balance of each line the 8-K reports: the senior groups ("A"), then B-1 to B-6.

    A PO class taking the PO strip adds nothing: its pool's seniors carry it.
    """
    lines: dict[str, Decimal] = {}
    for c in deal.classes:
        if c.kind != "subordinate":
            lines[c.reported_as] = lines.get(c.reported_as, Decimal(0)) + c.stated_balance
    for name in SUBORDINATE_CLASSES:
        lines[name] = deal.certificate_class(name).stated_balance
    return lines


def _juniors(line: str) -> tuple[str, ...]:
    if line in SUBORDINATE_CLASSES:
        return SUBORDINATE_CLASSES[SUBORDINATE_CLASSES.index(line) + 1 :]
    return SUBORDINATE_CLASSES


def subordination_levels(deal: Deal) -> dict[str, Decimal]:
    """Exact subordination level of each reported line, as a fraction (§3.4, V32).

    SubLevel(X) = Σ initial balances of the classes junior to X / cut-off balance;
    every senior group is senior to B-1, and B-6's level is zero.
    """
    pool = cut_off_balance(deal)
    lines = reported_balances(deal)
    with localcontext() as context:
        context.prec = EXACT_DIGITS
        junior_totals = {
            line: sum((lines[j] for j in _juniors(line)), Decimal(0)) for line in lines
        }
        return {
            line: total / pool if total else Decimal(0) for line, total in junior_totals.items()
        }


def class_percentages(deal: Deal) -> dict[str, Decimal]:
    """Each reported line's initial balance over the cut-off balance, in percent,
    rounded half-up to 12 decimals."""
    pool = cut_off_balance(deal)
    with localcontext() as context:
        context.prec = EXACT_DIGITS
        return {
            line: round_half_up_decimal(100 * balance / pool, LEVEL_PLACES)
            for line, balance in reported_balances(deal).items()
        }


def printed_subordination_levels(deal: Deal) -> dict[str, Decimal]:
    """Subordination levels in percent as the 8-K prints them, for every line with juniors.

    The rule that reproduces all six 2003-2 figures: round each line's class
    percentage half-up to 12 decimals, and print 100% less the percentages of
    the line and every line senior to it. Rounding the exact level itself
    matches five of the six: for B-5 the exact 0.1501058823941...% rounds to
    ...394, where the filing prints ...395 (§3.4). Under the rule B-6's level
    would be the residual 0.000000000001%, and the filing prints none for B-6,
    so neither does this.
    """
    percentages = class_percentages(deal)
    seniors = [line for line in percentages if line not in SUBORDINATE_CLASSES]
    at_or_above = sum((percentages[line] for line in seniors), Decimal(0))
    levels = {line: 100 - at_or_above for line in seniors}
    for line in SUBORDINATE_CLASSES[:-1]:
        at_or_above += percentages[line]
        levels[line] = 100 - at_or_above
    return levels


class ClassRow(Frozen):
    """One row of the class table."""

    name: str
    kind: str
    pool: str | None
    reported_as: str
    balance: Decimal | str | None
    rate: Decimal | str | None
    share_of_pool_pct: Decimal | None
    subordination_level_pct: Decimal | None


class StructureFigures(Frozen):
    """The certificate section of a deal: class table, levels, limits and threshold."""

    deal: str
    title: str
    cut_off_date: date
    cut_off_balance: Decimal
    pool_balances: dict[str, Decimal | None]
    classes: tuple[ClassRow, ...]
    reported_balances: dict[str, Decimal]
    subordination_levels: dict[str, Decimal]
    printed_subordination_levels_pct: dict[str, Decimal]
    loss_limits: dict[str, Decimal]
    cleanup_threshold: Decimal
    cleanup_exercised: bool
    lines: tuple[str, ...]


def structure_figures(deal: Deal) -> StructureFigures:
    """Every figure of the certificate section; a deal with no classes is a named error."""
    if not deal.classes:
        raise DealError("the deal file states no certificate classes", field="classes")
    printed = printed_subordination_levels(deal)
    limits = initial_loss_limits(deal) if deal.loss_limits else {}
    return StructureFigures(
        deal=deal.name,
        title=deal.title,
        cut_off_date=deal.cut_off_date,
        cut_off_balance=cut_off_balance(deal),
        pool_balances={p.name: p.cut_off_balance for p in deal.pools},
        classes=_class_rows(deal, printed),
        reported_balances=reported_balances(deal),
        subordination_levels=subordination_levels(deal),
        printed_subordination_levels_pct=printed,
        loss_limits=limits,
        cleanup_threshold=cleanup_threshold(deal),
        cleanup_exercised=deal.cleanup_call.exercise,
        lines=filing_lines(deal, limits, printed),
    )


def _class_rows(deal: Deal, printed: dict[str, Decimal]) -> tuple[ClassRow, ...]:
    pool = cut_off_balance(deal)
    rows = []
    for c in deal.classes:
        share = None
        if isinstance(c.balance, Decimal):
            share = round_half_up_decimal(100 * c.balance / pool, LEVEL_PLACES)
        rows.append(
            ClassRow(
                name=c.name,
                kind=c.kind,
                pool=c.pool,
                reported_as=c.reported_as,
                balance=c.balance,
                rate=c.rate,
                share_of_pool_pct=share,
                subordination_level_pct=printed.get(c.reported_as),
            )
        )
    return tuple(rows)


def filing_lines(
    deal: Deal, limits: dict[str, Decimal], printed: dict[str, Decimal]
) -> tuple[str, ...]:
    """The certificate section's sentences in the 8-K's words, one sentence per line."""
    as_of = format_date(deal.cut_off_date)
    lines = [
        f"The {name} loss limit as of {as_of} was {format_dollars(amount, 2)}."
        for name, amount in limits.items()
    ]
    lines += [
        f"The aggregate initial principal balance of the class {line} certificates as of "
        f"{as_of} was {format_dollars(balance, 2)}."
        for line, balance in reported_balances(deal).items()
    ]
    lines += [
        f"The class {line} subordination level is {level:.{LEVEL_PLACES}f}%."
        for line, level in printed.items()
    ]
    issuer = deal.issuer_short_name or deal.issuer
    lines.append(
        f"{issuer} may repurchase all mortgage loans remaining in the mortgage loan pool "
        "pursuant to the pooling agreement if at the time of repurchase the aggregate "
        "scheduled principal balance of such mortgage loans is equal to or less than "
        f"{format_dollars(cleanup_threshold(deal), 2)}."
    )
    return tuple(lines)
