"""The detailed description of the mortgage loan pool, as sentences filled from a TermSheet.

The wording follows the CMSI 2003-2 Form 8-K (Item 2, "Detailed description of
the mortgage loan pool and the mortgaged properties"): the loans were
transferred at closing, the repurchase (clean-up) threshold is stated with the
transfer, and most figures are given three ways, "the pool I mortgage loans,
the pool II mortgage loans and all mortgage loans ... respectively". Sentences
the two styles share come from :class:`passthru.disclosure.narrative.Sentences`.
The certificate section (loss limits, class balances, subordination levels) is
the deal's (:func:`passthru.deal.structure_figures`, cashflow-and-structure.md
§3.3 and §3.4), each sentence a paragraph of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from passthru.deal import Deal, cleanup_threshold, structure_figures
from passthru.disclosure.deal_words import (
    FULL_DOCUMENTATION,
    STATED_INCOME,
    STREAMLINED,
    certificates_name,
    pool_description,
    term_range,
)
from passthru.disclosure.narrative import (
    Paragraph,
    Sentences,
    figure_notes,
    pools_with_loans,
    the_loans,
)
from passthru.disclosure.words import capital, respectively, same_or_respectively, series
from passthru.money import format_date, format_dollars
from passthru.strats.model import ALL_LOANS, TermSheet

LEVEL_MARK = "*"
LEVEL_FOOTNOTE = (
    "Equal to the initial principal balance thereof divided by the aggregate scheduled "
    "principal balance of all mortgage loans."
)
DELIVERY = (
    "The mortgage loans were delivered in exchange for the certificates, authenticated by the "
    "Trustee, evidencing 100% of the regular interests in the Trust."
)
RESIDENCE_BASIS = (
    "The sole basis for such determination is either (a) a representation by the homeowner at "
    "origination of the mortgage loan that the underlying property will be used for a period of "
    "at least 6 months every year or that he intends to use the underlying property as his or "
    "her primary residence, or (b) that the address of the underlying property is the "
    "homeowner's mailing address as reflected in the originator's records."
)
UNDERWRITING_REFERENCE = 'See "Mortgage loan underwriting" in the Prospectus.'


@dataclass(frozen=True)
class DetailedDescription:
    """The Item 2 text: ``opening`` carries the footnote marks (1) and (2), explained by
    ``footnotes``; ``certificates`` are the certificate section's sentences, the
    subordination levels marked "*" and explained by ``certificate_footnote``.
    """

    opening: tuple[Paragraph, ...]
    footnotes: tuple[str, ...]
    body: tuple[Paragraph, ...]
    certificates: tuple[str, ...]
    certificate_footnote: str
    notes: tuple[str, ...]
    figure_notes: tuple[str, ...]


def build_detailed(ts: TermSheet) -> DetailedDescription:
    """Every paragraph of the detailed description, its footnotes and the certificate section.

    Pools without loans are left out of every sentence; with no loans at all only
    the transfer remains. A deal without certificate classes has no certificate section.
    """
    pools = pools_with_loans(ts)
    s = DetailedSentences(ts, pools)
    certificates = certificate_sentences(ts.deal)
    footnote = LEVEL_FOOTNOTE if any(c.endswith(LEVEL_MARK) for c in certificates) else ""
    notes, computed = tuple(ts.notes), figure_notes(ts)
    if not pools:
        opening, body = (s.transfer(),), ()
    else:
        opening = (s.transfer(), s.counts_and_terms(), s.balances_and_ratios())
        strips = tuple(s.premium_and_discount(p) for p in pools)
        body = (s.documentation(), s.insurance_and_collateral(), *strips)
    footnotes = s.footnotes() if pools else s.footnotes()[:1]
    return DetailedDescription(opening, footnotes, body, certificates, footnote, notes, computed)


def certificate_sentences(deal: Deal) -> tuple[str, ...]:
    """Loss limits, class balances and subordination levels as the 8-K states them.

    The sentences are :func:`passthru.deal.structure_figures`'s ``lines`` in their
    order (limits, balances, levels, then the repurchase sentence, which this
    style states with the transfer); each level carries the "*" of its footnote.
    """
    if not deal.classes:
        return ()
    figures = structure_figures(deal)
    stated = len(figures.loss_limits) + len(figures.reported_balances)
    levels = stated + len(figures.printed_subordination_levels_pct)
    lines = figures.lines
    return (*lines[:stated], *(line + LEVEL_MARK for line in lines[stated:levels]))


class DetailedSentences(Sentences):
    """The detailed description's sentences; ``every`` is the deal's pools, then all
    loans (the pool alone when there is only one)."""

    def __init__(self, ts: TermSheet, pools: tuple[str, ...]) -> None:
        super().__init__(ts, pools)
        self.every = (*pools, ALL_LOANS) if len(pools) > 1 else pools

    def transfer(self) -> Paragraph:
        deal = self.ts.deal
        when = f"On {format_date(deal.closing_date)}, " if deal.closing_date else ""
        total = self.printed("aggregate_balance", (ALL_LOANS,))[0]
        sentences = [
            f'{when}{deal.issuer} ("{self.short}") transferred to the Trustee mortgage loans '
            f"with {self.balance_clause(total)}."
        ]
        if self.pools:
            sentences.append(capital(series([self._pool_clause(p) for p in self.pools])) + ".")
        sentences.append(DELIVERY)
        if deal.paying_agent:
            sentences.append(
                f"Distributions on the certificates will be made by {deal.paying_agent}, as "
                "paying agent, by wire transfer or by such other means as the person entitled "
                f"thereto and {self.short} shall agree."
            )
        if deal.cut_off_balance is not None:
            sentences.append(self._repurchase())
        if self.pools:
            sentences.append(
                f"Information below is provided with respect to {the_loans(self.every, 'and/or')} "
                "included in the mortgage loan pool as indicated."
            )
        return Paragraph(" ".join(sentences))

    def _pool_clause(self, pool: str) -> str:
        balance = self.printed("aggregate_balance", (pool,))[0]
        return (
            f"the mortgage loans that have {pool_description(self.ts.deal, pool)}, the "
            f'"pool {pool} mortgage loans", have {self.balance_clause(balance)}'
        )

    def _repurchase(self) -> str:
        """The clean-up call: 10% of the cut-off balance, truncated to the cent (§3.3, V25)."""
        threshold = format_dollars(cleanup_threshold(self.ts.deal), 2)
        return (
            f"{self.short} may repurchase all mortgage loans remaining in the mortgage loan pool "
            "pursuant to the pooling agreement if at the time of repurchase the aggregate "
            "scheduled principal balance of such mortgage loans is equal to or less than "
            f"{threshold}."
        )

    def counts_and_terms(self) -> Paragraph:
        every, many = self.every, len(self.every) > 1
        total = self.printed("loan_count", (ALL_LOANS,))[0]
        counts = zip(self.pools, self.printed("loan_count"), strict=True)
        consisting = series(
            [f"{count} pool {p} mortgage loan{'' if count == '1' else 's'}" for p, count in counts]
        )
        ends = same_or_respectively(self.printed("origination_end"))
        return Paragraph(
            f"The total number of all mortgage loans as of {self.as_of} was {total}, "
            f"consisting of {consisting}. "
            f"The weighted average interest {'rates' if many else 'rate'} on "
            f"{the_loans(every)} ({'in each case, ' if many else ''}before deduction of the "
            f"servicing fee) as of {self.as_of} {'were' if many else 'was'} "
            f"{respectively(self.printed('wa_note_rate', every))}. "
            f"{self.weighted_average('wa_remaining_term', every)} "
            "All mortgage loans have original maturities of "
            f"{term_range(self.ts.deal, 'no more than')}. "
            f"None of {self.the_pools} were originated prior to "
            f"{self.lead(self.printed('origination_start'))} or after {ends}. "
            f"{self.weighted_average('wa_original_term', every)}"
        )

    def balances_and_ratios(self) -> Paragraph:
        maturities = self.plural("a scheduled maturity", "scheduled maturities")
        sentences = [
            f"None of {self.the_pools} have {maturities} later than "
            f"{respectively(self.printed('latest_maturity'))}.",
            f"Each of {self.the_pools} had an original principal balance of "
            f"{self.original_balances()}.",
            self.ltv_over_80(),
            self.weighted_average("wa_ltv", self.every),
            self.zip_code("Mortgaged Properties", self.every),
            self.primary_residence(self.every, ' ("homeowner")'),
            RESIDENCE_BASIS,
            self.investment(),
        ]
        return Paragraph(" ".join(sentences))

    def documentation(self) -> Paragraph:
        shares = (
            ("full_or_streamlined_pct", "At least", FULL_DOCUMENTATION),
            ("stated_income_pct", "No more than", STATED_INCOME.format(policy="policy, which")),
            ("streamlined_pct", "No more than", STREAMLINED),
        )
        sentences = [self.share(k, q, "will be", rest, among=self.every) for k, q, rest in shares]
        return Paragraph(" ".join([*sentences, UNDERWRITING_REFERENCE]))

    def footnotes(self) -> tuple[str, ...]:
        deal = self.ts.deal
        dated = f" dated {format_date(deal.prospectus_date)}" if deal.prospectus_date else ""
        title = deal.title or f"{certificates_name(deal)}, Series {deal.series or deal.name}"
        clauses = self.percentage_clauses()
        if len(self.every) > 1:
            clauses.append(
                "as a percentage of the aggregate scheduled principal balance of all mortgage "
                "loans having such characteristics relative to the aggregate scheduled principal "
                "balance of all mortgage loans"
            )
        return (
            "Terms used herein and not otherwise defined have the meaning assigned thereto in "
            f"the Prospectus{dated} (consisting of a prospectus supplement and a core "
            f"prospectus), relating to the {title}.",
            f"Such percentages are expressed {series(clauses, 'or', serial_comma=True)}.",
        )
