-- grain: one row per calendar year x place (network, member) for largest_donor_share
-- depends on: core.fct_funding_transactions, core.dim_period
-- Incoming funds of a member: the incoming funds (type 1) of the activities it publishes or
-- implements; for a member-year with none, the disbursements (type 3) made to its activities by
-- donors that publish them (reporting organisation not a member: AFD, Global Affairs Canada), so
-- a flow published by both sides is counted once. Incoming commitments (11) and pledges (13) are
-- promises, not funds, and are left out. Year: calendar year of the transaction date. In EUR.
-- The provider is the provider-org (by ref, else by name); a donor disbursement without one comes
-- from the reporting organisation.
with transactions as (
    select * from core.fct_funding_transactions
),

incoming_funds as (
    select
        member,
        year(transaction_date) as year,
        coalesce(nullif(trim(provider_org_ref), ''), lower(trim(provider_org)), 'unknown provider') as provider_key,
        value_eur
    from transactions
    where transaction_type = '1'
),

donor_disbursements as (
    select
        t.member,
        year(t.transaction_date) as year,
        coalesce(nullif(trim(t.provider_org_ref), ''), lower(trim(t.provider_org)),
            nullif(trim(t.reporting_org_ref), ''), lower(trim(t.reporting_org))) as provider_key,
        t.value_eur
    from transactions as t
    anti join (select distinct member, year from incoming_funds) as f
        on f.member = t.member and f.year = year(t.transaction_date)
    where t.transaction_type = '3' and t.reporting_org_member is null and t.member <> 'unknown'
),

by_provider as (
    -- summed as exact decimals (to 10^-8 EUR): a sum of doubles depends on the rows' order
    select member, year, provider_key, sum(cast(value_eur as decimal(38, 8))) as amount_eur
    from (select * from incoming_funds union all select * from donor_disbursements)
    group by all
),

member_years as (
    select member, year, max(amount_eur) as largest_eur, sum(amount_eur) as total_eur
    from by_provider
    group by all
),

rolled_up as (
    select
        -- indicator
        'largest_donor_share' as indicator_code,
        'percent' as unit,
        -- period
        y.period_type,
        y.period,
        y.period_start,
        y.period_end,
        -- place (null = all)
        member,
        cast(null as varchar) as country_iso2,
        cast(null as varchar) as org_unit,
        -- disaggregation (none)
        cast(null as varchar) as sex,
        cast(null as varchar) as age_group,
        cast(null as varchar) as pathology,
        -- figures: funds from the largest provider over all incoming funds; above a member, the
        -- sum of each member's largest provider over the sum of their incoming funds
        cast(sum(largest_eur) as double) as numerator,
        cast(sum(total_eur) as double) as denominator,
        100 * cast(sum(largest_eur) as double) / nullif(cast(sum(total_eur) as double), 0) as value,
        -- disclosure: the members whose figures feed the row
        list(distinct member order by member) as contributing_members
    from member_years as a
    -- the calendar year (core.dim_period)
    inner join core.dim_period as y on y.period_type = 'year' and y.period = cast(a.year as varchar)
    group by a.year, y.period_type, y.period, y.period_start, y.period_end, grouping sets ((), (member))
)

select * from rolled_up

-- test: one row per year and member
select period, member, count(*) from indicators.ind_largest_donor_share group by all having count(*) > 1

-- test: a share is between 0 and 100 percent where funds are positive
select * from indicators.ind_largest_donor_share where denominator > 0 and numerator >= 0 and (value < 0 or value > 100 + 1e-9)
