-- grain: one row per network member (and per organisation met in deliveries but not yet in the member list)
-- depends on: ref.members, intermediate.int_figure_mappings
with known as (
    select member_code, name as member_name, network, country_iso2, true as in_member_list
    from ref.members
),

-- the member is mapped once per delivery and code (intermediate.int_figure_mappings): the same
-- members as the mapped figures', read from a few thousand rows instead of every figure
met_in_deliveries as (
    select distinct member as member_code
    from intermediate.int_figure_mappings
    where member is not null
),

unknown as (
    select
        m.member_code,
        m.member_code as member_name,
        cast(null as varchar) as network,
        cast(null as varchar) as country_iso2,
        false as in_member_list
    from met_in_deliveries as m
    anti join known as k on k.member_code = m.member_code
),

members as (
    select * from known
    union all
    select * from unknown
)

select * from members

-- test: member_code is unique and not null
select member_code from core.dim_member group by 1 having count(*) > 1 or member_code is null
