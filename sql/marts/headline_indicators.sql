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

-- test: at most three years per indicator, one row per indicator and year, each the network total of marts.indicator_values
select h.indicator, h.year, h.network_total, v.value
from marts.headline_indicators as h
left join marts.indicator_values as v
    on v.indicator_code = h.indicator and v.period_type = 'year' and v.period = h.year and v.member is null
    and v.country_iso2 is null and v.org_unit is null and v.sex is null and v.age_group is null and v.pathology is null
    and v.dimension_name is null
where v.value is null or round(v.value, 1) <> h.network_total
    or (select count(*) from marts.headline_indicators as o where o.indicator = h.indicator) > 3
    or (select count(*) from marts.headline_indicators as o where o.indicator = h.indicator and o.year = h.year) > 1
