"""The deal's certificate classes as index arrays the engine works on.

cashflow-and-structure.md §2.1-§2.2: per pool, senior target-rate classes, a
ratio-stripped PO class (tracks the PO strip) and a ratio-stripped IO class
(earns the IO strip); B-1 to B-6 shared by the pools. Class ``c`` is column
``c`` of every (scenarios, classes) array.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

import numpy as np

from passthru.deal import SUBORDINATE_CLASSES, Deal, initial_balances
from passthru.errors import DealError
from passthru.money import format_dollars


@dataclass(frozen=True, eq=False)
class ClassTable:
    """Names, kinds and pools of the classes, with the indices each step needs.

    - ``rate``: annual pass-through rate as a fraction (0 for PO, IO and for a
      subordinated class whose rate follows ``WaterfallOptions.subordinate_rate``,
      flagged by ``stated_rate`` False).
    - ``seniors[p]``: the senior target-rate classes of pool ``p`` in deal order;
      ``po[p]``/``io[p]``: the pool's PO and IO class, -1 when it has none;
      ``subordinates``: B-1 to B-6 in order of seniority; ``senior_of`` (classes,
      pools) is 1 where a class is a senior target-rate class of the pool.
    """

    names: tuple[str, ...]
    kinds: tuple[str, ...]
    pools: tuple[str, ...]
    pool_of: np.ndarray
    rate: np.ndarray
    stated_rate: np.ndarray
    initial: np.ndarray
    seniors: tuple[np.ndarray, ...]
    po: np.ndarray
    io: np.ndarray
    subordinates: np.ndarray
    senior_of: np.ndarray

    @property
    def count(self) -> int:
        return len(self.names)

    @property
    def target_rate_classes(self) -> np.ndarray:
        """Every senior target-rate and subordinated class: together they track the
        target-rate strips."""
        return np.concatenate([*self.seniors, self.subordinates])

    def kernel_classes(self) -> KernelClasses:
        """The index arrays the Numba kernels take (:class:`KernelClasses`)."""
        width = max([len(s) for s in self.seniors] + [1])
        seniors = np.full((len(self.pools), width), -1, dtype=np.int64)
        own = np.full((len(self.pools), width + 1), -1, dtype=np.int64)
        for p, cols in enumerate(self.seniors):
            seniors[p, : len(cols)] = cols
            own[p, : len(cols)] = cols
            own[p, len(cols)] = self.io[p]
        io = self.io[self.io >= 0]
        return KernelClasses(
            rate=self.rate.astype(float),
            stated_rate=self.stated_rate.astype(bool),
            seniors=seniors,
            own=own,
            subordinates=self.subordinates.astype(np.int64),
            po=self.po.astype(np.int64),
            io=self.io.astype(np.int64),
            target_rate_classes=self.target_rate_classes.astype(np.int64),
            senior_interest=np.concatenate([*self.seniors, io]).astype(np.int64),
            all_seniors=np.concatenate(self.seniors).astype(np.int64),
            po_classes=self.po[self.po >= 0].astype(np.int64),
        )


class KernelClasses(NamedTuple):
    """The classes as the kernels see them (class c is entry c of every per-class row).

    ``seniors[p]``/``own[p]``: pool p's senior target-rate classes (``own`` adds its IO
    class), padded with -1; ``po[p]``/``io[p]``: the pool's PO and IO class or -1;
    ``senior_interest``, ``all_seniors``, ``po_classes``: the classes a payment step pays.
    """

    rate: np.ndarray
    stated_rate: np.ndarray
    seniors: np.ndarray
    own: np.ndarray
    subordinates: np.ndarray
    po: np.ndarray
    io: np.ndarray
    target_rate_classes: np.ndarray
    senior_interest: np.ndarray
    all_seniors: np.ndarray
    po_classes: np.ndarray


def class_table(deal: Deal, pools: tuple[str, ...], po_strips: Mapping[str, float]) -> ClassTable:
    """Resolve the deal's classes against the pools of the projection.

    ``po_strips`` maps each pool to its PO strip at the cut-off (Σ f·b); a PO
    class of ``"po_strip"`` takes it and its pool's seniors give it up
    (:func:`passthru.deal.initial_balances`).
    """
    if not deal.classes:
        raise DealError("the deal file gives no certificate classes", field="classes")
    missing = [p for p in deal.pool_names if p not in pools]
    if missing:
        raise DealError(f"the tape has no loans in pool(s) {missing}", field="pools")
    strips = {p: Decimal(repr(float(po_strips.get(p, 0.0)))) for p in deal.pool_names}
    balances = initial_balances(deal.classes, strips)
    pool_index = {p: i for i, p in enumerate(pools)}
    names = tuple(c.name for c in deal.classes)
    rate = np.array([_rate(c.rate) for c in deal.classes])
    senior_of = np.array(
        [[float(c.kind == "senior" and c.pool == p) for p in pools] for c in deal.classes]
    )
    table = ClassTable(
        names=names,
        kinds=tuple(c.kind for c in deal.classes),
        pools=pools,
        pool_of=np.array([pool_index[c.pool] if c.pool else -1 for c in deal.classes]),
        rate=rate,
        stated_rate=np.array([c.kind != "subordinate" or c.rate is not None for c in deal.classes]),
        initial=np.array([float(balances.get(c.name, 0)) for c in deal.classes]),
        seniors=tuple(
            np.array([i for i, c in enumerate(deal.classes) if c.kind == "senior" and c.pool == p])
            for p in pools
        ),
        po=_one_per_pool(deal, pools, "po"),
        io=_one_per_pool(deal, pools, "io"),
        subordinates=np.array([names.index(n) for n in SUBORDINATE_CLASSES]),
        senior_of=senior_of,
    )
    _check_po_classes(table, po_strips)
    return table


def _rate(rate: object) -> float:
    return float(rate) / 100.0 if isinstance(rate, Decimal) else 0.0


def _one_per_pool(deal: Deal, pools: tuple[str, ...], kind: str) -> np.ndarray:
    index = np.full(len(pools), -1)
    for i, c in enumerate(deal.classes):
        if c.kind != kind:
            continue
        p = pools.index(c.pool)  # type: ignore[arg-type]
        if index[p] >= 0:
            raise DealError(f"pool {c.pool} has two {kind.upper()} classes", field="classes")
        index[p] = i
    return index


def _check_po_classes(table: ClassTable, po_strips: Mapping[str, float]) -> None:
    """A pool with a PO strip needs a PO class to take it (§2.2)."""
    for p, pool in enumerate(table.pools):
        if po_strips.get(pool, 0.0) > 0 and table.po[p] < 0:
            raise DealError(
                f"pool {pool} has discount loans (a PO strip of "
                f"{format_dollars(po_strips[pool], 2)}) but no PO class to take it",
                field="classes",
            )
