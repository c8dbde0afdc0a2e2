"""The Item 5 narrative of the collateral term sheet, as sentences filled from a TermSheet.

The wording follows the CMSI 2002-12 Form 8-K (Item 5, Other Events), generalised
from its two pools to any number: figures of several pools are given in pool
order followed by "respectively". Every figure is a TermSheet figure's
``printed`` text; a figure printed "unknown" stays "unknown" in the sentence
(the "at least" and "no more than" shares then switch to a "Share of ...:"
form so that no qualifier stands in front of an unknown). Renderers lay out the
result; nothing here wraps or pads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from passthru.deal import Deal
from passthru.disclosure.words import (
    long_date,
    number_of,
    respectively,
    same_or_respectively,
    series,
)
from passthru.strats.model import ALL_LOANS, TermSheet

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``items`` is the numbered list that follows its text, if any."""

    text: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Narrative:
    """``opening`` carries the footnote marks (1) and (2); ``footnotes`` explain them.

    ``notes`` are the term sheet's own (e.g. loans rejected), to be shown
    prominently; ``figure_notes`` say how single figures were computed.
    """

    opening: tuple[Paragraph, ...]
    footnotes: tuple[str, ...]
    body: tuple[Paragraph, ...]
    notes: tuple[str, ...]
    figure_notes: tuple[str, ...]


def deal_pools(ts: TermSheet) -> tuple[str, ...]:
    """The deal's pools in the term sheet's order, without the all-loans pseudo-pool."""
    return tuple(p.pool for p in ts.pools if p.pool != ALL_LOANS)


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


def build_narrative(ts: TermSheet) -> Narrative:
    """Every paragraph of Item 5 with its figures, the footnotes and the notes.

    Pools without loans are left out of every sentence; with no loans at all
    only the offering and the transfer of the (empty) pool remain.
    """
    pools = tuple(p for p in deal_pools(ts) if ts.figures(p)["loan_count"].exact)
    s = _Sentences(ts, pools)
    notes, figure_notes = tuple(ts.notes), _figure_notes(ts)
    if not pools:
        return Narrative((s.offering(), s.transfer()), s.footnotes()[:1], (), notes, figure_notes)
    opening = (s.offering(), s.transfer(), s.counts_and_terms(), s.balances_and_ratios())
    strips = tuple(s.premium_and_discount(p) for p in pools)
    body = (s.documentation(), s.insurance_and_collateral(), *strips)
    return Narrative(opening, s.footnotes(), body, notes, figure_notes)


def _figure_notes(ts: TermSheet) -> tuple[str, ...]:
    """Every figure's note, e.g. how unknown values were counted, or the zip code."""
    return tuple(
        f"{'All loans' if p.pool == ALL_LOANS else f'Pool {p.pool}'} - {f.label}: {f.note}"
        for p in ts.pools
        for f in p.figures
        if f.note
    )


class _Sentences:
    """Sentence builders sharing the term sheet, its pools and their phrases."""

    def __init__(self, ts: TermSheet, pools: tuple[str, ...]) -> None:
        self.ts = ts
        self.pools = pools
        self.n = len(pools)
        self.as_of = long_date(ts.as_of)
        self.short = issuer_short_name(ts.deal)
        self.the_pools = series([f"the pool {p} mortgage loans" for p in pools])
        self.the_pools_or = series([f"the pool {p} mortgage loans" for p in pools], "or")
        self.plain_pools = series([f"pool {p} mortgage loans" for p in pools])
        self.were = number_of(self.n, "was", "were")

    def printed(self, key: str, pools: tuple[str, ...] | None = None) -> list[str]:
        return [self.ts.figures(p)[key].printed for p in pools or self.pools]

    def exact(self, pool: str, key: str):
        return self.ts.figures(pool)[key].exact

    def plural(self, singular: str, plural: str) -> str:
        return number_of(self.n, singular, plural)

    def lead(self, values: list[str]) -> str:
        """Values that open a clause followed by "of the pools": a comma after "respectively"."""
        return respectively(values) + ("," if len(values) > 1 else "")

    def offering(self) -> Paragraph:
        deal = self.ts.deal
        certs = certificates_name(deal)
        series_name = deal.series or deal.name
        return Paragraph(
            f"The following are Collateral Term Sheets prepared by {deal.issuer} "
            f'("{self.short}") in connection with the offering of its {certs}, Series '
            f"{series_name}. The information set forth in these Collateral Term Sheets will "
            "be superseded in its entirety by the information set forth in the final "
            f"prospectus for the Series {series_name} {certs} and by any subsequent "
            "Collateral Term Sheets filed under Form 8-K subsequent to the date hereof "
            f"related to the Series {series_name} {certs}."
        )

    def _balance_clause(self, printed: str) -> str:
        return (
            "an aggregate scheduled principal balance outstanding (after deducting principal "
            f"payments due on or before {self.as_of}) as of {self.as_of} of {printed}"
        )

    def transfer(self) -> Paragraph:
        deal = self.ts.deal
        when = f"On {long_date(deal.closing_date)}, " if deal.closing_date else ""
        total = self.ts.figures(ALL_LOANS)["aggregate_balance"].printed
        text = (
            f"{when}{self.short} is to transfer to the Trustee mortgage loans(1) with "
            f"{self._balance_clause(total)}."
        )
        for pool in self.pools:
            text += (
                f" The mortgage loans that have {_pool_description(deal, pool)}, the "
                f'"pool {pool} mortgage loans", have '
                f"{self._balance_clause(self.printed('aggregate_balance', (pool,))[0])}."
            )
        text += (
            " Information below is provided with respect to all mortgage loans expected to "
            "be included in the mortgage loan pool."
        )
        return Paragraph(text)

    def counts_and_terms(self) -> Paragraph:
        months = _months
        starts = respectively(self.printed("origination_start"))
        return Paragraph(
            f"The total {self.plural('number', 'numbers')} of {self.the_pools} as of "
            f"{self.as_of} {self.were} {respectively(self.printed('loan_count'))}. "
            f"The weighted average interest {self.plural('rate', 'rates')} of {self.the_pools} "
            f"(before deduction of the servicing fee) as of {self.as_of} {self.were} "
            f"{respectively(self.printed('wa_note_rate'))}. "
            f"The weighted average remaining {self.plural('term', 'terms')} to stated maturity "
            f"of {self.the_pools} as of {self.as_of} {self.were} "
            f"{respectively(months(self.printed('wa_remaining_term')))}. "
            f"All mortgage loans have original maturities of {_term_range(self.ts.deal)}. "
            f"None of {self.the_pools_or} were originated prior to {starts}"
            f"{',' if self.n > 1 else ''} or after "
            f"{same_or_respectively(self.printed('origination_end'))}. "
            f"The weighted average original {self.plural('term', 'terms')} to stated maturity "
            f"of {self.the_pools} as of {self.as_of} {self.were} "
            f"{respectively(months(self.printed('wa_original_term')))}."
        )

    def balances_and_ratios(self) -> Paragraph:
        balances = self.plural(
            "an aggregate scheduled principal balance", "aggregate scheduled principal balances"
        )
        sentences = [
            f"None of {self.the_pools} have a scheduled maturity later than "
            f"{respectively(self.printed('latest_maturity'))}.",
            f"Each {series([f'pool {p} mortgage loan' for p in self.pools])} had an original "
            "principal balance of not less than "
            f"{respectively(self.printed('min_original_balance'))}, nor more than "
            f"{same_or_respectively(self.printed('max_original_balance'))}.",
            f"{_capital(self.plain_pools)} having {balances} of "
            f"{self.lead(self.printed('ltv_over_80_balance'))} as of {self.as_of}, had "
            f"loan-to-value ratios at origination in excess of 80%{self._over_95()}",
            f"The weighted average loan-to-value {self.plural('ratio', 'ratios')} at origination "
            f"of {self.the_pools} as of {self.as_of} {self.were} "
            f"{respectively(self.printed('wa_ltv'))}.",
            f"No more than {self.lead(self.printed('max_zip_balance'))} of {self.the_pools} are "
            "secured by mortgaged properties located in any one zip code.",
            self._share(
                "primary_residence_pct",
                "At least",
                "are",
                "secured by mortgaged properties determined by the servicer to be the primary "
                "residence of the borrower",
                mark="(2)",
            ),
            self._investment(),
        ]
        return Paragraph(" ".join(sentences))

    def _over_95(self) -> str:
        if all(v == "no" for v in self.printed("any_ltv_over_95")):
            return (
                f", but no {series([f'pool {p} mortgage loans' for p in self.pools], 'or')} "
                "had loan-to-value ratios in excess of 95%."
            )
        return (
            f"; the highest loan-to-value {self.plural('ratio', 'ratios')} at origination of "
            f"{self.the_pools} {self.were} {respectively(self.printed('max_ltv'))}."
        )

    def _investment(self) -> str:
        if all(v == "0%" for v in self.printed("investment_pct")):
            return f"None of {self.the_pools_or} are secured by investment properties."
        return self._share(
            "investment_pct", "No more than", "are", "secured by investment properties"
        )

    def _share(self, key: str, qualifier: str, verb: str, rest: str, mark: str = "") -> str:
        """An "at least" or "no more than" share; a "Share of ...:" form when any is unknown."""
        values = self.printed(key)
        if UNKNOWN in values:
            shown = [v if v == UNKNOWN else f"{qualifier.lower()} {v}" for v in values]
            return f"Share of {self.the_pools} that {verb} {rest}{mark}: {respectively(shown)}."
        values[0] += mark
        return f"{qualifier} {self.lead(values)} of {self.the_pools} {verb} {rest}."

    def documentation(self) -> Paragraph:
        shares = (
            (
                "full_or_streamlined_pct",
                "At least",
                "mortgage loans originated using loan underwriting policies which require, "
                "among other things, proof of income and liquid assets and telephone "
                "verification of employment, or are refinanced mortgage loans originated using "
                "alternative or streamlined underwriting policies",
            ),
            (
                "stated_income_pct",
                "No more than",
                "mortgage loans originated using a loan underwriting policy which, among other "
                "things, requires verification of employment and may require proof of liquid "
                "assets, but does not require verification of income as stated on the loan "
                "application",
            ),
            (
                "streamlined_pct",
                "No more than",
                "refinanced mortgage loans originated using alternative or streamlined "
                "underwriting policies",
            ),
        )
        return Paragraph(" ".join(self._share(k, q, "will be", rest) for k, q, rest in shares))

    def _insurance(self) -> str:
        counts = self.printed("ltv_over_80_uninsured_count")
        if all(c == "0" for c in counts):
            return (
                "All of the mortgage loans which had loan-to-value ratios greater than 80% at "
                "origination had primary mortgage insurance as of such date."
            )
        return (
            "Of the mortgage loans which had loan-to-value ratios greater than 80% at "
            f"origination, {self.lead(counts)} of {self.the_pools} did not have primary "
            "mortgage insurance as of such date."
        )

    def insurance_and_collateral(self) -> Paragraph:
        pledged = tuple(
            p
            for p in self.pools
            if self.exact(p, "additional_collateral_count") is None
            or self.exact(p, "additional_collateral_count") > 0
        )
        if not pledged:
            return Paragraph(
                f"{self._insurance()} None of the mortgage loans had additional collateral pledged."
            )
        group = number_of(len(pledged), "taken as a group", "taken as groups")
        loans = series([f"pool {p} mortgage loans" for p in pledged])
        text = (
            f"{self._insurance()} In the case of the {loans} for which additional collateral "
            f"was pledged, {group}:"
        )
        return Paragraph(text, _collateral_items(self, pledged))

    def premium_and_discount(self, pool: str) -> Paragraph:
        target = self.printed("target_rate", (pool,))[0]
        kinds = tuple(k for k in ("premium", "discount") if self.exact(pool, f"{k}_count"))
        definitions = {
            "premium": f"Pool {pool} premium loans will consist of pool {pool} mortgage loans "
            f"with net loan rates greater than or equal to {target}.",
            "discount": f"Pool {pool} discount loans will consist of pool {pool} mortgage loans "
            f"with net loan rates less than {target}.",
        }
        text = " ".join(definitions[k] for k in kinds)
        if len(kinds) == 1:
            text += f" All pool {pool} mortgage loans are pool {pool} {kinds[0]} loans."
        loans = series([f"the pool {pool} {k} loans" for k in kinds])
        one = len(kinds) == 1
        were = "was" if one else "were"

        def values(key: str, unit: str = "") -> str:
            return respectively([self.printed(f"{k}_{key}", (pool,))[0] + unit for k in kinds])

        text += (
            f" The aggregate scheduled principal {'balance' if one else 'balances'} outstanding "
            f"as of the cut-off date of {loans} {were} {values('balance')}."
            f" The weighted average interest {'rate' if one else 'rates'} of {loans}, as of the "
            f"cut-off date, {were} {values('wa_note_rate')}."
            f" The weighted average remaining {'term' if one else 'terms'} to stated maturity "
            f"of {loans}, as of the cut-off date, {were} {values('wa_remaining_term', ' months')}."
        )
        return Paragraph(text)

    def footnotes(self) -> tuple[str, ...]:
        clauses = [
            "as a percentage of the aggregate scheduled principal balance of the pool "
            f"{p} mortgage loans having such characteristics relative to the aggregate "
            f"scheduled principal balance of all the pool {p} mortgage loans"
            for p in self.pools
        ]
        return (
            "Terms used herein and not defined have the meaning assigned thereto in the form "
            f"of Prospectus included in {self.short}'s Registration Statement.",
            f"Such percentages are expressed {series(clauses, 'or')}.",
        )


def _collateral_items(s: _Sentences, pledged: tuple[str, ...]) -> tuple[str, ...]:
    """The four numbered figures of the loans with additional collateral pledged."""
    such = series([f"pool {p} mortgage loans" for p in pledged])
    many = len(pledged) > 1
    are = "are" if many else "is"

    def ratio_values(key: str) -> str:
        values = s.printed(key, pledged)
        if many and len(set(values)) == 1:
            return f"are each {values[0]}"
        return f"{are} {respectively(values)}"

    ratios = "ratios" if many else "ratio"
    return (
        f"the {'numbers' if many else 'number'} of such {such} {are} "
        f"{respectively(s.printed('additional_collateral_count', pledged))};",
        f"the aggregate scheduled principal {'balances' if many else 'balance'} of such {such} "
        f"{are} {respectively(s.printed('additional_collateral_balance', pledged))};",
        f"the weighted average loan-to-value {ratios} of such {such}, taking into account the "
        "loanable value of the pledged additional collateral, "
        f"{ratio_values('additional_collateral_wa_ltv')}; and",
        f"the weighted average loan-to-value {ratios} of such {such}, without taking into "
        "account the loanable value of the pledged additional collateral, "
        f"{ratio_values('additional_collateral_wa_ltv_without_pledge')}.",
    )


def _months(values: list[str]) -> list[str]:
    return [v if v == UNKNOWN else f"{v} months" for v in values]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pool_description(deal: Deal, pool: str) -> str:
    """The deal's words for a pool, else its original-term range."""
    terms = deal.pool(pool)
    if terms.description:
        return terms.description
    low, high = terms.original_term
    return f"original maturities of at least {low} months but not more than {high} months"


def _term_range(deal: Deal) -> str:
    """``at least 10 but not more than 30 years`` over every pool of the deal."""
    low = min(p.original_term[0] for p in deal.pools)
    high = max(p.original_term[1] for p in deal.pools)
    if low % 12 == 0 and high % 12 == 0:
        return f"at least {low // 12} but not more than {high // 12} years"
    return f"at least {low} but not more than {high} months"
