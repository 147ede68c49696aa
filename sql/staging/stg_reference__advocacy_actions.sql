-- grain: one row per advocacy action of the network's advocacy log of a published delivery, the member as written
-- depends on: lake.advocacy_actions
-- incremental: delivery_sha256 from lake.advocacy_actions
with source as (
    select * from lake.advocacy_actions
),

renamed as (
    select
        -- ids
        delivery_sha256,
        run_id,
        -- provenance
        source_family,
        source_file,
        source_line,
        -- action
        theme,
        member_raw,
        cast(action_date as date) as action_date,
        description,
        service_users_involved
    from source
)

select * from renamed

-- test: every action has a theme, a member and a date
select * from staging.stg_reference__advocacy_actions where theme is null or member_raw is null or action_date is null
