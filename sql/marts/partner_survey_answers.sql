-- grain: one row per partner-survey submission x score question (key: uuid, score_item)
-- depends on: core.fct_partner_survey_answers
select
    -- ids
    uuid,
    score_item,
    submission_id,
    -- submission
    submission_time,
    validation_status,
    -- respondent
    country_iso2,
    member,
    partner_type,
    -- score
    score,
    -- provenance
    source_file,
    source_line
from core.fct_partner_survey_answers

-- test: uuid + score_item is unique
select uuid, score_item from marts.partner_survey_answers group by all having count(*) > 1
