"""The Item 5 narrative of the collateral term sheet, as sentences filled from a TermSheet.

The wording follows the CMSI 2002-12 Form 8-K (Item 5, Other Events), generalised
from its two pools to any number: figures of several pools are given in pool
order followed by "respectively". Every figure is a TermSheet figure's
``printed`` text; a figure printed "unknown" stays "unknown" in the sentence
(the "at least" and "no more than" shares then switch to a "Share of ...:"
form so that no qualifier stands in front of an unknown). Renderers lay out the
result; nothing here wraps or pads. The detailed description (2003-2) builds on
the same sentences (:mod:`passthru.disclosure.detailed`).
"""

from __future__ import annotations

from dataclasses import dataclass

from passthru.disclosure.deal_words import (
    FULL_DOCUMENTATION,
    STATED_INCOME,
    STREAMLINED,
    certificates_name,
    issuer_short_name,
    pool_description,
    servicer_name,
    term_range,
)
from passthru.disclosure.words import (
    capital,
    number_of,
    respectively,
    same_or_respectively,
    series,
)
from passthru.money import format_date
from passthru.strats.model import ALL_LOANS, TermSheet

UNKNOWN = "unknown"
# Weighted averages stated "as of" the cut-off: (singular, plural) and the unit printed.
WEIGHTED_AVERAGES = {
    "wa_remaining_term": (
        ("remaining term to stated maturity", "remaining terms to stated maturity"),
        " months",
    ),
    "wa_original_term": (
        ("original term to stated maturity", "original terms to stated maturity"),
        " months",
    ),
    "wa_ltv": (("loan-to-value ratio at origination", "loan-to-value ratios at origination"), ""),
}


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


def pools_with_loans(ts: TermSheet) -> tuple[str, ...]:
    """The deal's pools that hold loans: an empty pool is left out of every sentence."""
    return tuple(p for p in deal_pools(ts) if ts.figures(p)["loan_count"].exact)


def build_narrative(ts: TermSheet) -> Narrative:
    """Every paragraph of Item 5 with its figures, the footnotes and the notes.

    Pools without loans are left out of every sentence; with no loans at all
    only the offering and the transfer of the (empty) pool remain.
    """
    pools = pools_with_loans(ts)
    s = Sentences(ts, pools)
    notes, computed = tuple(ts.notes), figure_notes(ts)
    if not pools:
        return Narrative((s.offering(), s.transfer()), s.footnotes()[:1], (), notes, computed)
    opening = (s.offering(), s.transfer(), s.counts_and_terms(), s.balances_and_ratios())
    strips = tuple(s.premium_and_discount(p) for p in pools)
    body = (s.documentation(), s.insurance_and_collateral(), *strips)
    return Narrative(opening, s.footnotes(), body, notes, computed)


def figure_notes(ts: TermSheet) -> tuple[str, ...]:
    """Every figure's note, e.g. how unknown values were counted, or the zip code."""
    return tuple(
        f"{'All loans' if p.pool == ALL_LOANS else f'Pool {p.pool}'} - {f.label}: {f.note}"
        for p in ts.pools
        for f in p.figures
        if f.note
    )


def the_loans(pools: tuple[str, ...], conjunction: str = "and") -> str:
    """``the pool I mortgage loans, the pool II mortgage loans and all mortgage loans``."""
    return series(
        ["all mortgage loans" if p == ALL_LOANS else f"the pool {p} mortgage loans" for p in pools],
        conjunction,
    )


class Sentences:
    """Sentence builders sharing the term sheet, its pools and their phrases.

    A sentence that may also speak of all loans (the detailed description's
    "the pool I mortgage loans, the pool II mortgage loans and all mortgage
    loans") takes the pools it names as ``among``; by default the deal's pools.
    """

    def __init__(self, ts: TermSheet, pools: tuple[str, ...]) -> None:
        self.ts = ts
        self.pools = pools
        self.n = len(pools)
        self.as_of = format_date(ts.as_of)
        self.short = issuer_short_name(ts.deal)
        self.the_pools = the_loans(pools)
        self.the_pools_or = the_loans(pools, "or")
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

    def weighted_average(self, key: str, among: tuple[str, ...] = ()) -> str:
        """ "The weighted average remaining terms to stated maturity of the pool I mortgage
        loans and ... as of <cut-off> were 356.84 months and 176.35 months, respectively." """
        among = among or self.pools
        (one, many), unit = WEIGHTED_AVERAGES[key]
        values = [v if v == UNKNOWN else v + unit for v in self.printed(key, among)]
        return (
            f"The weighted average {many if len(among) > 1 else one} of {the_loans(among)} as "
            f"of {self.as_of} {'were' if len(among) > 1 else 'was'} {respectively(values)}."
        )

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

    def balance_clause(self, printed: str) -> str:
        return (
            "an aggregate scheduled principal balance outstanding (after deducting principal "
            f"payments due on or before {self.as_of}) as of {self.as_of} of {printed}"
        )

    def transfer(self) -> Paragraph:
        deal = self.ts.deal
        when = f"On {format_date(deal.closing_date)}, " if deal.closing_date else ""
        total = self.ts.figures(ALL_LOANS)["aggregate_balance"].printed
        text = (
            f"{when}{self.short} is to transfer to the Trustee mortgage loans(1) with "
            f"{self.balance_clause(total)}."
        )
        for pool in self.pools:
            text += (
                f" The mortgage loans that have {pool_description(deal, pool)}, the "
                f'"pool {pool} mortgage loans", have '
                f"{self.balance_clause(self.printed('aggregate_balance', (pool,))[0])}."
            )
        text += (
            " Information below is provided with respect to all mortgage loans expected to "
            "be included in the mortgage loan pool."
        )
        return Paragraph(text)

    def counts_and_terms(self) -> Paragraph:
        starts = respectively(self.printed("origination_start"))
        return Paragraph(
            f"The total {self.plural('number', 'numbers')} of {self.the_pools} as of "
            f"{self.as_of} {self.were} {respectively(self.printed('loan_count'))}. "
            f"The weighted average interest {self.plural('rate', 'rates')} of {self.the_pools} "
            f"(before deduction of the servicing fee) as of {self.as_of} {self.were} "
            f"{respectively(self.printed('wa_note_rate'))}. "
            f"{self.weighted_average('wa_remaining_term')} "
            f"All mortgage loans have original maturities of {term_range(self.ts.deal)}. "
            f"None of {self.the_pools_or} were originated prior to {starts}"
            f"{',' if self.n > 1 else ''} or after "
            f"{same_or_respectively(self.printed('origination_end'))}. "
            f"{self.weighted_average('wa_original_term')}"
        )

    def balances_and_ratios(self) -> Paragraph:
        sentences = [
            f"None of {self.the_pools} have a scheduled maturity later than "
            f"{respectively(self.printed('latest_maturity'))}.",
            f"Each {series([f'pool {p} mortgage loan' for p in self.pools])} had an original "
            f"principal balance of {self.original_balances()}.",
            self.ltv_over_80(),
            self.weighted_average("wa_ltv"),
            self.zip_code("mortgaged properties"),
            self.primary_residence(),
            self.investment(),
        ]
        return Paragraph(" ".join(sentences))

    def original_balances(self) -> str:
        return (
            f"not less than {respectively(self.printed('min_original_balance'))}, nor more than "
            f"{same_or_respectively(self.printed('max_original_balance'))}"
        )

    def ltv_over_80(self) -> str:
        balances = self.plural(
            "an aggregate scheduled principal balance", "aggregate scheduled principal balances"
        )
        return (
            f"{capital(self.plain_pools)} having {balances} of "
            f"{self.lead(self.printed('ltv_over_80_balance'))} as of {self.as_of}, had "
            f"loan-to-value ratios at origination in excess of 80%{self._over_95()}"
        )

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

    def zip_code(self, properties: str, among: tuple[str, ...] = ()) -> str:
        """The largest balance in one zip code ("Mortgaged Properties" in the 2003-2 text)."""
        rest = f"secured by {properties} located in any one zip code"
        return self.share("max_zip_balance", "No more than", "are", rest, among=among)

    def primary_residence(self, among: tuple[str, ...] = (), defined: str = "") -> str:
        """The owner-occupied share, marked (2) for the footnote on percentages."""
        rest = (
            f"secured by mortgaged properties determined by {servicer_name(self.ts.deal)} to "
            f"be the primary residence of the borrower{defined}"
        )
        return self.share("primary_residence_pct", "At least", "are", rest, "(2)", among)

    def investment(self) -> str:
        if all(v == "0%" for v in self.printed("investment_pct")):
            return f"None of {self.the_pools_or} are secured by investment properties."
        return self.share(
            "investment_pct", "No more than", "are", "secured by investment properties"
        )

    def share(
        self,
        key: str,
        qualifier: str,
        verb: str,
        rest: str,
        mark: str = "",
        among: tuple[str, ...] = (),
    ) -> str:
        """An "at least" or "no more than" share; a "Share of ...:" form when any is unknown."""
        among = among or self.pools
        values, loans = self.printed(key, among), the_loans(among)
        if UNKNOWN in values:
            shown = [v if v == UNKNOWN else f"{qualifier.lower()} {v}" for v in values]
            return f"Share of {loans} that {verb} {rest}{mark}: {respectively(shown)}."
        values[0] += mark
        return f"{qualifier} {self.lead(values)} of {loans} {verb} {rest}."

    def documentation(self) -> Paragraph:
        shares = (
            ("full_or_streamlined_pct", "At least", FULL_DOCUMENTATION),
            ("stated_income_pct", "No more than", STATED_INCOME.format(policy="policy which,")),
            ("streamlined_pct", "No more than", STREAMLINED),
        )
        return Paragraph(" ".join(self.share(k, q, "will be", rest) for k, q, rest in shares))

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

    def percentage_clauses(self) -> list[str]:
        """Footnote (2)'s "as a percentage of ..." clause for each pool."""
        return [
            "as a percentage of the aggregate scheduled principal balance of the pool "
            f"{p} mortgage loans having such characteristics relative to the aggregate "
            f"scheduled principal balance of all the pool {p} mortgage loans"
            for p in self.pools
        ]

    def footnotes(self) -> tuple[str, ...]:
        number = self.ts.deal.registration_number
        return (
            "Terms used herein and not defined have the meaning assigned thereto in the form "
            f"of Prospectus included in {self.short}'s Registration Statement"
            f"{f'({number})' if number else ''}.",
            f"Such percentages are expressed {series(self.percentage_clauses(), 'or')}.",
        )


def _collateral_items(s: Sentences, pledged: tuple[str, ...]) -> tuple[str, ...]:
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
