-- grain: one row per additive group (a total and its parts) x count of the group
-- depends on: indicators.disclosure_counts, indicators.published_cells, core.dim_period
-- A total (role 0) and its parts (role 1): the same count by sex, age group, pathology, dimension, org
-- unit, district, region, country or member, and months in their quarter, quarters in their year,
-- found from the places where the cells publish each count (a count published at two places, as a
-- district reported as an org unit, is in the groups of both).
-- Only groups whose parts add up to their total can give a hidden count back by subtraction, so only
-- those are kept (a total with women reported but not men does not reveal the women; nor does a total
-- fed by other members than the one whose figures are all its parts); and of them,
-- the groups disclosure control checks: groups of people counts (primary and complementary
-- suppression), and groups of totals over members (member null), which every member's audience sees.
-- The structure does not change while suppression runs: a table, built once.
with counts as (
    select * from indicators.disclosure_counts
),

places as (
    -- every place where a cell publishes a count
    select distinct
        k.count_id,
        p.place_key,
        p.count_code,
        p.period_type, p.period, p.period_start, p.member, p.country_iso2, p.adm1, p.adm2, p.org_unit, p.sex, p.age_group,
        p.pathology, p.dimension_name, p.dimension_value,
        -- the quarter and the year the period counts in (core.dim_period)
        d.quarter as period_quarter, d.year as period_year
    from (
        select
            numerator_key as count_key, numerator_place_key as place_key, numerator_count as count_code,
            period_type, period, period_start, member, country_iso2, adm1, adm2, org_unit, sex, age_group, pathology,
            dimension_name, dimension_value
        from indicators.published_cells
        where numerator_key is not null
        union all
        select
            denominator_key, denominator_place_key, denominator_count,
            period_type, period, period_start, member, country_iso2, adm1, adm2, org_unit, sex, age_group, pathology,
            dimension_name, dimension_value
        from indicators.published_cells
        where denominator_key is not null
    ) as p
    inner join counts as k on k.count_key = p.count_key
    left join core.dim_period as d on d.period_type = p.period_type and d.period = p.period
),

relations as (
    select *
    from (values
        ('sex'), ('age_group'), ('pathology'), ('dimension'), ('org_unit'), ('adm2'), ('adm1'), ('country_iso2'), ('member'),
        ('month_in_quarter'), ('quarter_in_year')
    ) as r (relation)
),

links as (
    -- each place of a count as a part of the total without one of its disaggregations or places, or of its quarter or year
    select
        k.count_id,
        r.relation || case when r.relation = 'dimension' then ':' || k.dimension_name else '' end as relation,
        concat_ws('|', k.count_code,
            case r.relation when 'month_in_quarter' then 'quarter' when 'quarter_in_year' then 'year' else k.period_type end,
            case r.relation
                when 'month_in_quarter' then k.period_quarter
                when 'quarter_in_year' then k.period_year
                else k.period
            end,
            case when r.relation = 'member' then '∅' else coalesce(k.member, '∅') end,
            case when r.relation = 'country_iso2' then '∅' else coalesce(k.country_iso2, '∅') end,
            case when r.relation = 'adm1' then '∅' else coalesce(k.adm1, '∅') end,
            case when r.relation = 'adm2' then '∅' else coalesce(k.adm2, '∅') end,
            case when r.relation = 'org_unit' then '∅' else coalesce(k.org_unit, '∅') end,
            case when r.relation = 'sex' then '∅' else coalesce(k.sex, '∅') end,
            case when r.relation = 'age_group' then '∅' else coalesce(k.age_group, '∅') end,
            case when r.relation = 'pathology' then '∅' else coalesce(k.pathology, '∅') end,
            case when r.relation = 'dimension' then '∅' else coalesce(k.dimension_name, '∅') end,
            case when r.relation = 'dimension' then '∅' else coalesce(k.dimension_value, '∅') end) as total_key
    from places as k
    cross join relations as r
    where case r.relation
        when 'sex' then k.sex is not null
        when 'age_group' then k.age_group is not null
        when 'pathology' then k.pathology is not null
        when 'dimension' then k.dimension_name is not null
        when 'org_unit' then k.org_unit is not null
        when 'adm2' then k.adm2 is not null
        when 'adm1' then k.adm1 is not null
        when 'country_iso2' then k.country_iso2 is not null
        when 'member' then k.member is not null
        when 'month_in_quarter' then k.period_type = 'month'
        when 'quarter_in_year' then k.period_type = 'quarter'
    end
),

parts as (
    select t.place_key as total_place, t.count_id as total_id, t.member as total_member, l.relation, l.count_id
    from links as l
    inner join places as t on t.place_key = l.total_key
),

grouped as (
    select
        dense_rank() over (order by total_place, relation) as group_id,
        total_id,
        total_member,
        relation,
        count_id,
        role
    from (
        select total_place, total_id, total_member, relation, count_id, 1 as role from parts
        union all
        select distinct total_place, total_id, total_member, relation, total_id, 0 from parts
    )
),

checked as (
    -- additive groups of people counts, or of totals over members
    select g.group_id, any_value(t.suppressible) as people_counts, any_value(g.total_member is null and g.relation <> 'member') as over_members
    from grouped as g
    inner join counts as k on k.count_id = g.count_id
    inner join counts as t on t.count_id = g.total_id
    group by g.group_id
    having abs(coalesce(sum(k.figure) filter (where g.role = 1), 0) - max(t.figure)) <= 1e-9 * greatest(1, abs(max(t.figure)))
        and (any_value(t.suppressible) or any_value(g.total_member is null and g.relation <> 'member'))
        -- parts that are all one member's figures add up to a total fed by others only by chance (a quarter's
        -- reporting rate counts the quarterly reports no month counts): such a total is no sum of its parts
        and not (count(*) filter (where g.role = 1 and k.sole_member is null) = 0
            and count(distinct k.sole_member) filter (where g.role = 1) = 1
            and max(t.sole_member) is distinct from min(k.sole_member) filter (where g.role = 1))
)

select
    -- ids
    g.group_id,
    g.count_id,
    -- group
    g.total_id,
    g.relation,
    g.role,
    -- which audiences it is checked for: the network's (people counts) and every member's (totals over members)
    c.people_counts,
    c.over_members
from grouped as g
inner join checked as c on c.group_id = g.group_id

-- test: a group has one total
select group_id from indicators.suppression_groups group by 1 having count(*) filter (where role = 0) <> 1

-- test: the parts of every group add up to its total
select s.group_id, sum(k.figure) filter (where s.role = 1) as parts, max(k.figure) filter (where s.role = 0) as total
from indicators.suppression_groups as s
inner join indicators.disclosure_counts as k on k.count_id = s.count_id
group by 1
having abs(coalesce(parts, 0) - total) > 1e-9 * greatest(1, abs(total))
