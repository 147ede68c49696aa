-- grain: one row per indicator x period x place x disaggregation, every indicator model in one long table
-- depends on: indicators.ind_metric_formulas, ref.indicator_catalogue, indicators.ind_budget_execution_rate, indicators.ind_largest_donor_share
-- depends on: indicators.ind_patients_operated, indicators.ind_surgical_missions, indicators.ind_psychosocial_support_rate, indicators.ind_activities_transferred, indicators.ind_written_partnership_rate, indicators.ind_partnership_quality_score, indicators.ind_red_orange_alerts, indicators.ind_advocacy_actions
-- Each indicator model adds one "union all by name" branch below (and its name to "depends on");
-- columns a model does not have are null (null = "all").
with all_indicators as (
    select * from indicators.ind_metric_formulas
    union all by name
    select * from indicators.ind_budget_execution_rate
    union all by name
    select * from indicators.ind_largest_donor_share
    union all by name
    select * from indicators.ind_patients_operated
    union all by name
    select * from indicators.ind_surgical_missions
    union all by name
    select * from indicators.ind_psychosocial_support_rate
    union all by name
    select * from indicators.ind_activities_transferred
    union all by name
    select * from indicators.ind_written_partnership_rate
    union all by name
    select * from indicators.ind_partnership_quality_score
    union all by name
    select * from indicators.ind_red_orange_alerts
    union all by name
    select * from indicators.ind_advocacy_actions
)

select * from all_indicators

-- test: every indicator is in the catalogue
select distinct indicator_code from indicators.indicator_value
where indicator_code not in (select indicator_code from ref.indicator_catalogue)

-- test: period type is month, quarter, year or financial_year
select * from indicators.indicator_value where period_type not in ('month', 'quarter', 'year', 'financial_year')

-- test: a dimension value always comes with its dimension name
select * from indicators.indicator_value where (dimension_name is null) <> (dimension_value is null)
