-- grain: one row per report expected: dataset x reporting unit x period, with its due date and what expects it (a calendar line or a default)
-- depends on: intermediate.int_reporting_datasets, intermediate.int_reporting_figures, intermediate.int_dhis2__org_units, intermediate.int_dhis2__unit_members, intermediate.int_crosswalk__lines, staging.stg_reference__expected_reports, staging.stg_lake__runs, core.fct_missions, core.dim_period
-- The reporting calendar. Without a calendar line, the defaults: each Samusocial service monthly
-- from its first report on; each DHIS2 data set by its period type at the org units it is assigned
-- to, over the periods its elements have values for (first to last, at any of its units); each
-- mission sheet once its mission has ended. Periodic reports are expected up to the last period
-- that ended before the latest run (never into the future), and are due days_allowed days after
-- their period's end (a mission sheet: after the mission's end).
-- A line of reference/expected_reports.csv replaces the defaults of what it names: a line naming a
-- reporting unit (a service as its mapping or its figures name it, a DHIS2 org unit by uid, code
-- or name, a mission id) replaces that unit's expectation in its dataset, and wins over a line
-- naming the unit's member, which replaces the defaults of each of the member's units in the
-- dataset (or, when the data know none, expects the member itself). A blank from is the unit's
-- first report, a blank to the last period before the run, blank days the dataset's default.
with run as (
    -- the build's today: the latest run, so that the same lake always gives the same calendar
    select cast(max(started_at) as date) as run_date from staging.stg_lake__runs
),

datasets as (
    select * from intermediate.int_reporting_datasets
),

figures as (
    select * from intermediate.int_reporting_figures
),

-- the units the data know, by dataset, with their defaults
dhis2_members as (
    select org_unit_uid, member_code
    from intermediate.int_dhis2__unit_members
    qualify row_number() over (partition by org_unit_uid order by depth desc, valid_from desc nulls last, line_number desc) = 1
),

dhis2_windows as (
    -- the periods a data set's elements have values for at the units it is assigned to
    select f.dataset, min(f.period_start) as first_start, max(f.period_end) as last_end
    from figures as f
    inner join datasets as d on d.dataset = f.dataset and list_contains(d.org_units, f.unit_code)
    where f.period_start is not null
    group by f.dataset
),

known_units as (
    -- Samusocial services and DHIS2 units that reported, with their first report
    select
        f.dataset, f.unit_code, arg_max(f.member, f.period_start) as member, arg_max(f.reporting_unit, f.period_start) as reporting_unit,
        arg_max(f.country_iso2, f.period_start) as country_iso2, min(f.period_start) as first_start, false as assigned,
        cast(null as date) as mission_end
    from figures as f
    where f.dataset <> 'missions'
    group by f.dataset, f.unit_code
),

assigned_units as (
    -- the org units each DHIS2 data set is assigned to, reported or not
    select d.dataset, u.org_unit_uid as unit_code, m.member_code as member, u.org_unit_name as reporting_unit, u.country_iso2,
        cast(null as date) as first_start, true as assigned, cast(null as date) as mission_end
    from datasets as d, unnest(d.org_units) as a(org_unit_uid)
    inner join intermediate.int_dhis2__org_units as u on u.org_unit_uid = a.org_unit_uid
    left join dhis2_members as m on m.org_unit_uid = u.org_unit_uid
    where d.dataset_kind = 'dhis2'
),

mission_units as (
    select 'missions' as dataset, mission_id as unit_code, member, mission_id as reporting_unit, country_iso2,
        start_date as first_start, false as assigned, end_date as mission_end
    from core.fct_missions
),

units as (
    select
        dataset, unit_code, coalesce(any_value(member) filter (where member is not null), 'unknown') as member,
        any_value(reporting_unit) as reporting_unit, any_value(country_iso2) as country_iso2, min(first_start) as first_start,
        bool_or(assigned) as assigned, max(mission_end) as mission_end
    from (
        select * from known_units
        union all by name
        select * from assigned_units
        union all by name
        select * from mission_units
    )
    group by dataset, unit_code
),

-- the calendar's lines, their dataset and what they name
calendar as (
    select
        c.*,
        coalesce(d.dataset, c.dataset) as dataset_code,
        -- later lines win: later run, then the file whose name sorts last, then the line further down
        dense_rank() over (order by c.run_id, c.source_file, c.source_line) as line_order
    from staging.stg_reference__expected_reports as c
    left join datasets as d
        on d.dataset = c.dataset or d.dataset_uid = c.dataset or label_key(d.dataset) = label_key(c.dataset)
        or label_key(d.dataset_name) = label_key(c.dataset)
    qualify row_number() over (partition by c.calendar_line order by (d.dataset = c.dataset) desc nulls last, d.dataset) = 1
),

organisation_lines as (
    select match_key, member_code, org_unit, country_iso2 from intermediate.int_crosswalk__lines where line_kind = 'organisation'
),

unit_lines as (
    -- a line naming a reporting unit, matched to a unit of its dataset when the data know it
    select
        c.*,
        coalesce(u.unit_code, coalesce(c.member, o.member_code, 'unknown') || ' / ' || coalesce(o.org_unit, c.reporting_unit))
            as matched_unit_code,
        o.member_code as mapped_member,
        o.org_unit as mapped_unit,
        o.country_iso2 as mapped_country
    from calendar as c
    left join organisation_lines as o on o.match_key = label_key(c.reporting_unit)
    left join intermediate.int_dhis2__org_units as ou
        on c.reporting_unit in (ou.org_unit_uid, ou.org_unit_code) or label_key(ou.org_unit_name) = label_key(c.reporting_unit)
    left join units as u
        on u.dataset = c.dataset_code
        and (u.unit_code = c.reporting_unit or u.unit_code = ou.org_unit_uid
            or label_key(u.reporting_unit) = label_key(c.reporting_unit)
            or (o.org_unit is not null and u.unit_code = o.member_code || ' / ' || o.org_unit))
        and (c.member is null or u.member = c.member)
    where c.reporting_unit is not null
    qualify row_number() over (partition by c.calendar_line order by u.unit_code nulls last, o.member_code nulls last) = 1
),

schedules as (
    -- what each unit is expected to send: its unit line(s), else its member's line(s), else the default
    select
        l.dataset_code as dataset, l.matched_unit_code as unit_code,
        coalesce(u.member, l.member, l.mapped_member, 'unknown') as member,
        coalesce(u.reporting_unit, l.mapped_unit, l.reporting_unit) as reporting_unit,
        coalesce(u.country_iso2, l.mapped_country) as country_iso2,
        l.frequency, coalesce(l.from_date, u.first_start) as from_date, l.to_date, l.days_allowed, u.mission_end,
        'calendar' as expected_by, l.calendar_line, l.line_order
    from unit_lines as l
    left join units as u on u.dataset = l.dataset_code and u.unit_code = l.matched_unit_code
    union all
    select
        c.dataset_code, coalesce(u.unit_code, c.member), c.member, coalesce(u.reporting_unit, c.member), u.country_iso2,
        c.frequency, coalesce(c.from_date, u.first_start), c.to_date, c.days_allowed, u.mission_end, 'calendar', c.calendar_line,
        c.line_order
    from calendar as c
    left join units as u on u.dataset = c.dataset_code and u.member = c.member
    where c.reporting_unit is null
        and coalesce(u.unit_code, c.member) not in (select matched_unit_code from unit_lines where dataset_code = c.dataset_code)
    union all
    select
        u.dataset, u.unit_code, u.member, u.reporting_unit, u.country_iso2, d.frequency,
        case when d.dataset_kind = 'dhis2' then w.first_start else u.first_start end,
        case when d.dataset_kind = 'dhis2' then w.last_end end,
        null, u.mission_end,
        case d.dataset_kind
            when 'samusocial' then 'default: monthly from the first report'
            when 'missions' then 'default: the sheet after the mission ends'
            else 'default: the data set''s period type at its assigned org units'
        end,
        null,
        null
    from units as u
    inner join datasets as d on d.dataset = u.dataset
    left join dhis2_windows as w on w.dataset = u.dataset
    where (d.dataset_kind <> 'dhis2' or u.assigned)
        and not exists (select 1 from unit_lines as l where l.dataset_code = u.dataset and l.matched_unit_code = u.unit_code)
        and not exists (select 1 from calendar as c where c.dataset_code = u.dataset and c.reporting_unit is null and c.member = u.member)
),

periodic as (
    -- every period of the unit's frequency (core.dim_period) from the one holding its from date on
    select s.*, p.period, p.period_start, p.period_end
    from schedules as s
    cross join run as r
    inner join core.dim_period as p
        on p.period_type = s.frequency
        and p.period_end >= s.from_date
        and p.period_start <= coalesce(s.to_date, r.run_date)
    where s.frequency in ('month', 'quarter', 'year') and s.from_date is not null
),

missions as (
    -- the month of the mission's end (core.dim_period)
    select s.*, p.period, p.period_start, p.period_end
    from schedules as s
    inner join core.dim_period as p
        on p.period_type = 'month' and coalesce(s.to_date, s.mission_end) between p.period_start and p.period_end
    where s.frequency = 'mission' and coalesce(s.to_date, s.mission_end) is not null
        and (s.from_date is null or s.mission_end is null or s.mission_end >= s.from_date)
),

expected as (
    select
        p.*,
        cast(p.period_end + coalesce(p.days_allowed, d.days_allowed) as date) as due_date,
        coalesce(p.days_allowed, d.days_allowed) as days_allowed_used
    from periodic as p
    left join datasets as d on d.dataset = p.dataset
    where p.period_end <= coalesce(p.to_date, p.period_end) and p.period_end < (select run_date from run)
    union all by name
    select
        m.*,
        cast(coalesce(m.to_date, m.mission_end) + coalesce(m.days_allowed, d.days_allowed) as date) as due_date,
        coalesce(m.days_allowed, d.days_allowed) as days_allowed_used
    from missions as m
    left join datasets as d on d.dataset = m.dataset
    where coalesce(m.to_date, m.mission_end) < (select run_date from run)
),

labelled as (
    select
        -- ids
        dataset || ' | ' || unit_code || ' | ' || period as report_id,
        dataset,
        unit_code,
        -- who
        member,
        reporting_unit,
        country_iso2,
        -- period
        case frequency when 'mission' then 'month' else frequency end as period_type,
        period,
        period_start,
        period_end,
        -- when it is due, and what says so
        days_allowed_used as days_allowed,
        due_date,
        expected_by,
        calendar_line
    from expected
    -- two lines expecting the same report: the later line of the calendar says when it is due
    qualify row_number() over (partition by dataset, unit_code, period order by line_order desc nulls last) = 1
)

select * from labelled

-- test: one row per dataset, reporting unit and period
select report_id from intermediate.int_reporting_expected group by 1 having count(*) > 1

-- test: a report is due on or after its period's end, and is never expected for a period that has not ended
select * from intermediate.int_reporting_expected
where due_date < period_end or period_end >= (select cast(max(started_at) as date) from staging.stg_lake__runs)
