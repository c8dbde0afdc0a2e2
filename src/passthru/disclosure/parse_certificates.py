"""Certificate terms of a CMSI detailed description: class balances, subordination
levels, loss limits and the clean-up (repurchase) threshold.

Money keeps the printed cents; the limits and the threshold are truncated to the
cent by the issuer (cashflow-and-structure.md §3.3), so the printed value is the
value. Subordination levels keep their printed digits (§3.4: 12 decimals).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from passthru.disclosure.filing import Certificates, SubordinationLevel
from passthru.disclosure.parse_text import DOLLARS, Sentence

_CLASS = r"([A-Z0-9]+(?:-[A-Z0-9]+)*)"
_LOSS_LIMIT = re.compile(r"\b(special\s+hazard|fraud|bankruptcy)\s+loss\s+limit\b", re.IGNORECASE)
_CLASS_BALANCE = re.compile(
    rf"initial\s+principal\s+balance\s+of\s+the\s+class\s+{_CLASS}\s+certificates\b",
    re.IGNORECASE,
)
_SUBORDINATION = re.compile(
    rf"\bclass\s+{_CLASS}\s+subordination\s+level\s+(?:is|was|will\s+be)\s+(\d+(?:\.\d+)?)\s?%",
    re.IGNORECASE,
)
_SUBORDINATION_CUE = re.compile(r"subordination\s+level", re.IGNORECASE)
_REPURCHASE = re.compile(r"\brepurchase\b.*\bless\s+than\b", re.IGNORECASE)
_LIMIT_FIELDS = {
    "special hazard": "special_hazard_loss_limit",
    "fraud": "fraud_loss_limit",
    "bankruptcy": "bankruptcy_loss_limit",
}


def _money(text: str) -> Decimal:
    return Decimal(text.replace("$", "").replace(",", "").strip())


@dataclass
class CertificateRead:
    """Certificate terms gathered sentence by sentence, and what could not be read."""

    class_balances: dict[str, Decimal] = field(default_factory=dict)
    subordination_levels: dict[str, SubordinationLevel] = field(default_factory=dict)
    limits: dict[str, Decimal] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def certificates(self) -> Certificates:
        return Certificates(
            class_balances=dict(self.class_balances),
            subordination_levels=dict(self.subordination_levels),
            special_hazard_loss_limit=self.limits.get("special_hazard_loss_limit"),
            fraud_loss_limit=self.limits.get("fraud_loss_limit"),
            bankruptcy_loss_limit=self.limits.get("bankruptcy_loss_limit"),
            clean_up_threshold=self.limits.get("clean_up_threshold"),
        )

    def claim(self, s: Sentence) -> bool:
        """Read ``s`` if it states a certificate term; True when the sentence is one."""
        for cue, handle in (
            (_LOSS_LIMIT, self._loss_limit),
            (_CLASS_BALANCE, self._class_balance),
            (_SUBORDINATION_CUE, self._subordination),
            (_REPURCHASE, self._clean_up),
        ):
            if cue.search(s.text):
                try:
                    handle(s)
                except (ValueError, ArithmeticError) as exc:
                    self.warnings.append(f"line {s.line}: {exc}: {s.text[:100]!r}")
                return True
        return False

    def _last_amount(self, text: str, what: str) -> Decimal:
        amounts = [m.group(0) for m in DOLLARS.finditer(text)]
        if not amounts:
            raise ValueError(f"no dollar amount for the {what}")
        return _money(amounts[-1])

    def _loss_limit(self, s: Sentence) -> None:
        """ "The special hazard loss limit as of February 1, 2003 was $7,572,416.56." """
        m = _LOSS_LIMIT.search(s.text)
        kind = " ".join(m[1].lower().split())
        self.limits[_LIMIT_FIELDS[kind]] = self._last_amount(s.text, f"{kind} loss limit")

    def _class_balance(self, s: Sentence) -> None:
        """ "The aggregate initial principal balance of the class A certificates as of
        February 1, 2003 was $740,959,992.00." """
        m = _CLASS_BALANCE.search(s.text)
        name = m[1].upper()
        self.class_balances[name] = self._last_amount(s.text[m.end() :], f"class {name} balance")

    def _subordination(self, s: Sentence) -> None:
        """ "The class A subordination level is 2.150127919560%." """
        m = _SUBORDINATION.search(s.text)
        if m is None:
            raise ValueError("no class and percentage in the subordination level")
        self.subordination_levels[m[1].upper()] = SubordinationLevel(m[2], Decimal(m[2]))

    def _clean_up(self, s: Sentence) -> None:
        """ "CMSI may repurchase all mortgage loans ... if ... the aggregate scheduled principal
        balance of such mortgage loans is equal to or less than $75,724,165.62." """
        self.limits["clean_up_threshold"] = self._last_amount(s.text, "clean-up threshold")
