-- The collateral term sheet as one hand-written DuckDB script: the yardstick for
-- passthru's read + validate + pool formation + figures and tables (make bench).
-- bench_termsheet.py fills in $tape, $cut_off, $servicing_fee_rate, $pools (the
-- deal's pool names and target rates) and $pool_by_term (a CASE on original_term
-- over the deal's term ranges), runs the statements in order and fetches every
-- SELECT. Bucket labels and the merging of empty size rows work on a few dozen
-- result rows and are left to the caller.

CREATE OR REPLACE TEMP TABLE pools AS
SELECT pool, target_rate::DOUBLE AS target_rate FROM (VALUES $pools) AS p(pool, target_rate);

-- Validation (docs/loan-tape.md), one flag per rule for every loan, and pool
-- formation (cashflow-and-structure.md §2.2) in the same pass: the tape's pool,
-- else the pool whose term range holds the loan; net rate, premium flag, strips.
CREATE OR REPLACE TEMP TABLE checked AS
WITH tape AS (SELECT * FROM read_parquet('$tape')),
repeated AS (SELECT loan_id FROM tape GROUP BY loan_id HAVING count(*) > 1),
flagged AS (
SELECT
    tape.*,
    coalesce(
        loan_id IS NOT NULL AND trim(loan_id) <> '' AND original_balance IS NOT NULL
        AND current_balance IS NOT NULL AND note_rate IS NOT NULL
        AND original_term IS NOT NULL AND remaining_term IS NOT NULL
        AND origination_date IS NOT NULL AND maturity_date IS NOT NULL AND ltv IS NOT NULL
        AND property_type IS NOT NULL AND units IS NOT NULL AND state IS NOT NULL
        AND zip IS NOT NULL AND occupancy IS NOT NULL AND documentation IS NOT NULL
        AND loan_purpose IS NOT NULL AND mortgage_insurance IS NOT NULL
        AND additional_collateral IS NOT NULL, false) AS required_ok,
    loan_id NOT IN (SELECT loan_id FROM repeated) AS loan_id_unique_ok,
    coalesce(original_balance > 0 AND current_balance > 0, true) AS balance_positive_ok,
    coalesce(current_balance <= original_balance, true) AS current_le_original_ok,
    coalesce(note_rate > 0 AND note_rate < 20, true) AS note_rate_range_ok,
    coalesce(original_term BETWEEN 1 AND 480 AND remaining_term BETWEEN 1 AND 480, true)
        AS term_range_ok,
    coalesce(remaining_term <= original_term, true) AS remaining_le_original_ok,
    coalesce(maturity_date > origination_date, true) AS maturity_after_origination_ok,
    coalesce(
        remaining_term = (year(maturity_date) * 12 + month(maturity_date))
            - (year(DATE '$cut_off') * 12 + month(DATE '$cut_off'))
            + (day(maturity_date) > day(DATE '$cut_off'))::INTEGER,
        true) AS remaining_term_maturity_ok,
    coalesce(ltv > 0 AND ltv <= 200, true)
        AND coalesce(ltv_without_pledge > 0 AND ltv_without_pledge <= 200, true) AS ltv_range_ok,
    coalesce(state IN (
        'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL',
        'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE',
        'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD',
        'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'PR', 'GU', 'VI'), true)
        AS state_code_ok,
    coalesce(regexp_full_match(zip, '[0-9]{5}'), true) AS zip_format_ok,
    coalesce(
        property_type IN ('detached', 'multi_family', 'townhouse', 'condo_low_rise',
                          'condo_high_rise', 'cooperative')
        AND occupancy IN ('primary', 'second_home', 'investment')
        AND documentation IN ('full', 'stated_income', 'streamlined')
        AND loan_purpose IN ('purchase', 'rate_term_refinance', 'cash_out_refinance'),
        true) AS enum_value_ok,
    ltv_without_pledge IS NULL OR coalesce(additional_collateral, true)
        AS ltv_without_pledge_only_with_collateral_ok,
    coalesce(units BETWEEN 1 AND 4, true) AS units_range_ok,
    coalesce(servicing_fee_rate >= 0 AND servicing_fee_rate < 5, true) AS servicing_fee_range_ok,
    coalesce(servicing_fee_rate < note_rate, true) AS servicing_fee_below_note_rate_ok,
    -- Warnings: they inform and reject nothing.
    coalesce(note_rate >= 1, true) AS note_rate_percent_ok,
    coalesce(CASE WHEN property_type = 'multi_family' THEN units >= 2
                  ELSE units = 1 END, true) AS units_property_type_ok,
    NOT coalesce(additional_collateral AND ltv_without_pledge IS NULL, false)
        AS ltv_without_pledge_missing_ok,
    coalesce(ltv_without_pledge >= ltv, true) AS ltv_without_pledge_below_ltv_ok,
    coalesce(ltv <= 80 OR mortgage_insurance, true) AS mortgage_insurance_over_80_ok,
    coalesce(first_payment_date > origination_date, true) AS first_payment_after_origination_ok,
    coalesce(maturity_date = first_payment_date + to_months(original_term - 1), true)
        AS maturity_original_term_ok,
    coalesce(origination_date <= DATE '$cut_off', true) AS origination_after_cut_off_ok
FROM tape
),
assigned AS (
    SELECT * EXCLUDE (pool, servicing_fee_rate),
        coalesce(nullif(trim(pool), ''), $pool_by_term) AS pool,
        coalesce(servicing_fee_rate, $servicing_fee_rate) AS servicing_fee_rate,
        required_ok AND loan_id_unique_ok AND balance_positive_ok AND current_le_original_ok
            AND note_rate_range_ok AND term_range_ok AND remaining_le_original_ok
            AND maturity_after_origination_ok AND remaining_term_maturity_ok AND ltv_range_ok
            AND state_code_ok AND zip_format_ok AND enum_value_ok
            AND ltv_without_pledge_only_with_collateral_ok AND units_range_ok
            AND servicing_fee_range_ok AND servicing_fee_below_note_rate_ok AS accepted
    FROM flagged
)
SELECT
    assigned.*,
    pools.target_rate,
    round(note_rate - servicing_fee_rate, 9) AS net_rate,
    round(note_rate - servicing_fee_rate, 9) >= pools.target_rate AS premium,
    CASE WHEN round(note_rate - servicing_fee_rate, 9) >= pools.target_rate THEN 0.0
         ELSE (pools.target_rate - round(note_rate - servicing_fee_rate, 9)) / pools.target_rate
    END AS discount_fraction,
    greatest(round(note_rate - servicing_fee_rate - pools.target_rate, 9), 0.0) AS io_strip_rate,
    original_term - remaining_term AS loan_age
FROM assigned
LEFT JOIN pools USING (pool);

-- The findings per rule (passthru lists each failing loan; here a count suffices).
SELECT
    count(*) AS loans_read,
    count(*) FILTER (WHERE NOT required_ok) AS required,
    count(*) FILTER (WHERE NOT loan_id_unique_ok) AS loan_id_unique,
    count(*) FILTER (WHERE NOT balance_positive_ok) AS balance_positive,
    count(*) FILTER (WHERE NOT current_le_original_ok) AS current_le_original,
    count(*) FILTER (WHERE NOT note_rate_range_ok) AS note_rate_range,
    count(*) FILTER (WHERE NOT term_range_ok) AS term_range,
    count(*) FILTER (WHERE NOT remaining_le_original_ok) AS remaining_le_original,
    count(*) FILTER (WHERE NOT maturity_after_origination_ok) AS maturity_after_origination,
    count(*) FILTER (WHERE NOT remaining_term_maturity_ok) AS remaining_term_maturity,
    count(*) FILTER (WHERE NOT ltv_range_ok) AS ltv_range,
    count(*) FILTER (WHERE NOT state_code_ok) AS state_code,
    count(*) FILTER (WHERE NOT zip_format_ok) AS zip_format,
    count(*) FILTER (WHERE NOT enum_value_ok) AS enum_value,
    count(*) FILTER (WHERE NOT ltv_without_pledge_only_with_collateral_ok)
        AS ltv_without_pledge_only_with_collateral,
    count(*) FILTER (WHERE NOT units_range_ok) AS units_range,
    count(*) FILTER (WHERE NOT servicing_fee_range_ok) AS servicing_fee_range,
    count(*) FILTER (WHERE NOT servicing_fee_below_note_rate_ok) AS servicing_fee_below_note_rate,
    count(*) FILTER (WHERE NOT note_rate_percent_ok) AS note_rate_percent,
    count(*) FILTER (WHERE NOT units_property_type_ok) AS units_property_type,
    count(*) FILTER (WHERE NOT ltv_without_pledge_missing_ok) AS ltv_without_pledge_missing,
    count(*) FILTER (WHERE NOT ltv_without_pledge_below_ltv_ok) AS ltv_without_pledge_below_ltv,
    count(*) FILTER (WHERE NOT mortgage_insurance_over_80_ok) AS mortgage_insurance_over_80,
    count(*) FILTER (WHERE NOT first_payment_after_origination_ok)
        AS first_payment_after_origination,
    count(*) FILTER (WHERE NOT maturity_original_term_ok) AS maturity_original_term,
    count(*) FILTER (WHERE NOT origination_after_cut_off_ok) AS origination_after_cut_off,
    count(*) FILTER (WHERE accepted AND target_rate IS NULL) AS pool_rejects
FROM checked;

CREATE OR REPLACE TEMP VIEW pooled AS
SELECT * FROM checked WHERE accepted AND target_rate IS NOT NULL;

-- Every narrative figure, per pool and for all loans (one scan).
SELECT
    CASE WHEN grouping(pool) = 1 THEN 'all' ELSE pool END AS pool,
    count(*) AS loan_count,
    sum(current_balance) AS aggregate_balance,
    sum(current_balance * note_rate) / sum(current_balance) AS wa_note_rate,
    sum(current_balance * remaining_term) / sum(current_balance) AS wa_remaining_term,
    sum(current_balance * original_term) / sum(current_balance) AS wa_original_term,
    min(origination_date) AS origination_start,
    max(origination_date) AS origination_end,
    max(maturity_date) AS latest_maturity,
    min(original_balance) AS min_original_balance,
    max(original_balance) AS max_original_balance,
    coalesce(sum(current_balance) FILTER (WHERE ltv > 80), 0) AS ltv_over_80_balance,
    max(ltv) AS max_ltv,
    max(ltv) > 95 AS any_ltv_over_95,
    sum(current_balance * ltv) / sum(current_balance) AS wa_ltv,
    coalesce(sum(current_balance) FILTER (WHERE occupancy = 'primary'), 0)
        / sum(current_balance) AS primary_residence_share,
    coalesce(sum(current_balance) FILTER (WHERE occupancy = 'investment'), 0)
        / sum(current_balance) AS investment_share,
    coalesce(sum(current_balance) FILTER (WHERE documentation IN ('full', 'streamlined')), 0)
        / sum(current_balance) AS full_or_streamlined_share,
    coalesce(sum(current_balance) FILTER (WHERE documentation = 'stated_income'), 0)
        / sum(current_balance) AS stated_income_share,
    coalesce(sum(current_balance) FILTER (WHERE documentation = 'streamlined'), 0)
        / sum(current_balance) AS streamlined_share,
    count(*) FILTER (WHERE ltv > 80 AND NOT mortgage_insurance) AS ltv_over_80_uninsured_count,
    count(*) FILTER (WHERE additional_collateral) AS additional_collateral_count,
    sum(current_balance) FILTER (WHERE additional_collateral) AS additional_collateral_balance,
    sum(current_balance * ltv) FILTER (WHERE additional_collateral)
        / sum(current_balance) FILTER (WHERE additional_collateral)
        AS additional_collateral_wa_ltv,
    sum(current_balance * ltv_without_pledge) FILTER (WHERE additional_collateral)
        / sum(current_balance) FILTER (WHERE additional_collateral)
        AS additional_collateral_wa_ltv_without_pledge,
    min(note_rate) AS lowest_note_rate,
    max(note_rate) AS highest_note_rate,
    list(DISTINCT units) FILTER (WHERE property_type = 'multi_family') AS multi_family_units,
    any_value(target_rate) AS target_rate,
    count(*) FILTER (WHERE premium) AS premium_count,
    sum(current_balance) FILTER (WHERE premium) AS premium_balance,
    sum(current_balance * note_rate) FILTER (WHERE premium)
        / sum(current_balance) FILTER (WHERE premium) AS premium_wa_note_rate,
    sum(current_balance * remaining_term) FILTER (WHERE premium)
        / sum(current_balance) FILTER (WHERE premium) AS premium_wa_remaining_term,
    count(*) FILTER (WHERE NOT premium) AS discount_count,
    sum(current_balance) FILTER (WHERE NOT premium) AS discount_balance,
    sum(current_balance * note_rate) FILTER (WHERE NOT premium)
        / sum(current_balance) FILTER (WHERE NOT premium) AS discount_wa_note_rate,
    sum(current_balance * remaining_term) FILTER (WHERE NOT premium)
        / sum(current_balance) FILTER (WHERE NOT premium) AS discount_wa_remaining_term
FROM pooled
GROUP BY GROUPING SETS ((pool), ())
ORDER BY pool;

-- The largest aggregate balance in one zip code, per pool and for all loans.
WITH by_zip AS (
    SELECT
        CASE WHEN grouping(pool) = 1 THEN 'all' ELSE pool END AS pool,
        zip,
        sum(current_balance) AS balance
    FROM pooled
    GROUP BY GROUPING SETS ((pool, zip), (zip))
)
SELECT pool, arg_max(zip, balance) AS zip, max(balance) AS max_zip_balance
FROM by_zip
GROUP BY pool
ORDER BY pool;

-- The seven stratification tables per pool (one scan, one grouping set per table).
-- Size rows are $50,000 wide on the current balance with cents; note-rate rows half
-- a point wide by upper bound (x.001-x.500, x.501-y.000); LTV rows on the LTV
-- rounded to 3 decimals (cashflow-and-structure.md §3.5).
SELECT
    pool,
    year(origination_date) AS origination_year,
    property_type,
    units,
    CASE WHEN current_balance < 150000 THEN 0
         WHEN current_balance >= 950000 THEN 950000
         ELSE floor(current_balance / 50000) * 50000 END AS size_from,
    ceil(round(note_rate, 3) * 2) / 2 AS note_rate_to,
    CASE WHEN round(ltv, 3) <= 65 THEN 65
         WHEN round(ltv, 3) <= 75 THEN 75
         ELSE greatest(80, ceil(round(ltv, 3) / 5) * 5) END AS ltv_to,
    state,
    count(*) AS loans,
    sum(current_balance) AS balance
FROM pooled
GROUP BY GROUPING SETS (
    (pool, origination_year),
    (pool, property_type),
    (pool, units),
    (pool, size_from),
    (pool, note_rate_to),
    (pool, ltv_to),
    (pool, state)
)
ORDER BY ALL;
