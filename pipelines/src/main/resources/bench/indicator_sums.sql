-- The benchmark's build baseline (palabre bench, target build_vs_hand_sql): the sums of the
-- catalogue's metric_sum indicators over the activity tables of the lake (monthly reports and
-- trainings lists, the column scheme: nearly all the figures), written as one query by hand.
-- Given by org.palabre.bench.HandSqlBaseline: figures (the published deliveries' figure parts) and
-- the schemas/ CSVs samusocial_columns, organisations and indicator_catalogue as tables.
-- Same rules as the models: the measure through the crosswalk (the line of the table's kind over
-- 'any'), the organisation by its name, the latest delivery of each figure (later run, then the file
-- name that sorts last), the last row of a figure given twice in a monthly report, a short period in
-- the month of its middle day, and grouping sets by period x place x disaggregation.
with columns as (
    select
        trim(regexp_replace(lower(strip_accents(alias)), '[^\p{L}\p{N}+#]+', ' ', 'g')) as measure,
        kind, metric, nullif(sex, '') as sex, nullif(age_group, '') as age_group
    from samusocial_columns
    where nullif(metric, '') is not null
),

places as (
    select
        trim(regexp_replace(lower(strip_accents(alias)), '[^\p{L}\p{N}+#]+', ' ', 'g')) as org_key,
        member_code, org_unit, country_iso2
    from organisations
    qualify row_number() over (partition by org_key order by member_code) = 1
),

mapped as (
    select
        f.delivery_sha256, f.run_id, f.source_file, f.source_line, f.table_kind,
        coalesce(p.member_code, 'unknown') as member,
        coalesce(p.country_iso2, 'ZZ') as country_iso2,
        coalesce(p.org_unit, f.org_name, 'unknown') as org_unit,
        coalesce(nullif(trim(f.adm1), ''), 'unknown') as adm1,
        coalesce(nullif(trim(f.adm2), ''), 'unknown') as adm2,
        cast(f.period_start as date) as period_start, cast(f.period_end as date) as period_end, f.period,
        f.measure, c.metric, c.sex, c.age_group, cast(f.value as double) as value
    from figures as f
    inner join columns as c
        on c.measure = f.measure and c.kind in ('any', case f.table_kind when 'training_list' then 'training' else 'report' end)
    left join places as p on p.org_key = trim(regexp_replace(lower(strip_accents(f.org_name)), '[^\p{L}\p{N}+#]+', ' ', 'g'))
    where f.measure_scheme = 'column' and f.value is not null and f.period_start is not null
    -- the line of the table's own kind wins over an 'any' line
    qualify row_number() over (
        partition by f.delivery_sha256, f.source_line, f.source_column order by c.kind = 'any') = 1
),

counted as (
    select *
    from mapped
    qualify dense_rank() over (
            partition by member, org_unit, adm1, adm2, period, metric, sex, age_group order by run_id desc, source_file desc) = 1
        and (table_kind <> 'activity_report' or row_number() over (
            partition by delivery_sha256, org_unit, period, measure order by source_line desc) = 1)
),

anchored as (
    select
        *,
        case
            when datediff('day', period_start, period_end) < 27
                then period_start + cast((datediff('day', period_start, period_end) + 1) // 2 as integer)
            else period_start
        end as anchor,
        datediff('day', period_start, period_end) < 27 as short_period
    from counted
),

in_periods as (
    select a.*, p.period_type, p.p_period, p.p_end
    from anchored as a,
        lateral (
            select 'month' as period_type, strftime(a.anchor, '%Y-%m') as p_period, last_day(a.anchor) as p_end
            union all
            select 'quarter', year(a.anchor) || 'Q' || quarter(a.anchor),
                (date_trunc('quarter', a.anchor) + interval 3 month - interval 1 day)::date
            union all
            select 'year', cast(year(a.anchor) as varchar), (date_trunc('year', a.anchor) + interval 1 year - interval 1 day)::date
        ) as p
    where a.short_period or a.period_end <= p.p_end
),

catalogue as (
    select indicator_code, numerator_metric, cast(factor as double) as factor
    from indicator_catalogue
    where formula_type = 'metric_sum'
)

select
    c.indicator_code,
    i.period_type,
    i.p_period as period,
    i.member, i.country_iso2, i.adm1, i.adm2, i.org_unit,
    i.sex, i.age_group,
    sum(i.value) as numerator,
    any_value(c.factor) * sum(i.value) as value,
    count(*) as figures
from in_periods as i
inner join catalogue as c on c.numerator_metric = i.metric
group by
    c.indicator_code, i.period_type, i.p_period, i.sex, i.age_group,
    grouping sets (
        (), (i.member), (i.country_iso2), (i.member, i.country_iso2),
        (i.member, i.country_iso2, i.adm1), (i.member, i.country_iso2, i.adm1, i.adm2),
        (i.member, i.country_iso2, i.org_unit)
    )
