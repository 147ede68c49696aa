-- grain: one row per indicator of the network's common catalogue
-- depends on: ref.indicator_catalogue
with catalogue as (
    select * from ref.indicator_catalogue
),

published as (
    select
        indicator_code,
        name_en,
        name_fr,
        priority,
        unit,
        case
            when formula_type = 'metric_sum' then 'sum of ' || numerator_metric
            when formula_type = 'metric_ratio' then factor || ' x sum of ' || numerator_metric || ' / sum of ' || denominator_metric
            -- a model of sql/indicators/ (ind_<code>.sql, or the model of the count a share divides)
            when denominator_metric is not null then factor || ' x ' || numerator_metric || ' / ' || denominator_metric
            else 'count of ' || numerator_metric
        end as formula,
        time_aggregation as aggregation,
        place_aggregation,
        replace(disaggregations, ';', ', ') as disaggregations,
        numerator_metric,
        denominator_metric,
        factor,
        suppress_small_cells,
        definition_en,
        definition_fr
    from catalogue
)

select * from published

-- test: indicator_code is unique
select indicator_code from marts.indicator_catalogue group by 1 having count(*) > 1

-- test: priority is one of the strategic plan's A-D
select * from marts.indicator_catalogue where priority not in ('A', 'B', 'C', 'D')

-- test: every indicator says what its numerator counts, and a ratio its factor
select * from marts.indicator_catalogue where numerator_metric is null or formula is null or (denominator_metric is not null and factor is null)
