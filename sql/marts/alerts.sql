-- grain: one row per red/orange-line alert (key: alert_key, the log's alert_id)
-- depends on: core.fct_alerts
select
    -- ids
    alert_key,
    alert_id,
    -- alert
    level,
    category,
    date_raised,
    date_closed,
    alert_status,
    -- where and who
    country_iso2,
    partner,
    member,
    -- provenance
    source_file,
    source_line
from core.fct_alerts

-- test: alert_key is unique
select alert_key from marts.alerts group by 1 having count(*) > 1
