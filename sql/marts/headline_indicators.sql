-- grain: one row per indicator x year: the network totals of the last three years with figures, what `palabre run` prints
-- depends on: marts.indicator_values
select
    indicator_code as indicator,
    name_en,
    period as year,
    round(value, 1) as network_total,
    unit
from marts.indicator_values
where period_type = 'year' and member is null and country_iso2 is null and org_unit is null
    and sex is null and age_group is null and pathology is null and dimension_name is null
    -- a year with nothing reported (value_status not_reported) is no figure
    and value is not null
qualify row_number() over (partition by indicator_code order by period desc) <= 3
order by indicator_code, period
