-- grain: one row per figure that counts x outlier method that flags it (z_score, modified_z_score, min_max)
-- depends on: intermediate.int_figure_versions, ref.table_kinds, ref.settings, staging.stg_reference__outlier_bounds
-- DHIS2's outlier detection, as warnings (the figure still counts). A series is one figure over
-- time: family, reporting unit (member, org unit and its place), metric, breakdown (sex, age
-- group, DHIS2 option combo) and period type, over the current version of each report figure
-- (monthly reports and DHIS2 values; trainings lists and 3W rows are events, not series).
-- z-score: |value - mean| / standard deviation (population) > settings.outlier_z_score (3);
-- modified z-score: 0.6745 x |value - median| / MAD (median absolute deviation) >
-- settings.outlier_modified_z_score (3.5), Iglewicz and Hoaglin's; both over series of at least
-- settings.outlier_min_values figures, the figure itself included. Figures are counts, whose spread
-- is never below their counting noise: the MAD used is at least the square root of the median, the
-- standard deviation at least 1.4826 times the square root of the mean (the same floor on the
-- scale of a standard deviation), and both at least 1, so that a short series of steady small
-- counts does not flag an ordinary month. min_max: outside the bounds a reference/ bounds table
-- gives (DHIS2's min-max values): the most specific line for the figure (its reporting unit, then
-- its member, then the network; a blank sex or age group is the figure without that breakdown).
with settings as (
    select
        max(cast(value as double)) filter (where setting = 'outlier_z_score') as z_threshold,
        max(cast(value as double)) filter (where setting = 'outlier_modified_z_score') as modified_z_threshold,
        max(cast(value as integer)) filter (where setting = 'outlier_min_values') as min_values
    from ref.settings
),

figures as (
    select
        figure_key(v.delivery_sha256, v.source_sheet, v.source_line, v.source_column) as figure_id,
        v.source_family, v.source_file, v.source_sheet, v.source_line, v.source_column,
        v.member, v.org_unit, v.country_iso2, v.adm1, v.adm2, v.sector, v.population_group,
        v.period_type, v.period, v.period_start, v.period_end,
        v.metric_code, v.sex, v.age_group, v.breakdown, v.attribute_option, v.value,
        concat_ws(' | ', v.source_family, coalesce(v.member, '-'), coalesce(v.org_unit, '-'), coalesce(v.adm1, '-'),
            coalesce(v.adm2, '-'), coalesce(v.sector, '-'), coalesce(v.population_group, '-'), v.period_type, v.metric_code,
            coalesce(v.sex, '-'), coalesce(v.age_group, '-'), coalesce(v.breakdown, '-'), coalesce(v.attribute_option, '-'))
            as series_key
    from intermediate.int_figure_versions as v
    inner join ref.table_kinds as k on k.table_kind = v.table_kind
    where v.counts and k.repeated_figure = 'later_wins' and v.period_type in ('month', 'quarter', 'year')
),

series as (
    select series_key, count(*) as series_values, avg(value) as series_mean, stddev_pop(value) as series_sd,
        median(value) as series_median
    from figures
    group by series_key
    having count(*) >= (select min_values from settings)
),

spreads as (
    select
        s.*,
        median(abs(f.value - s.series_median)) as series_mad
    from series as s
    inner join figures as f on f.series_key = s.series_key
    group by all
),

scored as (
    select
        f.*,
        s.series_values,
        s.series_mean,
        s.series_median,
        s.series_sd,
        s.series_mad,
        greatest(s.series_sd, 1.4826 * sqrt(abs(s.series_mean)), 1) as sd_used,
        greatest(s.series_mad, sqrt(abs(s.series_median)), 1) as mad_used
    from figures as f
    inner join spreads as s on s.series_key = f.series_key
),

z_scores as (
    select
        * exclude (sd_used, mad_used),
        'z_score' as method,
        abs(value - series_mean) / sd_used as score,
        t.z_threshold as threshold,
        series_mean - t.z_threshold * sd_used as expected_low,
        series_mean + t.z_threshold * sd_used as expected_high,
        cast(null as varchar) as bounds_line
    from scored, settings as t
    where abs(value - series_mean) / sd_used > t.z_threshold
),

modified_z_scores as (
    select
        * exclude (sd_used, mad_used),
        'modified_z_score' as method,
        0.6745 * abs(value - series_median) / mad_used as score,
        t.modified_z_threshold as threshold,
        series_median - t.modified_z_threshold * mad_used / 0.6745 as expected_low,
        series_median + t.modified_z_threshold * mad_used / 0.6745 as expected_high,
        cast(null as varchar) as bounds_line
    from scored, settings as t
    where 0.6745 * abs(value - series_median) / mad_used > t.modified_z_threshold
),

bounds as (
    select * from staging.stg_reference__outlier_bounds
),

bounded as (
    select
        f.*,
        b.min_value,
        b.max_value,
        b.bounds_line
    from figures as f
    inner join bounds as b
        on b.metric_code = f.metric_code
        and (b.member is null or b.member = f.member)
        and (b.reporting_unit is null or label_key(b.reporting_unit) = label_key(f.org_unit))
        and b.sex is not distinct from f.sex
        and b.age_group is not distinct from f.age_group
    qualify row_number() over (
        partition by f.figure_id
        order by b.reporting_unit is not null desc, b.member is not null desc, b.run_id desc, b.source_file desc, b.source_line desc) = 1
),

min_max as (
    select
        b.* exclude (min_value, max_value, bounds_line),
        s.series_values,
        s.series_mean,
        s.series_median,
        s.series_sd,
        s.series_mad,
        'min_max' as method,
        -- how far outside the range, in the metric's unit
        case when b.value > b.max_value then b.value - b.max_value else b.min_value - b.value end as score,
        cast(null as double) as threshold,
        b.min_value as expected_low,
        b.max_value as expected_high,
        b.bounds_line
    from bounded as b
    left join spreads as s on s.series_key = b.series_key
    where b.value < b.min_value or b.value > b.max_value
)

select * from z_scores
union all by name
select * from modified_z_scores
union all by name
select * from min_max

-- test: one row per figure and method
select figure_id, method from intermediate.int_outliers group by all having count(*) > 1

-- test: every outlier is outside its expected range
select * from intermediate.int_outliers
where (expected_low is null or value >= expected_low) and (expected_high is null or value <= expected_high)
