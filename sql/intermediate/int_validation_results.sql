-- grain: one row per validation rule violated by a source row (figures of one row of one delivery)
-- depends on: ref.validation_rules, intermediate.int_figures__mapped
-- incremental: delivery_sha256 from intermediate.int_figures__mapped
with rules as (
    select
        rule_id,
        severity,
        kind,
        metric,
        nullif(cast(sex as varchar), '') as sex,
        nullif(cast(age_group as varchar), '') as age_group,
        operator,
        other_metric,
        nullif(cast(other_sex as varchar), '') as other_sex,
        nullif(cast(other_age_group as varchar), '') as other_age_group,
        cast("limit" as varchar) as rule_limit,
        description_en,
        description_fr
    from ref.validation_rules
),

-- the columns the rules read, and only those: with all of the mapped figures' view's columns, read by
-- each side of the rules, DuckDB materialised the view whole (at 1M rows, 4 GB and 20 s instead of
-- 4 s); materialised here, the 14 columns of 78M figures spilled under the 4 GB limit (114 s at 10M
-- rows instead of 35 s)
observations as not materialized (
    select
        delivery_sha256, source_family, source_file, run_id, source_sheet, source_line, metric_code, sex, age_group, sector,
        population_group, value, period, period_start
    from intermediate.int_figures__mapped
    where mapping_status = 'mapped'
),

-- each delivery once, numbered: the two sides of a compare rule are joined on this number, not on
-- the delivery's 64-character key, and carry nothing else of the file (at 10M rows the join of
-- sides carrying the key, the file name and the run spilled tens of GB to disk)
deliveries as (
    select
        delivery_sha256, source_family, source_file, run_id,
        row_number() over (order by delivery_sha256, source_family, source_file, run_id) as delivery_number
    from (select distinct delivery_sha256, source_family, source_file, run_id from observations)
),

numbered as not materialized (
    select
        d.delivery_number, o.source_sheet, o.source_line, o.metric_code, o.sex, o.age_group, o.sector, o.population_group,
        o.value
    from observations as o
    inner join deliveries as d
        on d.delivery_sha256 = o.delivery_sha256 and d.source_family = o.source_family and d.source_file = o.source_file
        and d.run_id = o.run_id
),

-- the two sides of each compare rule, each found by an equality join with the (few) rules: the
-- lake's figures are scanned, never joined with themselves as a whole
left_side as (
    select r.rule_id, r.operator, r.other_metric, r.other_sex, r.other_age_group, o.*
    from rules as r
    inner join numbered as o
        on o.metric_code = r.metric
        and o.sex is not distinct from r.sex and o.age_group is not distinct from r.age_group
    where r.kind = 'compare'
),

-- the figures some rule compares with, each once (several rules share one: the people met)
right_side as (
    select o.*
    from numbered as o
    semi join (select distinct other_metric, other_sex, other_age_group from rules where kind = 'compare') as r
        on o.metric_code = r.other_metric
        and o.sex is not distinct from r.other_sex and o.age_group is not distinct from r.other_age_group
),

compared as (
    select
        a.rule_id,
        d.delivery_sha256,
        d.source_family,
        d.source_file,
        a.source_sheet,
        a.source_line,
        d.run_id,
        format('{} = {} {} {} = {}',
            concat_ws(' ', a.metric_code, a.sex, a.age_group), a.value, a.operator,
            concat_ws(' ', b.metric_code, b.sex, b.age_group), b.value) as detail
    from left_side as a
    inner join right_side as b
        on b.delivery_number = a.delivery_number and b.source_line = a.source_line
        and b.metric_code = a.other_metric
        and b.sex is not distinct from a.other_sex and b.age_group is not distinct from a.other_age_group
        -- a workbook's lines are its sheets' rows: one row is one sheet's line
        and b.source_sheet is not distinct from a.source_sheet
        -- the two sides of a rule are figures of one sector and population group of the row
        and b.sector is not distinct from a.sector and b.population_group is not distinct from a.population_group
    inner join deliveries as d on d.delivery_number = a.delivery_number
    where not (case a.operator
        when '<=' then a.value <= b.value
        when '<' then a.value < b.value
        when '>=' then a.value >= b.value
        when '>' then a.value > b.value
        when '=' then a.value = b.value
    end)
),

single_figure_rules as (
    select * from rules where kind in ('max_value', 'min_period_start', 'not_in_future')
),

single_figure as (
    -- a handful of rules, each checked on every figure in one scan
    select
        r.rule_id,
        o.delivery_sha256,
        o.source_family,
        o.source_file,
        o.source_sheet,
        o.source_line,
        o.run_id,
        case r.kind
            when 'max_value' then format('{} = {} above {}', concat_ws(' ', o.metric_code, o.sex, o.age_group), o.value, r.rule_limit)
            else format('period {} starts {}', o.period, o.period_start)
        end as detail
    from single_figure_rules as r
    cross join observations as o
    where (r.metric is null or o.metric_code = r.metric)
        and ((r.kind = 'max_value' and o.value > try_cast(r.rule_limit as double))
            or (r.kind = 'min_period_start' and o.period_start < try_cast(r.rule_limit as date))
            -- after the day of the run that read it (its id starts with that date): not the build's day, so
            -- that a figure is checked the same way by every build, full or incremental
            or (r.kind = 'not_in_future'
                and o.period_start > coalesce(cast(try_strptime(left(o.run_id, 8), '%Y%m%d') as date), current_date)))
),

violations as (
    select distinct v.*, r.severity, r.description_en, r.description_fr
    from (select * from compared union all select * from single_figure) as v
    inner join rules as r on r.rule_id = v.rule_id
)

select * from violations

-- test by delivery: severity is error or warning
select * from intermediate.int_validation_results where severity not in ('error', 'warning')

-- test: every rule kind is known
select * from ref.validation_rules where kind not in ('compare', 'min_period_start', 'not_in_future', 'max_value')
