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

-- the line of each table kind for each measure: the table's own kind over 'any'
lines as (
    select k.kind_of_table, c.measure, c.metric, c.sex, c.age_group
    from columns as c
    inner join (values ('report'), ('training')) as k (kind_of_table) on c.kind in ('any', k.kind_of_table)
    qualify row_number() over (partition by k.kind_of_table, c.measure order by c.kind = 'any') = 1
),

places as (
    select
        trim(regexp_replace(lower(strip_accents(alias)), '[^\p{L}\p{N}+#]+', ' ', 'g')) as org_key,
        member_code, org_unit, country_iso2
    from organisations
    qualify row_number() over (partition by org_key order by member_code) = 1
),

-- read three times, computed each time: held whole, 78M figures would spill
mapped as not materialized (
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
    inner join lines as c
        on c.measure = f.measure and c.kind_of_table = case f.table_kind when 'training_list' then 'training' else 'report' end
    left join places as p on p.org_key = trim(regexp_replace(lower(strip_accents(f.org_name)), '[^\p{L}\p{N}+#]+', ' ', 'g'))
    where f.measure_scheme = 'column' and f.value is not null and f.period_start is not null
),

-- the delivery that counts for each figure: the later run, then the file name that sorts last
latest as (
    select member, org_unit, adm1, adm2, period, metric, sex, age_group,
        max({'run_id': run_id, 'source_file': source_file}) as latest
    from mapped
    group by all
),

-- in a monthly report, the last row of a figure given twice
last_rows as (
    select delivery_sha256, org_unit, period, measure, max(source_line) as last_line
    from mapped
    where table_kind = 'activity_report'
    group by all
),

counted as (
    select m.*
    from mapped as m
    inner join latest as l
        on l.member = m.member and l.org_unit = m.org_unit and l.adm1 = m.adm1 and l.adm2 = m.adm2
        and l.period is not distinct from m.period and l.metric = m.metric
        and l.sex is not distinct from m.sex and l.age_group is not distinct from m.age_group
        and l.latest.run_id = m.run_id and l.latest.source_file = m.source_file
    left join last_rows as r
        on r.delivery_sha256 = m.delivery_sha256 and r.org_unit = m.org_unit
        and r.period is not distinct from m.period and r.measure = m.measure
    where m.table_kind <> 'activity_report' or m.source_line = r.last_line
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

-- each figure in its month, quarter and year (a cross join with the three kinds, not a lateral
-- subquery: DuckDB decorrelates that by a join over every column of every figure)
with_parents as (
    select
        a.*,
        k.period_type,
        case k.period_type
            when 'month' then strftime(a.anchor, '%Y-%m')
            when 'quarter' then year(a.anchor) || 'Q' || quarter(a.anchor)
            else cast(year(a.anchor) as varchar)
        end as p_period,
        case k.period_type
            when 'month' then last_day(a.anchor)
            when 'quarter' then (date_trunc('quarter', a.anchor) + interval 3 month - interval 1 day)::date
            else (date_trunc('year', a.anchor) + interval 1 year - interval 1 day)::date
        end as p_end
    from anchored as a
    cross join (values ('month'), ('quarter'), ('year')) as k (period_type)
),

in_periods as (
    select * from with_parents where short_period or period_end <= p_end
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
