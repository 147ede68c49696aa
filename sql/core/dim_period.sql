-- grain: one row per period the warehouse knows: every month, quarter and year of the calendar from the first to the last year of any date or figure period (and of the latest run), plus every other period of the figures (day, week, ...)
-- depends on: staging.stg_lake__figure_periods, staging.stg_lake__runs, staging.stg_reference__expected_reports, staging.stg_mdm__missions, staging.stg_mdm__alerts, staging.stg_mdm__partnerships, staging.stg_mdm__partner_survey_answers, staging.stg_reference__advocacy_actions, staging.stg_iati__budgets, staging.stg_iati__transactions
-- Each period's bounds and the month, quarter and year it counts in (a month counts in itself, its
-- quarter and its year; a quarter in itself and its year). A period shorter than four weeks counts in
-- the month, quarter and year holding its middle day (DHIS2's rule: a week belongs to the month
-- holding four or more of its days, the one holding its Thursday for a Monday week); a longer one in
-- each month, quarter and year that wholly contains it, so a yearly figure counts in no month. Built
-- from staging only, so that every layer above it (the figure chain, the reporting calendar, the
-- indicators) can read it; the figures' periods come by delivery (staging.stg_lake__figure_periods),
-- a few rows per file, not one per figure.
with known_dates as (
    select period_start as d from staging.stg_lake__figure_periods
    union all select period_end from staging.stg_lake__figure_periods
    union all select cast(started_at as date) from staging.stg_lake__runs
    union all select from_date from staging.stg_reference__expected_reports
    union all select to_date from staging.stg_reference__expected_reports
    union all select start_date from staging.stg_mdm__missions
    union all select end_date from staging.stg_mdm__missions
    union all select transfer_actual_date from staging.stg_mdm__missions
    union all select date_raised from staging.stg_mdm__alerts
    union all select start_date from staging.stg_mdm__partnerships
    union all select end_date from staging.stg_mdm__partnerships
    union all select submission_date from staging.stg_mdm__partner_survey_answers
    union all select action_date from staging.stg_reference__advocacy_actions
    union all select period_start from staging.stg_iati__budgets
    union all select period_end from staging.stg_iati__budgets
    union all select transaction_date from staging.stg_iati__transactions
),

months as (
    select cast(m as date) as period_start
    from (select min(year(d)) as first_year, max(year(d)) as last_year from known_dates where d is not null) as r,
        lateral (
            select unnest(generate_series(
                cast(make_date(r.first_year, 1, 1) as timestamp), cast(make_date(r.last_year, 12, 1) as timestamp), interval 1 month
            )) as m
        )
),

calendar as (
    select 'month' as period_type, strftime(period_start, '%Y-%m') as period, period_start, last_day(period_start) as period_end
    from months
    union all
    select 'quarter', year(period_start) || 'Q' || quarter(period_start), period_start,
        cast(period_start + interval 3 month - interval 1 day as date)
    from months where month(period_start) in (1, 4, 7, 10)
    union all
    select 'year', cast(year(period_start) as varchar), period_start, cast(period_start + interval 1 year - interval 1 day as date)
    from months where month(period_start) = 1
),

other_periods as (
    -- the figures' periods outside the calendar: days, DHIS2 weeks, financial years, ...
    select distinct f.period_type, f.period, f.period_start, f.period_end
    from staging.stg_lake__figure_periods as f
    where f.period_start is not null and f.period_end is not null
        and not exists (select 1 from calendar as c where c.period_type = f.period_type and c.period = f.period)
),

periods as (
    select
        *,
        datediff('day', period_start, period_end) < 27 as short_period,
        -- the day that places a short period: its middle day (a Monday week's Thursday)
        case
            when datediff('day', period_start, period_end) < 27
                then cast(period_start + cast((datediff('day', period_start, period_end) + 1) // 2 as integer) as date)
            else period_start
        end as rollup_date
    from (select * from calendar union all select * from other_periods)
),

with_parents as (
    select
        -- period
        p.period_type,
        p.period,
        p.period_start,
        p.period_end,
        p.rollup_date,
        -- parents: the month, quarter and year the period counts in (itself at its own level; null: none)
        case when p.short_period or p.period_end <= last_day(p.rollup_date)
            then strftime(p.rollup_date, '%Y-%m') end as month,
        case when p.short_period or p.period_end < date_trunc('quarter', p.rollup_date) + interval 3 month
            then year(p.rollup_date) || 'Q' || quarter(p.rollup_date) end as quarter,
        case when p.short_period or year(p.period_end) = year(p.rollup_date)
            then cast(year(p.rollup_date) as varchar) end as year
    from periods as p
)

select * from with_parents

-- test: one row per period type and period
select period_type, period from core.dim_period group by all having count(*) > 1

-- test: a period ends on or after it starts, and every calendar month, quarter and year has its bounds
select * from core.dim_period
where period_end < period_start or period_start is null
    or (period_type = 'month' and (period_start <> date_trunc('month', period_start) or period_end <> last_day(period_start)))
    or (period_type = 'quarter' and (month(period_start) not in (1, 4, 7, 10) or period_end <> last_day(period_start + interval 2 month)))
    or (period_type = 'year' and (period_start <> make_date(year(period_start), 1, 1) or period_end <> make_date(year(period_start), 12, 31)))

-- test: each parent is a period of the table and contains its child (a short period by its middle day, a longer one wholly)
select c.period_type, c.period, k.parent_type, k.parent
from core.dim_period as c,
    lateral (select 'month' as parent_type, c.month as parent union all select 'quarter', c.quarter union all select 'year', c.year) as k
left join core.dim_period as p on p.period_type = k.parent_type and p.period = k.parent
where k.parent is not null
    and (p.period is null
        or c.rollup_date not between p.period_start and p.period_end
        or (datediff('day', c.period_start, c.period_end) >= 27 and (c.period_start < p.period_start or c.period_end > p.period_end)))

-- test: a calendar period is its own parent at its level, and a month has a quarter and a year
select * from core.dim_period
where (period_type = 'month' and (month is distinct from period or quarter is null or year is null))
    or (period_type = 'quarter' and (quarter is distinct from period or month is not null or year is null))
    or (period_type = 'year' and (year is distinct from period or month is not null or quarter is not null))

-- test: every figure's period is here with the same bounds
select f.period_type, f.period, f.period_start, f.period_end
from staging.stg_lake__figure_periods as f
left join core.dim_period as p on p.period_type = f.period_type and p.period = f.period
where f.period_start is not null and (p.period is null or p.period_start <> f.period_start or p.period_end <> f.period_end)
