-- grain: one row per IATI budget of the version of its activity that counts, with its activity's reporting organisation and network member
-- depends on: staging.stg_iati__budgets, core.fct_funding_activities
-- An activity given twice (in one file or in two) counts once: core.fct_funding_activities says
-- which version, and only that version's budgets are here.
with activities as (
    select activity_id, reporting_org, reporting_org_ref, reporting_org_member, member, country_iso2
    from core.fct_funding_activities
    where counts
),

budgets as (
    select b.* from staging.stg_iati__budgets as b
    semi join activities as a on a.activity_id = b.activity_id
),

ranked as (
    -- IATI guidance (IATI-Guidance, activity-budgets): a revised budget (type 2) replaces the
    -- original (type 1) of its period, and the current total of an activity is the sum of its
    -- revised budgets, or of the originals for periods with no revised one. Here an original is
    -- replaced by any revised budget whose period overlaps it; where a publisher repeats a budget
    -- of the same type and period, the latest value date (then the last in the file: by line, then
    -- by position, since one line can hold several budgets) counts.
    select
        b.*,
        row_number() over (
            partition by b.activity_id, b.budget_type = '2', b.period_start, b.period_end
            order by b.value_date desc, b.source_line desc,
                cast(regexp_extract(b.source_path, 'budget\[(\d+)\]$', 1) as bigint) desc
        ) as rank_in_period,
        b.budget_type <> '2' and exists (
            select 1 from budgets as r
            where r.activity_id = b.activity_id and r.budget_type = '2'
                and r.period_start <= b.period_end and r.period_end >= b.period_start
        ) as replaced_by_revision
    from budgets as b
),

joined as (
    select
        -- ids
        r.budget_id,
        r.activity_id,
        r.iati_identifier,
        -- who
        a.reporting_org,
        a.reporting_org_ref,
        a.reporting_org_member,
        a.member,
        a.country_iso2,
        -- budget
        r.budget_type,
        r.budget_status,
        r.period_start,
        r.period_end,
        r.rank_in_period = 1 and not r.replaced_by_revision as counts_in_budget,
        -- money
        r.value,
        r.value_text,
        r.currency,
        r.value_date,
        r.value_eur,
        r.rate_units_per_eur,
        r.rate_date,
        -- provenance
        r.source_file,
        r.source_line,
        r.source_path,
        r.delivery_sha256
    from ranked as r
    left join activities as a on a.activity_id = r.activity_id
)

select * from joined

-- test: budget_id is unique
select budget_id, count(*) from core.fct_funding_budgets group by 1 having count(*) > 1

-- test: every budget belongs to an activity of the same delivery
select * from core.fct_funding_budgets where member is null

-- test: value_eur is there and currency has three letters
select * from core.fct_funding_budgets where value_eur is null or length(currency) <> 3

-- test: totals per activity and currency reconcile with the lake: the budgets of the versions that count
select l.iati_identifier, l.currency, l.n, l.total, f.n, f.total
from (
    select b.iati_identifier, b.currency, count(*) as n, sum(b.value) as total
    from staging.stg_iati__budgets as b
    inner join core.fct_funding_activities as a on a.activity_id = b.activity_id and a.counts
    group by all
) as l
full join (select iati_identifier, currency, count(*) as n, sum(value) as total from core.fct_funding_budgets group by all) as f
    on f.iati_identifier = l.iati_identifier and f.currency = l.currency
where l.n is distinct from f.n or abs(l.total - f.total) > 1e-6 * greatest(1, abs(l.total))
