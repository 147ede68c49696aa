-- grain: one row per DHIS2 organisation unit x line of schemas/mappings/dhis2_members.csv that names the unit or one of its ancestors
-- depends on: intermediate.int_dhis2__org_units, intermediate.int_crosswalk__lines
-- A line names a unit by uid, code or name (case, accents and punctuation ignored); a value is
-- credited to the member of the nearest listed unit on its ancestry (the deepest, see depth),
-- among the lines whose dates hold for the value's period.
with units as (
    select * from intermediate.int_dhis2__org_units
),

ancestry as (
    select org_unit_uid, unnest(parts) as ancestor_uid, generate_subscripts(parts, 1) as depth
    from (select org_unit_uid, string_split(ltrim(path, '/'), '/') as parts from units)
),

member_lines as (
    select * from intermediate.int_crosswalk__lines where line_kind = 'dhis2_member'
),

matched as (
    select
        a.org_unit_uid,
        a.ancestor_uid,
        a.depth,
        m.member_code,
        m.valid_from,
        m.valid_to,
        m.mapping_line,
        m.line_number
    from ancestry as a
    inner join units as u on u.org_unit_uid = a.ancestor_uid
    inner join member_lines as m
        on m.match_key = u.org_unit_uid
        or m.match_key = u.org_unit_code
        or label_key(m.match_key) = label_key(u.org_unit_name)
)

select * from matched

-- test: a member line names a member
select * from intermediate.int_dhis2__unit_members where member_code is null
