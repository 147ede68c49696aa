-- grain: one row per partner-survey submission x score question (natural key uuid, score_item)
-- depends on: intermediate.int_mdm__survey_answers, core.dim_country, ref.members
-- The submissions of the export that counts for each (intermediate.int_mdm__survey_answers: labels
-- mapped; a submission exported again counts once, from the later export).
with answers as (
    select * from intermediate.int_mdm__survey_answers where counts
),

enriched as (
    select
        -- ids
        uuid,
        score_item,
        submission_id,
        -- submission
        submission_time,
        submission_date,
        validation_status,
        -- respondent (unknown country: ZZ)
        coalesce(country_iso2, 'ZZ') as country_iso2,
        country_raw,
        member,
        section,
        partner_type,
        partner_type_raw,
        -- score
        score,
        -- provenance
        source_file,
        source_line,
        delivery_sha256
    from answers
)

select * from enriched

-- test: one row per submission and score question
select uuid, score_item from core.fct_partner_survey_answers group by all having count(*) > 1

-- test: member is in the member list
select * from core.fct_partner_survey_answers where member is not null and member not in (select member_code from ref.members)

-- test: country is an ISO 3166 code
select * from core.fct_partner_survey_answers where country_iso2 not in (select country_iso2 from core.dim_country)
