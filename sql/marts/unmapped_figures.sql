-- grain: one row per source family x member x source code the crosswalk does not map yet (a measure, an HXL attribute, a DHIS2 category option, an organisation)
-- depends on: intermediate.int_unmapped_codes
-- What a member delivered that no mapping line turns into the network's codes yet: its figures are
-- in the lake and count in no indicator (a DHIS2 cell with an unmapped option counts in its
-- element's totals only) until a line is added. suggested_line is ready to paste into
-- mapping_file once its <placeholders> are filled in; then `palabre build` maps them, no re-read.
select
    -- ids
    source_family,
    member,
    code_kind,
    source_code,
    source_label,
    -- figures
    figures,
    files,
    first_period,
    last_period,
    first_period_start,
    last_period_end,
    example_file,
    example_line,
    -- the line to add
    mapping_file,
    suggested_line
from intermediate.int_unmapped_codes
order by figures desc, source_family, source_code

-- test: one row per family, member, kind and code, with at least one figure and a line to add
select source_family, member, code_kind, source_code
from marts.unmapped_figures
group by all
having count(*) > 1 or bool_or(figures < 1 or suggested_line is null or mapping_file is null)

-- test: every code of intermediate.int_unmapped_codes is here
select source_family, member, code_kind, source_code from intermediate.int_unmapped_codes
except all
select source_family, member, code_kind, source_code from marts.unmapped_figures
