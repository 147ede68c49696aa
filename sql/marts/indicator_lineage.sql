-- grain: one row per cell of a metric_sum or metric_ratio indicator (indicator x period x place x disaggregation, as in marts.indicator_values) x input file x run x metric whose figures feed it
-- depends on: indicators.ind_metric_figures, indicators.ind_metric_formulas, ref.indicator_catalogue
-- Where a published figure came from, what `palabre explain` prints: the files, runs and lines of
-- the figures summed into the cell, by metric (numerator and denominator), and their total. A null
-- place or disaggregation means "all", as in marts.indicator_values; member unknown, country ZZ,
-- adm1 / adm2 / org unit unknown are figures of no known place. Indicators of entities (missions,
-- partnerships, funding) are fed by whole deliveries: marts.indicator_sources lists them.
with leaves as (
    -- the figures of each finest cell (org unit, district, sex, age group) and file added up once; the
    -- roll-ups below add up these (at 10M bench rows: 36 thousand for 790 thousand figure x period rows)
    select
        indicator_code, period_type, period, member, country_iso2, adm1, adm2, org_unit, sex, age_group,
        source_family, source_file, run_id, metric_code,
        count(*) as figures,
        min(source_line) as first_line,
        max(source_line) as last_line,
        sum(value) as total
    from indicators.ind_metric_figures
    group by all
)

select
    -- cell
    indicator_code,
    period_type,
    period,
    member,
    country_iso2,
    adm1,
    adm2,
    org_unit,
    sex,
    age_group,
    -- where its figures came from
    source_family,
    source_file,
    run_id,
    metric_code,
    sum(figures) as figures,
    min(first_line) as first_line,
    max(last_line) as last_line,
    sum(total) as total
from leaves
group by
    indicator_code, period_type, period, sex, age_group, source_family, source_file, run_id, metric_code,
    -- the places of indicators.ind_metric_formulas: network, member, country, region, district, org unit
    grouping sets (
        (), (member), (country_iso2), (member, country_iso2),
        (member, country_iso2, adm1), (member, country_iso2, adm1, adm2),
        (member, country_iso2, org_unit)
    )

-- test: the files' numerator metric adds up to the cell's numerator, and every cell with figures has its lineage
select f.indicator_code, f.period_type, f.period, f.member, f.country_iso2, f.adm1, f.adm2, f.org_unit, f.sex, f.age_group,
    f.numerator, l.total
from indicators.ind_metric_formulas as f
inner join ref.indicator_catalogue as c on c.indicator_code = f.indicator_code
left join (
    select indicator_code, period_type, period, member, country_iso2, adm1, adm2, org_unit, sex, age_group, metric_code,
        sum(total) as total
    from marts.indicator_lineage
    group by all
) as l
    on l.indicator_code = f.indicator_code and l.metric_code = c.numerator_metric and l.period_type = f.period_type
    and l.period = f.period and l.member is not distinct from f.member and l.country_iso2 is not distinct from f.country_iso2
    and l.adm1 is not distinct from f.adm1 and l.adm2 is not distinct from f.adm2 and l.org_unit is not distinct from f.org_unit
    and l.sex is not distinct from f.sex and l.age_group is not distinct from f.age_group
where f.numerator is not null and (l.total is null or abs(l.total - f.numerator) > 1e-6 * greatest(1, abs(f.numerator)))

-- test: one row per cell, file, run and metric, each with at least one figure and its lines in order
select indicator_code, period_type, period, member, country_iso2, adm1, adm2, org_unit, sex, age_group, source_file, run_id, metric_code
from marts.indicator_lineage
group by all
having count(*) > 1 or bool_or(figures < 1 or first_line > last_line)
