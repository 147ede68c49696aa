-- grain: one row per figure x outlier method that flags it (z_score, modified_z_score, min_max)
-- depends on: intermediate.int_outliers
-- Figures far from their series' usual values: warnings for whoever checks the delivery, never
-- rejects (the figure still counts in every indicator). The series is the reporting unit's metric
-- and breakdown over time (series_values figures: mean, median); outlier_score is the z-score or
-- modified z-score (min_max: how far outside the bounds of bounds_line); expected_low and
-- expected_high the range the figure would be usual in. source_file, source_line and source_column say where to look.
select
    -- provenance
    source_family,
    source_file,
    source_sheet,
    source_line,
    source_column,
    -- the series: reporting unit x metric x breakdown
    member,
    org_unit as reporting_unit,
    country_iso2,
    adm1,
    adm2,
    metric_code,
    sex,
    age_group,
    breakdown,
    period_type,
    series_values,
    round(series_mean, 2) as series_mean,
    series_median,
    -- the figure
    period,
    period_start,
    period_end,
    value,
    -- the method, its score and the range expected
    method,
    round(score, 2) as outlier_score,
    threshold,
    round(expected_low, 2) as expected_low,
    round(expected_high, 2) as expected_high,
    bounds_line
from intermediate.int_outliers

-- test: every outlier says where to look (file and line) and by which method
select * from marts.outliers
where source_file is null or source_line is null or method not in ('z_score', 'modified_z_score', 'min_max')
    or (method = 'min_max') = (bounds_line is null)
