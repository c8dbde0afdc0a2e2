"""The distribution-day priority as data: an ordered list of small typed steps.

cashflow-and-structure.md §2.8 (GENERIC prime jumbo; CMSI "Distribution
priorities" unconfirmed): from the available funds, senior interest (target-rate
and IO classes), then PO principal and senior principal, then PO deferred
amounts (only from principal otherwise due to the subordinated classes), then
B-1 interest and principal, B-2, ... B-6, then the residual. A deal file may
state its own order as ``[[waterfall.steps]]`` tables; the engine in
``passthru.waterfall`` interprets the list, one step after another.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Literal

from pydantic import Field

from passthru.deal.base import Frozen


class PayInterest(Frozen):
    """Pay the interest due to a group of classes, pro rata by interest due when funds fall short.

    ``senior``: each pool's senior target-rate and IO classes; ``subordinate``:
    B-1 to B-6, in order of seniority.
    """

    step: Literal["interest"] = "interest"
    group: Literal["senior", "subordinate"]


class PayPrincipal(Frozen):
    """Pay the principal distribution amount of a group of classes (§2.4).

    ``po``: the PO strip's principal to each pool's PO class; ``senior``: the
    senior principal distribution amount; ``subordinate``: B-1 to B-6 in order.
    """

    step: Literal["principal"] = "principal"
    group: Literal["po", "senior", "subordinate"]


class PayPODeferred(Frozen):
    """Reimburse PO deferred amounts out of subordinate principal (§2.7, [S15])."""

    step: Literal["po_deferred"] = "po_deferred"


class PaySubordinatesInTurn(Frozen):
    """B-1 interest, B-1 principal, B-2 interest, B-2 principal, ... B-6 (§2.6, §2.8)."""

    step: Literal["subordinates_in_turn"] = "subordinates_in_turn"


Step = Annotated[
    PayInterest | PayPrincipal | PayPODeferred | PaySubordinatesInTurn,
    Field(discriminator="step"),
]

CMSI_STEPS: tuple[Step, ...] = (
    PayInterest(group="senior"),
    PayPrincipal(group="po"),
    PayPrincipal(group="senior"),
    PayPODeferred(),
    PaySubordinatesInTurn(),
)
"""The GENERIC prime-jumbo priority of §2.8, CMSI's default."""


def step_payments(step: Step) -> tuple[str, ...]:
    """The payments a step makes, as ``"<kind>:<group>"`` (each must be made exactly once)."""
    if isinstance(step, PayInterest):
        return (f"interest:{step.group}",)
    if isinstance(step, PayPrincipal):
        return (f"principal:{step.group}",)
    if isinstance(step, PayPODeferred):
        return ("po_deferred",)
    return ("interest:subordinate", "principal:subordinate")


REQUIRED_PAYMENTS = frozenset(
    {"interest:senior", "interest:subordinate", "principal:po", "principal:senior"}
    | {"principal:subordinate"}
)


def check_steps(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """Raise ``ValueError`` unless every payment is made exactly once (PO deferred at most once)."""
    made = Counter(p for s in steps for p in step_payments(s))
    twice = sorted(p for p, n in made.items() if n > 1)
    if twice:
        raise ValueError(f"waterfall steps pay {', '.join(twice)} more than once")
    missing = sorted(REQUIRED_PAYMENTS - set(made))
    if missing:
        raise ValueError(f"waterfall steps never pay {', '.join(missing)}")
    return steps
