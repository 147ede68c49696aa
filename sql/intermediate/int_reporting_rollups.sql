-- grain: one row per period (month, quarter, year) x place (network, member, country, member in country) x dataset (null = all): reports expected, received, on time
-- depends on: intermediate.int_reporting_reports, core.dim_period
-- DHIS2's roll-up of reporting rates: a monthly report counts in its month, its quarter and its
-- year (a unit expected monthly is 3 reports expected in a quarter, 12 in a year); a quarterly
-- report in its quarter and year, a yearly one in its year; a mission sheet in the month of the
-- mission's end. Rates are recomputed from the summed counts at every level, never averaged.
-- Unknown places get explicit codes (member unknown, country ZZ) so that null keeps meaning "all".
with reports as (
    select *, coalesce(member, 'unknown') as member_or_unknown, coalesce(country_iso2, 'ZZ') as country_or_unknown
    from intermediate.int_reporting_reports
),

in_periods as (
    -- each report in the month, quarter and year its period counts in (core.dim_period)
    select r.*, p.period_type as rollup_type, p.period as rollup_period, p.period_start as rollup_start, p.period_end as rollup_end
    from reports as r
    inner join core.dim_period as d on d.period_type = r.period_type and d.period = r.period
    cross join lateral (values ('month', d.month), ('quarter', d.quarter), ('year', d.year)) as k(parent_type, parent)
    inner join core.dim_period as p on p.period_type = k.parent_type and p.period = k.parent
),

sliced as (
    select *, cast(null as varchar) as dataset_slice from in_periods
    union all
    select *, dataset from in_periods
),

rolled_up as (
    select
        -- period
        rollup_type as period_type,
        rollup_period as period,
        rollup_start as period_start,
        rollup_end as period_end,
        -- place (null = all)
        member_or_unknown as member,
        country_or_unknown as country_iso2,
        -- dataset (null = all)
        dataset_slice as dataset,
        -- counts
        sum(expected) as expected,
        sum(received) as received,
        sum(on_time) as on_time,
        count(*) filter (where status = 'late') as late,
        count(*) filter (where status = 'missing') as missing,
        count(*) filter (where status = 'pending') as pending,
        sum(figures_filled) as figures_filled,
        sum(figures_expected) as figures_expected,
        -- disclosure: the members whose reports feed the row
        list(distinct member_or_unknown order by member_or_unknown) as contributing_members
    from sliced
    group by rollup_type, rollup_period, rollup_start, rollup_end, dataset_slice, cube (member_or_unknown, country_or_unknown)
)

select
    *,
    100.0 * received / expected as reporting_rate,
    100.0 * on_time / expected as reporting_rate_on_time,
    case when figures_expected > 0 then round(figures_filled / figures_expected, 4) end as completeness
from rolled_up

-- test: one row per period, place and dataset
select period_type, period, member, country_iso2, dataset from intermediate.int_reporting_rollups group by all having count(*) > 1

-- test: received + missing + pending = expected, on time <= received, and the datasets add up to the total
select t.*
from intermediate.int_reporting_rollups as t
left join (
    select period_type, period, member, country_iso2, sum(expected) as expected, sum(received) as received, sum(on_time) as on_time
    from intermediate.int_reporting_rollups where dataset is not null group by all
) as s
    on s.period_type = t.period_type and s.period = t.period and s.member is not distinct from t.member
    and s.country_iso2 is not distinct from t.country_iso2
where t.received + t.missing + t.pending <> t.expected or t.on_time > t.received
    or (t.dataset is null and (s.expected <> t.expected or s.received <> t.received or s.on_time <> t.on_time))

-- test: a quarter expects at least what its months expect
select q.period, q.member, q.country_iso2, q.dataset
from intermediate.int_reporting_rollups as q
inner join (
    select d.quarter, r.member, r.country_iso2, r.dataset, sum(r.expected) as expected
    from intermediate.int_reporting_rollups as r
    inner join core.dim_period as d on d.period_type = r.period_type and d.period = r.period
    where r.period_type = 'month'
    group by all
) as m on m.quarter = q.period and m.member is not distinct from q.member and m.country_iso2 is not distinct from q.country_iso2
    and m.dataset is not distinct from q.dataset
where q.period_type = 'quarter' and q.expected < m.expected
