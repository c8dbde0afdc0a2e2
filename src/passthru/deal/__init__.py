"""Deal terms: pools, classes, loss limits, the call and the waterfall, from TOML."""

from passthru.deal.load import load_deal, shipped_deals
from passthru.deal.model import Deal, PoolTerms

__all__ = ["Deal", "PoolTerms", "load_deal", "shipped_deals"]
