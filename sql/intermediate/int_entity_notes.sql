-- grain: one row per delivery of the entity families with rows that loaded but do not count because another row or delivery replaces them, with the note the load report shows
-- depends on: intermediate.int_mdm__missions, intermediate.int_mdm__alerts, intermediate.int_mdm__survey_answers
-- Keys that real files repeat never stop the build: the row that counts replaces the others, and
-- the load report of the file that lost says which and to what.
with alerts_in_file as (
    select delivery_sha256,
        'alert ids given again further down the log, the later line counts: '
            || string_agg(alert_id || ' (line ' || source_line || ', replaced by line ' || replaced_by_line || ')', ', '
                order by source_line) as note
    from intermediate.int_mdm__alerts
    where replaced_by_file = source_file and not counts and not held
    group by 1
),

alerts_resent as (
    select delivery_sha256,
        'alerts given again in a later log, which counts: '
            || string_agg(alert_id || ' (' || replaced_by_file || ')', ', ' order by source_line) as note
    from intermediate.int_mdm__alerts
    where replaced_by_file <> source_file and not counts and not held
    group by 1
),

missions as (
    select delivery_sha256, 'mission ' || mission_id || ' is replaced by a later delivery (' || replaced_by_file || ')' as note
    from intermediate.int_mdm__missions
    where replaced_by_file is not null
),

survey as (
    select delivery_sha256,
        count(distinct uuid) || ' submissions exported again later (' || string_agg(distinct replaced_by_file, ', ')
            || '), where they count' as note
    from intermediate.int_mdm__survey_answers
    where replaced_by_file is not null
    group by 1
),

notes as (
    select * from alerts_in_file
    union all select * from alerts_resent
    union all select * from missions
    union all select * from survey
)

select delivery_sha256, string_agg(note, '; ' order by note) as notes
from notes
group by 1

-- test: one row per delivery
select delivery_sha256 from intermediate.int_entity_notes group by 1 having count(*) > 1
