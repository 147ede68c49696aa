-- grain: one row per indicator x period x place x disaggregation, every indicator model in one long table
-- depends on: indicators.ind_metric_sums, ref.indicator_catalogue, indicators.ind_budget_execution_rate, indicators.ind_largest_donor_share, indicators.ind_metric_ratios
-- Each indicator model adds one "union all by name" branch below (and its name to "depends on");
-- columns a model does not have are null (null = "all").
with all_indicators as (
    select * from indicators.ind_metric_sums
    union all by name
    select * from indicators.ind_budget_execution_rate
    union all by name
    select * from indicators.ind_largest_donor_share
    union all by name
    select * from indicators.ind_metric_ratios
)

select * from all_indicators

-- test: every indicator is in the catalogue
select distinct indicator_code from indicators.indicator_value
where indicator_code not in (select indicator_code from ref.indicator_catalogue)

-- test: period type is month, quarter, year or financial_year
select * from indicators.indicator_value where period_type not in ('month', 'quarter', 'year', 'financial_year')
