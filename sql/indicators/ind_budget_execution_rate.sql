-- grain: one row per calendar year x place (network, member, member and IATI activity in org_unit) for budget_execution_rate
-- depends on: core.fct_funding_budgets, core.fct_funding_transactions, core.dim_period
-- Spending, counted once: an activity's expenditure (IATI transaction type 4) in the years it reports
-- any, otherwise its disbursements (type 3). Never both: a donor's disbursement to the implementer and
-- the implementer's expenditure of it are the same money. An activity-year that reports neither has
-- no numerator and no value (not reported, never 0 %); above an activity, the numerator is the
-- spending reported and the denominator every budget of the year.
-- Year: the calendar year, for every donor. Spending counts in the year of its transaction date; a
-- budget counts in the calendar years its period covers, pro rata of its days (a Global Affairs
-- Canada budget of April 2010 to March 2011 counts 275/365 in 2010 and 90/365 in 2011), so that
-- activities of donors with different fiscal years add up. Budgets: the current
-- ones (revised replace original, core.fct_funding_budgets.counts_in_budget). All in EUR.
with budgets as (
    select member, iati_identifier, period_start, period_end, value_eur
    from core.fct_funding_budgets
    where counts_in_budget
),

budget_days_by_year as (
    select
        b.member,
        b.iati_identifier,
        year(y.period_start) as year,
        b.value_eur,
        datediff('day', b.period_start, b.period_end) + 1 as period_days,
        datediff('day', greatest(b.period_start, y.period_start), least(b.period_end, y.period_end)) + 1 as days_in_year
    from budgets as b
    -- each year the budget period overlaps (core.dim_period)
    inner join core.dim_period as y
        on y.period_type = 'year' and y.period_start <= b.period_end and y.period_end >= b.period_start
),

budget_by_year as (
    -- amounts are summed as exact decimals (to 10^-8 EUR): a sum of doubles depends on the order the
    -- rows come in, and a re-run must publish the same digits
    select member, iati_identifier, year, sum(cast(value_eur * days_in_year / period_days as decimal(38, 8))) as budget_eur
    from budget_days_by_year
    group by all
),

spent_by_year as (
    -- expenditure (4) where the activity reports any that year, otherwise disbursements (3)
    select
        member,
        iati_identifier,
        year(transaction_date) as year,
        coalesce(sum(cast(value_eur as decimal(38, 8))) filter (where transaction_type = '4'),
            sum(cast(value_eur as decimal(38, 8))) filter (where transaction_type = '3')) as spent_eur
    from core.fct_funding_transactions
    where transaction_type in ('3', '4')
    group by all
),

activity_years as (
    select
        coalesce(b.member, s.member) as member,
        coalesce(b.iati_identifier, s.iati_identifier) as iati_identifier,
        coalesce(b.year, s.year) as year,
        s.spent_eur,
        coalesce(b.budget_eur, 0) as budget_eur
    from budget_by_year as b
    full join spent_by_year as s
        on s.member = b.member and s.iati_identifier = b.iati_identifier and s.year = b.year
),

rolled_up as (
    select
        -- indicator
        'budget_execution_rate' as indicator_code,
        'percent' as unit,
        -- period
        y.period_type,
        y.period,
        y.period_start,
        y.period_end,
        -- place (null = all); org_unit holds the IATI activity identifier
        member,
        cast(null as varchar) as country_iso2,
        iati_identifier as org_unit,
        -- disaggregation (none)
        cast(null as varchar) as sex,
        cast(null as varchar) as age_group,
        cast(null as varchar) as pathology,
        -- figures: spending (expenditure, else disbursements) over budget, in EUR; no spending reported = null
        cast(sum(spent_eur) as double) as numerator,
        cast(sum(budget_eur) as double) as denominator,
        100 * cast(sum(spent_eur) as double) / nullif(cast(sum(budget_eur) as double), 0) as value,
        -- disclosure: the members whose figures feed the row
        list(distinct member order by member) as contributing_members
    from activity_years as a
    -- the calendar year (core.dim_period)
    inner join core.dim_period as y on y.period_type = 'year' and y.period = cast(a.year as varchar)
    group by a.year, y.period_type, y.period, y.period_start, y.period_end, grouping sets ((), (member), (member, iati_identifier))
)

select * from rolled_up

-- test: one row per year and place
select period, member, org_unit, count(*) from indicators.ind_budget_execution_rate group by all having count(*) > 1

-- test: the network's budget equals the sum of its activities' budgets
select t.period, t.denominator, a.total
from indicators.ind_budget_execution_rate as t
inner join (
    select period, sum(denominator) as total from indicators.ind_budget_execution_rate
    where org_unit is not null group by 1
) as a on a.period = t.period
where t.member is null and abs(t.denominator - a.total) > 1e-6 * greatest(1, abs(a.total))

-- test: a budget's yearly parts add up to its value
select b.budget_id, b.value_eur, sum(d.share)
from core.fct_funding_budgets as b,
    lateral (
        select b.value_eur * (datediff('day', greatest(b.period_start, make_date(y, 1, 1)), least(b.period_end, make_date(y, 12, 31))) + 1)
            / (datediff('day', b.period_start, b.period_end) + 1) as share
        from (select unnest(generate_series(year(b.period_start), year(b.period_end))) as y)
    ) as d
group by b.budget_id, b.value_eur
having abs(sum(d.share) - b.value_eur) > 0.01

-- test: spending is counted once: an activity-year's numerator is its expenditure when it reports any, else its disbursements
select r.period, r.org_unit, r.numerator, t.expenditure, t.disbursements
from indicators.ind_budget_execution_rate as r
inner join (
    select iati_identifier, year(transaction_date) as year,
        sum(value_eur) filter (where transaction_type = '4') as expenditure,
        sum(value_eur) filter (where transaction_type = '3') as disbursements
    from core.fct_funding_transactions
    group by all
) as t on t.iati_identifier = r.org_unit and cast(t.year as varchar) = r.period
where r.numerator is distinct from coalesce(t.expenditure, t.disbursements)
    and not abs(r.numerator - coalesce(t.expenditure, t.disbursements)) < 0.005

-- test: nothing reported is no value, not 0 %
select * from indicators.ind_budget_execution_rate where (numerator is null) <> (value is null) and denominator <> 0
