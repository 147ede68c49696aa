-- grain: one row per source row of the entity families held at build time by a source test (mission, patient, partnership, alert, advocacy action, target), with the test and the reason
-- depends on: intermediate.int_mdm__missions, intermediate.int_mdm__surgical_patients, intermediate.int_mdm__partnerships, intermediate.int_mdm__alerts, intermediate.int_reference__advocacy_actions, intermediate.int_reference__targets
-- What was a read-time reject because a label was unknown is a source test now: the row stays in
-- the lake, is held here (and so in intermediate.int_quarantine, marts.quarantine, and counted as
-- rejected in marts.load_report), and counts as soon as the mapping line is added and the
-- warehouse rebuilt. The reasons are the readers' former ones; detail is the label in question
-- (never a patient's value: a patient is held only with its mission).
with missions as (
    select delivery_sha256, run_id, source_family, source_file, source_line,
        'mission labels are known' as source_test,
        held_because as reason, concat_ws('; ', case when section_unknown then section_raw end,
            case when status_unknown then status_raw end) as detail
    from intermediate.int_mdm__missions
    where held
),

patients as (
    select delivery_sha256, run_id, source_family, source_file, source_line, 'mission is counted' as source_test,
        'belongs to mission ' || mission_id || ', which is held: ' || replace(left_out_because, 'held in quarantine: ', '') as reason,
        cast(null as varchar) as detail
    from intermediate.int_mdm__surgical_patients
    where held
),

partnerships as (
    select delivery_sha256, run_id, source_family, source_file, source_line, 'partnership labels are known' as source_test,
        held_because as reason, concat_ws('; ', case when section_unknown then section_raw end,
            case when type_unknown then partnership_type_raw end, case when agreement_unknown then agreement_raw end) as detail
    from intermediate.int_mdm__partnerships
    where held
),

alerts as (
    select delivery_sha256, run_id, source_family, source_file, source_line, 'alert labels are known' as source_test,
        held_because as reason, concat_ws('; ', case when category_unknown or level_contradicts then category_raw end,
            case when level_unknown or level_contradicts then level_raw end, case when section_unknown then section_raw end)
            as detail
    from intermediate.int_mdm__alerts
    where held
),

advocacy_actions as (
    select delivery_sha256, run_id, source_family, source_file, source_line, 'member is known' as source_test,
        held_because as reason, member_raw as detail
    from intermediate.int_reference__advocacy_actions
    where held
),

targets as (
    select delivery_sha256, run_id, source_family, source_file, source_line, 'target codes are known' as source_test,
        held_because as reason, concat_ws('; ', case when not indicator_known then indicator_code end,
            case when member_raw is not null and member is null then member_raw end,
            case when country_raw is not null and country_iso2 is null then country_raw end) as detail
    from intermediate.int_reference__targets
    where held
),

held as (
    select * from missions
    union all by name select * from patients
    union all by name select * from partnerships
    union all by name select * from alerts
    union all by name select * from advocacy_actions
    union all by name select * from targets
)

select * from held

-- test: a held row says why
select * from intermediate.int_entity_source_tests where reason is null or reason = '' or source_test is null
