-- grain: one row per advocacy action of the network's advocacy log
-- depends on: intermediate.int_reference__advocacy_actions, ref.members
-- The actions that count (intermediate.int_reference__advocacy_actions: member mapped, not held;
-- the same action delivered twice counts once).
with deduplicated as (
    select * from intermediate.int_reference__advocacy_actions where counts
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
