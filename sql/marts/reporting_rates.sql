-- grain: one row per report expected: reporting unit x dataset x period (received or not, on time or not, how complete)
-- depends on: intermediate.int_reporting_reports
-- Who has reported, as DHIS2's reporting rates count it: expected is 1, received 1 when a delivery
-- has at least one figure for the report, on_time 1 when its first delivery arrived by due_date
-- (first_arrival_at, taken from first_arrival_from: DHIS2's completeDate or lastUpdated of that
-- delivery, else first_seen, the run that first loaded its file). status: on_time, late, missing
-- (due and not received) or pending (not received, not due yet). expected_by says whether the
-- calendar (calendar_line) or a default expects it. Roll-ups: marts.reporting_rate_totals, and the
-- indicators reporting_rate and reporting_rate_on_time of marts.indicator_values.
select
    -- who
    member,
    reporting_unit,
    unit_code,
    country_iso2,
    -- what
    dataset,
    dataset_name,
    -- period
    period_type,
    period,
    period_start,
    period_end,
    -- counts
    expected,
    received,
    on_time,
    status,
    -- when it was due and when it came
    days_allowed,
    due_date,
    first_arrival_at,
    first_arrival_from,
    first_delivery_file,
    first_seen_run,
    days_late,
    -- completeness: share of the expected figures filled
    figures_filled,
    figures_expected,
    completeness,
    -- what expects it
    expected_by,
    calendar_line
from intermediate.int_reporting_reports

-- test: accepted values: status says what the counts say, and a report of a unit of a dataset and period is here once
select * from marts.reporting_rates
where status not in ('on_time', 'late', 'missing', 'pending') or expected <> 1
    or (status = 'on_time') <> (received = 1 and on_time = 1) or (status = 'late') <> (received = 1 and on_time = 0)
    or (status in ('missing', 'pending')) <> (received = 0)
    or (received = 1) <> (first_arrival_from in ('completeDate', 'lastUpdated', 'first_seen'))
    or (dataset, unit_code, period_type, period) in (
        select (dataset, unit_code, period_type, period) from marts.reporting_rates group by all having count(*) > 1)
