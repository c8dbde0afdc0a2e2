"""The deal's own words in the narratives: issuer, certificates, servicer, pools, terms.

Both 8-K styles name the issuer by its short name ("CMSI"), the certificates by
the deal title without its series, the servicer by name ("CitiMortgage, Inc.")
and each pool by the original maturities of its loans. The underwriting
policies are described in CMSI's words, the same in both styles but for a comma.
"""

from __future__ import annotations

import re

from passthru.deal import Deal

FULL_DOCUMENTATION = (
    "mortgage loans originated using loan underwriting policies which require, among other "
    "things, proof of income and liquid assets and telephone verification of employment, or "
    "are refinanced mortgage loans originated using alternative or streamlined underwriting "
    "policies"
)
# 2002-12 writes "policy which, among other things,", 2003-2 "policy, which among other things,".
STATED_INCOME = (
    "mortgage loans originated using a loan underwriting {policy} among other things, requires "
    "verification of employment and may require proof of liquid assets, but does not require "
    "verification of income as stated on the loan application"
)
STREAMLINED = (
    "refinanced mortgage loans originated using alternative or streamlined underwriting policies"
)


def issuer_short_name(deal: Deal) -> str:
    """The deal's short name for its issuer, else its initials.

    Citicorp Mortgage Securities, Inc. -> CMSI, as the filing abbreviates it.
    """
    if deal.issuer_short_name:
        return deal.issuer_short_name
    return "".join(word[0] for word in re.findall(r"[A-Za-z]+", deal.issuer) if word[0].isupper())


def certificates_name(deal: Deal) -> str:
    """``REMIC Pass-Through Certificates`` from the deal title, without its series."""
    return deal.title.split(", Series")[0] if deal.title else "Pass-Through Certificates"


def servicer_name(deal: Deal) -> str:
    """``CitiMortgage, Inc.`` as the filings name the servicer, else "the servicer"."""
    return deal.servicer or "the servicer"


def pool_description(deal: Deal, pool: str) -> str:
    """The deal's words for a pool, else its original-term range."""
    terms = deal.pool(pool)
    if terms.description:
        return terms.description
    low, high = terms.original_term
    return f"original maturities of at least {low} months but not more than {high} months"


def term_range(deal: Deal, bound: str = "not more than") -> str:
    """``at least 10 but not more than 30 years`` over every pool of the deal.

    The 2002-12 term sheets write "not more than", the 2003-2 description "no more than".
    """
    low = min(p.original_term[0] for p in deal.pools)
    high = max(p.original_term[1] for p in deal.pools)
    if low % 12 == 0 and high % 12 == 0:
        return f"at least {low // 12} but {bound} {high // 12} years"
    return f"at least {low} but {bound} {high} months"
