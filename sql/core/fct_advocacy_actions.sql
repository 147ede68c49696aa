-- grain: one row per advocacy action of the network's advocacy log
-- depends on: staging.stg_reference__advocacy_actions, ref.members
with actions as (
    select * from staging.stg_reference__advocacy_actions
),

deduplicated as (
    -- the same action delivered twice counts once
    select * from actions
    qualify row_number() over (partition by advocacy_action_key order by run_id desc, source_file desc, source_line desc) = 1
)

select
    -- ids
    advocacy_action_key,
    -- action
    theme,
    member,
    member_raw,
    action_date,
    description,
    service_users_involved,
    -- provenance
    source_file,
    source_line,
    delivery_sha256
from deduplicated

-- test: advocacy_action_key is unique
select advocacy_action_key from core.fct_advocacy_actions group by 1 having count(*) > 1

-- test: member is in the member list
select * from core.fct_advocacy_actions where member not in (select member_code from ref.members)
