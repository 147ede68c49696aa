-- grain: one row per validation rule broken by a source row; errors reject the row, warnings keep it
-- depends on: core.validation_results
select
    rule_id,
    severity,
    description_en,
    description_fr,
    detail,
    source_family,
    source_file,
    source_line,
    run_id,
    delivery_sha256
from core.validation_results
