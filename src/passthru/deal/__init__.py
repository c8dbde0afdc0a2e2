"""Deal terms: pools, classes, loss limits, the call and the waterfall, from TOML."""

from passthru.deal.classes import SUBORDINATE_CLASSES, CertificateClass, initial_balances
from passthru.deal.limits import (
    BankruptcyLimit,
    CleanupCall,
    FraudLimit,
    LossLimits,
    SpecialHazardLimit,
    bankruptcy_limit,
    fraud_limit_at_anniversary,
    remaining_limit,
    special_hazard_limit_at_anniversary,
    split_at_limit,
    truncate_cents,
)
from passthru.deal.load import load_deal, shipped_deals
from passthru.deal.model import Deal, PoolTerms
from passthru.deal.shifting import (
    MaintenanceOfSubordination,
    ShiftingInterest,
    StepDownTests,
    cumulative_loss_test_passes,
    delinquency_test_passes,
    senior_prepayment_pct,
)
from passthru.deal.steps import (
    CMSI_STEPS,
    PayInterest,
    PayPODeferred,
    PayPrincipal,
    PaySubordinatesInTurn,
    Step,
)
from passthru.deal.structure import (
    StructureFigures,
    class_percentages,
    cleanup_threshold,
    initial_loss_limits,
    is_callable,
    printed_subordination_levels,
    reported_balances,
    structure_figures,
    subordination_levels,
)
from passthru.deal.waterfall_terms import WaterfallOptions

__all__ = [
    "CMSI_STEPS",
    "SUBORDINATE_CLASSES",
    "BankruptcyLimit",
    "CertificateClass",
    "CleanupCall",
    "Deal",
    "FraudLimit",
    "LossLimits",
    "MaintenanceOfSubordination",
    "PayInterest",
    "PayPODeferred",
    "PayPrincipal",
    "PaySubordinatesInTurn",
    "PoolTerms",
    "ShiftingInterest",
    "SpecialHazardLimit",
    "Step",
    "StepDownTests",
    "StructureFigures",
    "WaterfallOptions",
    "bankruptcy_limit",
    "class_percentages",
    "cleanup_threshold",
    "cumulative_loss_test_passes",
    "delinquency_test_passes",
    "fraud_limit_at_anniversary",
    "initial_balances",
    "initial_loss_limits",
    "is_callable",
    "load_deal",
    "printed_subordination_levels",
    "remaining_limit",
    "reported_balances",
    "senior_prepayment_pct",
    "shipped_deals",
    "special_hazard_limit_at_anniversary",
    "split_at_limit",
    "structure_figures",
    "subordination_levels",
    "truncate_cents",
]
