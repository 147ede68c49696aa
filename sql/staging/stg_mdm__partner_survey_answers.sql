-- grain: one row per partner-survey submission x score question of a published delivery (a submission without scores: one row, null item)
-- depends on: lake.partner_survey_answers
-- incremental: delivery_sha256 from lake.partner_survey_answers
with source as (
    select * from lake.partner_survey_answers
),

renamed as (
    select
        -- ids
        uuid,
        submission_id,
        score_item,
        delivery_sha256,
        run_id,
        -- provenance
        source_family,
        source_file,
        source_line,
        -- submission
        cast(submission_time as timestamp) as submission_time,
        cast(submission_date as date) as submission_date,
        validation_status,
        -- respondent, as answered
        country_raw,
        section_raw,
        partner_type_raw,
        -- score
        score
    from source
)

select * from renamed

-- test: scores are 1 to 5
select * from staging.stg_mdm__partner_survey_answers where score not between 1 and 5

-- test: one row per submission and score question in a delivery
select delivery_sha256, uuid, score_item, count(*) from staging.stg_mdm__partner_survey_answers group by all having count(*) > 1
