"""passthru: residential mortgage pass-through securitizations, from loan tape to certificates."""

__version__ = "0.1.0"
