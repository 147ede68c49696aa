-- grain: one row per period (month, quarter, year) x place (network, member, country, member in country) x dataset (null = all)
-- depends on: intermediate.int_reporting_rollups
-- marts.reporting_rates summed: reports expected, received (of which late), on time, missing and
-- pending, and the rates DHIS2 gives (reporting_rate = 100 x received / expected,
-- reporting_rate_on_time = 100 x on time / expected). A null member, country or dataset means "all";
-- member unknown and country ZZ are reports of no known member or country.
select
    -- period
    period_type,
    period,
    period_start,
    period_end,
    -- place (null = all)
    member,
    country_iso2,
    -- dataset (null = all)
    dataset,
    -- counts
    expected,
    received,
    on_time,
    late,
    missing,
    pending,
    -- rates
    reporting_rate,
    reporting_rate_on_time,
    completeness
from intermediate.int_reporting_rollups

-- test: the rates are the counts' (100 x received / expected, 100 x on time / expected), and received = on time + late
select * from marts.reporting_rate_totals
where received <> on_time + late
    or expected < 1 or abs(reporting_rate - 100.0 * received / expected) > 1e-9
    or abs(reporting_rate_on_time - 100.0 * on_time / expected) > 1e-9
