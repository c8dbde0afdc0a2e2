"""Pool assignment, net loan rates, premium and discount loans, PO and IO strips."""

from passthru.pool.formation import POOL_COLUMNS, PoolFormation, form_pools

__all__ = ["POOL_COLUMNS", "PoolFormation", "form_pools"]
